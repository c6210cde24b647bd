/**
 * What the generated GitHub workflow does on each event: which jobs run (their `if:` evaluated with
 * GitHub's own expression library; GitLab and CircleCI: ci-events-gitlab-circleci.test.ts), and the
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
