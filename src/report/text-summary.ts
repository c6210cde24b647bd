/**
 * The plan summary (counts, destroys, replacements with what forces them, the cost change) from
 * terraform's human-readable plan, the env's outputs before the plan and its images: everything
 * `terraform show -json` gave, without starting the provider a second time.
 */
import { COST_OUTPUT, CostChange } from './cost-line';
import type { PlanText } from './plan-text';
import { countKinds, ImageChange, PlanSummary } from './plan-summary';

/** One service's image in the plan: before (from the env's outputs), after, and where it came from. */
export interface ImageRow {
  readonly service: string;
  readonly from?: string;
  readonly to: string;
  /** `branch`, `fallback`, `override` (pinned), `fixed`. */
  readonly source: string;
}

const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The estimate before (the prior output) and after (the plan's output line, or unchanged). */
function costChange(text: PlanText, prior: Readonly<Record<string, unknown>>): CostChange | undefined {
  const before = number(prior[COST_OUTPUT]);
  const line = text.outputs.find((o) => o.name === COST_OUTPUT);
  if (!line) return before === undefined ? undefined : { before, after: before };
  if (line.kind === 'delete') return { before };
  const values = [...line.lines[0].matchAll(/(?:=|->)\s*(-?\d+(?:\.\d+)?)\b/g)].map((m) => Number(m[1]));
  const after = values.length > 0 ? values[values.length - 1] : undefined;
  return before === undefined && after === undefined ? undefined : { before, after };
}

/** Terraform's reason for a replacement in words: the attributes that force it, else its own words. */
export function replacementReason(resource: { forcedBy: readonly string[]; reasons: readonly string[] }): string | undefined {
  if (resource.forcedBy.length > 0) return `${resource.forcedBy.join(', ')} forces replacement`;
  return resource.reasons[0];
}

export function summarizePlanText(text: PlanText, changes: boolean, prior: Readonly<Record<string, unknown>>, images: readonly ImageRow[]): PlanSummary {
  const counts = countKinds(text.resources.map((r) => r.kind));
  const imageChanges: ImageChange[] = images.filter((i) => i.from !== i.to).map((i) => ({ container: i.service, from: i.from, to: i.to }));
  return {
    counts,
    destroyed: text.resources.filter((r) => r.kind === 'delete').map((r) => r.address),
    replaced: text.resources.filter((r) => r.kind === 'replace').map((r) => ({ address: r.address, reason: replacementReason(r) })),
    imageChanges,
    hasChanges: changes,
    cost: costChange(text, prior),
  };
}

/** Each service's image row: the prior `images` output says what ran before. */
export function imageRows(resolved: readonly { service: string; image: string; source: string }[], prior: Readonly<Record<string, unknown>>): ImageRow[] {
  const before = (prior.images ?? {}) as Record<string, unknown>;
  return resolved.map((r) => ({ service: r.service, from: typeof before[r.service] === 'string' ? (before[r.service] as string) : undefined, to: r.image, source: r.source }));
}
