/**
 * The task-count bounds of an env's ECS services in Application Auto Scaling: read them, and
 * register new ones (min = max = 0 to sleep; App Auto Scaling then stops every task, and starts
 * `min` again when the normal bounds come back). RegisterScalableTarget creates the target when a
 * service has none yet (an env applied before sleep existed).
 */
import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { DescribeScalableTargetsCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';

export interface ServiceBounds {
  /** Service name in the set. */
  readonly service: string;
  /** `service/<cluster>/<ecs service>`. */
  readonly resourceId: string;
  readonly min: number;
  readonly max: number;
}

const ON = { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount' } as const;

/** Current bounds by resource id; a service without a scalable target is missing from the map. */
export async function currentBounds(client: ApplicationAutoScalingClient, resourceIds: readonly string[]): Promise<Map<string, { min: number; max: number }>> {
  const found = new Map<string, { min: number; max: number }>();
  let next: string | undefined;
  do {
    const page = await client.send(new DescribeScalableTargetsCommand({ ...ON, ResourceIds: [...resourceIds], NextToken: next }));
    for (const t of page.ScalableTargets ?? []) {
      if (t.ResourceId) found.set(t.ResourceId, { min: t.MinCapacity ?? 0, max: t.MaxCapacity ?? 0 });
    }
    next = page.NextToken;
  } while (next);
  return found;
}

export async function registerBounds(client: ApplicationAutoScalingClient, bounds: ServiceBounds): Promise<void> {
  await client.send(new RegisterScalableTargetCommand({ ...ON, ResourceId: bounds.resourceId, MinCapacity: bounds.min, MaxCapacity: bounds.max }));
}
