/**
 * The parsed arguments of the commands, in one shared types file: a command module (commands/<x>.ts)
 * declares the options and lazily imports its work (run-<x>.ts); both take the argument type from
 * here, so neither imports the other (no import cycle, type-only ones included).
 */
import type { Tier } from '../definitions/base-definition';
import type { EnvArgs, EnvFlagArgs } from './env-options';

export interface ApplyArgs extends EnvArgs {
  readonly autoApprove: boolean;
  /** Wait for the services to be steady and probe the URLs after applying (`--no-smoke` skips both). */
  readonly smoke: boolean;
  /** How long to wait for the services to be steady, `10m`. */
  readonly smokeTimeout: string;
  /**
   * With `--local`: record the plan as if applied (a state built from the plan, pushed to the local
   * store), nothing created in AWS.
   * @default false
   */
  readonly simulate: boolean;
}

export interface CiArgs {
  readonly provider: string;
  readonly out?: string;
  readonly stdout: boolean;
  readonly force: boolean;
  readonly branches: string[];
  readonly set: string[];
  readonly tier: Tier;
  readonly region?: string;
  readonly roleArn?: string;
  readonly registry?: string;
  readonly reapAge: string;
  readonly contextDir: string;
  /** The branch merges land on (base apply after approval). */
  readonly defaultBranch: string;
  /** Terraform release the generated jobs install. */
  readonly terraformVersion: string;
}

export interface CommentArgs {
  readonly target?: string;
  readonly branch?: string;
  /** Post the tier's base plan (env base plan) instead of an env's. */
  readonly base: boolean;
  /** Post `env review`'s review.md, the one review comment of the pull request. */
  readonly review: boolean;
  /** A GitLab merge-request note (`--pr` is the merge request's IID) instead of a GitHub comment. */
  readonly gitlab: boolean;
  /** Required unless base. */
  readonly set?: string;
  readonly tier: Tier;
  readonly pr: number;
  readonly repo?: string;
  readonly file?: string;
  readonly out: string;
}

/** `env cost`: the env's estimated cost, from its definition (no AWS, no registry, no terraform). */
export type CostArgs = EnvArgs;

export interface DropBaseArgs extends ListArgs {
  readonly yes: boolean;
}

export interface DropArgs extends EnvArgs {
  readonly yes: boolean;
  readonly force: boolean;
}

export interface ExecArgs extends EnvArgs {
  readonly service: string;
  /** @default the service's app container (named after the service) */
  readonly container?: string;
  /** A task id or ARN. @default the first running task of the service */
  readonly task?: string;
  /** The command after `--` (yargs' populate--). @default /bin/sh */
  readonly '--'?: readonly (string | number)[];
}

export interface ListArgs {
  readonly set?: string;
  readonly tier: Tier;
  readonly local: boolean;
  readonly out: string;
  readonly json: boolean;
}

/** `env base plan|apply|show`. */
export interface BaseArgs {
  readonly action: 'plan' | 'apply' | 'show' | 'changed';
  readonly tier: Tier;
  readonly local: boolean;
  readonly out: string;
  readonly json: boolean;
  /** plan: exit 2 when there are changes. */
  readonly detailedExitcode?: boolean;
  /** apply (stage): no prompt. */
  readonly autoApprove?: boolean;
  /** apply: no prompt (the prod base also needs force). */
  readonly yes?: boolean;
  /** apply: a plan that changes the contract live envs read; with yes, the prod base without asking. */
  readonly force?: boolean;
  /** changed: the revision to compare HEAD with (a pull request's target branch, a push's previous head). */
  readonly since?: string;
  /** plan: plan.md's size budget in characters (several plans share one pull-request comment). */
  readonly markdownLimit?: number;
}

/** `env bootstrap`: what a tier needs before its base. */
export interface BootstrapArgs {
  readonly tier: Tier;
  readonly out: string;
  /** No prompt before creating. */
  readonly yes: boolean;
  /** Branch whose newest images the repositories keep. */
  readonly fallbackBranch: string;
}

/** `env drift`: the base and the protected envs of a tier. */
export interface DriftArgs extends Omit<ListArgs, 'set'> {
  /** Markdown for a CI job summary or an issue comment instead of text. */
  readonly markdown?: boolean;
}

/** `env capacity`: the whole tier, so no set. */
export type CapacityArgs = Omit<ListArgs, 'set'>;

export interface LogsArgs extends EnvArgs {
  /** Only this service's streams. */
  readonly service?: string;
  /** Only this container's streams (needs service). */
  readonly container?: string;
  /** How far back history starts: `10m`, `2h`, `1d`. */
  readonly since: string;
  readonly follow: boolean;
  /** Only events with this text (or a CloudWatch filter pattern). */
  readonly filter?: string;
}

export interface ReapArgs extends ListArgs {
  readonly olderThan?: string;
  readonly yes: boolean;
}

/** `env secrets set|list|rm`: the env's own secrets in Secrets Manager. */
export interface SecretsArgs extends EnvArgs {
  readonly action: 'set' | 'list' | 'rm';
  /**
   * The positional words after `target` (yargs fills target first; run-secrets.ts sorts out which
   * word is the env and which are secret names, see splitSecretWords).
   */
  readonly names: readonly string[];
}

/** `env sleep` / `env wake`: scale the env's services to 0 (or back) and swap its asleep rules. */
export interface SleepArgs extends EnvArgs {
  readonly action: 'sleep' | 'wake';
  /** `--force`: also put a protected env to sleep. */
  readonly force: boolean;
}

export interface ShowArgs extends EnvArgs {
  /** Print the database password, read from the env's credentials secret. */
  readonly reveal: boolean;
}

export interface StatusArgs extends EnvArgs {
  readonly wait: boolean;
  /** Deadline of --wait, `10m`. */
  readonly timeout: string;
  /** Seconds between reads with --wait. */
  readonly interval: number;
}

export interface SynthArgs extends EnvFlagArgs {
  readonly targets: string[];
  readonly tier?: Tier;
  readonly set?: string;
  readonly bootstrap: boolean;
}
