/**
 * A base's sleep hours (`sleep` in the base definition) read and turned into the cron expressions
 * Application Auto Scaling and EventBridge Scheduler take (`cron(M H ? * DAYS *)`, in the time
 * zone given beside them). Pure: no AWS, no CDKTF.
 */
import { SleepDefinition } from './base-definition';

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** What is wrong with a weekday expression (`MON-FRI`, `MON,WED,FRI`, `MON-WED,SAT`), or undefined. */
export function weekdaysProblem(weekdays: string): string | undefined {
  const parts = weekdays.split(',');
  for (const part of parts) {
    const ends = part.split('-');
    if (ends.length > 2 || ends.some((day) => !(WEEKDAYS as readonly string[]).includes(day))) {
      return `"${weekdays}" is not a range or list of ${WEEKDAYS.join(', ')} (uppercase), such as MON-FRI or MON,WED,FRI`;
    }
    if (ends.length === 2 && WEEKDAYS.indexOf(ends[0] as never) >= WEEKDAYS.indexOf(ends[1] as never)) {
      return `"${part}" does not run forward from MON to SUN; write it as a list, e.g. FRI-SUN,MON for ${ends[0]} to ${ends[1]}`;
    }
  }
  return undefined;
}

/** What is wrong with an `HH:MM` time, or undefined. */
export function timeProblem(time: string): string | undefined {
  return TIME.test(time) ? undefined : `"${time}" is not a 24-hour time HH:MM such as 07:00 or 20:30`;
}

/** Zones found valid so far: building a formatter costs ~0.15 ms, and every env's synthesis validates its base again. */
const knownZones = new Set<string>();

/** Whether Intl (and so the IANA time zone database) knows the zone. */
export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (zone.length === 0) return false;
  knownZones.add(zone);
  return true;
}

/** `cron(M H ? * DAYS *)` at `time` (HH:MM) on `weekdays`: the form both AWS schedulers accept. */
export function weeklyCron(time: string, weekdays: string): string {
  const match = TIME.exec(time);
  if (!match || weekdaysProblem(weekdays)) throw new Error(`not valid sleep hours: ${time} on ${weekdays}`);
  return `cron(${Number(match[2])} ${Number(match[1])} ? * ${weekdays} *)`;
}

/** The two schedules of the sleep hours, in the base's time zone. */
export interface SleepCrons {
  readonly timeZone: string;
  /** When envs scale to 0. */
  readonly sleep: string;
  /** When they come back. */
  readonly wake: string;
}

export function sleepCrons(sleep: SleepDefinition): SleepCrons {
  return { timeZone: sleep.timeZone, sleep: weeklyCron(sleep.sleepAt, sleep.weekdays), wake: weeklyCron(sleep.wakeAt, sleep.weekdays) };
}
