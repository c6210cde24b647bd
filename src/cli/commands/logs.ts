import type { LogsArgs } from '../command-args';
import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import { envOptions } from '../env-options';


export const logsCommand: CommandModule<object, LogsArgs> = {
  command: 'logs [target]',
  describe: "Print an env's logs from CloudWatch Logs (recent history, then new events with --follow)",
  builder: (yargs: Argv) =>
    envOptions(yargs)
      .option('service', { describe: "Only this service's logs", type: 'string' })
      .option('container', { describe: "Only this container's logs (with --service), e.g. envoy", type: 'string' })
      .option('since', { describe: 'History from this long ago (m, h, d, w)', type: 'string', default: '10m' })
      .option('follow', { alias: 'f', describe: 'Keep printing new events until Ctrl-C', type: 'boolean', default: false })
      .option('filter', { describe: 'Only events containing this text (or a CloudWatch Logs filter pattern: "…", { … }, [ … ], ?term)', type: 'string' })
      .example('$0 logs feature/login --set demo --service web -f', "follow the web service's logs")
      .example('$0 logs --set demo --since 2h --filter ERROR --json', 'two hours of errors as NDJSON')
      .epilogue(CREDENTIALS_HELP.logs) as unknown as Argv<LogsArgs>,
  handler: async (args) => {
    const { runLogs } = await import('../run-logs');
    await runLogs(args, process.cwd());
  },
};
