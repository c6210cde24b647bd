/**
 * `env sleep` / `env wake`: the env's services get min = max = 0 (sleep) or their normal bounds
 * (wake) in Application Auto Scaling, and its asleep rules swap priorities with its first forward
 * rules (src/sleep/rule-swap.ts, the same swap the sleep schedules make). Sleeping moves the rules
 * first (the hosts answer "asleep" at once), then stops the tasks; waking starts the tasks first.
 * An env already in the asked state is left alone and the command succeeds.
 */
import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { boundedClient } from '../aws/bounded-client';
import { UserError } from '../errors/user-error';
import type { LoadedEnv } from '../env/prepare-env';
import { planServices } from '../env/plan-services';
import { EnvRules, findEnvRules, setPriorities } from '../sleep/env-rules';
import { changedPriorities, planSwap } from '../sleep/rule-swap';
import { currentBounds, registerBounds, ServiceBounds } from '../sleep/service-capacity';
import { SLEEP_IAM_ACTIONS, wakeCommand } from '../sleep/sleep-names';
import type { SleepArgs } from './command-args';
import { loadEnvOf } from './env-context';
import { protectedEnvs } from './settings';

export interface SleepClients {
  readonly aas: ApplicationAutoScalingClient;
  readonly elb: ElasticLoadBalancingV2Client;
}

export interface SleepIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** @default sleepClients */
  readonly clientsFor?: (region: string) => Promise<SleepClients>;
}

const processIo = (): SleepIo => ({ out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });

/** Clients for the base's region from the default credential chain (AWS_ENDPOINT_URL_* honoured). */
export async function sleepClients(region: string): Promise<SleepClients> {
  const [{ ApplicationAutoScalingClient }, { ElasticLoadBalancingV2Client }] = await Promise.all([
    import('@aws-sdk/client-application-auto-scaling'),
    import('@aws-sdk/client-elastic-load-balancing-v2'),
  ]);
  const bounded = { region, ...boundedClient() };
  return { aas: new ApplicationAutoScalingClient(bounded), elb: new ElasticLoadBalancingV2Client(bounded) };
}

/** What the env has to sleep: every service's normal bounds, its target groups and hosts. */
export interface SleepTarget {
  readonly services: readonly ServiceBounds[];
  readonly targetGroups: readonly string[];
  readonly hosts: readonly string[];
}

export function sleepTarget(env: LoadedEnv): SleepTarget {
  // Names and hosts do not depend on images; planServices wants one per service.
  const images = Object.fromEntries(env.set.services.map((s) => [s.name, 'sleep.invalid/unused:sleep']));
  const planned = planServices({ base: env.base, set: env.set, env: env.name, images });
  return {
    services: planned.map((p) => {
      const desired = p.definition.desiredCount ?? 1;
      const bounds = p.definition.autoscaling ?? { min: desired, max: desired };
      return { service: p.definition.name, resourceId: `service/${env.base.vpcName}/${p.names.ecsService.value}`, min: bounds.min, max: bounds.max };
    }),
    targetGroups: planned.filter((p) => p.isPublic).map((p) => p.names.targetGroup.value),
    hosts: [...new Set(planned.flatMap((p) => p.routes.map((r) => r.host)))],
  };
}

function refuse(args: SleepArgs, env: LoadedEnv): void {
  if (args.local) throw new UserError(`${args.action} changes AWS; local mode has no AWS behind it`, 'run without --local, with credentials for the tier');
  const tier = env.base.tier;
  if (!env.base.sleep) {
    throw new UserError(
      `envs of the ${tier} base do not sleep: ${tier}/base.ts names no sleep hours`,
      tier === 'prod' ? 'prod envs never sleep' : `add sleep: { timeZone, weekdays, wakeAt, sleepAt } to ${tier}/base.ts and apply the env`,
    );
  }
  if (args.action === 'sleep' && !args.force && protectedEnvs().includes(env.name)) {
    throw new UserError(
      `${env.name} is a protected env (BRANCHENV_PROTECTED_ENVS; default develop, main, master, prod): it sleeps only when asked`,
      `env sleep ${env.name} --set ${env.set.name} --force`,
    );
  }
}

