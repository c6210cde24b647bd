/**
 * What the generated GitLab CI and CircleCI configurations do on each event: rules and workflows,
 * forks, manual runs, the pinned Terraform, the base, drift, registries, and the GitLab OIDC lines
 * run for real with a stand-in `aws` (GitHub: ci-events.test.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PINNED_TERRAFORM_VERSION } from '../../src/terraform/terraform-binary';
import { parseCi } from '../helpers/ci-checks';
import { runEnvScript } from '../helpers/env-script';

function generate(provider: string, ...args: string[]): Record<string, unknown> {
  const result = runEnvScript(['ci', provider, '--stdout', ...args]);
  if (result.status !== 0) throw new Error(result.stderr);
  return parseCi(result.stdout);
}

type GitlabJob = { rules?: { if?: string; when?: string; changes?: { paths: string[] } }[]; script?: string[]; before_script?: string[]; extends?: string[]; environment?: Record<string, string>; needs?: string[] };

describe('the generated GitLab CI on each event', () => {
  const config = generate('gitlab') as Record<string, GitlabJob> & { variables: Record<string, unknown>; workflow: { rules: { if: string }[] } };

  it('escapes "/" in branch patterns, so release/* matches release branches only', () => {
    const custom = generate('gitlab', '--branches', 'release/*') as Record<string, GitlabJob>;
    const expression = custom['.env-branch'].rules![0].if!;
    const literal = /=~ \/(.*)\/ &&/.exec(expression)![1];
    expect(literal).toBe('^(release\\/.*)$');
    const regex = new RegExp(literal.replace(/\\\//g, '/'));
    expect(['release/1.2', 'release/x'].every((b) => regex.test(b))).toBe(true);
    expect(['release', 'xrelease/1', 'main'].some((b) => regex.test(b))).toBe(false);
  });

  it('plans the base after a merge that changes base code, applies it with a manual job; merge requests get it in review', () => {
    const plan = config['base-plan'];
    expect(plan.rules).toEqual([expect.objectContaining({ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"' })]);
    expect(plan.rules![0].changes!.paths).toEqual(expect.arrayContaining(['stage/base.ts', 'modules/**/*', 'src/**/*', 'package-lock.json']));
    expect(plan.rules![0].changes!.paths).not.toContain('stage/services/**/*');
    expect(plan.script).toEqual(['scripts/env base plan --tier "$TIER"', 'cp .branchenv/stacks/base-stage/plan.md base-plan.md']);
    const apply = config['base-apply'];
    expect(apply.rules).toEqual([expect.objectContaining({ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"', when: 'manual' })]);
    expect(apply.needs).toEqual(['base-plan']);
    expect(apply.script).toEqual(['scripts/env base apply --tier "$TIER" --auto-approve']);
    expect(config.workflow.rules.map((r) => r.if)).toContain('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"');
  });

  it('gives a merge request from a fork a job that says why there is no plan, instead of failing', () => {
    expect(config.review.rules![0].if).toContain('$CI_MERGE_REQUEST_SOURCE_PROJECT_ID == $CI_MERGE_REQUEST_PROJECT_ID');
    expect(config['plan-from-fork'].rules![0].if).toContain('$CI_MERGE_REQUEST_SOURCE_PROJECT_ID != $CI_MERGE_REQUEST_PROJECT_ID');
    expect(config['plan-from-fork'].script!.join('\n')).toMatch(/forks get no cloud credentials/);
  });

  it('runs one chosen action from "Run pipeline" (ENV_ACTION)', () => {
    expect(config.variables.ENV_ACTION).toEqual(expect.objectContaining({ value: 'none', options: ['none', 'plan', 'apply', 'drop'] }));
    const ruleFor = (job: string) => config[job].rules ?? config['.env-branch'].rules;
    expect(ruleFor('review')!.map((r) => r.if)).toContain('$CI_PIPELINE_SOURCE == "web" && $ENV_ACTION == "plan"');
    expect(config['.env-branch'].rules!.map((r) => r.if)).toContain('$CI_PIPELINE_SOURCE == "web" && $ENV_ACTION == "apply"');
    expect(ruleFor('drop-demo')!.map((r) => r.if)).toContain('$CI_PIPELINE_SOURCE == "web" && $ENV_ACTION == "drop"');
    expect(config['drop-demo'].script).toEqual(['scripts/env -D --branch "${ENV_BRANCH:-$CI_COMMIT_BRANCH}" --set demo --tier "$TIER"']);
  });

  it('installs the pinned Terraform, checked against its checksum, in every job that runs terraform; caches it and the providers', () => {
    const before = config['.aws'].before_script!.join('\n');
    expect(before).toContain('scripts/install-terraform "$TF_VERSION" "$CI_PROJECT_DIR/.branchenv-cache/bin"');
    expect(config.variables.TF_VERSION).toBe(PINNED_TERRAFORM_VERSION);
    expect(config.variables.BRANCHENV_PLUGIN_CACHE).toBe('$CI_PROJECT_DIR/.branchenv-cache/terraform-plugins');
    for (const [name, job] of Object.entries(config as Record<string, GitlabJob>)) {
      if (!(job.script ?? []).some((l: string) => /scripts\/env (-A|-D|plan|reap|drift|base (plan|apply))/.test(l))) continue;
      expect([name, job.extends]).toEqual([name, expect.arrayContaining(['.aws'])]);
      expect(job.before_script).toBeUndefined();
    }
  });

  it('plans what a merge request changes with env review, and posts one note when GITLAB_TOKEN is set', () => {
    const script = config.review.script!.join('\n');
    expect(script).toContain('git fetch --quiet origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" && args+=(--target "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME")');
    expect(script).toContain('scripts/env review "${args[@]}"');
    expect(script).toContain('scripts/env comment --review --gitlab --tier "$TIER" --pr "$CI_MERGE_REQUEST_IID"');
    expect(Object.keys(config).filter((k) => k.startsWith('plan-'))).toEqual(['plan-from-fork']);
  });

  it('runs drift nightly and keeps its report, also when it fails', () => {
    expect(config.drift.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "schedule"' }]);
    expect(config.drift.script!.join('\n')).toContain('scripts/env drift --tier "$TIER" --markdown > drift.md');
  });

  it('logs in to GitLab`s registry with the job`s credentials, to another registry with stored ones', () => {
    const own = generate('gitlab', '--registry', 'registry.gitlab.com/example-org/app') as Record<string, GitlabJob>;
    expect(own.build.before_script!.join('\n')).toContain(`printf '%s' "$CI_REGISTRY_PASSWORD" | docker login --username "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"`);
    const hub = generate('gitlab', '--registry', 'docker.io/exampleorg') as Record<string, GitlabJob>;
    expect(hub.build.before_script!.join('\n')).toContain('docker login --username "$REGISTRY_USERNAME" --password-stdin "$REGISTRY_HOST"');
    expect(config.build.before_script!.join('\n')).toContain('aws ecr get-login-password');
  });

  it('makes one deploy job per set, also for a set named twice', () => {
    const twice = generate('gitlab', '--set', 'demo', '--set', 'demo');
    expect(Object.keys(twice).filter((k) => k.startsWith('deploy-'))).toEqual(['deploy-demo']);
  });

  it('stops the job when the ID token is missing or the role cannot be assumed, before anything else runs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitlab-oidc-'));
    try {
      fs.writeFileSync(path.join(dir, 'aws'), '#!/bin/sh\necho "An error occurred (AccessDenied) when calling AssumeRoleWithWebIdentity" >&2\nexit 254\n', { mode: 0o755 });
      const lines = config['.aws'].before_script!.filter((l) => !l.startsWith('apt-get'));
      // GitLab runs each line with errexit; a marker after the token exchange must never print.
      const script = ['set -eo pipefail', ...lines.slice(0, lines.findIndex((l) => l.startsWith('scripts/install-terraform'))), 'echo REACHED'].join('\n');
      const env = { PATH: `${dir}:/usr/bin:/bin`, ROLE_ARN: 'arn:aws:iam::1:role/x', CI_JOB_ID: '1', TMPDIR: dir };
      const denied = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...env, AWS_ID_TOKEN: 'token' } });
      expect(denied.status).not.toBe(0);
      expect(denied.stdout).not.toContain('REACHED');
      expect(denied.stderr).toMatch(/assuming arn:aws:iam::1:role\/x with this job's ID token failed/);
      const missing = spawnSync('bash', ['-c', script], { encoding: 'utf8', env });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toMatch(/no AWS_ID_TOKEN/);
      fs.writeFileSync(path.join(dir, 'aws'), '#!/bin/sh\necho arn:aws:sts::1:assumed-role/x/gitlab-1\n', { mode: 0o755 });
      expect(spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...env, AWS_ID_TOKEN: 'token' } }).stdout).toContain('REACHED');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

