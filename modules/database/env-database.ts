import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';

export interface EnvDatabaseProps {
  /** Database name, and the name of its owner role (at most 63 bytes). */
  readonly name: string;
  /** `<tier>/<set>/<env>`: the ownership marker the provisioner writes on database and role. */
  readonly owner: string;
  /** Secrets Manager name of the credentials secret (`branchenv/<tier>/<set>/<env>/database`). */
  readonly secretName: string;
  /** The base's provisioner function (base contract `database_provisioner_function`). */
  readonly provisionerFunction: string;
}

/**
 * The env's own database in the base's cluster. The stack creates the credentials secret empty;
 * the provisioner (one `aws_lambda_invocation`, lifecycle CRUD) creates role and database on
 * create, does nothing on an unchanged update, drops both on destroy, and writes the generated
 * password into the secret: it never passes through Terraform, so it is in no plan and no state.
 */
export class EnvDatabase extends Construct {
  public readonly secret: SecretsmanagerSecret;
  public readonly provisioning: LambdaInvocation;

  constructor(scope: Construct, id: string, props: EnvDatabaseProps) {
    super(scope, id);
    this.secret = new SecretsmanagerSecret(this, 'credentials', {
      name: props.secretName,
      description: `Credentials of database ${props.name}, written by the base's provisioner`,
      // Dropped with the env; a recovery window would block a new env of the same name for days.
      recoveryWindowInDays: 0,
    });
    this.provisioning = new LambdaInvocation(this, 'provisioning', {
      functionName: props.provisionerFunction,
      lifecycleScope: 'CRUD',
      input: Fn.jsonencode({ database: props.name, role: props.name, secretArn: this.secret.arn, owner: props.owner }),
    });
  }
}
