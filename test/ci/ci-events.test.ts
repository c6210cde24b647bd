/**
 * What the generated CI does on each event: which GitHub jobs run (their `if:` evaluated with
 * GitHub's own expression library), which GitLab rules and CircleCI workflows match, and the
 * behaviours the issue asks for: forks skip with a summary, workflow_dispatch does one thing, every
 * job that runs terraform installs the pinned release first, the base is planned on base changes and
 * applied after approval, drift is reported nightly, registries get logged in to.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PINNED_TERRAFORM_VERSION } from '../../src/terraform/terraform-binary';
import { parseCi } from '../helpers/ci-checks';
import { runEnvScript } from '../helpers/env-script';
import { Context, evaluateIf } from '../helpers/github-if';

function generate(provider: string, ...args: string[]): Record<string, unknown> {
  const result = runEnvScript(['ci', provider, '--stdout', ...args]);
  if (result.status !== 0) throw new Error(result.stderr);
  return parseCi(result.stdout);
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string;
  env?: Record<string, string>;
  environment?: string;
  permissions: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, { type: string; options?: string[]; required?: boolean }>; branches?: string[] } | null>;
  jobs: Record<string, Job>;
}

const REPO = 'example-org/app';
type Event = { name: string; github: Record<string, unknown>; inputs?: Record<string, string> };
const push = (branch: string): Event => ({ name: `push to ${branch}`, github: { event_name: 'push', ref_name: branch, event: { before: 'abc' } } });
const pr = (action: string, fork = false): Event => ({
  name: `pull request ${action}${fork ? ' from a fork' : ''}`,
  github: { event_name: 'pull_request', head_ref: 'feature/x', base_ref: 'main', repository: REPO, event: { action, number: 7, pull_request: { head: { repo: { full_name: fork ? 'someone/app' : REPO } } } } },
});
const dispatch = (action: string): Event => ({ name: `workflow_dispatch ${action}`, github: { event_name: 'workflow_dispatch', ref_name: 'main' }, inputs: { action, branch: 'feature/x' } });

function contextOf(event: Event, extra: Context = {}): Context {
  return { github: { repository: REPO, ...event.github }, inputs: event.inputs ?? {}, env: {}, needs: {}, steps: {}, vars: {}, secrets: {}, ...extra };
}

/** The jobs that run for an event; a job that needs another runs when that one ran (outputs as given). */
function jobsRun(workflow: Workflow, event: Event, needsOutputs: Record<string, Record<string, string>> = {}): string[] {
  const ran: string[] = [];
  for (const [name, job] of Object.entries(workflow.jobs)) {
    if (job.needs && !ran.includes(job.needs)) continue;
    const needs = job.needs ? { [job.needs]: { result: 'success', outputs: needsOutputs[job.needs] ?? {} } } : {};
    if (job.if === undefined || evaluateIf(job.if, contextOf(event, { needs }))) ran.push(name);
  }
  return ran;
}

/** The steps of a job that run, with the job's env expressions evaluated first. */
function stepsRun(job: Job, event: Event, steps: Context = {}): string[] {
  const env = Object.fromEntries(Object.entries(job.env ?? {}).map(([k, v]) => [k, /^\$\{\{.*\}\}$/.test(v) ? String(evaluateIf(v, contextOf(event))) : v]));
  return job.steps.filter((s) => s.if === undefined || evaluateIf(s.if, contextOf(event, { env, steps }))).map((s) => s.name ?? s.uses ?? s.run ?? '');
}

