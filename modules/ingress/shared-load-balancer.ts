import { Construct } from 'constructs';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { declarePolicyException } from '../common/policy-exception';

/** TLS 1.3 with 1.2 fallback, forward secrecy only. */
export const DEFAULT_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

export interface SharedLoadBalancerProps {
  /** Name of the load balancer and its security group (at most 32 characters). */
  readonly name: string;
  readonly vpcId: string;
  /** The VPC CIDR: the only destination the load balancer sends traffic to. */
  readonly vpcCidr: string;
  /** Public subnets, one per zone. */
  readonly publicSubnetIds: readonly string[];
  /** The tier's domain; `*.<domain>` points at the load balancer. */
  readonly domain: string;
  /** Hosted zone of the domain. */
  readonly zoneId: string;
  /** Validated certificate for `*.<domain>`. */
  readonly certificateArn: string;
  /**
   * Refuse deletion of the load balancer (set in prod).
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * TLS policy of the HTTPS listener.
   * @default DEFAULT_TLS_POLICY
   */
  readonly tlsPolicy?: string;
  /**
   * Idle timeout in seconds (long-lived gRPC streams may want more).
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * Point `*.<domain>` at this load balancer (the first shard does; further shards get per-env records).
   * @default true
   */
  readonly wildcardRecord?: boolean;
}

/**
 * One public application load balancer per base. Branch envs add only listener rules and target
 * groups to its HTTPS listener; a request for a host no env claims gets a 404.
 */
export class SharedLoadBalancer extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly loadBalancer: Lb;
  public readonly httpsListener: LbListener;
  public readonly httpListener: LbListener;
  /** `*.<domain>` pointing here, when this load balancer has it. */
  public readonly wildcardRecord?: Route53Record;

  constructor(scope: Construct, id: string, props: SharedLoadBalancerProps) {
    super(scope, id);
    const tlsPolicy = props.tlsPolicy ?? DEFAULT_TLS_POLICY;
    if (props.name.length > 32) throw new Error(`load balancer name "${props.name}" is over 32 characters; shorten the VPC name`);

    this.securityGroup = new SecurityGroup(this, 'security_group', {
      name: `${props.name}-alb`,
      description: 'Shared load balancer: HTTP and HTTPS from the internet, out to the VPC only',
      vpcId: props.vpcId,
      ingress: [
        { description: 'HTTPS from the internet', fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] },
        { description: 'HTTP from the internet, redirected to HTTPS', fromPort: 80, toPort: 80, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] },
      ],
      egress: [
        { description: 'To targets inside the VPC', fromPort: 0, toPort: 65535, protocol: 'tcp', cidrBlocks: [props.vpcCidr] },
      ],
      tags: { Name: `${props.name}-alb` },
    });

    this.loadBalancer = new Lb(this, 'load_balancer', {
      name: props.name,
      internal: false,
      loadBalancerType: 'application',
      securityGroups: [this.securityGroup.id],
      subnets: [...props.publicSubnetIds],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? false,
      idleTimeout: props.idleTimeoutSeconds ?? 60,
      tags: { Name: props.name },
    });
    declarePolicyException(
      this.loadBalancer,
      'CKV_AWS_91',
      'access logs are not collected yet; listener rules per env are in the plan and ALB metrics in CloudWatch',
    );

    this.httpsListener = new LbListener(this, 'https_listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: tlsPolicy,
      certificateArn: props.certificateArn,
      defaultAction: [
        {
          type: 'fixed-response',
          fixedResponse: {
            contentType: 'text/plain',
            statusCode: '404',
            messageBody: `No environment answers at this host of ${props.domain}. Check the env name in the URL.`,
          },
        },
      ],
    });
    this.httpListener = new LbListener(this, 'http_listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }],
    });
    if (props.wildcardRecord ?? true) {
      this.wildcardRecord = new Route53Record(this, 'wildcard_record', {
        zoneId: props.zoneId,
        name: `*.${props.domain}`,
        type: 'A',
        alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: false },
      });
    }
  }
}
