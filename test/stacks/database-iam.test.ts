import { stackSpec } from '../../src/stacks/catalog';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';
import { resourcesOf } from '../helpers/stack-json';

// The provisioner's secret grants, matched the way IAM matches resources (`*` spans `/`, `?` is one
// character): it reaches every env's credentials secret, and no env's own secrets, whatever the names.
const json = readStackJson(synthToTemp([stackSpec('base', 'stage')])[0]);
const policy = JSON.parse(String(resourcesOf(json, 'aws_iam_role_policy').database_provisioner_policy.policy)) as {
  Statement: { Sid: string; Effect: string; Resource: string[] | string }[];
};
const resources = (sid: string) => [policy.Statement.find((s) => s.Sid === sid)!.Resource].flat();
const iamMatches = (pattern: string, arn: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(arn);
const secret = (name: string) => `arn:aws:secretsmanager:eu-west-1:111111111111:secret:${name}-AbCdEf`;
const allowed = (arn: string) => resources('WriteEnvDatabaseSecrets').some((p) => iamMatches(p, arn)) && !resources('NeverEnvOwnSecrets').some((p) => iamMatches(p, arn));

describe('the provisioner may write', () => {
  it.each(['branchenv/stage/demo/feature-x/database', 'branchenv/stage/demo/secrets/database', 'branchenv/stage/secrets/x/database'])('the credentials secret %s', (name) => {
    expect(allowed(secret(name))).toBe(true);
  });

  it.each(['branchenv/stage/demo/feature-x/secrets/database', 'branchenv/stage/demo/secrets/secrets/database', 'branchenv/prod/demo/x/database', 'demo/stage/database'])(
    'not %s (an env secret, another tier, or no env at all)',
    (name) => {
      expect(allowed(secret(name))).toBe(false);
    },
  );
});
