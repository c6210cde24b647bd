/**
 * Names of an env's sleep resources, and the words its "asleep" answer says. Shared by the stack
 * (which creates them) and `env sleep` / `env wake` (which find the asleep rules by their answer).
 */
import { Tier } from '../definitions/base-definition';
import { envKey, EnvNameParts } from '../names/env-resource-names';
import { fitName } from '../names/fit-name';

/** EventBridge Scheduler schedule and IAM role names of one env (64 characters each). */
export function sleepNames(parts: EnvNameParts) {
  const key = `${parts.tier}-${envKey(parts)}`;
  return {
    sleepSchedule: fitName(`${key}-sleep`, 64, { suffix: '-sleep' }),
    wakeSchedule: fitName(`${key}-wake`, 64, { suffix: '-wake' }),
    role: fitName(`${key}-asleep`, 64, { suffix: '-asleep' }),
  };
}

/** The command that wakes the env, as its asleep answer and `env sleep` print it. */
export function wakeCommand(parts: EnvNameParts): string {
  return `scripts/env wake ${parts.env} --set ${parts.set}${parts.tier === 'stage' ? '' : ` --tier ${parts.tier}`}`;
}

/** First line of every asleep answer: how `env sleep` tells an asleep rule from any other fixed response. */
export const ASLEEP_HEADLINE = 'This env is asleep.';

/** The text the env's hosts answer with (503) while it sleeps. */
export function asleepMessage(parts: EnvNameParts, hours?: { readonly weekdays: string; readonly wakeAt: string; readonly sleepAt: string; readonly timeZone: string }): string {
  const when = hours ? ` It sleeps outside ${hours.weekdays} ${hours.wakeAt}-${hours.sleepAt} (${hours.timeZone}).` : '';
  return `${ASLEEP_HEADLINE}${when}\nWake it: ${wakeCommand(parts)}\n`;
}

/** Whether a tier's envs may sleep at all: the base names sleep hours. */
export function tierSleeps(base: { readonly tier: Tier; readonly sleep?: unknown }): boolean {
  return base.sleep !== undefined;
}

/** IAM actions `env sleep` and `env wake` need (README). */
export const SLEEP_IAM_ACTIONS = [
  'application-autoscaling:DescribeScalableTargets',
  'application-autoscaling:RegisterScalableTarget',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeRules',
  'elasticloadbalancing:SetRulePriorities',
] as const;
