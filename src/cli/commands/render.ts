import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';

export interface RenderArgs {
  readonly what: string;
  readonly tier: Tier;
  readonly out: string;
}

export const renderCommand: CommandModule<object, RenderArgs> = {
  command: 'render <what>',
  describe: 'Write rendered configuration to read or check: `monitoring` (prometheus.yml, Grafana provisioning, dashboard, scripts)',
  builder: (yargs: Argv) =>
    yargs
      .positional('what', { describe: 'What to render', choices: ['monitoring'], type: 'string' })
      .option('tier', { describe: 'Tier', choices: TIERS, default: 'stage' as Tier })
      .option('out', { describe: 'Folder to write into', type: 'string', demandOption: 'name a folder, e.g. --out rendered' })
      .example('$0 render monitoring --tier stage --out rendered', 'then: promtool check config rendered/prometheus.yml') as unknown as Argv<RenderArgs>,
  handler: async (args) => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { loadBase } = await import('../../definitions/tiers');
    const { monitoringRenderInput } = await import('../../monitoring/monitoring-settings');
    const { renderMonitoring } = await import('../../monitoring/render-monitoring');
    const files = renderMonitoring(monitoringRenderInput(loadBase(args.tier)));
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(args.out, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content, { mode: name.endsWith('.sh') ? 0o755 : 0o644 });
      process.stdout.write(`${file}\n`);
    }
  },
};
