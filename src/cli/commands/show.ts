import type { Argv, CommandModule } from 'yargs';
import { EnvArgs, envOptions } from '../env-options';

export const showCommand: CommandModule<object, EnvArgs> = {
  command: 'show [target]',
  aliases: ['s'],
  describe: 'Show an env: URLs, discovery names, images, created and expiry times',
  builder: (yargs: Argv) => envOptions(yargs).example('$0 show --set demo --json', 'as JSON') as unknown as Argv<EnvArgs>,
  handler: async (args) => {
    const { withEnvWorkspace } = await import('../run-plan');
    // The outputs were read once already, for the owner check.
    const values = await withEnvWorkspace(args, { placeholderImages: true }, async (ctx) => ctx.outputs);
    if (args.json) {
      process.stdout.write(JSON.stringify(values, null, 2) + '\n');
      return;
    }
    if (Object.keys(values).length === 0) {
      process.stdout.write('no state: the env has not been applied (or was dropped)\n');
      return;
    }
    for (const [name, value] of Object.entries(values)) {
      process.stdout.write(`${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
    }
  },
};
