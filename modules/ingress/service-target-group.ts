import { Construct } from 'constructs';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { escapeTemplate } from '../common/escape-template';

export interface ServiceTargetGroupProps {
  /** Target group name (at most 32 characters). */
  readonly name: string;
  readonly vpcId: string;
  /** Envoy's ingress port in the task. */
  readonly port: number;
  /** How the load balancer talks to Envoy: HTTP1, HTTP2 or GRPC. */
  readonly protocolVersion: 'HTTP1' | 'HTTP2' | 'GRPC';
  /** Health check path, answered by the app through Envoy. */
  readonly healthCheckPath: string;
  /** Seconds a deregistered target keeps draining (short in stage: quick drops and deploys). */
  readonly deregistrationDelaySeconds: number;
  /**
   * Tags besides `Name` (e.g. the readable name when `name` is a shortened form).
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The target group of one public service: Envoy in each task, by IP (awsvpc). */
export class ServiceTargetGroup extends Construct {
  public readonly targetGroup: LbTargetGroup;

  constructor(scope: Construct, id: string, props: ServiceTargetGroupProps) {
    super(scope, id);
    if (props.name.length > 32) throw new Error(`target group name "${props.name}" is over 32 characters`);
    const grpc = props.protocolVersion === 'GRPC';
    this.targetGroup = new LbTargetGroup(this, 'target_group', {
      name: props.name,
      vpcId: props.vpcId,
      port: props.port,
      protocol: 'HTTP',
      protocolVersion: props.protocolVersion,
      targetType: 'ip',
      deregistrationDelay: String(props.deregistrationDelaySeconds),
      healthCheck: {
        enabled: true,
        path: escapeTemplate(props.healthCheckPath),
        port: 'traffic-port',
        protocol: 'HTTP',
        matcher: grpc ? '0' : '200-399',
        interval: 10,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
      tags: { Name: props.name, ...props.tags },
    });
  }
}
