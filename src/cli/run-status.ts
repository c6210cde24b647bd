/**
 * `env status`: reads the env's services through src/aws/ with clients built here, prints the
 * status (table or JSON), and with --wait polls until steady. Also the check `apply` ends with.
 */
import { boundedClient } from '../aws/bounded-client';
import { printFailureLogs } from './failure-logs';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { UserError } from '../errors/user-error';
import type { LoadedEnv } from '../env/prepare-env';
import { probeUrls, renderProbes } from '../smoke/probe-url';
import { collectStatus, EnvStatus, StatusClients, statusTarget, StatusTarget } from '../status/env-status';
import { progressLine, renderStatus, statusJson } from '../status/render-status';
import { MAX_READ_ERRORS, waitUntilSteady, WaitOutcome } from '../status/wait-steady';
import { parseDuration } from '../time/duration';
import type { StatusArgs } from './command-args';
import { loadEnvOf } from './env-context';

/** ECS and ELBv2 clients for the base's region, from the default credential chain. */
export async function statusClients(region: string): Promise<StatusClients> {
  const [{ ECSClient }, { ElasticLoadBalancingV2Client }] = await Promise.all([import('@aws-sdk/client-ecs'), import('@aws-sdk/client-elastic-load-balancing-v2')]);
  const bounded = { region, ...boundedClient() };
  return { ecs: new ECSClient(bounded) as ECSClient, elb: new ElasticLoadBalancingV2Client(bounded) as ElasticLoadBalancingV2Client };
}

/** One read, with AWS's "no such cluster" said in the tool's words. */
export async function readStatus(clients: StatusClients, target: StatusTarget, since?: Date): Promise<EnvStatus> {
  try {
    return await collectStatus(clients, target, { since });
  } catch (error) {
    if ((error as { name?: string }).name === 'ClusterNotFoundException') {
      throw new UserError(`ECS cluster ${target.cluster} not found`, `create the ${target.tier} base first: env synth base --tier ${target.tier}, then terraform apply in cdktf.out/stacks/base-${target.tier} (see "The base" in the README); or check the AWS account and region`);
    }
    throw error;
  }
}

export interface SteadyCheck {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  /** Rollback events from this time on count (apply: its start). */
  readonly since?: Date;
}

/** Polls until steady or the deadline, a progress line per read on stderr, then prints the status. */
export async function waitForEnv(clients: StatusClients, target: StatusTarget, check: SteadyCheck): Promise<{ outcome: WaitOutcome; status: EnvStatus }> {
  const result = await waitUntilSteady(() => readStatus(clients, target, check.since), {
    timeoutMs: check.timeoutMs,
    intervalMs: check.intervalMs,
    onPoll: (status, elapsed) => process.stderr.write(`${progressLine(status, elapsed)}\n`),
    onReadError: (error, inARow, elapsed) =>
      process.stderr.write(`[${clock(elapsed)}] read failed (${inARow} of ${MAX_READ_ERRORS} in a row), counted as one failed poll: ${error.message.split('\n')[0]}\n`),
  });
  return { outcome: result.outcome, status: result.status };
}

