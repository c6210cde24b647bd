import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import { EnvArgs, envOptions } from '../env-options';

export const imagesCommand: CommandModule<object, EnvArgs> = {
  command: 'images [target]',
  describe: 'Resolve the image of every service of a set for a branch, and print them',
  builder: (yargs: Argv) =>
    envOptions(yargs)
      .example('$0 images --set demo', 'for the current branch')
      .example('$0 images feature/login --set demo --json', '[{"service","repository","tag","image","source"}, …]')
      .epilogue(CREDENTIALS_HELP.images) as unknown as Argv<EnvArgs>,
  handler: async (args) => {
    const { resolveEnv } = await import('../env-options');
    const resolved = await resolveEnv(args, process.cwd());
    for (const note of resolved.notes) process.stderr.write(`note: ${note}\n`);
    if (args.json) {
      const rows = resolved.images.map(({ service, repository, tag, image, source }) => ({ service, repository, tag, image, source }));
      process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      return;
    }
    const width = Math.max(...resolved.images.map((i) => i.service.length));
    for (const i of resolved.images) process.stdout.write(`${i.service.padEnd(width)}  ${i.source.padEnd(8)}  ${i.image}\n`);
  },
};
