import * as fs from 'node:fs';
import * as path from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { ciImages, patternToRegex } from '../../src/ci/render-ci';
import { describeDuration } from '../../src/time/duration';
import { PROJECT_ROOT as root, runEnvScript } from '../helpers/env-script';

function generate(provider: string, ...extra: string[]): string {
  const result = runEnvScript(['ci', provider, '--stdout', ...extra]);
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if: string;
  permissions: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

describe('the generated GitHub Actions workflow', () => {
  const content = generate('github');
  const workflow = parse(content) as Workflow;
  const label = (s: Step) => s.name ?? s.uses ?? s.run ?? '';

  it('parses with GitHub`s own workflow parser, with no errors', async () => {
    const result = parseWorkflow({ name: 'branchenv.yml', content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors()).toEqual([]);
    const template = await convertWorkflowTemplate(result.context, result.value!);
    expect(template.errors ?? []).toEqual([]);
    expect(Object.keys(workflow.jobs)).toEqual(['deploy', 'plan', 'base-check', 'base-apply', 'drop', 'reap', 'drift']);
    // The parser does report mistakes: the same workflow with a misspelled key fails.
    const broken = parseWorkflow({ name: 'broken.yml', content: content.replace('runs-on:', 'run-on:') }, new NoOperationTraceWriter());
    expect(broken.context.errors.getErrors().length).toBeGreaterThan(0);
  });

  it('runs on pushes to the env branches and the default branch, pull requests (closed too), branch deletion, a nightly schedule and by hand', () => {
    expect(workflow.on.push).toEqual({ branches: ['develop', 'infra*', 'test*', 'main'] });
    expect(workflow.on.pull_request).toEqual({ types: ['opened', 'synchronize', 'reopened', 'closed'] });
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['delete', 'schedule', 'workflow_dispatch']));
    expect(workflow.jobs.reap.if).toBe("github.event_name == 'schedule'");
    // Which job runs on which event: test/ci/ci-events.test.ts evaluates every `if`.
  });

  it('has one concurrency group per env and never cancels an apply in flight', () => {
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
    expect(workflow.concurrency.group).toContain("github.event_name == 'workflow_dispatch' && inputs.branch || github.event_name == 'delete' && github.event.ref || github.head_ref || github.ref_name");
  });

  it('uses OIDC with least permissions per job, and no long-lived keys', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(workflow.jobs.plan.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
    expect(workflow.jobs.drop.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    for (const job of Object.values(workflow.jobs)) {
      const creds = job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'))!;
      expect(creds.with).toEqual(expect.objectContaining({ 'role-to-assume': 'arn:aws:iam::111111111111:role/branchenv-stage-ci' }));
    }
    expect(content).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id/);
  });

  it('builds and pushes every per-branch image with the `env tag` tag, then applies (with its smoke test), then shows the URLs and the status', () => {
    const steps = workflow.jobs.deploy.steps.map(label);
    expect(steps).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'hashicorp/setup-terraform@v3',
      'actions/cache@v4',
      'aws-actions/configure-aws-credentials@v4',
      'aws-actions/amazon-ecr-login@v2',
      'Image tag',
      'Build and push web',
      'Build and push api',
      'Build and push worker',
      'Apply demo',
      'URLs and status of demo',
    ]);
    const checkout = workflow.jobs.deploy.steps[0];
    expect(checkout.with).toEqual({ 'fetch-depth': 0, ref: "${{ github.event_name == 'workflow_dispatch' && inputs.branch || github.ref }}" });
    expect(workflow.jobs.deploy.steps[7].run).toContain('scripts/env tag --branch "$BRANCH"');
    expect(workflow.jobs.deploy.steps[8].run).toContain('docker push "111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/web:${{ steps.tag.outputs.tag }}"');
    expect(workflow.jobs.deploy.steps[11].run).toBe('scripts/env -A --branch "$BRANCH" --set demo --tier "$TIER"');
    expect(workflow.jobs.deploy.steps[12].run).toContain('} >> "$GITHUB_STEP_SUMMARY"');
    // The status table goes into the job summary too, even when apply failed (its smoke test says why).
    expect(workflow.jobs.deploy.steps[12].run).toContain('scripts/env status --branch "$BRANCH" --set demo --tier "$TIER" || true');
    expect((workflow.jobs.deploy.steps[12] as { if?: string }).if).toBe('${{ !cancelled() }}');
  });

  it('reviews a pull request, then puts review.md in its one comment', () => {
    const steps = workflow.jobs.plan.steps;
    const review = steps.findIndex((s) => s.run?.includes('scripts/env review'));
    const comment = steps.findIndex((s) => s.run?.startsWith('scripts/env comment'));
    expect(review).toBeGreaterThan(0);
    expect(comment).toBe(review + 1);
    expect(steps[comment].run).toContain('--review');
    expect((steps[comment] as { env?: Record<string, string> }).env).toEqual(expect.objectContaining({ PR: '${{ github.event.number }}' }));
  });

  it('drops without a prompt and reaps with --yes', () => {
    expect(workflow.jobs.drop.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'scripts/env -D --branch "$BRANCH" --set demo --tier "$TIER"']);
    expect(workflow.jobs.reap.steps.at(-1)!.run).toBe('scripts/env reap --older-than 7d --tier "$TIER" --yes');
  });

  it('takes other branch patterns, sets and reap ages as settings', () => {
    const custom = parse(generate('github', '--branches', 'main', '--branches', 'review/*', '--reap-age', '3d')) as Workflow;
    expect(custom.on.push).toEqual({ branches: ['main', 'review/*'] });
    expect(custom.jobs.reap.steps.at(-1)!.run).toContain('--older-than 3d');
  });
});

