import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';

/** Interface endpoints that let private tasks pull images and write logs without NAT. */
export const DEFAULT_INTERFACE_ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr', 'logs'] as const;

export interface VpcEndpointsProps {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly region: string;
  readonly namePrefix: string;
  /** Route tables that get the S3 gateway endpoint (ECR image layers live in S3). */
  readonly routeTableIds: readonly string[];
  /** Subnets for the interface endpoints' network interfaces. */
  readonly subnetIds: readonly string[];
  /**
   * Create interface endpoints (billed per hour and AZ) besides the free S3 gateway endpoint.
   * @default false
   */
  readonly interfaceEndpoints?: boolean;
  /**
   * Services of the interface endpoints.
   * @default DEFAULT_INTERFACE_ENDPOINT_SERVICES
   */
  readonly interfaceServices?: readonly string[];
}

/** The S3 gateway endpoint and, optionally, interface endpoints for ECR and CloudWatch Logs. */
export class VpcEndpoints extends Construct {
  public readonly s3Gateway: VpcEndpoint;
  /** Interface endpoints by service name (`ecr.api`, …); empty when not requested. */
  public readonly interfaceEndpoints: Readonly<Record<string, VpcEndpoint>>;
  public readonly securityGroup?: SecurityGroup;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const services = props.interfaceServices ?? DEFAULT_INTERFACE_ENDPOINT_SERVICES;
    const wantInterfaces = props.interfaceEndpoints ?? false;

    this.s3Gateway = new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.routeTableIds],
      tags: { Name: `${props.namePrefix}-s3` },
    });

    const endpoints: Record<string, VpcEndpoint> = {};
    if (wantInterfaces) {
      this.securityGroup = new SecurityGroup(this, 'security_group', {
        name: `${props.namePrefix}-endpoints`,
        description: 'HTTPS from inside the VPC to the interface endpoints',
        vpcId: props.vpcId,
        ingress: [{ description: 'HTTPS from the VPC', fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: [props.vpcCidr] }],
        egress: [],
        tags: { Name: `${props.namePrefix}-endpoints` },
      });
      for (const service of services) {
        endpoints[service] = new VpcEndpoint(this, service.replace(/\./g, '_'), {
          vpcId: props.vpcId,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: [...props.subnetIds],
          securityGroupIds: [this.securityGroup.id],
          tags: { Name: `${props.namePrefix}-${service}` },
        });
      }
    }
    this.interfaceEndpoints = endpoints;
  }
}
