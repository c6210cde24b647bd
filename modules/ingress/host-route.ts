import { Construct } from 'constructs';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';

export interface HostRouteProps {
  /** Target group name (at most 32 characters). */
  readonly name: string;
  readonly vpcId: string;
  readonly listenerArn: string;
  /** Host the rule matches, e.g. `grafana.<domain>`. */
  readonly host: string;
  /** EC2 instance that serves it, and its port. */
  readonly instanceId: string;
  readonly port: number;
  readonly healthCheckPath: string;
}

/** One host on the shared HTTPS listener, forwarded to one instance (Grafana). */
export class HostRoute extends Construct {
  public readonly targetGroup: LbTargetGroup;
  public readonly rule: LbListenerRule;

  constructor(scope: Construct, id: string, props: HostRouteProps) {
    super(scope, id);
    this.targetGroup = new LbTargetGroup(this, 'target_group', {
      name: props.name,
      vpcId: props.vpcId,
      port: props.port,
      protocol: 'HTTP',
      targetType: 'instance',
      deregistrationDelay: '30',
      healthCheck: { enabled: true, path: props.healthCheckPath, matcher: '200', interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 },
      tags: { Name: props.name },
    });
    new LbTargetGroupAttachment(this, 'attachment', { targetGroupArn: this.targetGroup.arn, targetId: props.instanceId, port: props.port });
    this.rule = new LbListenerRule(this, 'rule', {
      listenerArn: props.listenerArn,
      action: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      condition: [{ hostHeader: { values: [props.host] } }],
    });
  }
}
