import { Construct } from 'constructs';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';

export interface HostRecord {
  /** Construct id: the record's Terraform address (`env_host`, `api_host`). */
  readonly id: string;
  /** Full host name, e.g. `demo-feature-x.stage.example.com`. */
  readonly host: string;
}

export interface HostRecordsProps {
  /** Route53 zone of the tier's domain. */
  readonly zoneId: string;
  readonly hosts: readonly HostRecord[];
  /** DNS name and hosted zone id of the load balancer the hosts point at (the env's shard). */
  readonly loadBalancerDnsName: string;
  readonly loadBalancerZoneId: string;
}

/**
 * An env's own DNS records: each host an alias of its shard's load balancer. Only envs outside shard 1
 * need them (`*.<domain>` points at shard 1); an exact record wins over the wildcard.
 */
export class HostRecords extends Construct {
  public readonly records: Readonly<Record<string, Route53Record>>;

  constructor(scope: Construct, id: string, props: HostRecordsProps) {
    super(scope, id);
    this.records = Object.fromEntries(
      props.hosts.map((h) => [
        h.id,
        new Route53Record(this, h.id, {
          zoneId: props.zoneId,
          name: h.host,
          type: 'A',
          alias: { name: props.loadBalancerDnsName, zoneId: props.loadBalancerZoneId, evaluateTargetHealth: false },
        }),
      ]),
    );
  }
}
