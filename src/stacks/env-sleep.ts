/**
 * How a branch env sleeps: its services' scheduled scaling (passed to FargateService), the asleep
 * rules behind its forward rules, and the schedules that swap them in, all from the base's `sleep`.
 * Protected envs get the rules (so `env sleep --force` can answer "asleep") but no schedules.
 */
import { Construct } from 'constructs';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { AsleepRules } from '../../modules/ingress/asleep-rules';
import { AsleepSchedule } from '../../modules/ingress/asleep-schedule';
import { BaseDefinition } from '../definitions/base-definition';
import { sleepCrons } from '../definitions/sleep-hours';
import { EnvNameParts } from '../names/env-resource-names';
import { asleepMessage, sleepNames } from '../sleep/sleep-names';

/** What FargateService takes for an env that can sleep. */
export interface ServiceSleep {
  readonly scalable: true;
  readonly sleepSchedule?: { readonly timeZone: string; readonly sleepCron: string; readonly wakeCron: string };
}

/** The services' part: a scalable target whenever the tier sleeps, the schedule unless the env is protected. */
export function serviceSleep(base: BaseDefinition, scheduled: boolean): ServiceSleep | undefined {
  if (!base.sleep) return undefined;
  if (!scheduled) return { scalable: true };
  const crons = sleepCrons(base.sleep);
  return { scalable: true, sleepSchedule: { timeZone: crons.timeZone, sleepCron: crons.sleep, wakeCron: crons.wake } };
}

export interface EnvAsleepProps {
  readonly base: BaseDefinition;
  readonly parts: EnvNameParts;
  /** Whether the env sleeps on the base's schedule (false for protected envs). */
  readonly scheduled: boolean;
  readonly listenerArn: string;
  readonly hosts: readonly string[];
  readonly forwardRules: readonly LbListenerRule[];
}

/** The asleep rules (`asleep_rule_<n>`) and, when scheduled, the schedules (`asleep_schedule_sleep|wake`). */
export function addEnvAsleep(scope: Construct, props: EnvAsleepProps): { rules: AsleepRules; schedule?: AsleepSchedule } | undefined {
  const { base, parts } = props;
  if (!base.sleep || props.hosts.length === 0 || props.forwardRules.length === 0) return undefined;
  const rules = new AsleepRules(scope, 'asleep', {
    listenerArn: props.listenerArn,
    hosts: props.hosts,
    message: asleepMessage(parts, props.scheduled ? base.sleep : undefined),
    forwardRules: props.forwardRules,
  });
  if (!props.scheduled) return { rules };
  const crons = sleepCrons(base.sleep);
  const names = sleepNames(parts);
  const inputs = rules.sleepPriorities();
  const schedule = new AsleepSchedule(scope, 'asleep_schedule', {
    sleepName: names.sleepSchedule,
    wakeName: names.wakeSchedule,
    roleName: names.role,
    accountId: base.accountId,
    timeZone: crons.timeZone,
    sleepCron: crons.sleep,
    wakeCron: crons.wake,
    ruleArns: [...rules.rules, ...props.forwardRules].map((r) => r.arn),
    sleepInput: inputs.sleep,
    wakeInput: inputs.wake,
  });
  return { rules, schedule };
}
