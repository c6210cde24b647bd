/**
 * Benchmark (`npm run bench`, not a test): prints figures for the targets of the env script.
 *  1. `scripts/env synth` of one env of the demo set against `cdktf synth` of the same app:
 *     median wall time and peak memory of ≥ 5 runs each, and their ratio.
 *  2. 500 envs placed on ingress shards and synthesized in one process: time and peak memory
 *     (scripts/bench-envs.ts).
 *  3. 20 repositories with 5,000 tags each resolved from a local OCI registry.
 *  4. A second `plan --local` of an unchanged env (recorded with `apply --local --simulate`): time
 *     outside `terraform plan` (needs terraform and, offline, TF_PLUGIN_MIRROR).
 * Each figure is printed beside its target (issue 14: synth ≤ 0.2 s and ≤ 90 MB, ≤ 1 s outside plan).
 * `--only <section>` runs one section: synth, envs500, resolve, plan.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ServiceSetDefinition } from '../src/definitions/service-set';
import { resolveImages } from '../src/images/resolve-images';
import { benchEnvs, printEnvsBench } from './bench-envs';

const root = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const hasTime = fs.existsSync('/usr/bin/time');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall seconds and peak RSS (MB, via /usr/bin/time when present) of one command. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv): { seconds: number; peakMb?: number } {
  const start = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd: root, env, encoding: 'utf8' })
    : spawnSync(command, args, { cwd: root, env, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  const peakKb = hasTime ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, peakMb: Number.isFinite(peakKb) ? peakKb / 1024 : undefined };
}

function series(label: string, run: () => { seconds: number; peakMb?: number }): { seconds: number; peakMb?: number } {
  run(); // warm-up: file cache, not counted
  const runs = Array.from({ length: RUNS }, run);
  const result = { seconds: median(runs.map((r) => r.seconds)), peakMb: runs[0].peakMb === undefined ? undefined : median(runs.map((r) => r.peakMb!)) };
  console.log(`${label}: median ${result.seconds.toFixed(3)} s, peak ${result.peakMb?.toFixed(0) ?? '?'} MB (${RUNS} runs)`);
  return result;
}

function benchSynth(): void {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const branch = 'feature/bench-synth';
  const ours = series('env synth, one demo env', () =>
    measure(path.join(root, 'scripts/env'), ['synth', branch, '--set', 'demo', '--tag', 't1', '--commit', 'bench', '--out', out], process.env),
  );
  const cdktfEnv = { ...process.env, BRANCHENV_SET: 'demo', BRANCHENV_ENV: branch, BRANCHENV_TAG: 't1', CHECKPOINT_DISABLE: '1' };
  const cdktf = series('cdktf synth, same env', () =>
    measure(path.join(root, 'node_modules/.bin/cdktf'), ['synth', '--output', path.join(out, 'cdktf')], cdktfEnv),
  );
  console.log(`ratio: env synth is ${(cdktf.seconds / ours.seconds).toFixed(1)}x faster than cdktf synth`);
  console.log(`targets: env synth ${ours.seconds.toFixed(3)} s (target ≤ 0.200 s: ${ours.seconds <= 0.2 ? 'met' : 'NOT met'}), peak ${ours.peakMb?.toFixed(0) ?? '?'} MB (target ≤ 90 MB: ${(ours.peakMb ?? Infinity) <= 90 ? 'met' : 'NOT met'})`);
}

/** A minimal OCI registry serving tag lists with `n` / `last` pagination and Link headers. */
function fakeRegistry(tagsPerRepo: number): Promise<{ host: string; requests: () => number; close: () => void }> {
  const tags = Array.from({ length: tagsPerRepo }, (_, i) => `develop-${i + 1}-${(0x1000000 + i).toString(16).slice(-7)}`).sort();
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    const url = new URL(req.url ?? '/', 'http://x');
    const match = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    if (!match) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const n = Number(url.searchParams.get('n') ?? 100);
    const last = url.searchParams.get('last');
    const from = last ? tags.findIndex((t) => t > last) : 0;
    const page = from < 0 ? [] : tags.slice(from, from + n);
    if (from >= 0 && from + n < tags.length) res.setHeader('Link', `</v2/${match[1]}/tags/list?n=${n}&last=${page[page.length - 1]}>; rel="next"`);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ name: match[1], tags: page }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ host: `127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests, close: () => server.close() }),
    ),
  );
}

async function benchResolve(): Promise<void> {
  const registry = await fakeRegistry(5000);
  const set: ServiceSetDefinition = {
    name: 'bench',
    tier: 'stage',
    services: Array.from({ length: 20 }, (_, i) => ({ name: `svc${i}`, image: { repository: `bench/svc${i}` }, port: 8080, cpu: 256, memory: 512, healthCheck: { path: '/' } })),
  };
  const start = process.hrtime.bigint();
  const images = await resolveImages({ set, registry: registry.host, branch: 'feature/none', concurrency: 8 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`resolve 20 repositories x 5000 tags (local registry, ${registry.requests()} requests): ${seconds.toFixed(3)} s; newest: ${images[0].tag}`);
  registry.close();
}

function benchSecondPlan(): void {
  try {
    execFileSync('terraform', ['version'], { stdio: 'ignore' });
  } catch {
    console.log('second plan --local: skipped (terraform not on PATH)');
    return;
  }
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-plan-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '-q', '-b', 'feature/bench-plan');
  git('-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-q', '--allow-empty', '-m', 'b');
  const env = (args: string[]) => {
    const result = spawnSync(path.join(root, 'scripts/env'), [...args, '--set', 'demo', '--local'], { cwd: repo, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} --local failed (offline? set TF_PLUGIN_MIRROR):\n${result.stderr}`);
    return result.stdout;
  };
  const plan = () => JSON.parse(env(['plan', '--json'])) as { initRan: boolean; changes: boolean; timingsMs: Record<string, number> };
  // Recorded as if applied, so the plans below are of an unchanged env, as a reviewer's second plan is.
  env(['apply', '--simulate']);
  plan();
  const runs = Array.from({ length: 3 }, () => {
    const start = process.hrtime.bigint();
    const result = plan();
    return { wall: Number(process.hrtime.bigint() - start) / 1e6, result };
  }).sort((a, b) => a.wall - b.wall);
  const { wall, result: second } = runs[1];
  const t = second.timingsMs;
  const outside = (wall - t.plan) / 1000;
  console.log(
    `second plan --local of an unchanged env (median of 3, ${second.changes ? 'WITH changes' : 'no changes'}): ${(wall / 1000).toFixed(2)} s wall, init ${second.initRan ? 'ran' : 'skipped'}; ` +
      `terraform plan ${(t.plan / 1000).toFixed(2)} s; outside it ${outside.toFixed(2)} s (target ≤ 1 s: ${outside <= 1 ? 'met' : 'NOT met'}) ` +
      `(resolve ${t.resolve} ms, synth ${t.synth} ms, init check ${t.init} ms, show -json ${t.show} ms, report ${t.report} ms, process start and exit ${(wall - t.total).toFixed(0)} ms)`,
  );
}

const SECTIONS: Readonly<Record<string, () => void | Promise<void>>> = {
  synth: benchSynth,
  envs500: () => printEnvsBench(benchEnvs()),
  resolve: benchResolve,
  plan: benchSecondPlan,
};

async function main(): Promise<void> {
  const at = process.argv.indexOf('--only');
  const only = at >= 0 ? process.argv[at + 1] : undefined;
  if (only !== undefined && !(only in SECTIONS)) throw new Error(`--only ${only}: no such section (${Object.keys(SECTIONS).join(', ')})`);
  console.log(`branchenv bench on ${os.cpus().length} cores, node ${process.version}`);
  for (const [name, run] of Object.entries(SECTIONS)) if (only === undefined || only === name) await run();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
