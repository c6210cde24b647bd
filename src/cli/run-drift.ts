/**
 * `env drift [--tier] [--json | --markdown]`: what changed in AWS behind Terraform's back, in the base and in every
 * protected env with state (develop, main, …): a refresh-only plan of each, its drifted resources
 * read from the plan. Exit 2 when anything drifted, as `terraform plan -detailed-exitcode` does.
 */
import { driftMarkdown, StackDrift } from '../report/drift-markdown';
import { EnvState } from '../state/env-states';
import { plan, showPlanJson, Workspace } from '../terraform/workspace';
import type { DriftArgs } from './command-args';
import { withBaseWorkspace } from './run-base';
import { withEnvStates } from './run-list';
import { withEnvWorkspace } from './run-plan';
import { protectedEnvs } from './settings';


interface DriftPlanJson {
  readonly resource_drift?: readonly { address: string; change: { actions: string[] } }[];
}

/** The refresh-only plan of one initialized stack folder. */
async function driftOf(stack: string, workspace: Workspace): Promise<StackDrift> {
  await plan(workspace, { refreshOnly: true });
  const json = JSON.parse(await showPlanJson(workspace, 'drift.bin')) as DriftPlanJson;
  const resources = (json.resource_drift ?? []).filter((r) => !r.change.actions.every((a) => a === 'no-op')).map((r) => ({ address: r.address, actions: r.change.actions }));
  return { stack, drifted: resources.length > 0, resources };
}

export async function runDrift(args: DriftArgs): Promise<StackDrift[]> {
  const guarded = protectedEnvs();
  // Local mode's env states can only be simulated (apply --local --simulate): nothing real to compare with.
  const envs = args.local ? [] : await withEnvStates({ ...args, set: undefined }, async (states: EnvState[]) => states.filter((s) => s.resources > 0 && guarded.includes(s.env)));
  const results: StackDrift[] = [await withBaseWorkspace(args, (ctx) => driftOf(`base ${args.tier}`, ctx.workspace))];
  for (const state of envs) {
    const envArgs = { ...args, selector: { kind: 'name', name: state.env } as const, set: state.set, image: [], insecureRegistry: [], fallbackBranch: 'develop' };
    results.push(await withEnvWorkspace(envArgs, { placeholderImages: true }, async (ctx) => driftOf(`${state.set}/${state.env}`, ctx.workspace)));
  }
  if (args.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else if (args.markdown) process.stdout.write(driftMarkdown(args.tier, results, new Date().toISOString().replace(/\.\d+Z$/, 'Z')));
  else {
    for (const r of results) {
      process.stdout.write(`${r.drifted ? 'DRIFTED' : 'in sync'}  ${r.stack}${r.drifted ? `: ${r.resources.length} resource(s)` : ''}\n`);
      for (const res of r.resources) process.stdout.write(`    ${res.actions.join('/')} ${res.address}\n`);
    }
    if (args.local) process.stdout.write('(local mode: env states there are simulated, so only the base is compared)\n');
    else if (envs.length === 0) process.stdout.write(`(no protected env of ${args.tier} has state; protected: ${guarded.join(', ')})\n`);
  }
  if (results.some((r) => r.drifted)) process.exitCode = 2;
  return results;
}
