import { BaseDefinition } from './base-definition';
import { isTimeZone, timeProblem, weekdaysProblem } from './sleep-hours';

/** Problems of a base's `sleep`: a zone Intl knows, weekdays, times, and no sleep in prod. */
export function baseSleepProblems(def: BaseDefinition, add: (path: string, message: string) => void): void {
  const sleep = def.sleep;
  if (!sleep) return;
  if (def.tier === 'prod') {
    add('sleep', 'prod envs never sleep on a schedule (they serve users at any hour); remove sleep from prod/base.ts');
    return;
  }
  if (!isTimeZone(sleep.timeZone)) add('sleep.timeZone', `"${sleep.timeZone}" is not an IANA time zone such as Europe/Berlin or UTC`);
  const days = weekdaysProblem(sleep.weekdays);
  if (days) add('sleep.weekdays', days);
  const wake = timeProblem(sleep.wakeAt);
  if (wake) add('sleep.wakeAt', wake);
  const asleep = timeProblem(sleep.sleepAt);
  if (asleep) add('sleep.sleepAt', asleep);
  if (!wake && !asleep && sleep.wakeAt === sleep.sleepAt) {
    add('sleep.sleepAt', `equals wakeAt (${sleep.wakeAt}): envs would wake and sleep at once; set the end of the working day, e.g. 20:00`);
  }
}
