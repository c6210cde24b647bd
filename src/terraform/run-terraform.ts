import { spawn } from 'node:child_process';
import { requireTerraform, TerraformNotFoundError } from './terraform-binary';
import { TerraformError, TerraformResult } from './terraform-error';

export type { TerraformResult } from './terraform-error';

export interface TerraformRunOptions {
  /** Working directory: the stack folder. */
  readonly cwd: string;
  /** CLI configuration file (see writeCliConfig). */
  readonly cliConfigFile: string;
  /** Extra environment, e.g. fake credentials for offline plans. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Exit codes that are not failures (plan -detailed-exitcode returns 2 for "changes present").
   * @default [0]
   */
  readonly okExitCodes?: readonly number[];
  /** Path of the terraform binary. @default 'terraform' */
  readonly binary?: string;
  /** Called with each line of terraform's standard output as it arrives (apply progress). */
  readonly onStdoutLine?: (line: string) => void;
  /** Let terraform read the terminal (approval prompts of terraform itself). @default false */
  readonly interactive?: boolean;
  /** Written to terraform's standard input, then closed (`terraform console`). */
  readonly stdin?: string;
}

/** Terraform stopped because the user interrupted it; it had the chance to release its lock. */
export class InterruptedError extends Error {
  constructor(readonly args: readonly string[]) {
    super(`interrupted: terraform ${args[0]} stopped and released the state lock`);
    this.name = 'InterruptedError';
  }
}

/**
 * Runs terraform without colour or prompts and collects its output. Terraform runs in its own
 * process group: Ctrl-C reaches only this process, which passes exactly one interrupt on and waits,
 * so terraform stops gracefully and releases the state lock (a second Ctrl-C would make it quit at once).
 * The first command of a run checks the binary first (there, ≥ 1.10); a failure is a TerraformError
 * whose message is terraform's error blocks.
 */
/** Whether this process already told the user it waits for terraform after Ctrl-C. */
let interruptAnnounced = false;

/** Checks the terraform on PATH once per run (runTerraform waits for the same check): start it early to fail before slower steps. */
export function terraformReady(): Promise<void> {
  return requireTerraform('terraform', { ...process.env });
}

export async function runTerraform(args: readonly string[], options: TerraformRunOptions): Promise<TerraformResult> {
  const binary = options.binary ?? 'terraform';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    TF_CLI_CONFIG_FILE: options.cliConfigFile,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  if (args[0] !== 'version') await requireTerraform(binary, env);
  return spawnTerraform(binary, args, env, options);
}

function spawnTerraform(binary: string, args: readonly string[], env: NodeJS.ProcessEnv, options: TerraformRunOptions): Promise<TerraformResult> {
  const okCodes = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args, ...noColor(args)], {
      cwd: options.cwd,
      env,
      detached: true,
      stdio: [options.interactive ? 'inherit' : options.stdin !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    if (options.stdin !== undefined) child.stdin!.end(options.stdin);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out.push(chunk);
      if (!options.onStdoutLine) return;
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.onStdoutLine(line);
    });
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    let interrupted = false;
    const interrupt = () => {
      if (interrupted) return; // one interrupt only: a second would make terraform quit without cleaning up
      interrupted = true;
      // Two terraform processes may run at once (plan beside the owner check's output): say it once.
      if (!interruptAnnounced) process.stderr.write('\ninterrupt: waiting for terraform to stop and release the state lock…\n');
      interruptAnnounced = true;
      child.kill('SIGINT');
    };
    process.on('SIGINT', interrupt);
    process.on('SIGTERM', interrupt);
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new TerraformNotFoundError(binary) : error);
    });
    child.on('close', (code) => {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      if (pending && options.onStdoutLine) options.onStdoutLine(pending);
      const result = { exitCode: code ?? 1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
      if (interrupted) reject(new InterruptedError(args));
      else if (okCodes.includes(result.exitCode)) resolve(result);
      else reject(new TerraformError(args, options.cwd, result));
    });
  });
}

/** `-no-color` goes after the subcommand; `version` and `fmt` with no flags accept it too. */
function noColor(args: readonly string[]): string[] {
  return args.includes('-no-color') ? [] : ['-no-color'];
}
