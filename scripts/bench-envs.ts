/**
 * Bench section "500 envs": places 500 envs of the stage demo set on ingress shards (place-env,
 * from each env's needs) and synthesizes each one with its shard, one after the other, in this
 * process, as `env synth` would. Targets (issue 12): ≤ 5 s and ≤ 400 MB peak RSS.
 *
 * The stage base has a few shards of ~20 demo envs each (stage/base.ts): the bench places on a copy
 * of the stage base definition with enough shards for all the envs (counted from the first env's
 * needs), and says so.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { BASE_USE_OF_SHARD_ONE } from '../src/capacity/choose-shard';
import { envNeeds } from '../src/capacity/env-needs';
import { envsThatFit, placeEnv, shardUse } from '../src/capacity/place-env';
import { BaseDefinition } from '../src/definitions/base-definition';
import { repositoryAddress } from '../src/env/image-reference';
import { planServices } from '../src/env/plan-services';
import { envSpec, LoadedEnv, loadEnv } from '../src/env/prepare-env';
import { synthesize } from '../src/synth/synthesize';

export const ENV_COUNT = 500;
export const TARGET_SECONDS = 5;
export const TARGET_MB = 400;

export interface EnvsBenchResult {
  readonly envs: number;
  /** Shards of the bench's copy of the stage base. */
  readonly shards: number;
  readonly shardsUsed: number;
  readonly seconds: number;
  /** CPU seconds (user + system) of the process over the same span: a check on a busy machine's wall time. */
  readonly cpuSeconds: number;
  readonly peakMb: number;
  /** Heap in use after a full garbage collection, after the first env and after the last: earlier envs must not stay. */
  readonly heapAfterFirstMb: number;
  readonly heapAfterLastMb: number;
}

/** A full garbage collection, then the heap in use, in MB (the bench does not need --expose-gc). */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 1048576;
}

function imagesOf(env: LoadedEnv): Record<string, string> {
  const registry = env.set.registry ?? env.base.registry;
  return Object.fromEntries(env.set.services.map((s) => [s.name, 'fixed' in s.image ? s.image.fixed : `${repositoryAddress(registry, s.image.repository)}:t1`]));
}

/** Places and synthesizes `count` stage demo envs in this process; files go to a temporary folder, removed after. */
export function benchEnvs(count = ENV_COUNT): EnvsBenchResult {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-envs-'));
  const placed: { shard: number; ingress: { listenerRules: number; targetGroups: number } }[] = [];
  const now = new Date();
  let peak = process.memoryUsage().rss;
  let base: BaseDefinition | undefined;
  let shards = 0;
  let heapAfterFirstMb = 0;
  let gcNanos = 0n;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const loaded = loadEnv({ tier: 'stage', set: 'demo', selector: { kind: 'branch', branch: `feature/bench-${i}` } });
    const images = imagesOf(loaded);
    const needs = envNeeds(planServices({ base: loaded.base, set: loaded.set, env: loaded.name, images }));
    if (!base) {
      // Enough shards for `count` envs like the first: one more than they fill, for what shard 1 keeps for the base.
      shards = Math.ceil(count / envsThatFit({ shard: 2, listenerRules: 0, targetGroups: 0 }, needs, { rules: 0, targetGroups: 0 })) + 1;
      base = { ...loaded.base, ingress: { ...loaded.base.ingress, shards } };
    }
    const env: LoadedEnv = { ...loaded, base };
    const shard = placeEnv({ use: shardUse(shards, placed), needs, shardOneReserved: BASE_USE_OF_SHARD_ONE, baseFile: 'stage/base.ts (bench copy)' });
    placed.push({ shard, ingress: { listenerRules: needs.listenerRules, targetGroups: needs.targetGroups } });
    synthesize([envSpec(env, { images, commit: 'bench', createdBy: 'bench', now, local: false, shard }).spec], out);
    if (i % 25 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    if (i === 0) {
      const gcStart = process.hrtime.bigint();
      heapAfterFirstMb = heapAfterGc();
      gcNanos = process.hrtime.bigint() - gcStart; // not counted
    }
  }
  const seconds = Number(process.hrtime.bigint() - start - gcNanos) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const heapAfterLastMb = heapAfterGc();
  fs.rmSync(out, { recursive: true, force: true });
  return {
    envs: count,
    shards,
    shardsUsed: new Set(placed.map((p) => p.shard)).size,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakMb: peak / 1048576,
    heapAfterFirstMb,
    heapAfterLastMb,
  };
}

export function printEnvsBench(result: EnvsBenchResult): void {
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `${result.envs} stage demo envs placed and synthesized in one process (on a bench copy of the stage base with ${result.shards} ingress shards; stage/base.ts has fewer): ` +
      `${result.shardsUsed} shards used, ${result.seconds.toFixed(2)} s (${((result.seconds / result.envs) * 1000).toFixed(1)} ms per env; CPU ${result.cpuSeconds.toFixed(2)} s), peak RSS ${result.peakMb.toFixed(0)} MB; ` +
      `targets ≤ ${TARGET_SECONDS} s ${met(result.seconds <= TARGET_SECONDS)}, ≤ ${TARGET_MB} MB ${met(result.peakMb <= TARGET_MB)}; ` +
      `heap in use after a full GC: ${result.heapAfterFirstMb.toFixed(1)} MB after the first env, ${result.heapAfterLastMb.toFixed(1)} MB after the last`,
  );
}
