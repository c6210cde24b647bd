/** The loud part of a plan.md: every destroy and replacement, with Terraform's reason in words. */
import { markdownCode } from './markdown-escape';
import { PlanSummary } from './plan-summary';

/** Terraform's action_reason (`replace_because_tainted`, …) in words; anything else is not shown. */
function reasonText(reason?: string): string {
  if (!reason) return '';
  // action_reason from plan JSON (`replace_because_tainted`), or the words read from terraform's plan text.
  return /^[a-z_]+$/.test(reason) ? ` (${reason.replace(/_/g, ' ')})` : `: ${markdownCode(reason)}`;
}

/** Markdown lines listing destroys and replacements (none when the plan has neither), ending with a blank line. */
export function destructiveChangeLines(summary: Pick<PlanSummary, 'destroyed' | 'replaced'>): string[] {
  if (summary.destroyed.length + summary.replaced.length === 0) return [];
  return [
    `#### ⚠️ ${summary.destroyed.length} destroyed, ${summary.replaced.length} replaced`,
    '',
    ...summary.destroyed.map((address) => `- 🔥 **destroy** ${markdownCode(address)}`),
    ...summary.replaced.map((r) => `- ♻️ **replace** ${markdownCode(r.address)}${reasonText(r.reason)}`),
    '',
  ];
}
