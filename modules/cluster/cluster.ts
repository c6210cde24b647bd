import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';

export type FargateCapacityProvider = 'FARGATE' | 'FARGATE_SPOT';

export interface ClusterProps {
  /** Cluster name. */
  readonly name: string;
  /**
   * Capacity provider for services that name none: FARGATE_SPOT is about 70% cheaper but can be interrupted.
   * @default 'FARGATE'
   */
  readonly defaultCapacityProvider?: FargateCapacityProvider;
  /** Retention of the ECS Exec session log group, in days. */
  readonly execLogRetentionDays: number;
}

/**
 * The ECS cluster of a base: Container Insights on, FARGATE and FARGATE_SPOT capacity providers,
 * ECS Exec sessions logged to their own log group.
 */
export class Cluster extends Construct {
  public readonly cluster: EcsCluster;
  public readonly capacityProviders: EcsClusterCapacityProviders;
  public readonly execLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    const defaultProvider = props.defaultCapacityProvider ?? 'FARGATE';

    this.execLogGroup = new CloudwatchLogGroup(this, 'exec_log_group', {
      name: `/ecs/${props.name}/exec`,
      retentionInDays: props.execLogRetentionDays,
    });
    this.cluster = new EcsCluster(this, 'cluster', {
      name: props.name,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
      configuration: {
        executeCommandConfiguration: {
          logging: 'OVERRIDE',
          logConfiguration: { cloudWatchLogGroupName: this.execLogGroup.name, cloudWatchEncryptionEnabled: false },
        },
      },
    });
    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity_providers', {
      clusterName: this.cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: defaultProvider, weight: 1, base: 0 }],
    });
  }
}
