/**
 * What one env takes from its base's shared limits, counted from the planned services before any
 * Terraform runs: listener rules and target groups on the shared load balancer, the largest number
 * of condition values in one rule, the most inbound rules on one of its security groups, Cloud Map
 * instances and Fargate vCPUs, at the desired count and at autoscaling's max. An env with public
 * routes also has its "asleep" rules (one per 5 hosts, modules/ingress/asleep-rules.ts).
 */
import { PlannedService } from '../env/plan-services';
import { HOSTS_PER_ASLEEP_RULE } from '../../modules/ingress/asleep-rules';

export interface EnvNeeds {
  readonly listenerRules: number;
  readonly targetGroups: number;
  /** Condition values of the env's busiest rule (a host, and a path when not a catch-all). */
  readonly maxConditionValuesPerRule: number;
  /** Inbound rules of the env's busiest security group (callers, load balancer, metrics, …). */
  readonly maxInboundRulesPerSecurityGroup: number;
  readonly cloudMapInstances: { readonly desired: number; readonly max: number };
  readonly fargateVcpus: { readonly desired: number; readonly max: number };
}

/** Rules every service security group has besides callers and the load balancer: Envoy metrics from the VPC. */
const FIXED_INBOUND_RULES = 1;

export interface EnvNeedsOptions {
  /**
   * Count the env's asleep rules: its tier's base has sleep hours (`sleep`).
   * @default true: counted, the safe side when the caller does not know
   */
  readonly sleeps?: boolean;
}

export function envNeeds(services: readonly PlannedService[], options: EnvNeedsOptions = {}): EnvNeeds {
  const routes = services.flatMap((s) => s.routes);
  const hosts = new Set(routes.map((r) => r.host)).size;
  const asleepRules = (options.sleeps ?? true) ? Math.ceil(hosts / HOSTS_PER_ASLEEP_RULE) : 0;
  const count = (s: PlannedService) => {
    const desired = s.definition.desiredCount ?? 1;
    return { desired, max: Math.max(desired, s.definition.autoscaling?.max ?? desired) };
  };
  const sum = (pick: (s: PlannedService) => number) => services.reduce((total, s) => total + pick(s), 0);
  return {
    listenerRules: routes.length + asleepRules,
    targetGroups: services.filter((s) => s.isPublic).length,
    maxConditionValuesPerRule: Math.max(0, ...routes.map((r) => (r.path && r.path !== '/*' ? 2 : 1)), asleepRules > 0 ? Math.min(hosts, HOSTS_PER_ASLEEP_RULE) : 0),
    maxInboundRulesPerSecurityGroup: Math.max(0, ...services.map((s) => s.callers.length + (s.isPublic ? 1 : 0) + FIXED_INBOUND_RULES)),
    cloudMapInstances: { desired: sum((s) => count(s).desired), max: sum((s) => count(s).max) },
    fargateVcpus: {
      desired: sum((s) => (s.definition.cpu / 1024) * count(s).desired),
      max: sum((s) => (s.definition.cpu / 1024) * count(s).max),
    },
  };
}