type CircleWorkflow = { when?: { equal: string[] }; jobs: (string | Record<string, { type?: string; requires?: string[]; filters?: { branches: Record<string, string[]> } }>)[]; triggers?: unknown[] };

describe('the generated CircleCI configuration on each event', () => {
  const config = generate('circleci') as { parameters: Record<string, { enum?: string[] }>; commands: Record<string, { steps: unknown[] }>; jobs: Record<string, { steps: unknown[] }>; workflows: Record<string, CircleWorkflow> };
  const names = (wf: CircleWorkflow) => wf.jobs.map((j) => (typeof j === 'string' ? j : Object.keys(j)[0]));

  it('reviews other branches (the base included), and plans and applies the base on the default branch after an approval job', () => {
    expect(names(config.workflows.base)).toEqual(['base-plan', 'approve-base', 'base-apply']);
    const approve = config.workflows.base.jobs[1] as Record<string, { type: string; requires: string[] }>;
    expect(approve['approve-base']).toEqual(expect.objectContaining({ type: 'approval', requires: ['base-plan'] }));
    expect(names(config.workflows.plan)).toEqual(['plan']);
    expect(JSON.stringify(config.jobs.plan.steps)).toContain('scripts/env review');
    expect(JSON.stringify(config.jobs['base-plan'].steps)).toContain('scripts/env base changed --tier \\"$TIER\\" --since');
  });

  it('runs one chosen action from a triggered pipeline`s parameters, and nothing else', () => {
    expect(config.parameters.action.enum).toEqual(['none', 'plan', 'apply', 'drop']);
    for (const [name, wf] of Object.entries(config.workflows)) {
      if (wf.triggers) continue;
      expect([name, wf.when]).toEqual([name, { equal: [expect.stringMatching(/^(none|plan|apply|drop)$/), '<< pipeline.parameters.action >>'] }]);
    }
    expect(names(config.workflows['triggered-apply'])).toEqual(['build', 'deploy']);
    expect(names(config.workflows['triggered-drop'])).toEqual(['drop']);
  });

  it('stops a fork`s plan green with a message, before any cloud step', () => {
    for (const job of ['plan', 'base-plan']) expect(config.jobs[job].steps[0]).toBe('skip-fork');
    expect(JSON.stringify(config.commands['skip-fork'])).toContain('circleci-agent step halt');
  });

  it('installs the pinned Terraform and caches it with the providers before AWS access', () => {
    const steps = JSON.stringify(config.commands.prepare.steps);
    expect(steps).toContain(`scripts/install-terraform \\"$TF_VERSION\\" \\"$HOME/.local/bin\\"`);
    expect(steps).toContain('~/.cache/branchenv/terraform-plugins');
    expect(steps.indexOf('install-terraform')).toBeLessThan(steps.indexOf('aws-cli/setup'));
  });

  it('reports drift nightly', () => {
    expect(names(config.workflows.nightly)).toEqual(['reap', 'drift']);
  });
});
