import * as fs from 'node:fs';
import { ciPermissionsPolicy, oidcIssuer, SERVICE_OF_RESOURCE } from '../../src/ci/ci-role-policy';
import { TIERS } from '../../src/definitions/base-definition';
import { loadBase } from '../../src/definitions/tiers';
import { baseProblems } from '../../src/definitions/validate-base';
import { envSpec, loadEnv } from '../../src/env/prepare-env';
import { selectStacks, stackSpec, STACK_KINDS } from '../../src/stacks/catalog';
import { resourcesOf } from '../helpers/stack-json';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';

interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
  Principal?: { Federated: string };
}
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

describe('the CI identity of the stage bootstrap stack', () => {
  const json = readStackJson(synthToTemp([stackSpec('state-bucket', 'stage')])[0]);
  const role = Object.values(resourcesOf(json, 'aws_iam_role'))[0];
  const trust = JSON.parse(String(role.assume_role_policy)) as { Statement: Statement[] };

  it('trusts GitHub`s token issuer, for the repository the base names and no other', () => {
    expect(Object.values(resourcesOf(json, 'aws_iam_openid_connect_provider'))[0]).toMatchObject({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
    expect(role.name).toBe('branchenv-stage-ci');
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: '${aws_iam_openid_connect_provider.ci_oidc_provider.arn}' },
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example-org/branchenv-demo:*' },
        },
      }),
    ]);
    expect(json.output?.ci_role_arn).toBeDefined();
  });

  it('has no CI identity where the base names no CI (prod)', () => {
    const prod = readStackJson(synthToTemp([stackSpec('state-bucket', 'prod')])[0]);
    expect(prod.resource?.aws_iam_openid_connect_provider).toBeUndefined();
    expect(prod.resource?.aws_iam_role).toBeUndefined();
  });
});

describe('the CI role`s permissions', () => {
  const base = loadBase('stage');
  const policy = ciPermissionsPolicy({ tier: 'stage', vpcName: base.vpcName, accountId: base.accountId, stateBucket: base.state.bucket }) as { Statement: Statement[] };
  const allowed = new Set(policy.Statement.flatMap((s) => list(s.Action).map((a) => a.split(':')[0])));

  it('cover the service of every resource type any stack of the project creates', () => {
    const envOf = (tier: (typeof TIERS)[number]) => {
      const env = loadEnv({ tier, set: 'demo', selector: { kind: 'branch', branch: 'feature/ci' } });
      const images = Object.fromEntries(env.set.services.map((s) => [s.name, 'nginx:1.27']));
      return envSpec(env, { images, commit: 'c', createdBy: 't', now: new Date(), local: false, shard: 2 }).spec;
    };
    const specs = [...selectStacks(STACK_KINDS, TIERS), ...TIERS.map(envOf)];
    const types = new Set(synthToTemp(specs).flatMap((stack) => Object.keys(JSON.parse(fs.readFileSync(stack.file, 'utf8')).resource ?? {})));
    const missing = [...types].filter((type) => type.startsWith('aws_')).filter((type) => !allowed.has(SERVICE_OF_RESOURCE.find(([prefix]) => type.startsWith(prefix))![1]));
    expect(missing).toEqual([]);
  });

  it('limit IAM, S3, secrets and tables to the names the tool gives', () => {
    const byAction = (action: string) => policy.Statement.filter((s) => list(s.Action).includes(action)).flatMap((s) => list(s.Resource));
    expect(byAction('iam:*')).toEqual(expect.arrayContaining([`arn:aws:iam::${base.accountId}:role/stage-*`, `arn:aws:iam::${base.accountId}:role/${base.vpcName}-*`]));
    expect(byAction('iam:*').every((r) => !r.endsWith(':role/*'))).toBe(true);
    expect(byAction('s3:*')).toContain(`arn:aws:s3:::${base.state.bucket}/*`);
    expect(byAction('s3:*')).not.toContain('*');
    expect(byAction('secretsmanager:*')).toEqual([`arn:aws:secretsmanager:*:${base.accountId}:secret:branchenv/stage/*`]);
    expect(policy.Statement.some((s) => list(s.Action).some((a) => /^(organizations|iam:CreateUser|iam:CreateAccessKey)/.test(a)))).toBe(false);
  });
});

describe('token issuers of the three CI providers', () => {
  it('gives each provider`s issuer, audience and repository subject', () => {
    expect(oidcIssuer({ provider: 'gitlab', project: 'group/sub/app' })).toEqual({ url: 'https://gitlab.com', audience: 'https://gitlab.com', subject: 'project_path:group/sub/app:*' });
    const org = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
    const project = '11111111-2222-3333-4444-555555555555';
    expect(oidcIssuer({ provider: 'circleci', organizationId: org, projectId: project })).toEqual({ url: `https://oidc.circleci.com/org/${org}`, audience: org, subject: `org/${org}/project/${project}/user/*` });
  });

  it('refuses a repository, project or id in the wrong form, saying where to find the right one', () => {
    const stage = loadBase('stage');
    expect(baseProblems({ ...stage, ci: { provider: 'github', repository: 'https://github.com/o/r' } })).toContainEqual({ path: 'ci.repository', message: expect.stringContaining('is not a GitHub repository owner/name') });
    expect(baseProblems({ ...stage, ci: { provider: 'circleci', organizationId: 'acme', projectId: 'x' } })).toContainEqual({ path: 'ci.organizationId', message: expect.stringContaining('Organization Settings') });
    expect(baseProblems({ ...stage, ci: { provider: 'gitlab', project: 'app', url: 'https://gitlab.example.com/' } }).map((p) => p.path)).toEqual(['ci.project', 'ci.url']);
  });
});
