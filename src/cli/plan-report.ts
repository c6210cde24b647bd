/**
 * Turns an env's plan into what the commands show: the summary and plan.md, from terraform's own
 * plan text, the env's outputs before the plan, its images and its definition (no `terraform show`).
 */
import { remoteWebUrl } from '../git/git-info';
import { buildEnvGraph } from '../graph/env-graph';
import { renderMermaid } from '../graph/mermaid-render';
import { planServices } from '../env/plan-services';
import { planMarkdown } from '../report/plan-markdown';
import type { PlanSummary } from '../report/plan-summary';
import { parsePlanText } from '../report/plan-text';
import { imageRows, summarizePlanText } from '../report/text-summary';
import type { PlanRun } from '../terraform/workspace';
import type { PreparedEnv } from '../env/prepare-env';
import type { ImageResolution } from '../images/image-overrides';

export interface EnvPlanReport {
  readonly summary: PlanSummary;
  readonly markdown: string;
}

/** The commit's web page on the repository's host (GitHub, GitLab, Bitbucket), when origin is one. */
function commitUrl(cwd: string, commit: string): string | undefined {
  const web = remoteWebUrl(cwd);
  if (!web || !/^[0-9a-f]{4,40}$/.test(commit)) return undefined;
  // The hosts resolve a short sha as well as a full one.
  return web.includes('gitlab') ? `${web}/-/commit/${commit}` : web.includes('bitbucket') ? `${web}/commits/${commit}` : `${web}/commit/${commit}`;
}

/** What the report needs of a planned env: its definition, images and shard. */
export interface PlannedEnv {
  readonly env: PreparedEnv;
  readonly images: readonly ImageResolution[];
  readonly shard: number;
}

export function envPlanReport(ctx: PlannedEnv, planRun: PlanRun, prior: Readonly<Record<string, unknown>>, wholePlan: readonly string[], fallbackBranch: string, cwd: string, limit?: number): EnvPlanReport {
  const { env } = ctx;
  const text = parsePlanText(planRun.text);
  const images = imageRows(ctx.images, prior);
  const summary = summarizePlanText(text, planRun.changes, prior, images);
  const services = planServices({ base: env.base, set: env.set, env: env.name, images: Object.fromEntries(ctx.images.map((i) => [i.service, i.image])) });
  const urls = [...new Set(services.flatMap((s) => s.routes.map((r) => `https://${r.host}`)))];
  const shards = env.base.ingress?.shards ?? 1;
  const markdown = planMarkdown({
    summary,
    text,
    tier: env.base.tier,
    set: env.set.name,
    env: env.name,
    services: env.set.services.map((s) => s.name),
    branch: env.branch,
    commit: env.identity.commit,
    commitUrl: commitUrl(cwd, env.identity.commit),
    shard: shards > 1 ? { number: ctx.shard, of: shards } : undefined,
    expiresOn: env.identity.expiresOn,
    urls,
    images,
    fallbackBranch,
    mermaid: renderMermaid(buildEnvGraph({ tier: env.base.tier, env: env.name, set: env.set, services, imageLegend: [] })),
    wholePlan,
    limit,
  });
  return { summary, markdown };
}
