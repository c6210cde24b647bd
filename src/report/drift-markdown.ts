/**
 * What `env drift --markdown` writes: one table of the base and the protected envs, then the drifted
 * resources of each, for a CI job summary or an issue comment.
 */
import { markdownCode } from './markdown-escape';

export interface StackDrift {
  /** `base stage`, or `<set>/<env>`. */
  readonly stack: string;
  readonly drifted: boolean;
  /** Addresses of the resources that changed outside Terraform, with what changed (`update`, `delete`). */
  readonly resources: readonly { readonly address: string; readonly actions: readonly string[] }[];
}

/** Resources listed per stack; the rest are counted. */
const LISTED = 50;

export function driftMarkdown(tier: string, results: readonly StackDrift[], checkedAt: string): string {
  const drifted = results.filter((r) => r.drifted);
  const lines = [
    `### branchenv drift of ${markdownCode(tier)}`,
    '',
    drifted.length === 0
      ? `**In sync**: ${results.length} stack(s) match their Terraform state (${checkedAt}).`
      : `**${drifted.length} of ${results.length} stack(s) drifted** (${checkedAt}): changed in AWS outside Terraform. The next apply of each puts it back; \`env drift\` lists the same.`,
    '',
    '| Stack | State | Drifted resources |',
    '| --- | --- | ---: |',
    ...results.map((r) => `| ${markdownCode(r.stack)} | ${r.drifted ? 'drifted' : 'in sync'} | ${r.resources.length} |`),
  ];
  for (const r of drifted) {
    lines.push('', `#### ${markdownCode(r.stack)}`, '');
    for (const res of r.resources.slice(0, LISTED)) lines.push(`- ${res.actions.join('/')} ${markdownCode(res.address)}`);
    if (r.resources.length > LISTED) lines.push(`- … and ${r.resources.length - LISTED} more`);
  }
  return lines.join('\n') + '\n';
}
