import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';

/** EventBridge Scheduler's universal target for ELBv2's SetRulePriorities (an AWS SDK call, no Lambda). */
export const SET_RULE_PRIORITIES_TARGET = 'arn:aws:scheduler:::aws-sdk:elasticloadbalancingv2:setRulePriorities';

export interface AsleepScheduleProps {
  /** Name of the sleep schedule (≤ 64 characters); the wake schedule's name ends in `-wake` instead. */
  readonly sleepName: string;
  readonly wakeName: string;
  /** Name of the role the scheduler assumes (≤ 64 characters). */
  readonly roleName: string;
  /** The account the schedules belong to: only its scheduler may assume the role. */
  readonly accountId: string;
  /** IANA time zone of the crons, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  /** When the env's hosts start answering "asleep": `cron(0 20 ? * MON-FRI *)`. */
  readonly sleepCron: string;
  /** When they route to the services again: `cron(0 7 ? * MON-FRI *)`. */
  readonly wakeCron: string;
  /** The listener rules whose priorities the schedules set; the role may set nothing else. */
  readonly ruleArns: readonly string[];
  /** `SetRulePriorities` input (JSON) that puts the env to sleep. */
  readonly sleepInput: string;
  /** `SetRulePriorities` input (JSON) that wakes it. */
  readonly wakeInput: string;
  /**
   * Tags of the role.
   * @default {}
   */
  readonly roleTags?: Readonly<Record<string, string>>;
}

/**
 * Two EventBridge Scheduler schedules that move the env's asleep rules in front of its forward
 * rules at sleep time and back at wake time, with a role allowed `SetRulePriorities` on those rules
 * only. The same crons and time zone as the services' scheduled scaling.
 */
export class AsleepSchedule extends Construct {
  public readonly role: IamRole;
  public readonly sleep: SchedulerSchedule;
  public readonly wake: SchedulerSchedule;

  constructor(scope: Construct, id: string, props: AsleepScheduleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
          },
        ],
      }),
      tags: props.roleTags ? { ...props.roleTags } : undefined,
    });
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'set-rule-priorities',
      role: this.role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'SwapAsleepRules', Effect: 'Allow', Action: ['elasticloadbalancing:SetRulePriorities'], Resource: [...props.ruleArns] }],
      }),
    });
    const schedule = (scheduleId: 'sleep' | 'wake', name: string, cron: string, input: string) =>
      new SchedulerSchedule(this, scheduleId, {
        name,
        description: `${scheduleId === 'sleep' ? 'Asleep answer first' : 'Services first again'} (branchenv sleep hours)`,
        scheduleExpression: cron,
        scheduleExpressionTimezone: props.timeZone,
        flexibleTimeWindow: { mode: 'OFF' },
        target: { arn: SET_RULE_PRIORITIES_TARGET, roleArn: this.role.arn, input, retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 } },
        dependsOn: [policy],
      });
    this.sleep = schedule('sleep', props.sleepName, props.sleepCron, props.sleepInput);
    this.wake = schedule('wake', props.wakeName, props.wakeCron, props.wakeInput);
  }
}
