/**
 * Whether a new env fits its base before any Terraform runs: its shard's load balancer, the limits
 * one env meets on its own (conditions per rule, inbound rules per security group), the tier's
 * Cloud Map namespace and the account's Fargate vCPU quota. A need at the desired count that does
 * not fit is refused; one that fits only until autoscaling reaches its max is a warning.
 */
import { UserError } from '../errors/user-error';
import type { EnvState } from '../state/env-states';
import { AWS_LIMITS } from './aws-limits';
import { EnvNeeds } from './env-needs';
import { envsThatFit, ShardUse } from './place-env';
import { BASE_USE_OF_SHARD_ONE } from './choose-shard';

/** The account's Fargate vCPU quotas (Service Quotas); undefined: not known (local mode, no access). */
export interface FargateQuotas {
  readonly onDemandVcpus?: number;
  readonly spotVcpus?: number;
}

export interface CapacityCheckInput {
  readonly needs: EnvNeeds;
  readonly shard: number;
  /** Use of every shard by the other envs. */
  readonly use: readonly ShardUse[];
  /** The tier's other envs. */
  readonly others: readonly EnvState[];
  readonly quotas: FargateQuotas;
  /** The env's tasks run on Fargate Spot (stage). */
  readonly spot: boolean;
  /** For messages. */
  readonly baseFile: string;
  readonly setFile: string;
}

export interface CapacityVerdict {
  /** The first limit the env would pass at its desired count, as the error to throw. */
  readonly refusal?: UserError;
  /** Limits it would pass only when autoscaling reaches its max. */
  readonly warnings: readonly string[];
}

const round = (n: number) => Math.round(n * 100) / 100;

export function checkCapacity(input: CapacityCheckInput): CapacityVerdict {
  const { needs } = input;
  const warnings: string[] = [];
  const refuse = (message: string, hint: string): CapacityVerdict => ({ refusal: new UserError(message, hint), warnings });

  const shardUse = input.use.find((u) => u.shard === input.shard) ?? { shard: input.shard, listenerRules: 0, targetGroups: 0 };
  if (envsThatFit(shardUse, needs, input.shard === 1 ? BASE_USE_OF_SHARD_ONE : { rules: 0, targetGroups: 0 }) < 1) {
    return refuse(
      `ingress shard ${input.shard} has no room for this env (${needs.listenerRules} listener rules, ${needs.targetGroups} target groups; in use ${shardUse.listenerRules}/${AWS_LIMITS.rulesPerLoadBalancer.value} rules, ${shardUse.targetGroups}/${AWS_LIMITS.targetGroupsPerLoadBalancer.value} target groups)`,
      `leave out --shard to place it where there is room, or ${AWS_LIMITS.rulesPerLoadBalancer.whenReached} (ingress.shards in ${input.baseFile})`,
    );
  }
  if (needs.maxConditionValuesPerRule > AWS_LIMITS.conditionValuesPerRule.value) {
    return refuse(`a listener rule of this env has ${needs.maxConditionValuesPerRule} condition values; AWS allows ${AWS_LIMITS.conditionValuesPerRule.value}`, `${AWS_LIMITS.conditionValuesPerRule.whenReached} in ${input.setFile}`);
  }
  if (needs.maxInboundRulesPerSecurityGroup > AWS_LIMITS.inboundRulesPerSecurityGroup.value) {
    return refuse(
      `a service of this env needs ${needs.maxInboundRulesPerSecurityGroup} inbound rules on its security group; AWS allows ${AWS_LIMITS.inboundRulesPerSecurityGroup.value}`,
      `${AWS_LIMITS.inboundRulesPerSecurityGroup.whenReached} (${input.setFile})`,
    );
  }

  const tasks = input.others.reduce((n, s) => n + s.fargate.tasks, 0);
  const namespaceLimit = AWS_LIMITS.instancesPerCloudMapNamespace.value;
  if (tasks + needs.cloudMapInstances.desired > namespaceLimit) {
    return refuse(`the tier's Cloud Map namespace holds ${tasks} of ${namespaceLimit} instances; this env adds ${needs.cloudMapInstances.desired}`, `${AWS_LIMITS.instancesPerCloudMapNamespace.whenReached}, or drop envs nobody uses (env reap)`);
  }
  if (tasks + needs.cloudMapInstances.max > namespaceLimit) {
    warnings.push(`at autoscaling's max this env would take the tier's Cloud Map namespace past ${namespaceLimit} instances (${tasks} in use)`);
  }

  const quota = input.spot ? input.quotas.spotVcpus : input.quotas.onDemandVcpus;
  if (quota !== undefined) {
    const kind = input.spot ? 'Fargate Spot' : 'Fargate On-Demand';
    const code = input.spot ? 'L-36FBB829' : 'L-3032A538';
    const used = round(input.others.reduce((n, s) => n + (input.spot ? s.fargate.spotVcpus : s.fargate.onDemandVcpus), 0));
    if (used + needs.fargateVcpus.desired > quota) {
      return refuse(
        `the account's ${kind} vCPU quota is ${quota}; the tier's envs use ${used} and this env needs ${round(needs.fargateVcpus.desired)}`,
        `request more in Service Quotas (${kind} vCPU resource count, ${code}), lower cpu or desiredCount in ${input.setFile}, or drop envs nobody uses (env reap)`,
      );
    }
    if (used + needs.fargateVcpus.max > quota) {
      warnings.push(`at autoscaling's max this env needs ${round(needs.fargateVcpus.max)} ${kind} vCPUs; with the ${used} in use that passes the quota of ${quota} (${code}): tasks beyond it will not start`);
    }
  }
  return { warnings };
}
