import { Construct } from 'constructs';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktf/provider-aws/lib/service-discovery-private-dns-namespace';

export interface DiscoveryNamespaceProps {
  /** DNS name of the namespace, e.g. `stage-main.branchenv.internal`. */
  readonly name: string;
  /** VPC whose resolver answers for the namespace. */
  readonly vpcId: string;
  /**
   * Description shown in the Cloud Map console.
   * @default 'Service discovery for <name>'
   */
  readonly description?: string;
}

/** A Cloud Map private DNS namespace: every env registers its services in it under env-unique names. */
export class DiscoveryNamespace extends Construct {
  public readonly namespace: ServiceDiscoveryPrivateDnsNamespace;

  constructor(scope: Construct, id: string, props: DiscoveryNamespaceProps) {
    super(scope, id);
    this.namespace = new ServiceDiscoveryPrivateDnsNamespace(this, 'namespace', {
      name: props.name,
      vpc: props.vpcId,
      description: props.description ?? `Service discovery for ${props.name}`,
    });
  }
}
