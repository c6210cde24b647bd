/**
 * `apply --local --simulate`: records a saved plan as if it had been applied, in the env's
 * workspace state (the local S3 store), without calling AWS. The state comes from
 * simulated-state.ts; placeholders whose configuration is an expression are settled with
 * `terraform console` against the pushed state, and pushed again, until they no longer change,
 * so that a later plan of the same configuration finds nothing to change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTerraform } from '../terraform/run-terraform';
import type { Workspace } from '../terraform/workspace';
import { PriorState, ProviderSchemas, settle, SimulatedPlan, simulateApply, Simulation, stateFile } from './simulated-state';

/** Console passes at most: each settles one more link of a chain of expressions. */
const MAX_PASSES = 4;
/** The state file pushed, in the stack folder. */
export const SIMULATED_STATE_FILE = 'simulated.tfstate';

function terraform(ws: Workspace, args: string[]) {
  return runTerraform(args, { cwd: ws.dir, cliConfigFile: ws.cliConfigFile, env: ws.env });
}

/** The workspace's state now: its lineage and serial, or undefined when it has none. */
async function priorState(ws: Workspace): Promise<PriorState | undefined> {
  const text = (await terraform(ws, ['state', 'pull'])).stdout.trim();
  if (!text) return undefined;
  const state = JSON.parse(text) as { lineage?: string; serial?: number };
  return state.lineage ? { lineage: state.lineage, serial: state.serial ?? 0 } : undefined;
}

async function providerSchemas(ws: Workspace): Promise<ProviderSchemas> {
  const result = await terraform(ws, ['providers', 'schema', '-json']);
  return (JSON.parse(result.stdout) as { provider_schemas: ProviderSchemas }).provider_schemas;
}

/** Pushes the simulation as the workspace's state; returns where the next push continues from. */
async function push(ws: Workspace, sim: Simulation, schemas: ProviderSchemas, version: string, prior?: PriorState): Promise<PriorState> {
  const state = stateFile(sim, schemas, version, prior);
  const file = path.join(ws.dir, SIMULATED_STATE_FILE);
  fs.writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  await terraform(ws, ['state', 'push', SIMULATED_STATE_FILE]);
  // Pushed where no state was, the state gets a lineage of terraform's own: read what was stored.
  const stored = await priorState(ws);
  if (!stored) throw new Error('terraform state push stored no state');
  return stored;
}

/** Runs `terraform console` with `input` on its standard input; resolves with its standard output. */
async function consoleRun(ws: Workspace, input: string): Promise<string> {
  return (await runTerraform(['console'], { cwd: ws.dir, cliConfigFile: ws.cliConfigFile, env: ws.env, stdin: input })).stdout;
}

/** The values of HCL expressions, evaluated against the workspace's state and configuration. */
export async function evaluate(ws: Workspace, expressions: readonly string[]): Promise<unknown[]> {
  const list = `[${expressions.join(', ')}]`;
  let out = (await consoleRun(ws, `base64encode(jsonencode(${list}))\n`)).trim();
  if (out.includes('(sensitive value)')) out = (await consoleRun(ws, `nonsensitive(base64encode(jsonencode(${list})))\n`)).trim();
  const encoded = /^"([A-Za-z0-9+/=]*)"$/.exec(out.split('\n').pop() ?? '');
  if (!encoded) throw new Error(`terraform console printed no value: ${out}`);
  return JSON.parse(Buffer.from(encoded[1], 'base64').toString('utf8')) as unknown[];
}

export interface SimulatedApply {
  /** Resources (managed and data) in the recorded state. */
  readonly resources: number;
  readonly lineage: string;
  readonly serial: number;
}

/**
 * Records the saved plan whose JSON is `planJsonText` as the workspace's state. The backend
 * must be reachable (in local mode: the local S3 store runs). When terraform console cannot
 * settle the pending values, `warn` is told and the placeholders stay.
 */
export async function recordSimulatedApply(ws: Workspace, planJsonText: string, region: string, warn: (line: string) => void = () => undefined): Promise<SimulatedApply> {
  const plan = JSON.parse(planJsonText) as SimulatedPlan;
  const [prior, schemas] = [await priorState(ws), await providerSchemas(ws)];
  const base = simulateApply(plan, schemas, region);
  let sim = base;
  let at = await push(ws, sim, schemas, plan.terraform_version, prior);
  let previous = '';
  for (let pass = 0; pass < MAX_PASSES && base.pending.length > 0; pass++) {
    let values: unknown[];
    try {
      values = await evaluate(ws, base.pending.map((p) => p.hcl));
    } catch (error) {
      // The state is recorded; only values derived from placeholders stay placeholders.
      warn(`warning: ${base.pending.length} value(s) computed from other resources keep placeholders, a later plan may show them as changes: ${(error as Error).message.split('\n')[0]}`);
      break;
    }
    const text = JSON.stringify(values);
    if (text === previous) break;
    previous = text;
    const next = settle(base, values);
    if (JSON.stringify(next) === JSON.stringify(sim)) break;
    sim = next;
    at = await push(ws, sim, schemas, plan.terraform_version, at);
  }
  fs.rmSync(path.join(ws.dir, SIMULATED_STATE_FILE), { force: true });
  return { resources: sim.resources.length, ...at };
}
