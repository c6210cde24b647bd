/**
 * Whether one service of an env is steady, and if not, what is wrong: a pure function over what
 * ECS and the load balancer said (src/aws/), so every case is testable without AWS.
 *
 * - `steady`: running == desired > 0, one deployment, rollout COMPLETED (or no circuit breaker),
 *   every registered target healthy (public services).
 * - `progressing`: not there yet, and waiting may help (tasks pending, rollout in progress, targets
 *   initial or unhealthy while ECS replaces them).
 * - `failed`: waiting will not help: the service is missing or not ACTIVE, its desired count is 0,
 *   its target group is missing, or the circuit breaker failed the rollout or rolled it back.
 */
import type { ServiceSnapshot } from '../aws/ecs-services';
import type { RunningTask } from '../aws/ecs-tasks';
import type { TargetGroupHealth } from '../aws/target-health';

export type Verdict = 'steady' | 'progressing' | 'failed';

/** What was read about one service of the env. */
export interface ServiceObservation {
  /** Service name in the set (`api`). */
  readonly service: string;
  /** ECS service name (`demo-feature-x--api`). */
  readonly ecsName: string;
  /** Undefined when ECS does not know the service. */
  readonly snapshot?: ServiceSnapshot;
  readonly tasks: readonly RunningTask[];
  /** The service's target group; undefined for a service without routes. */
  readonly targets?: TargetGroupHealth;
}

export interface ServiceVerdict {
  readonly service: string;
  readonly verdict: Verdict;
  /** The circuit breaker failed the newest rollout or rolled the service back. */
  readonly rolledBack: boolean;
  /** One line each, empty when steady. */
  readonly problems: readonly string[];
}

export interface VerdictOptions {
  /**
   * Rollback events (`rolling back to deployment …`) at or after this time count as a rollback;
   * when given, FAILED rollouts and rollback reasons count only on deployments created at or after it.
   * @default the creation time of the newest (PRIMARY) deployment
   */
  readonly since?: Date;
}

const ROLLBACK = /roll(ing|ed)?[ -]?back/i;

export function serviceVerdict(observation: ServiceObservation, options: VerdictOptions = {}): ServiceVerdict {
  const { service, snapshot } = observation;
  const failed: string[] = [];
  const waiting: string[] = [];
  if (!snapshot) {
    return { service, verdict: 'failed', rolledBack: false, problems: [`ECS service ${observation.ecsName} not found in the cluster (not applied yet?)`] };
  }
  if (snapshot.status !== 'ACTIVE') failed.push(`ECS service ${snapshot.name} is ${snapshot.status}`);

  const primary = snapshot.deployments.find((d) => d.status === 'PRIMARY');
  const since = options.since ?? primary?.createdAt;
  // With an explicit since (apply: its start), deployments created before it (an earlier, finished
  // rollback) do not count; one without a creation time is kept.
  const counted = options.since === undefined ? snapshot.deployments : snapshot.deployments.filter((d) => d.createdAt === undefined || d.createdAt.getTime() >= (options.since as Date).getTime());
  const failedRollout = counted.find((d) => d.rolloutState === 'FAILED');
  const rollbackReason = counted.find((d) => d.rolloutStateReason && ROLLBACK.test(d.rolloutStateReason));
  const rollbackEvent = snapshot.events.find((e) => ROLLBACK.test(e.message) && (since === undefined || (e.at !== undefined && e.at.getTime() >= since.getTime())));
  const rolledBack = failedRollout !== undefined || rollbackReason !== undefined || rollbackEvent !== undefined;
  if (failedRollout) failed.push(`ROLLOUT FAILED: deployment ${failedRollout.id}${failedRollout.rolloutStateReason ? `: ${failedRollout.rolloutStateReason}` : ''}`);
  if (rollbackReason && rollbackReason !== failedRollout) failed.push(`ROLLED BACK: ${rollbackReason.rolloutStateReason}`);
  if (rollbackEvent && !failedRollout && !rollbackReason) failed.push(`ROLLED BACK: ${rollbackEvent.message}`);

  if (snapshot.desired === 0) failed.push('desired count is 0: no task will run (asleep? `env wake` starts it)');
  else if (snapshot.running < snapshot.desired) {
    waiting.push(`${snapshot.running} of ${snapshot.desired} tasks running${snapshot.pending > 0 ? `, ${snapshot.pending} pending` : ''}`);
  } else if (snapshot.running > snapshot.desired) waiting.push(`${snapshot.running} tasks running, ${snapshot.desired} desired (old tasks stopping)`);
  if (primary?.rolloutState === 'IN_PROGRESS') waiting.push(`rollout of ${revisionOf(primary.taskDefinition) ?? 'the newest deployment'} in progress`);
  const older = snapshot.deployments.filter((d) => d.status !== 'PRIMARY' && d.rolloutState !== 'FAILED');
  if (older.length > 0 && !rolledBack) waiting.push(`${older.length} older deployment${older.length === 1 ? '' : 's'} still running tasks`);

  const targets = observation.targets;
  if (targets) {
    if (!targets.found) failed.push(`target group ${targets.name} not found`);
    else {
      const live = targets.targets.filter((t) => t.state !== 'draining');
      const healthy = live.filter((t) => t.state === 'healthy').length;
      for (const t of live.filter((t) => t.state !== 'healthy')) {
        waiting.push(`target ${t.id}${t.port ? `:${t.port}` : ''} ${t.state}${t.reason ? ` (${t.reason}${t.description ? `: ${t.description}` : ''})` : ''}`);
      }
      if (healthy < snapshot.desired) waiting.push(`${healthy} of ${snapshot.desired} targets healthy`);
    }
  }

  const verdict: Verdict = failed.length > 0 ? 'failed' : waiting.length > 0 ? 'progressing' : 'steady';
  return { service, verdict, rolledBack, problems: [...failed, ...waiting] };
}

/** The worst verdict of the services: failed, else progressing, else steady (steady for none). */
export function envVerdict(verdicts: readonly Pick<ServiceVerdict, 'verdict'>[]): Verdict {
  if (verdicts.some((v) => v.verdict === 'failed')) return 'failed';
  if (verdicts.some((v) => v.verdict === 'progressing')) return 'progressing';
  return 'steady';
}

/** `arn:…:task-definition/stage-demo-x--api:12` → `stage-demo-x--api:12`. */
export function revisionOf(taskDefinitionArn: string | undefined): string | undefined {
  if (!taskDefinitionArn) return undefined;
  const slash = taskDefinitionArn.lastIndexOf('/');
  return slash >= 0 ? taskDefinitionArn.slice(slash + 1) : taskDefinitionArn;
}

/** The tag of an image reference (`…/api:feature-x-3-abc` → `feature-x-3-abc`), or its digest, or the reference. */
export function imageTagOf(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? image.slice(colon + 1) : image;
}