function clock(elapsedMs: number): string {
  const seconds = Math.floor(elapsedMs / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What to say after a wait that did not end steady. */
export function waitFailure(outcome: WaitOutcome, status: EnvStatus, timeout: string): string {
  const failing = status.services.filter((s) => s.verdict !== 'steady').map((s) => s.service);
  const rolledBack = status.services.filter((s) => s.rolledBack).map((s) => s.service);
  if (rolledBack.length > 0) return `${rolledBack.join(', ')} rolled back by the deployment circuit breaker: the new version did not start`;
  if (outcome === 'deadline') return `not steady after ${timeout}: ${failing.join(', ')}`;
  return `not steady: ${failing.join(', ')}`;
}

export async function runStatus(args: StatusArgs): Promise<number> {
  if (args.local) throw new UserError('status is not possible in local mode: there is no AWS account behind it', 'run status without --local, with AWS credentials');
  const timeoutMs = durationArg(args.timeout, '--timeout');
  if (!(args.interval > 0)) throw new UserError(`--interval ${args.interval}: not a positive number of seconds`, 'e.g. --interval 10');
  const env = loadEnvOf(args, process.cwd());
  const target = statusTarget(env);
  const clients = await statusClients(env.base.region);
  let status: EnvStatus;
  let outcome: WaitOutcome | undefined;
  if (args.wait) {
    ({ status, outcome } = await waitForEnv(clients, target, { timeoutMs, intervalMs: args.interval * 1000 }));
  } else {
    status = await readStatus(clients, target);
  }
  process.stdout.write(args.json ? statusJson(status) : renderStatus(status));
  if (outcome !== undefined && outcome !== 'steady') process.stderr.write(`env: ${waitFailure(outcome, status, args.timeout)}\n`);
  // Without --wait, a rollout in progress is not an error; a failed or rolled-back service is.
  if (outcome !== undefined) return outcome === 'steady' ? 0 : 1;
  return status.verdict === 'failed' ? 1 : 0;
}

function durationArg(text: string, flag: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new UserError(`${flag} ${text}: ${(error as Error).message}`, `e.g. ${flag} 10m`);
  }
}

export interface ComesUpOptions {
  /** How long to wait for steady services. */
  readonly timeoutMs: number;
  /** As the user wrote it, for messages. */
  readonly timeout: string;
  /** When apply started changing the env: rollbacks from then on count. */
  readonly since?: Date;
  /** Between reads. @default 10000 */
  readonly intervalMs?: number;
  /** Deadline of the URL probes. @default the smaller of timeoutMs and 5 minutes */
  readonly probeDeadlineMs?: number;
  /** For tests: the CloudWatch Logs client the failure logs are read with. */
  readonly logsClient?: CloudWatchLogsClient;
  /** Extra trusted CAs of the URL probes (tests, private CAs); verification stays on. */
  readonly probeCa?: string | Buffer;
}

/**
 * What apply ends with: `status --wait`, then the smoke test of every public URL. Throws a UserError
 * after printing the failing services' events (and the logs command to run) when the env does not come up.
 */
export async function checkEnvComesUp(env: LoadedEnv, options: ComesUpOptions): Promise<void> {
  const target = statusTarget(env);
  const clients = await statusClients(env.base.region);
  process.stderr.write(`waiting for the services of ${env.name} to be steady (up to ${options.timeout})\n`);
  const { outcome, status } = await waitForEnv(clients, target, { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs ?? 10_000, since: options.since });
  if (outcome !== 'steady') {
    process.stderr.write(renderStatus(status));
    const failing = status.services.filter((s) => s.verdict !== 'steady').map((s) => s.service);
    await printFailureLogs(env, failing, options.since ?? new Date(Date.now() - 15 * 60_000), (text) => process.stderr.write(text), options.logsClient);
    throw new UserError(`${env.name} did not come up: ${waitFailure(outcome, status, options.timeout)}`, logsHint(target, failing, options.since));
  }
  if (target.probes.length === 0) return;
  process.stderr.write(`smoke test: ${target.probes.map((p) => (p.protocol === 'http' ? p.url : `${p.url} (${p.protocol})`)).join(', ')}\n`);
  const results = await probeUrls(target.probes, {
    ca: options.probeCa,
    deadlineMs: options.probeDeadlineMs ?? Math.min(options.timeoutMs, 300_000),
    onRetry: (url, attempt, problem, delay) => process.stderr.write(`  ${url}: ${problem}; try ${attempt + 1} in ${Math.round(delay / 1000)} s\n`),
  });
  process.stderr.write(renderProbes(results));
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    const publicServices = target.services.filter((s) => s.targetGroup).map((s) => s.service);
    await printFailureLogs(env, publicServices, options.since ?? new Date(Date.now() - 15 * 60_000), (text) => process.stderr.write(text), options.logsClient);
    throw new UserError(`${env.name}: smoke test failed for ${failed.length} of ${results.length} URL${results.length === 1 ? '' : 's'}: ${failed.map((r) => r.url).join(', ')}`, logsHint(target, publicServices, options.since));
  }
}

/** The `env logs` commands that show what the failing services said, since apply started (plus a minute). */
function logsHint(target: StatusTarget, services: readonly string[], since?: Date, now: number = Date.now()): string {
  const tier = target.tier === 'stage' ? '' : ` --tier ${target.tier}`;
  const minutes = since ? Math.max(0, Math.ceil((now - since.getTime()) / 60_000)) + 1 : 15;
  const commands = services.map((s) => `env logs ${target.env} --set ${target.set}${tier} --service ${s} --since ${minutes}m`);
  return commands.length > 0 ? `see their logs: ${commands.join('; ')}` : 'see `env status` for details';
}
