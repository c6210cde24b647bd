/**
 * The Fargate capacity an env holds, read from its state: each ECS service's desired count times
 * its task definition's vCPUs, split by capacity provider (Fargate Spot has a quota of its own),
 * and the tasks (one Cloud Map instance each).
 */
export interface FargateUse {
  readonly tasks: number;
  readonly onDemandVcpus: number;
  readonly spotVcpus: number;
}

type Attributes = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function instanceAttributes(resources: readonly unknown[], type: string): Attributes[] {
  return resources
    .filter((r): r is Record<string, unknown> => isRecord(r) && r.type === type && r.mode !== 'data')
    .flatMap((r) => (Array.isArray(r.instances) ? r.instances : []))
    .map((i) => (isRecord(i) && isRecord(i.attributes) ? i.attributes : {}));
}

export function fargateUse(resources: readonly unknown[]): FargateUse {
  const cpuByTaskDefinition = new Map<string, number>();
  for (const td of instanceAttributes(resources, 'aws_ecs_task_definition')) {
    const cpu = Number(td.cpu);
    if (!Number.isFinite(cpu)) continue;
    if (typeof td.arn === 'string') cpuByTaskDefinition.set(td.arn, cpu);
    if (typeof td.family === 'string') cpuByTaskDefinition.set(`${td.family}:${String(td.revision)}`, cpu);
  }
  let tasks = 0;
  let onDemandVcpus = 0;
  let spotVcpus = 0;
  for (const service of instanceAttributes(resources, 'aws_ecs_service')) {
    const desired = Number(service.desired_count);
    if (!Number.isFinite(desired) || desired <= 0) continue;
    tasks += desired;
    const cpu = cpuByTaskDefinition.get(String(service.task_definition));
    if (cpu === undefined) continue;
    const strategy = Array.isArray(service.capacity_provider_strategy) ? service.capacity_provider_strategy : [];
    const spot = strategy.some((s) => isRecord(s) && s.capacity_provider === 'FARGATE_SPOT');
    if (spot) spotVcpus += (desired * cpu) / 1024;
    else onDemandVcpus += (desired * cpu) / 1024;
  }
  return { tasks, onDemandVcpus, spotVcpus };
}
