/** A plan.md input around terraform's plan text (fixtures in test/fixtures/plan-text), overridable per test. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlanMarkdownInput } from '../../src/report/plan-markdown';
import { parsePlanText, PlanText } from '../../src/report/plan-text';
import { ImageRow, summarizePlanText } from '../../src/report/text-summary';

export function planTextFixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'plan-text', `${name}.txt`), 'utf8');
}

export function planInput(text: string | PlanText, overrides: Partial<PlanMarkdownInput> & { prior?: Record<string, unknown> } = {}): PlanMarkdownInput {
  const parsed = typeof text === 'string' ? parsePlanText(text) : text;
  const images: readonly ImageRow[] = overrides.images ?? [];
  const { prior, ...rest } = overrides;
  return {
    summary: summarizePlanText(parsed, parsed.resources.length > 0, prior ?? {}, images),
    text: parsed,
    tier: 'stage',
    set: 'demo',
    env: 'feature-x',
    services: ['web', 'api', 'worker'],
    branch: 'feature/x',
    commit: 'abc1234',
    urls: [],
    images,
    fallbackBranch: 'develop',
    wholePlan: ['x/plan.txt'],
    ...rest,
  };
}
