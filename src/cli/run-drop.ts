import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { nameOf } from '../env/env-target';
import type { LoadedEnv } from '../env/prepare-env';
import { envNames } from '../names/env-resource-names';
import { deleteEnvSecrets } from '../secrets/delete-env-secrets';
import { listEnvSecretNames } from '../secrets/list-env-secret-names';
import { secretsClientFor } from '../secrets/secrets-client';
import { UserError } from '../errors/user-error';
import { operationCount } from '../report/plan-summary';
import { applyPlan } from '../terraform/workspace';
import { progressTracker } from './apply-progress';
import type { DropArgs } from './command-args';
import { selectorFromArgs } from './env-options';
import { printPlan } from './print-plan';
import { confirm } from './prompt';
import { refuseLocal } from './run-apply';
import { runPlan } from './run-plan';
import { loadBase } from '../definitions/tiers';
import { loadServiceSet } from '../definitions/service-sets';
import { envStateKey } from '../names/state-keys';
import { readEnvState, s3ClientFor } from '../state/env-states';
import { protectedEnvs } from './settings';

/** Refuses to drop a protected env unless forced; names what to do instead. */
export function refuseProtected(envName: string, force: boolean, protectedNames: readonly string[] = protectedEnvs()): void {
  if (protectedNames.includes(envName) && !force) {
    throw new UserError(
      `${envName} is a protected env (protected: ${protectedNames.join(', ')}; set by BRANCHENV_PROTECTED_ENVS, default develop, main, master, prod)`,
      'pass --force if you really mean to destroy it',
    );
  }
}

/** What drop reaches besides terraform; tests replace it. */
export interface DropSeams {
  /** The Secrets Manager client of the env's secrets. @default secretsClientFor */
  readonly secretsClientFor?: (region: string) => Promise<SecretsManagerClient>;
}

export async function runDrop(args: DropArgs, seams: DropSeams = {}): Promise<void> {
  // What cannot happen at all is said before what needs --force.
  refuseLocal(args, 'drop');
  const name = nameOf(selectorFromArgs(args, process.cwd())).name;
  refuseProtected(name, args.force);
  if (await nothingToDrop(args, name, seams)) return;
  const outcome = await runPlan(args, { destroy: true, placeholderImages: true });
  printPlan(outcome, false);
  const secrets = envSecretsOf(outcome.env, seams);
  if (!outcome.summary.hasChanges) {
    const left = await secrets.names();
    if (left.length === 0) {
      process.stderr.write(`${outcome.env.name} has nothing to destroy\n`);
      return;
    }
    process.stderr.write(`${outcome.env.name} has nothing left to destroy in Terraform, but still has env secrets: ${left.join(', ')}\n`);
    if (!args.yes && !(await confirm(`Delete the env secrets of ${outcome.env.name}?`, '--yes (-D)'))) throw new UserError('not dropped', 'nothing changed');
    await secrets.deleteAll();
    return;
  }
  if (!args.yes && !(await confirm(`Destroy every resource of ${outcome.env.name}?`, '--yes (-D)'))) {
    throw new UserError('not dropped', 'nothing changed');
  }
  await applyPlan(outcome.workspace, progressTracker(operationCount(outcome.summary), (line) => process.stderr.write(`${line}\n`)));
  process.stderr.write(`dropped ${outcome.env.name}\n`);
  // Only after the destroy succeeded: a failed destroy leaves services that still read them.
  await secrets.deleteAll();
}

/** The env's secrets (src/secrets), listed or deleted with one lazily built client. */
function envSecretsOf(env: LoadedEnv, seams: DropSeams) {
  const prefix = envNames({ tier: env.base.tier, set: env.set.name, env: env.name }).envSecretPrefix;
  const withClient = async <T>(work: (client: SecretsManagerClient) => Promise<T>): Promise<T> => {
    const client = await (seams.secretsClientFor ?? secretsClientFor)(env.base.region);
    try {
      return await work(client);
    } finally {
      client.destroy();
    }
  };
  return {
    names: () => withClient((client) => listEnvSecretNames(client, prefix)),
    /** Deletes every one and says which; a failure says the env itself is gone and how to finish. */
    deleteAll: async (): Promise<void> => {
      let deleted: string[];
      try {
        deleted = await withClient((client) => deleteEnvSecrets(client, prefix));
      } catch (error) {
        const reason = error instanceof UserError ? `${error.message}${error.hint ? `; ${error.hint}` : ''}` : (error as Error).message;
        throw new UserError(
          `the env secrets of ${env.name} (${prefix}*) were not deleted: ${reason}`,
          `run \`env drop ${env.name} --set ${env.set.name} --tier ${env.base.tier}\` again, or delete them with \`env secrets rm\``,
        );
      }
      if (deleted.length > 0) process.stderr.write(`deleted env secrets: ${deleted.join(', ')}\n`);
    },
  };
}

/**
 * An env with no state and no env secrets (a branch that never had one: CI drops on every closed pull
 * request) is said to be absent, without synthesizing or running terraform.
 */
async function nothingToDrop(args: DropArgs, name: string, seams: DropSeams): Promise<boolean> {
  const base = loadBase(args.tier);
  loadServiceSet(args.tier, args.set); // an unknown set is refused as everywhere
  const client = await s3ClientFor({ bucket: base.state.bucket, region: base.state.region });
  let state;
  try {
    state = await readEnvState(client, base.state.bucket, envStateKey(args.tier, args.set, name));
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`could not read the state bucket ${base.state.bucket}: ${(error as Error).message}`, 'check your AWS credentials and network: terraform needs the same access to the state');
  } finally {
    client.destroy();
  }
  if (state) return false;
  const secrets = await (seams.secretsClientFor ?? secretsClientFor)(base.region);
  try {
    if ((await listEnvSecretNames(secrets, envNames({ tier: args.tier, set: args.set, env: name }).envSecretPrefix)).length > 0) return false;
  } finally {
    secrets.destroy();
  }
  process.stderr.write(`no env ${name} in ${args.tier}/${args.set}: no state and no env secrets, nothing to drop\n`);
  return true;
}
