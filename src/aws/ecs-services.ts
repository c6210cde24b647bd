/**
 * ECS services of an env as they are now: counts, deployments (rollout state) and recent events,
 * read with DescribeServices (10 names per call). IAM: ecs:DescribeServices.
 */
import { DescribeServicesCommand, ECSClient, Service } from '@aws-sdk/client-ecs';

/** One deployment of a service (PRIMARY: the newest; ACTIVE: an older one still running tasks). */
export interface DeploymentSnapshot {
  readonly id: string;
  /** PRIMARY, ACTIVE or INACTIVE. */
  readonly status: string;
  /** COMPLETED, FAILED or IN_PROGRESS; absent when the circuit breaker is not on. */
  readonly rolloutState?: string;
  readonly rolloutStateReason?: string;
  readonly taskDefinition?: string;
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  readonly failedTasks: number;
  readonly createdAt?: Date;
}

/** A service event, as ECS words it (`(service x) has reached a steady state.`). */
export interface ServiceEvent {
  readonly at?: Date;
  readonly message: string;
}

export interface ServiceSnapshot {
  /** ECS service name. */
  readonly name: string;
  /** ACTIVE, DRAINING or INACTIVE (a deleted service is INACTIVE for a while). */
  readonly status: string;
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  /** Task definition ARN of the service (its newest deployment's). */
  readonly taskDefinition?: string;
  readonly deployments: readonly DeploymentSnapshot[];
  /** Newest first, at most `eventLimit`. */
  readonly events: readonly ServiceEvent[];
}

export interface DescribedServices {
  /** In the order asked, without the missing ones. */
  readonly services: readonly ServiceSnapshot[];
  /** Names ECS does not know in the cluster. */
  readonly missing: readonly string[];
}

export interface DescribeServicesOptions {
  /** Events kept per service, newest first. @default 20 */
  readonly eventLimit?: number;
}

/** DescribeServices takes at most 10 services per call. */
const BATCH = 10;

export async function describeEcsServices(client: ECSClient, cluster: string, names: readonly string[], options: DescribeServicesOptions = {}): Promise<DescribedServices> {
  const eventLimit = options.eventLimit ?? 20;
  const byName = new Map<string, ServiceSnapshot>();
  const batches: string[][] = [];
  for (let i = 0; i < names.length; i += BATCH) batches.push(names.slice(i, i + BATCH));
  for (const batch of batches) {
    const answer = await client.send(new DescribeServicesCommand({ cluster, services: batch }));
    for (const service of answer.services ?? []) {
      if (service.serviceName) byName.set(service.serviceName, snapshotOf(service, eventLimit));
    }
  }
  return {
    services: names.map((n) => byName.get(n)).filter((s): s is ServiceSnapshot => s !== undefined),
    missing: names.filter((n) => !byName.has(n)),
  };
}

function snapshotOf(service: Service, eventLimit: number): ServiceSnapshot {
  return {
    name: service.serviceName ?? '',
    status: service.status ?? 'UNKNOWN',
    desired: service.desiredCount ?? 0,
    running: service.runningCount ?? 0,
    pending: service.pendingCount ?? 0,
    taskDefinition: service.taskDefinition,
    deployments: (service.deployments ?? []).map((d) => ({
      id: d.id ?? '',
      status: d.status ?? 'UNKNOWN',
      rolloutState: d.rolloutState,
      rolloutStateReason: d.rolloutStateReason,
      taskDefinition: d.taskDefinition,
      desired: d.desiredCount ?? 0,
      running: d.runningCount ?? 0,
      pending: d.pendingCount ?? 0,
      failedTasks: d.failedTasks ?? 0,
      createdAt: d.createdAt,
    })),
    events: (service.events ?? [])
      .map((e) => ({ at: e.createdAt, message: e.message ?? '' }))
      .sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0))
      .slice(0, eventLimit),
  };
}
