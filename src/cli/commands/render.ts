import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';

export interface RenderArgs {
  readonly what: string;
  readonly tier: Tier;
  readonly out: string;
  readonly force: boolean;
}

export const renderCommand: CommandModule<object, RenderArgs> = {
  command: 'render <what>',
  describe: 'Write rendered configuration to read or check: `monitoring` (prometheus.yml, Grafana provisioning, dashboard, scripts)',
  builder: (yargs: Argv) =>
    yargs
      .positional('what', { describe: 'What to render', choices: ['monitoring'], type: 'string' })
      .option('tier', { describe: 'Tier', choices: TIERS, default: 'stage' as Tier })
      .option('out', { describe: 'Folder to write into (an existing file is refused)', type: 'string', demandOption: 'name a folder, e.g. --out rendered' })
      .option('force', { describe: 'Replace files in --out whose content differs (without it, nothing is written)', type: 'boolean', default: false })
      .example('$0 render monitoring --tier stage --out rendered', 'then: promtool check config rendered/prometheus.yml') as unknown as Argv<RenderArgs>,
  handler: async (args) => {
    const path = await import('node:path');
    const { checkFolderPath, writeFilesSafely } = await import('../safe-write');
    const { loadBase } = await import('../../definitions/tiers');
    const { monitoringRenderInput } = await import('../../monitoring/monitoring-settings');
    const { renderMonitoring } = await import('../../monitoring/render-monitoring');
    checkFolderPath(args.out, '--out', 'rendered');
    const files = Object.entries(renderMonitoring(monitoringRenderInput(loadBase(args.tier)))).map(([name, content]) => ({
      file: path.join(args.out, name),
      content,
      mode: name.endsWith('.sh') ? 0o755 : 0o644,
    }));
    const outcomes = writeFilesSafely(files, { force: args.force, otherwise: 'render into another folder' });
    files.forEach(({ file }, i) => process.stdout.write(outcomes[i] === 'unchanged' ? `${file} unchanged\n` : `${file}\n`));
  },
};
