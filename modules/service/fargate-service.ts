import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { fargateTaskDefinition } from './fargate-task-definition';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import { SleepSchedule } from './sleep-schedule';

export interface LoadBalancerAttachment {
  readonly targetGroupArn: string;
  readonly containerName: string;
  readonly containerPort: number;
  /** Listener rules that must exist before ECS registers targets. */
  readonly dependsOn: readonly TerraformResource[];
}

export interface FargateServiceProps {
  readonly serviceName: string;
  readonly taskFamily: string;
  /** Cloud Map service name (`<service>.<set>-<env>`), registered in the base namespace. */
  readonly discoveryName: string;
  readonly namespaceId: string;
  readonly clusterArn: string;
  /** Name of the cluster, for the autoscaling resource id. */
  readonly clusterName: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly cpu: number;
  readonly memory: number;
  /** Container definitions (see containerDefinition). */
  readonly containers: readonly Record<string, unknown>[];
  /** @default 1 */
  readonly desiredCount?: number;
  /** FARGATE_SPOT for cheap, interruptible envs; FARGATE otherwise. */
  readonly capacityProvider: 'FARGATE' | 'FARGATE_SPOT';
  /** @default false */
  readonly enableExec?: boolean;
  readonly loadBalancer?: LoadBalancerAttachment;
  readonly autoscaling?: { readonly min: number; readonly max: number; readonly cpuTarget: number };
  /**
   * Give the service a scalable target even without autoscaling (min = max = desired), so scheduled
   * actions and `env sleep` can scale it to 0 and back.
   * @default false: a scalable target only with autoscaling
   */
  readonly scalable?: boolean;
  /**
   * Scale to 0 and back on a schedule (implies `scalable`).
   * @default none: never on a schedule
   */
  readonly sleepSchedule?: { readonly timeZone: string; readonly sleepCron: string; readonly wakeCron: string };
  /**
   * What must be done before the service rolls (e.g. the env's database and its migration).
   * @default none
   */
  readonly dependsOn?: readonly TerraformResource[];
}

/**
 * One ECS service on Fargate in private subnets, no public IP, registered in Cloud Map, rolling
 * deployments that never drop below the desired count and roll back on failure, and deletion that
 * never waits on draining (`force_delete`, a Cloud Map service destroyable with instances left).
 */
export class FargateService extends Construct {
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly discovery: ServiceDiscoveryService;
  public readonly service: EcsService;
  /** The service's scalable target, when it autoscales or is `scalable`. */
  public readonly scalingTarget?: AppautoscalingTarget;
  /** Its scheduled sleep and wake, when it has a `sleepSchedule`. */
  public readonly sleepSchedule?: SleepSchedule;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const desired = props.desiredCount ?? 1;

    this.taskDefinition = fargateTaskDefinition(this, 'task', {
      family: props.taskFamily,
      cpu: props.cpu,
      memory: props.memory,
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      containers: props.containers,
    });

    this.discovery = new ServiceDiscoveryService(this, 'discovery', {
      name: props.discoveryName,
      forceDestroy: true,
      dnsConfig: {
        namespaceId: props.namespaceId,
        routingPolicy: 'MULTIVALUE',
        dnsRecords: [{ type: 'A', ttl: 10 }],
      },
      healthCheckCustomConfig: { failureThreshold: 1 },
    });

    const dependsOn = [...(props.loadBalancer?.dependsOn ?? []), ...(props.dependsOn ?? [])];
    this.service = new EcsService(this, 'service', {
      name: props.serviceName,
      cluster: props.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: desired,
      capacityProviderStrategy: [{ capacityProvider: props.capacityProvider, weight: 1, base: 0 }],
      networkConfiguration: { subnets: props.subnetIds, securityGroups: props.securityGroupIds, assignPublicIp: false },
      serviceRegistries: { registryArn: this.discovery.arn },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      enableExecuteCommand: props.enableExec ?? false,
      enableEcsManagedTags: true,
      propagateTags: 'SERVICE',
      forceDelete: true,
      waitForSteadyState: false,
      ...(props.loadBalancer
        ? {
            loadBalancer: [
              {
                targetGroupArn: props.loadBalancer.targetGroupArn,
                containerName: props.loadBalancer.containerName,
                containerPort: props.loadBalancer.containerPort,
              },
            ],
            healthCheckGracePeriodSeconds: 60,
          }
        : {}),
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
      // Autoscaling owns the desired count once it exists.
      lifecycle: props.autoscaling ? { ignoreChanges: ['desired_count'] } : undefined,
    });

    // Same address with or without autoscaling: a service that gains autoscaling keeps its target.
    const bounds = props.autoscaling ?? { min: desired, max: desired };
    const target =
      props.autoscaling || props.scalable || props.sleepSchedule
        ? new AppautoscalingTarget(this, 'scaling_target', {
            serviceNamespace: 'ecs',
            scalableDimension: 'ecs:service:DesiredCount',
            resourceId: `service/${props.clusterName}/${this.service.name}`,
            minCapacity: bounds.min,
            maxCapacity: bounds.max,
          })
        : undefined;
    this.scalingTarget = target;
    if (target && props.sleepSchedule) {
      this.sleepSchedule = new SleepSchedule(this, 'schedule', { target, namePrefix: props.serviceName, ...props.sleepSchedule, ...bounds });
    }
    if (target && props.autoscaling) {
      new AppautoscalingPolicy(this, 'scaling_policy', {
        name: `${props.serviceName}-cpu`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: props.autoscaling.cpuTarget,
          predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          scaleInCooldown: 120,
          scaleOutCooldown: 60,
        },
      });
    }
  }
}
