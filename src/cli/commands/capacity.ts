import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import { tierOptions } from './list';
import type { CapacityArgs } from '../command-args';

export const capacityCommand: CommandModule<object, CapacityArgs> = {
  command: 'capacity',
  describe: "A tier's use of its limits: rules and target groups per ingress shard, Fargate vCPUs and Cloud Map instances per account",
  builder: (yargs: Argv) =>
    tierOptions(yargs)
      .example('$0 capacity --tier stage', 'used/limit per shard and per account')
      .example('$0 capacity --json', '{ shards: [...], account: {...} }')
      .epilogue(
        'Counted from the envs\' states (listener rules, target groups, ECS services\' desired tasks and their vCPUs); Fargate quotas come from Service Quotas (L-3032A538 on demand, L-36FBB829 Spot). plan and apply refuse a new env that does not fit.\n' + CREDENTIALS_HELP.capacity,
      ) as unknown as Argv<CapacityArgs>,
  handler: async (args) => {
    const { runCapacity } = await import('../run-capacity');
    await runCapacity(args);
  },
};
