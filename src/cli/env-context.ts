/**
 * The env a read-only command (graph, logs, status, exec) is about, named the same way as for every
 * other command (argument, --branch or the checked-out branch; src/env/env-target.ts) and validated,
 * without touching terraform or a network.
 */
import { loadEnv, LoadedEnv } from '../env/prepare-env';
import { EnvArgs, selectorFromArgs } from './env-options';

export function loadEnvOf(args: Pick<EnvArgs, 'tier' | 'set' | 'target' | 'branch' | 'selector'>, cwd: string): LoadedEnv {
  return loadEnv({ tier: args.tier, set: args.set, selector: selectorFromArgs(args, cwd) });
}
