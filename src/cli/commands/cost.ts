import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import type { CostArgs } from '../command-args';
import { envOptions } from '../env-options';

export const costCommand: CommandModule<object, CostArgs> = {
  command: 'cost [target]',
  describe: 'Estimate what an env costs per day and per month, from its definition and a dated price table (no AWS needed)',
  builder: (yargs: Argv) =>
    envOptions(yargs)
      // About images, registries, terraform and placement: nothing the estimate depends on.
      .hide('image')
      .hide('tag')
      .hide('registry')
      .hide('insecure-registry')
      .hide('fallback-branch')
      .hide('commit')
      .hide('created-by')
      .hide('out')
      .hide('shard')
      .option('local', { describe: 'Accepted as by every env command; cost needs no AWS either way', type: 'boolean', default: false })
      .example('$0 cost --set demo', 'the env of the current branch: a table, the totals and the assumptions')
      .example('$0 cost feature-x --set demo --tier prod --json', 'as JSON, with the region and the date of the prices')
      .epilogue(`Prices: src/cost/prices.ts, one table per region with its date and sources (AWS list prices).\n${CREDENTIALS_HELP.cost}`) as unknown as Argv<CostArgs>,
  handler: async (args) => {
    const { runCost } = await import('../run-cost');
    await runCost(args, process.cwd());
  },
};
