import { Construct } from 'constructs';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';

export interface TierCertificateProps {
  /** The tier's domain; the certificate covers it and `*.<domain>`. */
  readonly domain: string;
  /**
   * Existing public hosted zone of the domain. When absent, the zone is created here and its
   * name servers must be delegated to from the parent zone.
   * @default a new zone
   */
  readonly existingZoneId?: string;
}

/**
 * The Route53 zone of a tier's domain (existing or created) and a wildcard ACM certificate for it,
 * validated through DNS. The apex and the wildcard share one validation record, so no `for_each`
 * over values only known after apply is needed.
 */
export class TierCertificate extends Construct {
  /** Zone id: the existing one or the created zone's. */
  public readonly zoneId: string;
  /** The created zone, when the base owns it. */
  public readonly zone?: Route53Zone;
  public readonly certificate: AcmCertificate;
  public readonly validation: AcmCertificateValidation;

  constructor(scope: Construct, id: string, props: TierCertificateProps) {
    super(scope, id);
    if (props.existingZoneId) {
      this.zoneId = props.existingZoneId;
    } else {
      this.zone = new Route53Zone(this, 'zone', { name: props.domain, comment: 'Managed by branchenv' });
      this.zoneId = this.zone.zoneId;
    }
    this.certificate = new AcmCertificate(this, 'certificate', {
      domainName: `*.${props.domain}`,
      subjectAlternativeNames: [props.domain],
      validationMethod: 'DNS',
      keyAlgorithm: 'EC_prime256v1',
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: `*.${props.domain}` },
    });
    const option = this.certificate.domainValidationOptions.get(0);
    const record = new Route53Record(this, 'validation_record', {
      zoneId: this.zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    });
    this.validation = new AcmCertificateValidation(this, 'validation', {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: [record.fqdn],
    });
  }
}
