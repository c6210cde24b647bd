import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import type { ShowArgs } from '../command-args';
import { envOptions } from '../env-options';

export const showCommand: CommandModule<object, ShowArgs> = {
  command: 'show [target]',
  aliases: ['s'],
  describe: 'Show an env: URLs, discovery names, images, database, created and expiry times',
  builder: (yargs: Argv) =>
    envOptions(yargs)
      .option('reveal', { type: 'boolean', default: false, describe: "Print the database password (read from the env's credentials secret)" })
      .example('$0 show --set demo --json', 'as JSON')
      .example('$0 show --set demo --reveal', 'with the database password')
      .epilogue(CREDENTIALS_HELP.show) as unknown as Argv<ShowArgs>,
  handler: async (args) => {
    const { refuseRevealLocally, runShow } = await import('../run-show');
    refuseRevealLocally(args);
    const { withEnvWorkspace } = await import('../run-plan');
    // The outputs were read once already, for the owner check.
    const { values, region } = await withEnvWorkspace(args, { placeholderImages: true }, async (ctx) => ({ values: await ctx.outputs, region: ctx.env.base.region }));
    await runShow(args, values, region);
  },
};
