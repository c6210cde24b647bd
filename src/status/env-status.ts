/**
 * The status of one env: what to look at (cluster, ECS services, target groups, URLs; from the
 * definitions, without terraform) and one read of it through the AWS modules of src/aws/.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describeEcsServices, ServiceEvent } from '../aws/ecs-services';
import { runningTasks } from '../aws/ecs-tasks';
import { targetGroupHealth, TargetState } from '../aws/target-health';
import type { LoadedEnv } from '../env/prepare-env';
import { planServices } from '../env/plan-services';
import type { ServiceProtocol } from '../definitions/service-set';
import { envVerdict, imageTagOf, revisionOf, serviceVerdict, ServiceObservation, Verdict, VerdictOptions } from './service-verdict';

/** Where an env's services live in AWS. */
export interface StatusTarget {
  readonly env: string;
  readonly set: string;
  readonly tier: string;
  /** ECS cluster: the base's vpcName (base-stack.ts names the cluster after it). */
  readonly cluster: string;
  readonly services: readonly { readonly service: string; readonly ecsName: string; readonly targetGroup?: string }[];
  /** `https://<host>` per distinct route host, in the set's order. */
  readonly urls: readonly string[];
  /**
   * Per URL (same order), the protocol of the service behind it: the service whose route of that
   * host is the catch-all path (no path or `/*`), else the first route of the host. The ALB target
   * group speaks it (HTTP2/GRPC protocol version), so the smoke test must too.
   */
  readonly probes: readonly UrlProbe[];
}

export interface UrlProbe {
  readonly url: string;
  readonly protocol: ServiceProtocol;
}

/** SDK clients built at the entry. */
export interface StatusClients {
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingV2Client;
}

export function statusTarget(env: LoadedEnv): StatusTarget {
  // Names and hosts do not depend on images; planServices wants one per service.
  const images = Object.fromEntries(env.set.services.map((s) => [s.name, 'status.invalid/unused:status']));
  const planned = planServices({ base: env.base, set: env.set, env: env.name, images });
  const hosts = [...new Set(planned.flatMap((p) => p.routes.map((r) => r.host)))];
  const behind = (host: string): ServiceProtocol => {
    const routes = planned.flatMap((p) => p.routes.filter((r) => r.host === host).map((r) => ({ path: r.path, protocol: p.definition.protocol ?? 'http' })));
    const catchAll = routes.find((r) => r.path === undefined || r.path === '/*');
    return (catchAll ?? routes[0]).protocol;
  };
  return {
    env: env.name,
    set: env.set.name,
    tier: env.base.tier,
    cluster: env.base.vpcName,
    services: planned.map((p) => ({ service: p.definition.name, ecsName: p.names.ecsService.value, targetGroup: p.isPublic ? p.names.targetGroup.value : undefined })),
    urls: hosts.map((h) => `https://${h}`),
    probes: hosts.map((h) => ({ url: `https://${h}`, protocol: behind(h) })),
  };
}

export interface ServiceStatus {
  readonly service: string;
  readonly ecsName: string;
  readonly verdict: Verdict;
  readonly rolledBack: boolean;
  readonly problems: readonly string[];
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  /** Rollout state of the newest (PRIMARY) deployment. */
  readonly rollout?: string;
  /** `family:revision` of the service's task definition. */
  readonly taskDefinition?: string;
  /** Distinct image tags the running tasks' containers run (`container=tag`). */
  readonly images: readonly string[];
  /** Undefined for a service without routes. */
  readonly targets?: { readonly group: string; readonly found: boolean; readonly healthy: number; readonly states: readonly TargetState[] };
  /** Newest first; the last few, kept for services that are not steady. */
  readonly events: readonly ServiceEvent[];
}

export interface EnvStatus {
  readonly env: string;
  readonly set: string;
  readonly tier: string;
  readonly cluster: string;
  readonly verdict: Verdict;
  readonly services: readonly ServiceStatus[];
  readonly urls: readonly string[];
}

export interface CollectOptions extends VerdictOptions {
  /** Events kept for a service that is not steady. @default 5 */
  readonly events?: number;
}

/** Reads the env once: services, their running tasks and their target groups, concurrently. */
export async function collectStatus(clients: StatusClients, target: StatusTarget, options: CollectOptions = {}): Promise<EnvStatus> {
  const groups = target.services.flatMap((s) => (s.targetGroup ? [s.targetGroup] : []));
  const [described, health, tasks] = await Promise.all([
    describeEcsServices(clients.ecs, target.cluster, target.services.map((s) => s.ecsName)),
    targetGroupHealth(clients.elb, groups),
    Promise.all(target.services.map((s) => runningTasks(clients.ecs, target.cluster, s.ecsName))),
  ]);
  const services = target.services.map((s, i): ServiceStatus => {
    const observation: ServiceObservation = {
      service: s.service,
      ecsName: s.ecsName,
      snapshot: described.services.find((d) => d.name === s.ecsName),
      tasks: tasks[i],
      targets: s.targetGroup ? health.find((h) => h.name === s.targetGroup) : undefined,
    };
    const verdict = serviceVerdict(observation, options);
    const snapshot = observation.snapshot;
    const primary = snapshot?.deployments.find((d) => d.status === 'PRIMARY');
    const images = [...new Set(observation.tasks.flatMap((t) => t.containers.filter((c) => c.image).map((c) => `${c.name}=${imageTagOf(c.image as string)}`)))].sort();
    return {
      service: s.service,
      ecsName: s.ecsName,
      verdict: verdict.verdict,
      rolledBack: verdict.rolledBack,
      problems: verdict.problems,
      desired: snapshot?.desired ?? 0,
      running: snapshot?.running ?? 0,
      pending: snapshot?.pending ?? 0,
      rollout: primary?.rolloutState,
      taskDefinition: revisionOf(snapshot?.taskDefinition),
      images,
      targets: observation.targets
        ? {
            group: observation.targets.name,
            found: observation.targets.found,
            healthy: observation.targets.targets.filter((t) => t.state === 'healthy').length,
            states: observation.targets.targets,
          }
        : undefined,
      events: verdict.verdict === 'steady' ? [] : (snapshot?.events ?? []).slice(0, options.events ?? 5),
    };
  });
  return { env: target.env, set: target.set, tier: target.tier, cluster: target.cluster, verdict: envVerdict(services), services, urls: target.urls };
}
