import { BaseDefinition, SleepDefinition } from '../../src/definitions/base-definition';
import { loadBase } from '../../src/definitions/tiers';
import { baseProblems } from '../../src/definitions/validate-base';
import { sleepCrons, weeklyCron } from '../../src/definitions/sleep-hours';

const HOURS: SleepDefinition = { timeZone: 'Europe/Berlin', weekdays: 'MON-FRI', wakeAt: '07:00', sleepAt: '20:00' };
const stageWith = (sleep: Partial<SleepDefinition>): BaseDefinition => ({ ...loadBase('stage'), sleep: { ...HOURS, ...sleep } });
const sleepProblems = (def: BaseDefinition) => baseProblems(def).filter((p) => p.path.startsWith('sleep'));

describe('a base\'s sleep hours', () => {
  it('ship in stage: Europe/Berlin, MON-FRI, 07:00 to 20:00', () => {
    expect(loadBase('stage').sleep).toEqual(HOURS);
    expect(loadBase('prod').sleep).toBeUndefined();
  });

  it.each([
    ['UTC', 'MON-FRI', '07:00', '20:00'],
    ['America/New_York', 'MON,WED,FRI', '08:30', '18:45'],
    ['Asia/Kolkata', 'MON-WED,SAT', '00:00', '23:59'],
    // Overnight hours: awake from 22:00, asleep at 06:00.
    ['Europe/Berlin', 'SUN', '22:00', '06:00'],
  ])('accepts %s %s %s-%s', (timeZone, weekdays, wakeAt, sleepAt) => {
    expect(sleepProblems(stageWith({ timeZone, weekdays, wakeAt, sleepAt }))).toEqual([]);
  });

  it('refuses a time zone Intl does not know, naming an IANA example', () => {
    expect(sleepProblems(stageWith({ timeZone: 'Europe/Berlinn' }))).toEqual([{ path: 'sleep.timeZone', message: expect.stringMatching(/"Europe\/Berlinn" is not an IANA time zone such as Europe\/Berlin/) }]);
    expect(sleepProblems(stageWith({ timeZone: '' }))).toHaveLength(1);
  });

  it.each(['mon-fri', 'MON-FRY', 'MON--FRI', 'MON-WED-FRI', 'MON,', ''])('refuses weekdays %p', (weekdays) => {
    expect(sleepProblems(stageWith({ weekdays }))).toEqual([{ path: 'sleep.weekdays', message: expect.stringMatching(/range or list of MON, TUE, WED, THU, FRI, SAT, SUN/) }]);
  });

  it('refuses a range that runs backwards, and says how to write it', () => {
    expect(sleepProblems(stageWith({ weekdays: 'FRI-MON' }))).toEqual([{ path: 'sleep.weekdays', message: expect.stringMatching(/"FRI-MON" does not run forward.*FRI-SUN,MON/) }]);
  });

  it.each(['7:00', '24:00', '07:60', '0700', '07:00 '])('refuses the time %p', (time) => {
    expect(sleepProblems(stageWith({ wakeAt: time, sleepAt: time === '07:00 ' ? '20:00' : time })).map((p) => p.path)).toContain('sleep.wakeAt');
  });

  it('refuses sleeping and waking at the same minute', () => {
    expect(sleepProblems(stageWith({ sleepAt: '07:00' }))).toEqual([{ path: 'sleep.sleepAt', message: expect.stringMatching(/equals wakeAt \(07:00\).*e\.g\. 20:00/) }]);
  });

  it('refuses sleep in prod with what to change', () => {
    expect(sleepProblems({ ...loadBase('prod'), sleep: HOURS })).toEqual([{ path: 'sleep', message: expect.stringMatching(/prod envs never sleep on a schedule.*remove sleep from prod\/base\.ts/) }]);
  });
});

describe('sleep hours as AWS cron expressions', () => {
  it('writes minutes and hours without leading zeros, any day of month, the weekdays as given', () => {
    expect(sleepCrons(HOURS)).toEqual({ timeZone: 'Europe/Berlin', sleep: 'cron(0 20 ? * MON-FRI *)', wake: 'cron(0 7 ? * MON-FRI *)' });
    expect(weeklyCron('08:05', 'MON,WED')).toBe('cron(5 8 ? * MON,WED *)');
  });

  it('refuses to build one from invalid hours', () => {
    expect(() => weeklyCron('8:05', 'MON')).toThrow(/not valid sleep hours/);
  });
});