describe('the generated GitHub workflow on each event', () => {
  const workflow = generate('github') as unknown as Workflow;

  it.each([
    [push('develop'), ['deploy']],
    [push('main'), ['base-check']],
    [pr('opened'), ['plan']],
    [pr('closed'), ['drop']],
    [pr('closed', true), []],
    [{ name: 'branch deleted', github: { event_name: 'delete', event: { ref: 'feature/x', ref_type: 'branch' } } }, ['drop']],
    [{ name: 'tag deleted', github: { event_name: 'delete', event: { ref: 'v1', ref_type: 'tag' } } }, []],
    [{ name: 'nightly', github: { event_name: 'schedule' } }, ['reap', 'drift']],
    [dispatch('plan'), ['plan']],
    [dispatch('apply'), ['deploy']],
    [dispatch('drop'), ['drop']],
  ] as [Event, string[]][])('%# runs exactly the jobs it should', (event, expected) => {
    expect(jobsRun(workflow, event)).toEqual(expected);
  });

  it('applies the base after a merge only when its plan has changes, behind the tier`s GitHub environment', () => {
    expect(jobsRun(workflow, push('main'), { 'base-check': { changes: 'true' } })).toEqual(['base-check', 'base-apply']);
    expect(jobsRun(workflow, push('main'), { 'base-check': { changes: 'false' } })).toEqual(['base-check']);
    expect(workflow.jobs['base-apply'].environment).toBe('stage-base');
    expect(workflow.jobs['base-apply'].steps.at(-1)!.run).toBe('scripts/env base apply --tier "$TIER" --auto-approve');
    const prod = generate('github', '--tier', 'prod') as unknown as Workflow;
    expect(prod.jobs['base-apply'].environment).toBe('prod-base');
    expect(prod.jobs['base-apply'].steps.at(-1)!.run).toBe('scripts/env base apply --tier "$TIER" --yes --force');
  });

  it('deploys the default branch too when it is an env branch, and still plans the base after a merge', () => {
    const develop = generate('github', '--default-branch', 'develop') as unknown as Workflow;
    expect(jobsRun(develop, push('develop'))).toEqual(['deploy', 'base-check']);
    expect(develop.on.push!.branches).toEqual(['develop', 'infra*', 'test*']);
    expect(workflow.on.push!.branches).toEqual(['develop', 'infra*', 'test*', 'main']);
  });

  it('takes workflow_dispatch inputs: an action to choose and the branch', () => {
    expect(workflow.on.workflow_dispatch!.inputs).toEqual({
      action: expect.objectContaining({ type: 'choice', options: ['plan', 'apply', 'drop'] }),
      branch: expect.objectContaining({ type: 'string', required: true }),
    });
    expect(workflow.jobs.deploy.env!.BRANCH).toContain('inputs.branch');
    expect(workflow.jobs.drop.env!.BRANCH).toContain('inputs.branch');
  });

  it('gives a pull request from a fork a job summary and no cloud step, instead of a failure', () => {
    for (const job of ['plan']) {
      const forkSteps = stepsRun(workflow.jobs[job], pr('opened', true));
      expect(forkSteps).toEqual(['No cloud credentials for a pull request from a fork']);
      expect(workflow.jobs[job].steps[0].run).toContain('GITHUB_STEP_SUMMARY');
      expect(stepsRun(workflow.jobs[job], pr('opened'))).not.toContain('No cloud credentials for a pull request from a fork');
    }
    expect(stepsRun(workflow.jobs.plan, pr('opened'))).toEqual(expect.arrayContaining(['Plan the env, the target`s env and the base', 'Comment the plans', 'aws-actions/configure-aws-credentials@v4']));
  });

  it('plans what a pull request changes with env review (its env, the target`s, the base) and posts one review comment', () => {
    const steps = workflow.jobs.plan.steps;
    const review = steps.find((s) => s.name === 'Plan the env, the target`s env and the base')!.run!;
    expect(review).toContain(`args=(--branch "$BRANCH" --tier "$TIER" --set demo --env-branches 'develop' --env-branches 'infra*' --env-branches 'test*')`);
    expect(review).toContain('if [ -n "$TARGET" ]; then args+=(--target "$TARGET"); else args+=(--own-always); fi');
    expect(review).toContain('scripts/env review "${args[@]}"');
    expect(workflow.jobs.plan.env!.TARGET).toBe('${{ github.base_ref }}');
    expect(steps.find((s) => s.name === 'Comment the plans')!.run).toBe('scripts/env comment --review --tier "$TIER" --pr "$PR"');
    expect(stepsRun(workflow.jobs.plan, dispatch('plan'))).not.toContain('Comment the plans');
    expect(steps.some((s) => s.uses === 'actions/upload-artifact@v4')).toBe(true);
  });

  it('runs the review`s argument logic as bash: a pull request names its target, a manual run plans its own env', () => {
    const review = workflow.jobs.plan.steps.find((s) => s.name === 'Plan the env, the target`s env and the base')!.run!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-args-'));
    try {
      fs.mkdirSync(path.join(dir, 'scripts'));
      fs.mkdirSync(path.join(dir, '.branchenv'));
      fs.writeFileSync(path.join(dir, '.branchenv', 'review.md'), '');
      fs.writeFileSync(path.join(dir, 'scripts', 'env'), '#!/bin/bash\nprintf "%s\\n" "$@" > args.txt\n', { mode: 0o755 });
      const run = (target: string) => {
        spawnSync('bash', ['-e', '-c', review], { cwd: dir, env: { PATH: process.env.PATH, BRANCH: 'feature/x', TIER: 'stage', TARGET: target, GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') } });
        return fs.readFileSync(path.join(dir, 'args.txt'), 'utf8').trim().split('\n');
      };
      expect(run('develop').slice(-2)).toEqual(['--target', 'develop']);
      expect(run('').slice(-1)).toEqual(['--own-always']);
      expect(run('develop').slice(0, 5)).toEqual(['review', '--branch', 'feature/x', '--tier', 'stage']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('installs the pinned Terraform (no wrapper) and caches providers before every job that runs terraform', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const terraformAt = job.steps.findIndex((s) => /scripts\/env (-A|-D|plan|reap|drift|base (plan|apply))/.test(s.run ?? ''));
      if (terraformAt < 0) continue;
      const setup = job.steps.findIndex((s) => s.uses === 'hashicorp/setup-terraform@v3');
      expect([name, setup >= 0 && setup < terraformAt]).toEqual([name, true]);
      expect(job.steps[setup].with).toEqual({ terraform_version: '${{ env.TF_VERSION }}', terraform_wrapper: false });
      expect(job.steps.some((s) => s.uses === 'actions/cache@v4' && s.with!.path === '~/.cache/branchenv/terraform-plugins')).toBe(true);
    }
    expect((generate('github') as { env: Record<string, string> }).env.TF_VERSION).toBe(PINNED_TERRAFORM_VERSION);
  });

  it('reports drift nightly into the job summary, and comments on the drift issue when one is configured', () => {
    const drift = workflow.jobs.drift.steps.at(-1)!;
    expect(drift.run).toContain('scripts/env drift --tier "$TIER" --markdown > drift.md');
    expect(drift.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(drift.run).toContain('gh issue comment "$DRIFT_ISSUE" --body-file drift.md');
    expect(drift.env!.DRIFT_ISSUE).toBe('${{ vars.BRANCHENV_DRIFT_ISSUE }}');
    expect(workflow.jobs.drift.permissions).toEqual({ contents: 'read', 'id-token': 'write', issues: 'write' });
  });

  it('logs in to GitHub`s registry with the job token and packages: write, to another registry with stored credentials', () => {
    const ghcr = generate('github', '--registry', 'ghcr.io/example-org') as unknown as Workflow;
    expect(ghcr.jobs.deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write', packages: 'write' });
    expect(ghcr.jobs.deploy.steps.find((s) => s.uses === 'docker/login-action@v3')!.with).toEqual({ registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' });
    expect(ghcr.jobs.deploy.steps.some((s) => s.uses?.startsWith('aws-actions/amazon-ecr-login'))).toBe(false);
    const hub = generate('github', '--registry', 'docker.io/exampleorg') as unknown as Workflow;
    expect(hub.jobs.deploy.steps.find((s) => s.uses === 'docker/login-action@v3')!.with).toEqual({ username: '${{ vars.REGISTRY_USERNAME }}', password: '${{ secrets.REGISTRY_PASSWORD }}' });
    expect(hub.jobs.deploy.permissions.packages).toBeUndefined();
    expect(workflow.jobs.deploy.steps.some((s) => s.uses === 'aws-actions/amazon-ecr-login@v2')).toBe(true);
  });

  it('builds one set named twice once', () => {
    const twice = generate('github', '--set', 'demo', '--set', 'demo') as unknown as Workflow;
    expect(twice.jobs.deploy.steps.filter((s) => s.name === 'Apply demo')).toHaveLength(1);
  });
});

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
