import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

export interface ServiceSecurityGroupProps {
  readonly name: string;
  readonly service: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Envoy's ingress port: the only way into the service. */
  readonly ingressPort: number;
  /** Envoy's metrics port, scraped from inside the VPC. */
  readonly metricsPort: number;
}

/**
 * The security group of one service's tasks. Inbound: Envoy's metrics port from the VPC; Envoy's
 * ingress port only from sources added with allowFrom (the shared load balancer, the env's callers).
 * Nothing else. Outbound: anywhere (image pulls, AWS APIs, callees).
 */
export class ServiceSecurityGroup extends Construct {
  public readonly securityGroup: SecurityGroup;
  private readonly props: ServiceSecurityGroupProps;

  constructor(scope: Construct, id: string, props: ServiceSecurityGroupProps) {
    super(scope, id);
    this.props = props;
    this.securityGroup = new SecurityGroup(this, 'security_group', {
      name: props.name,
      description: `Tasks of ${props.service}: Envoy ingress from its callers, metrics from the VPC`,
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    new VpcSecurityGroupIngressRule(this, 'metrics_from_vpc', {
      securityGroupId: this.securityGroup.id,
      description: 'Envoy /stats/prometheus from monitoring in the VPC',
      ipProtocol: 'tcp',
      fromPort: props.metricsPort,
      toPort: props.metricsPort,
      cidrIpv4: props.vpcCidr,
    });
    new VpcSecurityGroupEgressRule(this, 'all_out', {
      securityGroupId: this.securityGroup.id,
      description: 'Image pulls, AWS APIs and called services',
      ipProtocol: '-1',
      cidrIpv4: '0.0.0.0/0',
    });
  }

  /** Lets `source` (a security group id) reach Envoy's ingress port; `id` names the rule's address. */
  allowFrom(id: string, sourceSecurityGroupId: string, description: string): VpcSecurityGroupIngressRule {
    return new VpcSecurityGroupIngressRule(this, id, {
      securityGroupId: this.securityGroup.id,
      description,
      ipProtocol: 'tcp',
      fromPort: this.props.ingressPort,
      toPort: this.props.ingressPort,
      referencedSecurityGroupId: sourceSecurityGroupId,
    });
  }
}
