/**
 * The outputs of an env stack: who it is and who owns it (the owner record), where it answers, what
 * runs, its shard, its estimated cost and its database. Reviewers and the CLI read them from state.
 */
import { Construct } from 'constructs';
import { DataResource, Fn, TerraformOutput } from 'cdktf';
import { escapeTemplate } from '../../modules/common/escape-template';
import type { EnvDatabase } from '../../modules/database/env-database';
import { estimatedCostPerDay } from '../cost/env-cost-input';
import { BaseDefinition } from '../definitions/base-definition';
import { ServiceSetDefinition } from '../definitions/service-set';
import { EnvIdentity } from '../env/env-identity';
import { PlannedService } from '../env/plan-services';
import { envNames } from '../names/env-resource-names';
import { BaseRemoteState } from './base-remote-state';

export interface EnvOutputsInput {
  readonly base: BaseDefinition;
  readonly set: ServiceSetDefinition;
  readonly identity: EnvIdentity;
  /** @default 1 */
  readonly shard?: number;
  readonly planned: readonly PlannedService[];
  readonly baseState: BaseRemoteState;
  readonly database?: EnvDatabase;
  readonly logGroupName: string;
}

/** Adds the outputs to the env stack `stack` (ids are output names: they stay as they are). */
export function addEnvOutputs(stack: Construct, input: EnvOutputsInput): void {
  const { identity, base, set, planned } = input;
  // Stays at the first apply's time: later applies ignore the changed input.
  const created = new DataResource(stack, 'created', { input: { at: Fn.plantimestamp() }, lifecycle: { ignoreChanges: ['input'] } });
  const hosts = [...new Set(planned.flatMap((p) => p.routes.map((r) => r.host)))];
  const value = (name: string, v: unknown, description: string) => new TerraformOutput(stack, name, { value: v, description });
  value('env', identity.name, 'Env name');
  value('set', set.name, 'Service set');
  value('tier', base.tier, 'Tier');
  // The owner record (src/env/env-owner.ts): written as given, never evaluated by Terraform.
  value('branch', escapeTemplate(identity.branch), 'Branch that owns the env');
  value('commit', escapeTemplate(identity.commit), 'Commit the env was built from');
  value('urls', hosts.map((h) => `https://${h}`), 'Public URLs of the env');
  value('discovery_names', Object.fromEntries(planned.map((p) => [p.definition.name, p.discoveryFqdn])), 'Service discovery names inside the VPC');
  value('images', Object.fromEntries(planned.map((p) => [p.definition.name, p.image])), 'Image of each service');
  value('log_group', input.logGroupName, 'CloudWatch log group of the env');
  value('created_at', created.output.lookup('at'), 'When the env was first applied');
  value('expires_on', identity.expiresOn, 'Day after which reap may drop the env');
  value('shard', input.shard ?? 1, 'Ingress shard (load balancer) the env lives on; it stays there');
  const cost = estimatedCostPerDay(base, set, planned);
  if (cost !== undefined) value('estimated_cost_per_day', cost, 'Estimated cost of the env per day, USD (`env cost` shows how; plan.md the change)');
  if (input.database) {
    const name = envNames({ tier: base.tier, set: set.name, env: identity.name }).database.value;
    value(
      'database',
      { host: input.baseState.get('database_endpoint'), port: input.baseState.get('database_port'), name, user: name, secret_arn: input.database.secret.arn },
      'The env database: endpoint, name and user (the password is in the secret: `env show --reveal`)',
    );
  }
}
