import * as fs from 'node:fs';
import * as path from 'node:path';
import { countsLine } from '../report/plan-summary';
import { PlanOutcome } from './run-plan';

/** The short summary of a plan for a terminal, or its JSON form. */
export function printPlan(outcome: PlanOutcome, json: boolean): void {
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const { summary } = outcome;
  // Only files that are there: a plan that failed, or a terraform that wrote nothing, is not "wrote".
  const files = Object.fromEntries(Object.entries(outcome.files).filter(([, file]) => fs.existsSync(file)));
  if (json) {
    process.stdout.write(
      JSON.stringify(
        {
          env: outcome.env.name,
          tier: outcome.env.base.tier,
          set: outcome.env.set.name,
          changes: summary.hasChanges,
          counts: summary.counts,
          destroyed: summary.destroyed,
          replaced: summary.replaced.map((r) => r.address),
          images: outcome.images,
          files,
          initRan: outcome.initRan,
          timingsMs: outcome.timings,
        },
        null,
        2,
      ) + '\n',
    );
    return;
  }
  for (const note of outcome.notes) process.stderr.write(`note: ${note}\n`);
  const out = process.stdout;
  out.write(`env ${outcome.env.name} (${outcome.env.base.tier}, set ${outcome.env.set.name})\n`);
  for (const image of outcome.images) out.write(`  image ${image.service}: ${image.image} (${image.source})\n`);
  out.write(`Plan: ${summary.hasChanges ? countsLine(summary) : 'no changes'}.\n`);
  for (const address of summary.destroyed) out.write(`  DESTROY ${address}\n`);
  for (const r of summary.replaced) out.write(`  REPLACE ${r.address}\n`);
  for (const change of summary.imageChanges) out.write(`  image ${change.container}: ${change.from ?? '(new)'} → ${change.to ?? '(removed)'}\n`);
  const wrote = [files.planBin, files.planTxt, files.planJson].filter((file) => file !== undefined);
  if (wrote.length > 0) out.write(`Wrote ${wrote.map(rel).join(', ')}\n`);
  if (files.planMd) out.write(`${rel(files.planMd)}\n`);
}
