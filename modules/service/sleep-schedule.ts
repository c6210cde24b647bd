import { Construct } from 'constructs';
import { AppautoscalingScheduledAction } from '@cdktf/provider-aws/lib/appautoscaling-scheduled-action';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';

export interface SleepScheduleProps {
  /** The service's scalable target (ECS desired count). */
  readonly target: AppautoscalingTarget;
  /** Prefix of the scheduled actions' names (the ECS service name): `<prefix>-sleep`, `<prefix>-wake`. */
  readonly namePrefix: string;
  /** IANA time zone the crons are read in, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  /** When the service scales to 0: `cron(0 20 ? * MON-FRI *)`. */
  readonly sleepCron: string;
  /** When it comes back: `cron(0 7 ? * MON-FRI *)`. */
  readonly wakeCron: string;
  /** The service's normal lowest task count (autoscaling's min, or the desired count). */
  readonly min: number;
  /** The service's normal highest task count (autoscaling's max, or the desired count). */
  readonly max: number;
}

/**
 * Two scheduled actions on a service's scalable target: `sleep` sets min and max to 0 (App Auto
 * Scaling then stops every task), `wake` restores the normal min and max (it starts min tasks).
 * Wake waits for sleep: App Auto Scaling refuses concurrent changes to one target's actions.
 */
export class SleepSchedule extends Construct {
  public readonly sleep: AppautoscalingScheduledAction;
  public readonly wake: AppautoscalingScheduledAction;

  constructor(scope: Construct, id: string, props: SleepScheduleProps) {
    super(scope, id);
    if (props.min > props.max) throw new Error(`sleep schedule of ${props.namePrefix}: min ${props.min} is above max ${props.max}`);
    const on = {
      serviceNamespace: props.target.serviceNamespace,
      scalableDimension: props.target.scalableDimension,
      resourceId: props.target.resourceId,
      timezone: props.timeZone,
    };
    this.sleep = new AppautoscalingScheduledAction(this, 'sleep', {
      ...on,
      name: `${props.namePrefix}-sleep`,
      schedule: props.sleepCron,
      scalableTargetAction: { minCapacity: '0', maxCapacity: '0' },
    });
    this.wake = new AppautoscalingScheduledAction(this, 'wake', {
      ...on,
      name: `${props.namePrefix}-wake`,
      schedule: props.wakeCron,
      scalableTargetAction: { minCapacity: String(props.min), maxCapacity: String(props.max) },
      dependsOn: [this.sleep],
    });
  }
}
