/**
 * The one pull-request comment of `env review`: what a reviewer must judge, one section per plan
 * (the branch's own env, the merge target's env planned with the pull request's code, the base when
 * base code changed), each plan.md with its own summary line, and a list of those lines first.
 */
import { markdownCode } from './markdown-escape';
import { PLAN_MARKDOWN_LIMIT } from './plan-markdown';

export interface ReviewSection {
  /** What this plan is, in words: "`feature-x`, this branch's env". */
  readonly title: string;
  /** The plan's summary line (counts), or why there is no plan. */
  readonly summary: string;
  /** plan.md of the plan; absent when there was nothing to plan. */
  readonly markdown?: string;
}

/** Hidden marker of a pull request's one review comment, per tier. */
export function reviewMarker(tier: string): string {
  return `<!-- branchenv-review: ${tier.replace(/[^A-Za-z0-9._-]/g, '_')} -->`;
}

/** Room for the list of summaries and the separators around the sections. */
export const REVIEW_OVERHEAD = 2_000;

/** The budget of each plan.md when `plans` of them share one comment. */
export function sectionLimit(plans: number): number {
  return Math.floor((PLAN_MARKDOWN_LIMIT - REVIEW_OVERHEAD) / Math.max(1, plans));
}

/** An inner plan.md's own marker would pass for its own comment: the review comment keeps only its own. */
function withoutMarker(markdown: string): string {
  return markdown.replace(/^<!-- branchenv-[a-z-]+: [^\n]* -->\n/, '');
}

export function reviewMarkdown(tier: string, branch: string, sections: readonly ReviewSection[]): string {
  const lines = [
    reviewMarker(tier),
    `## branchenv: what ${markdownCode(branch)} changes`,
    '',
    ...sections.map((s) => `- ${s.title}: ${s.summary}`),
    '',
  ];
  for (const section of sections) if (section.markdown !== undefined) lines.push('---', '', withoutMarker(section.markdown).trimEnd(), '');
  return lines.join('\n');
}
