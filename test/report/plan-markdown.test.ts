/**
 * plan.md from real terraform plan text (test/fixtures/plan-text: terraform 1.11.4 with the AWS
 * provider for the demo env, and terraform_data for a destroy), checked as Markdown GitHub renders:
 * tables well-formed, details and fences balanced, no raw HTML but ours, under the comment limit.
 */
import { planMarkdown, PLAN_MARKDOWN_LIMIT } from '../../src/report/plan-markdown';
import { parsePlanText } from '../../src/report/plan-text';
import { GITHUB_COMMENT_LIMIT, markdownProblems } from '../helpers/markdown-check';
import { planInput, planTextFixture } from '../helpers/plan-md-input';

const WEB_OLD = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/web:main-101-de43d97';
const WEB_NEW = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/web:feature-7-abc1234';
const API = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/api:develop-3-aaaaaaa';

function wellFormed(md: string): void {
  expect(markdownProblems(md)).toEqual([]);
  expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
}

/** The bullet lines of the resource lists: every changed resource, with its action. */
const listed = (md: string) => md.split('\n').filter((l) => /^- \S+ (create|update|replace|destroy|read|move) `/.test(l));

describe('plan.md of a new env', () => {
  const text = planTextFixture('create');
  const md = planMarkdown(
    planInput(text, {
      env: 'main',
      commitUrl: 'https://github.com/example-org/app/commit/abc1234',
      shard: { number: 2, of: 5 },
      expiresOn: '2026-12-14',
      urls: ['https://web--demo-main.stage.example.com', 'https://api--demo-main.stage.example.com'],
      images: [{ service: 'web', to: WEB_OLD, source: 'branch' }, { service: 'api', to: API, source: 'fallback' }],
      mermaid: 'flowchart LR\n  a --> b',
    }),
  );

  it('is well-formed GitHub Markdown under the comment limit', () => wellFormed(md));

  it('starts with the env, the counts and the facts a reviewer needs: branch, linked commit, shard, expiry, URLs', () => {
    const head = md.split('#### Images')[0];
    expect(head).toContain('**63 to add, 0 to change, 0 to destroy**');
    expect(head).toContain('| `feature/x` | [`abc1234`](https://github.com/example-org/app/commit/abc1234) | 2 of 5 | `2026-12-14` |');
    expect(head).toContain('URLs: https://web--demo-main.stage.example.com · https://api--demo-main.stage.example.com');
  });

  it('says where each image comes from: the branch or the develop fallback', () => {
    expect(md).toContain(`| \`web\` | — | \`${WEB_OLD}\` | branch |`);
    expect(md).toContain(`| \`api\` | — | \`${API}\` | \`develop\` fallback |`);
  });

  it('lists every resource the plan creates, grouped by service, then the env`s shared ones', () => {
    expect(listed(md)).toHaveLength(63);
    const summaries = md.split('\n').filter((l) => l.startsWith('<details><summary><b>'));
    expect(summaries).toEqual(['<details><summary><b>web</b>: 13 create</summary>', '<details><summary><b>api</b>: 17 create</summary>', '<details><summary><b>worker</b>: 13 create</summary>', '<details><summary><b>env (shared)</b>: 20 create</summary>']);
  });

  it('drops what repeats on every resource: default tags_all, (known after apply); new config files are counted, not shown', () => {
    expect(md).not.toContain('tags_all');
    expect(md).not.toContain('(known after apply)');
    expect(md).toMatch(/# \(\d+ lines of text\)/);
    expect(text.match(/tags_all/g)!.length).toBeGreaterThan(20);
  });

  it('folds the graph as Mermaid', () => {
    expect(md).toContain('<details><summary>Graph of the env</summary>\n\n```mermaid\nflowchart LR\n  a --> b\n```');
  });
});