describe('the generated GitLab CI configuration', () => {
  const config = parse(generate('gitlab')) as Record<string, Record<string, unknown>>;

  it('parses as YAML with build, deploy, drop, plan, base and nightly jobs', () => {
    expect(Object.keys(config)).toEqual(expect.arrayContaining(['build', 'deploy-demo', 'drop-demo', 'review', 'plan-from-fork', 'base-plan', 'base-apply', 'reap', 'drift']));
  });

  it('deploys into a GitLab environment that stops itself, and whose stop action drops the env', () => {
    expect(config['deploy-demo'].environment).toEqual({ name: 'demo/$CI_COMMIT_REF_SLUG', url: '$ENV_URL', on_stop: 'drop-demo', auto_stop_in: '7 days' });
    expect(config['drop-demo'].environment).toEqual({ name: 'demo/$CI_COMMIT_REF_SLUG', action: 'stop' });
    expect(config['drop-demo'].script).toEqual(['scripts/env -D --branch "${ENV_BRANCH:-$CI_COMMIT_BRANCH}" --set demo --tier "$TIER"']);
  });

  it('uses OIDC ID tokens for AWS and runs the reap on schedules only', () => {
    expect((config['.aws'].id_tokens as Record<string, unknown>).AWS_ID_TOKEN).toEqual({ aud: 'sts.amazonaws.com' });
    expect(config.reap.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "schedule"' }]);
    expect((config['.env-branch'].rules as { if: string }[])[0].if).toContain('$CI_COMMIT_BRANCH =~ /^(develop|infra.*|test.*)$/');
  });

  it('never puts the OIDC token on a command line: it goes to a private file the AWS tools read', () => {
    for (const job of ['.aws', 'build']) {
      const lines = (config[job].before_script as string[]).join('\n');
      expect(lines).not.toMatch(/--web-identity-token/);
      expect(lines).toContain(`(umask 077 && printf '%s' "$AWS_ID_TOKEN" >`);
      expect(lines).toMatch(/export AWS_ROLE_ARN="\$ROLE_ARN" .*AWS_WEB_IDENTITY_TOKEN_FILE=/);
      expect(lines.replace(/printf '%s' "\$AWS_ID_TOKEN"/, '')).not.toContain('$AWS_ID_TOKEN');
    }
  });
});

describe('the generated CircleCI configuration', () => {
  const config = parse(generate('circleci')) as { jobs: Record<string, unknown>; workflows: Record<string, { jobs: unknown[]; triggers?: unknown[] }> };

  it('parses as YAML with build, deploy, drop, plan, base and nightly jobs', () => {
    expect(Object.keys(config.jobs).sort()).toEqual(['base-apply', 'base-plan', 'build', 'deploy', 'drift', 'drop', 'plan', 'reap']);
  });

  it('drops an env after an approval, and reaps on a nightly schedule', () => {
    const jobs = config.workflows.environment.jobs.map((j) => Object.keys(j as object)[0]);
    expect(jobs).toEqual(['build', 'deploy', 'approve-drop', 'drop']);
    expect(config.workflows.nightly.triggers).toEqual([expect.objectContaining({ schedule: expect.objectContaining({ cron: '17 3 * * *' }) })]);
  });
});

describe('CI settings', () => {
  it('turn branch globs into the regular expressions GitLab and CircleCI want', () => {
    expect(patternToRegex('infra*')).toBe('infra.*');
    expect(patternToRegex('release/v1.2')).toBe('release\\/v1\\.2');
  });

  it('turn reap ages into GitLab`s auto_stop_in', () => {
    expect(describeDuration('7d')).toBe('7 days');
    expect(describeDuration('1w')).toBe('1 week');
    expect(() => describeDuration('soon')).toThrow(/not a duration/);
  });

  it('build no image for a service whose image is fixed', () => {
    const images = ciImages(
      [{ name: 's', services: [{ name: 'app', image: { repository: 's/app' } }, { name: 'redis', image: { fixed: 'redis:7' } }] }],
      'reg.example.com',
      'services',
    );
    expect(images).toEqual([{ set: 's', service: 'app', repository: 'reg.example.com/s/app', context: 'services/app' }]);
  });
});

describe('README', () => {
  it('shows the workflow exactly as `env ci github` generates it for the demo set', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /The generated workflow for the demo set:\n\n```yaml\n([\s\S]*?)```\n/.exec(readme);
    expect(block?.[1]).toBe(generate('github'));
  });
});
