/**
 * `env secrets set|list|rm`: the env is named like for every other command (argument, --branch or
 * the checked-out branch); the secrets live under `envNames(parts).envSecretPrefix` in the tier's
 * account and region. Values are read from standard input only and never written anywhere else.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { UserError } from '../errors/user-error';
import { referencedEnvSecrets } from '../env/env-secret-references';
import { isValidEnvName } from '../names/env-name';
import { ENV_SECRET_NAME, envNames } from '../names/env-resource-names';
import { checkEnvSecretName } from '../secrets/env-secret-name';
import { listEnvSecrets } from '../secrets/list-env-secrets';
import { readSecretValue, SecretInput } from '../secrets/read-secret-value';
import { removeEnvSecret } from '../secrets/remove-env-secret';
import { secretsClientFor } from '../secrets/secrets-client';
import { setEnvSecret } from '../secrets/set-env-secret';
import { toolTags } from '../stacks/aws-provider';
import type { SecretsArgs } from './command-args';
import { loadEnvOf } from './env-context';

/** Where the command reads and writes, and how it gets a client; process streams and AWS unless a test says otherwise. */
export interface SecretsIo {
  readonly input: SecretInput;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** @default secretsClientFor */
  readonly clientFor?: (region: string) => Promise<SecretsManagerClient>;
}

const processIo = (): SecretsIo => ({ input: process.stdin, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });

const PIPE_HINT = 'pipe the value in: printf %s "$VALUE" | env secrets set [env] --set <set> NAME';

/**
 * Which positional word is the env and which are secret names. yargs puts the first word in
 * `target`; with one word, or with --branch, every word is a name. With two or more, the first is the
 * env unless it can only be a secret name (not an env name, e.g. `STRIPE_KEY`): then all are names,
 * so `secrets set STRIPE_KEY sk_live_…` is refused as a value in the arguments instead of being taken
 * as env STRIPE_KEY and secret `sk_live_…`. A branch that looks like a secret name needs --branch.
 */
export function splitSecretWords(words: readonly string[], branchFlag: boolean): { target?: string; names: string[] } {
  if (!branchFlag && words.length >= 2 && (isValidEnvName(words[0]) || !ENV_SECRET_NAME.test(words[0]))) {
    return { target: words[0], names: words.slice(1) };
  }
  return { names: [...words] };
}

/** The env and the checked names, refusing what the action does not take. Never echoes a word that may be a value. */
function wordsOf(args: SecretsArgs): { target?: string; names: string[] } {
  const words = [args.target, ...args.names].filter((w): w is string => w !== undefined);
  if (args.action === 'list') {
    if (words.length > 1 || (words.length === 1 && args.branch !== undefined)) {
      throw new UserError('secrets list takes only the env (or --branch), no secret names', 'env secrets list [env] --set <set>');
    }
    return { target: words[0], names: [] };
  }
  const split = splitSecretWords(words, args.branch !== undefined);
  if (split.names.length === 0) throw new UserError(`secrets ${args.action} needs a secret name`, `env secrets ${args.action} [env] --set <set> NAME`);
  if (args.action === 'set' && split.names.length > 1) {
    throw new UserError('secrets set takes the value on standard input, never as an argument (arguments end up in shell history and the process list)', PIPE_HINT);
  }
  for (const name of split.names) checkEnvSecretName(name, args.action !== 'set');
  return split;
}

/**
 * `set` stores only names the set references (`{ envSecret: NAME }`): a value typed where the name
 * goes (`secrets set api-token sk_live_…` reads as env api-token, name sk_live_…) is refused
 * without being echoed or created as a secret name.
 */
function refuseUnreferenced(name: string, referenced: readonly string[], set: string): void {
  if (referenced.includes(name)) return;
  throw new UserError(
    `set ${set} references no env secret of that name (not repeated here, in case it was the value); secrets set stores only names the set uses`,
    referenced.length > 0
      ? `names set ${set} uses: ${referenced.join(', ')}; add { envSecret: '<NAME>' } to the set first for a new one`
      : `set ${set} references no env secret; add { envSecret: '<NAME>' } to a service's secrets first`,
  );
}

export async function runSecrets(args: SecretsArgs, cwd: string, io: SecretsIo = processIo()): Promise<void> {
  if (args.local) throw new UserError('env secrets live in AWS Secrets Manager; local mode has no AWS behind it', 'run without --local, with credentials for the tier');
  const { target, names } = wordsOf(args);
  const env = loadEnvOf({ ...args, target }, cwd);
  if (args.action === 'set') refuseUnreferenced(names[0], referencedEnvSecrets(env.set), env.set.name);
  const parts = { tier: env.base.tier, set: env.set.name, env: env.name };
  const prefix = envNames(parts).envSecretPrefix;
  // The value is read before any AWS call: a refused value changes nothing.
  const value = args.action === 'set' ? await readSecretValue(names[0], { input: io.input, prompt: io.err }) : undefined;
  const client = await (io.clientFor ?? secretsClientFor)(env.base.region);
  try {
    if (args.action === 'set') {
      const outcome = await setEnvSecret(client, {
        prefix,
        name: names[0],
        value: value as string,
        tags: toolTags(env.base.tags, parts),
        description: `env secret ${names[0]} of branchenv env ${env.name} (${parts.tier}/${parts.set}); deleted by env drop`,
      });
      io.out(`set ${names[0]} for ${env.name} (${outcome})\n`);
    } else if (args.action === 'list') {
      const entries = await listEnvSecrets(client, prefix);
      if (args.json) io.out(`${JSON.stringify(entries.map((e) => ({ name: e.name, lastChanged: e.lastChanged?.toISOString() ?? null })))}\n`);
      else if (entries.length === 0) io.err(`${env.name} has no env secrets\n`);
      else {
        const width = Math.max(...entries.map((e) => e.name.length));
        for (const e of entries) io.out(`${e.name.padEnd(width)}  ${e.lastChanged ? e.lastChanged.toISOString().replace(/\.\d+Z$/, 'Z') : '-'}\n`);
      }
    } else {
      for (const name of names) {
        const outcome = await removeEnvSecret(client, prefix, name);
        io.out(outcome === 'deleted' ? `deleted ${name} from ${env.name}\n` : `${name} was not set\n`);
      }
    }
  } finally {
    client.destroy();
  }
}