describe('plan.md of an image-only update', () => {
  const md = planMarkdown(
    planInput(planTextFixture('image-update'), {
      prior: { estimated_cost_per_day: 0.61, images: { web: WEB_OLD } },
      images: [{ service: 'web', from: WEB_OLD, to: WEB_NEW, source: 'branch' }, { service: 'api', from: API, to: API, source: 'fallback' }],
    }),
  );

  it('is well-formed', () => wellFormed(md));

  it('shows the image old → new first, and the unchanged one as unchanged', () => {
    expect(md).toContain(`| \`web\` | \`${WEB_OLD}\` | \`${WEB_NEW}\` | branch |`);
    expect(md).toContain(`| \`api\` | unchanged | \`${API}\` | \`develop\` fallback |`);
  });

  it('names the attribute that forces the replacement, before the images', () => {
    const warn = md.indexOf('♻️ **replace** `aws_ecs_task_definition.web_task`: `container_definitions forces replacement`');
    expect(warn).toBeGreaterThan(0);
    expect(warn).toBeLessThan(md.indexOf('#### Images'));
  });

  it('keeps the diff to the changed container, named, with its image line', () => {
    const diff = md.slice(md.indexOf('~~~diff'), md.lastIndexOf('~~~'));
    expect(diff).toContain('name                   = "web"');
    expect(diff).toContain(`~                   image                  = "${WEB_OLD}" -> "${WEB_NEW}"`);
    expect(diff).not.toContain('"envoy"');
    expect(diff).toContain('] # forces replacement');
    expect(diff.split('\n').length).toBeLessThan(30);
  });

  it('carries the cost unchanged', () => {
    expect(md).toContain('Estimated cost: $0.61/day (unchanged)');
  });
});

describe('plan.md of a destroy', () => {
  const md = planMarkdown(planInput(planTextFixture('destroy-and-update'), { services: [] }));

  it('is well-formed', () => wellFormed(md));

  it('lists the destroy loudly with Terraform`s reason, and its old values in the diff', () => {
    expect(md).toContain('🔥 **destroy** `terraform_data.gone`');
    expect(md).toContain('- 🔥 destroy `terraform_data.gone`');
    expect(md).toContain('-       id     = "d90e98b3-2130-5748-81f5-f400ab74f82c" -> null');
    expect(md).toContain('<b>env (shared)</b>: 1 destroy, 1 update ⚠️');
  });
});

describe('plan.md of a set of 40 services', () => {
  // The create fixture's web blocks, once per service: what terraform prints for 40 such services.
  const webBlocks = parsePlanText(planTextFixture('create'))
    .resources.filter((r) => r.address.includes('.web_'))
    .map((r) => [`  # ${r.address} will be created`, ...r.lines].join('\n'));
  const services = Array.from({ length: 40 }, (_, i) => `svc${String(i + 1).padStart(2, '0')}`);
  const big = ['Terraform will perform the following actions:', '', ...services.flatMap((s) => webBlocks.map((b) => b.replace(/\bweb_/g, `${s}_`).replace(/--web\b/g, `--${s}`))), 'Plan: 520 to add, 0 to change, 0 to destroy.'].join('\n\n');
  const md = planMarkdown(planInput(big, { services }));

  it('stays under the limit, well-formed, with every resource listed and what was cut named', () => {
    wellFormed(md);
    expect(md.length).toBeLessThanOrEqual(PLAN_MARKDOWN_LIMIT);
    expect(listed(md)).toHaveLength(40 * webBlocks.length);
    expect(md).toMatch(/<sub>Cut to stay under 60,000 characters: the diff of svc\d\d(, the diff of svc\d\d)*\. Every changed resource is listed above; the whole plan: `x\/plan.txt`/);
  });
});

describe('plan.md without changes', () => {
  it('says no changes and lists nothing', () => {
    const md = planMarkdown(planInput('No changes. Your infrastructure matches the configuration.\n'));
    wellFormed(md);
    expect(md).toContain('**no changes**');
    expect(md).not.toContain('#### Changes by service');
  });
});