/** AWS's refusals in the tool's words; anything else unchanged. */
function awsError(error: unknown): unknown {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (name.includes('Credential') || name === 'UnrecognizedClientException' || name === 'ExpiredTokenException' || name === 'InvalidClientTokenId') {
    return new UserError(`no usable AWS credentials (${name})`, 'sign in to the account of the tier (aws sso login, AWS_PROFILE or AWS_* variables), then run again');
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new UserError(`access denied: ${(error as Error).message}`, `use credentials that allow ${SLEEP_IAM_ACTIONS.join(', ')}`);
  }
  return error;
}

export async function runSleep(args: SleepArgs, cwd: string, io: SleepIo = processIo()): Promise<void> {
  const env = loadEnvOf(args, cwd);
  refuse(args, env);
  const target = sleepTarget(env);
  const clients = await (io.clientsFor ?? sleepClients)(env.base.region);
  try {
    await sleepOrWake(args, env, target, clients, io);
  } catch (error) {
    throw awsError(error);
  } finally {
    clients.aas.destroy();
    clients.elb.destroy();
  }
}

async function sleepOrWake(args: SleepArgs, env: LoadedEnv, target: SleepTarget, clients: SleepClients, io: SleepIo): Promise<void> {
  const sleeping = args.action === 'sleep';
  const rules: EnvRules | undefined = target.targetGroups.length > 0 ? await findEnvRules(clients.elb, { env: env.name, ...target }) : undefined;
  if (rules && rules.asleep.length === 0) {
    throw new UserError(`${env.name} has no asleep rule on its load balancer yet`, `apply the env once (env apply ${env.name} --set ${env.set.name}): the asleep rule comes with it`);
  }
  const swap = rules ? planSwap(rules.asleep, rules.forward) : undefined;
  const priorities = rules && swap ? changedPriorities(sleeping ? swap.sleep : swap.wake, [...rules.asleep, ...rules.forward]) : [];
  const now = await currentBounds(clients.aas, target.services.map((s) => s.resourceId));
  const wanted = target.services.map((s) => (sleeping ? { ...s, min: 0, max: 0 } : s));
  const register = wanted.filter((s) => now.get(s.resourceId)?.min !== s.min || now.get(s.resourceId)?.max !== s.max);
  const changed = priorities.length > 0 || register.length > 0;

  if (sleeping) await setPriorities(clients.elb, priorities);
  for (const bounds of register) await registerBounds(clients.aas, bounds);
  if (!sleeping) await setPriorities(clients.elb, priorities);

  const state = sleeping ? 'asleep' : 'awake';
  if (args.json) {
    io.out(`${JSON.stringify({ env: env.name, set: env.set.name, tier: env.base.tier, state, changed, services: wanted.map((s) => ({ service: s.service, min: s.min, max: s.max })), rulesMoved: priorities.length })}\n`);
    return;
  }
  if (!changed) {
    io.out(`${env.name} is already ${sleeping ? 'asleep' : 'awake'}; nothing changed\n`);
    return;
  }
  for (const s of register) io.out(`${s.service}: ${sleeping ? 'scaled to 0' : `min ${s.min}, max ${s.max}`}\n`);
  if (priorities.length > 0) io.out(sleeping ? `hosts answer "asleep" (503) until woken\n` : 'hosts route to the services again\n');
  const parts = { tier: env.base.tier, set: env.set.name, env: env.name };
  io.out(
    sleeping
      ? `${env.name} is asleep. Wake it: ${wakeCommand(parts)}${protectedEnvs().includes(env.name) ? ' (a protected env has no wake time)' : ' (or it wakes at the base\'s next wake time)'}\n`
      : `${env.name} is waking: tasks start within a minute or two (env status ${env.name} --set ${env.set.name} --wait)\n`,
  );
}
