import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';
import type { CapacityArgs } from '../command-args';

export const capacityCommand: CommandModule<object, CapacityArgs> = {
  command: 'capacity',
  describe: "A tier's use of its limits: rules and target groups per ingress shard, Fargate vCPUs and Cloud Map instances per account",
  builder: (yargs: Argv) =>
    yargs
      .option('tier', { describe: 'Tier', choices: TIERS, default: 'stage' as Tier })
      .option('local', { describe: 'The local state store (embedded S3)', type: 'boolean', default: false })
      .option('out', { describe: 'Working folder (local mode keeps its state under it)', type: 'string', default: '.branchenv' })
      .option('json', { describe: 'Machine-readable output', type: 'boolean', default: false })
      .example('$0 capacity --tier stage', 'used/limit per shard and per account')
      .example('$0 capacity --json', '{ shards: [...], account: {...} }')
      .epilogue(
        'Counted from the envs\' states (listener rules, target groups, ECS services\' desired tasks and their vCPUs); Fargate quotas come from Service Quotas (L-3032A538 on demand, L-36FBB829 Spot). plan and apply refuse a new env that does not fit.',
      ) as unknown as Argv<CapacityArgs>,
  handler: async (args) => {
    const { runCapacity } = await import('../run-capacity');
    await runCapacity(args);
  },
};
