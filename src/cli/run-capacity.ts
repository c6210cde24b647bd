/**
 * `env capacity`: the tier's use of its limits, per ingress shard and per account, from the envs'
 * states and (outside local mode) the account's Fargate quotas.
 */
import { readFargateQuotas } from '../aws/fargate-quotas';
import { tierCapacity, tierCapacityText } from '../capacity/tier-capacity';
import { loadBase } from '../definitions/tiers';
import type { CapacityArgs } from './command-args';
import { reportUnreadable, withEnvStateListing } from './run-list';

export async function runCapacity(args: CapacityArgs): Promise<void> {
  const base = loadBase(args.tier);
  await withEnvStateListing({ ...args, set: undefined }, async ({ states, unreadable }) => {
    const quotas = args.local ? { unknown: ['local mode: no AWS account'] } : await readFargateQuotas(base.region);
    const capacity = tierCapacity({ tier: args.tier, shards: base.ingress?.shards ?? 1, states, quotas });
    if (args.json) {
      process.stdout.write(JSON.stringify({ ...capacity, quotasNotRead: quotas.unknown }, null, 2) + '\n');
    } else {
      process.stdout.write(tierCapacityText(capacity) + '\n');
      for (const why of quotas.unknown) process.stderr.write(`note: Fargate quota not read (${why})\n`);
    }
    reportUnreadable(unreadable);
  });
}
