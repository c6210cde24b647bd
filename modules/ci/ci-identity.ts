import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { OidcIssuer } from '../../src/ci/ci-role-policy';

export interface CiIdentityProps {
  /** Issuer, audience and subject of the CI's OIDC tokens (ci-role-policy.ts `oidcIssuer`). */
  readonly issuer: OidcIssuer;
  /** Role name, e.g. `branchenv-stage-ci`. */
  readonly roleName: string;
  /** The role's trust policy, given the provider's ARN. */
  readonly trustPolicy: (providerArn: string) => object;
  /** What the role may do. */
  readonly permissions: object;
  /**
   * Longest session a job gets, in seconds.
   * @default 3600
   */
  readonly maxSessionSeconds?: number;
}

/**
 * The identity a CI uses instead of stored keys: the OIDC provider of its token issuer, and a role
 * only jobs of one repository can assume (AssumeRoleWithWebIdentity), with the tier's permissions.
 */
export class CiIdentity extends Construct {
  public readonly provider: IamOpenidConnectProvider;
  public readonly role: IamRole;
  /** The role's inline policy (the stack declares why it uses service wildcards). */
  public readonly permissions: IamRolePolicy;

  constructor(scope: Construct, id: string, props: CiIdentityProps) {
    super(scope, id);
    this.provider = new IamOpenidConnectProvider(this, 'oidc_provider', { url: props.issuer.url, clientIdList: [props.issuer.audience] });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      assumeRolePolicy: JSON.stringify(props.trustPolicy(this.provider.arn)),
      maxSessionDuration: props.maxSessionSeconds ?? 3600,
    });
    this.permissions = new IamRolePolicy(this, 'permissions', { role: this.role.name, name: 'branchenv-stacks', policy: JSON.stringify(props.permissions) });
  }
}
