import { Construct } from 'constructs';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { FlowLogs } from './flow-logs';
import { planSubnets, ZoneSubnets } from './subnet-layout';
import { VpcEndpoints } from './vpc-endpoints';

export interface NetworkProps {
  /** Name of the VPC; prefix of every name in the network. */
  readonly name: string;
  /** IPv4 CIDR of the VPC; subnet CIDRs are computed from it (see planSubnets). */
  readonly cidr: string;
  /** Region, for endpoint service names. */
  readonly region: string;
  /** At least two availability zones, in full (`eu-west-1a`). */
  readonly availabilityZones: readonly string[];
  /**
   * One NAT gateway shared by every zone (cheaper) or one per zone (no cross-zone dependency).
   * @default 'per-az'
   */
  readonly natGateways?: 'single' | 'per-az';
  /**
   * Interface endpoints for ECR (api, dkr) and CloudWatch Logs.
   * @default false
   */
  readonly interfaceEndpoints?: boolean;
  /** Retention of the flow log group, in days. */
  readonly flowLogRetentionDays: number;
}

/** One zone's share of the network. */
export interface NetworkZone {
  readonly layout: ZoneSubnets;
  readonly publicSubnet: Subnet;
  readonly privateSubnet: Subnet;
  readonly privateRouteTable: RouteTable;
  /** The NAT gateway the zone's private subnet routes through (shared when natGateways is 'single'). */
  readonly natGateway: NatGateway;
}

/**
 * A VPC with a public and a private subnet per zone, internet gateway, NAT, route tables,
 * flow logs, the default security group emptied, and VPC endpoints.
 * No subnet assigns public IPs: the load balancer and NAT gateways get their own addresses.
 */
export class Network extends Construct {
  public readonly vpc: Vpc;
  public readonly internetGateway: InternetGateway;
  public readonly publicRouteTable: RouteTable;
  public readonly zones: readonly NetworkZone[];
  public readonly flowLogs: FlowLogs;
  public readonly endpoints: VpcEndpoints;
  public readonly defaultSecurityGroup: DefaultSecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const natMode = props.natGateways ?? 'per-az';
    const layout = planSubnets(props.cidr, props.availabilityZones);
    const suffixes = zoneSuffixes(props.region, props.availabilityZones);

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.name },
    });
    // Adopting the default security group with no rules removes every rule AWS put there.
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'default_security_group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${props.name}-default-unused` },
    });
    this.internetGateway = new InternetGateway(this, 'internet_gateway', {
      vpcId: this.vpc.id,
      tags: { Name: props.name },
    });
    this.publicRouteTable = new RouteTable(this, 'public_routes', {
      vpcId: this.vpc.id,
      tags: { Name: `${props.name}-public` },
    });
    new Route(this, 'public_default_route', {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });

    const publicSubnets = layout.map((zone, i) => {
      const subnet = new Subnet(this, `public_${suffixes[i]}`, {
        vpcId: this.vpc.id,
        availabilityZone: zone.availabilityZone,
        cidrBlock: zone.publicCidr,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-public-${suffixes[i]}`, Tier: 'public' },
      });
      new RouteTableAssociation(this, `public_${suffixes[i]}_routes`, {
        subnetId: subnet.id,
        routeTableId: this.publicRouteTable.id,
      });
      return subnet;
    });

    const natCount = natMode === 'single' ? 1 : layout.length;
    const natGateways = Array.from({ length: natCount }, (_, i) => {
      const eip = new Eip(this, `nat_${suffixes[i]}_address`, {
        domain: 'vpc',
        tags: { Name: `${props.name}-nat-${suffixes[i]}` },
        dependsOn: [this.internetGateway],
      });
      return new NatGateway(this, `nat_${suffixes[i]}`, {
        allocationId: eip.allocationId,
        subnetId: publicSubnets[i].id,
        tags: { Name: `${props.name}-nat-${suffixes[i]}` },
        dependsOn: [this.internetGateway],
      });
    });

    this.zones = layout.map((zone, i) => {
      const suffix = suffixes[i];
      const privateSubnet = new Subnet(this, `private_${suffix}`, {
        vpcId: this.vpc.id,
        availabilityZone: zone.availabilityZone,
        cidrBlock: zone.privateCidr,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-private-${suffix}`, Tier: 'private' },
      });
      const privateRouteTable = new RouteTable(this, `private_${suffix}_routes`, {
        vpcId: this.vpc.id,
        tags: { Name: `${props.name}-private-${suffix}` },
      });
      const natGateway = natGateways[natMode === 'single' ? 0 : i];
      new Route(this, `private_${suffix}_default_route`, {
        routeTableId: privateRouteTable.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: natGateway.id,
      });
      new RouteTableAssociation(this, `private_${suffix}_routes_association`, {
        subnetId: privateSubnet.id,
        routeTableId: privateRouteTable.id,
      });
      return { layout: zone, publicSubnet: publicSubnets[i], privateSubnet, privateRouteTable, natGateway };
    });

    this.flowLogs = new FlowLogs(this, 'flow_logs', {
      vpcId: this.vpc.id,
      namePrefix: props.name,
      retentionDays: props.flowLogRetentionDays,
    });
    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      vpcId: this.vpc.id,
      vpcCidr: props.cidr,
      region: props.region,
      namePrefix: props.name,
      routeTableIds: [this.publicRouteTable.id, ...this.zones.map((z) => z.privateRouteTable.id)],
      subnetIds: this.zones.map((z) => z.privateSubnet.id),
      interfaceEndpoints: props.interfaceEndpoints,
    });
  }

  /** Ids of the private subnets, in zone order. */
  get privateSubnetIds(): string[] {
    return this.zones.map((z) => z.privateSubnet.id);
  }

  /** Ids of the public subnets, in zone order. */
  get publicSubnetIds(): string[] {
    return this.zones.map((z) => z.publicSubnet.id);
  }
}

/** `eu-west-1a` → `a`: short, stable names for per-zone resources. */
function zoneSuffixes(region: string, zones: readonly string[]): string[] {
  const suffixes = zones.map((z) => (z.startsWith(region) ? z.slice(region.length) : z).replace(/[^a-z0-9]/gi, '_'));
  if (new Set(suffixes).size !== suffixes.length) throw new Error(`availability zones must be distinct: ${zones.join(', ')}`);
  return suffixes;
}
