/**
 * Issue 10 (exec): `env exec` end to end below the entry, with a mocked ECS client and a stand-in
 * session-manager-plugin on PATH that records the arguments it is handed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DescribeTasksCommand, ECSClient, ExecuteCommandCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import yargs from 'yargs';
import { execCommand } from '../../src/cli/commands/exec';
import type { ExecArgs } from '../../src/cli/command-args';
import { inputCheck } from '../../src/cli/input-checks';
import { runExec } from '../../src/cli/run-exec';

const ecs = mockClient(ECSClient);
const cluster = 'stage-main';
const taskArn = `arn:aws:ecs:eu-west-1:111111111111:task/${cluster}/0123abcd`;
const session = { sessionId: 'ecs-execute-command-0a1b', streamUrl: 'wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/ecs-execute-command-0a1b?role=publish_subscribe', tokenValue: 'AAEAAf/token=' };

/** A folder holding a stand-in plugin that writes its arguments, NUL-separated, to `record`, and exits 7. */
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function pluginOnPath(): { dir: string; record: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-exec-'));
  made.push(dir);
  const record = path.join(dir, 'argv');
  fs.writeFileSync(path.join(dir, 'session-manager-plugin'), `#!/bin/sh\nprintf '%s\\0' "$@" > '${record}'\nexit 7\n`, { mode: 0o755 });
  return { dir, record };
}

const recorded = (record: string) => fs.readFileSync(record, 'utf8').split('\0').slice(0, -1);

const args = (extra: Partial<ExecArgs> = {}): ExecArgs =>
  ({ target: 'feature-x', set: 'demo', tier: 'stage', service: 'api', local: false, image: [], insecureRegistry: [], fallbackBranch: 'develop', out: '.branchenv', json: false, ...extra }) as ExecArgs;

function answerRunningTask(): void {
  ecs.on(ListTasksCommand).resolves({ taskArns: [taskArn] });
  ecs.on(DescribeTasksCommand).resolves({
    tasks: [
      {
        taskArn,
        enableExecuteCommand: true,
        containers: [
          { name: 'api', runtimeId: '0123abcd-3624108542', managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: 'RUNNING' }] },
          { name: 'envoy', runtimeId: '0123abcd-1111111111', managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: 'RUNNING' }] },
        ],
      },
    ],
  });
  ecs.on(ExecuteCommandCommand).resolves({ clusterArn: `arn:aws:ecs:eu-west-1:111111111111:cluster/${cluster}`, taskArn, containerName: 'api', interactive: true, session });
}

const said: string[] = [];
const context = (dir: string, extra: Record<string, unknown> = {}) => ({
  cwd: process.cwd(),
  path: `${dir}${path.delimiter}/usr/bin${path.delimiter}/bin`,
  profile: 'dev',
  ecs: new ECSClient({ region: 'eu-west-1' }),
  say: (line: string) => said.push(line),
  ...extra,
});

beforeEach(() => {
  ecs.reset();
  said.length = 0;
});

describe('env exec', () => {
  it('hands the session to session-manager-plugin with the AWS CLI arguments, and returns its exit code', async () => {
    answerRunningTask();
    const { dir, record } = pluginOnPath();
    const code = await runExec(args(), context(dir));
    expect(code).toBe(7);
    expect(recorded(record)).toEqual([
      JSON.stringify(session),
      'eu-west-1',
      'StartSession',
      'dev',
      '{"Target":"ecs:stage-main_0123abcd_0123abcd-3624108542"}',
      'https://ecs.eu-west-1.amazonaws.com',
    ]);
    // cluster = the base's vpcName, service = <set>-<env>--<service>, container = the app container, command = /bin/sh
    expect(ecs.commandCalls(ListTasksCommand)[0].args[0].input).toMatchObject({ cluster, serviceName: 'demo-feature-x--api', desiredStatus: 'RUNNING' });
    expect(ecs.commandCalls(ExecuteCommandCommand)[0].args[0].input).toEqual({ cluster, task: taskArn, container: 'api', command: '/bin/sh', interactive: true });
    expect(said).toEqual(['env: feature-x api: task 0123abcd, container api: /bin/sh']);
  });

  it('passes "" as the profile when none is set', async () => {
    answerRunningTask();
    const { dir, record } = pluginOnPath();
    await runExec(args(), context(dir, { profile: '' }));
    expect(recorded(record)[3]).toBe('');
  });

  it('sends the command after -- with each argument kept whole', async () => {
    answerRunningTask();
    const { dir } = pluginOnPath();
    await runExec(args({ '--': ['sh', '-c', "echo it's $HOME | wc -c"], container: 'envoy' }), context(dir));
    expect(ecs.commandCalls(ExecuteCommandCommand)[0].args[0].input).toMatchObject({ container: 'envoy', command: `sh -c 'echo it'\\''s $HOME | wc -c'` });
  });

  it('refuses before ExecuteCommand when the plugin is not on PATH, saying how to install it', async () => {
    answerRunningTask();
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-exec-none-'));
    made.push(empty);
    const failure = runExec(args(), context(empty, { path: empty }));
    await expect(failure).rejects.toMatchObject({
      message: expect.stringContaining('session-manager-plugin is not on PATH'),
      hint: expect.stringMatching(/session-manager-working-with-install-plugin\.html.*ubuntu_64bit\/session-manager-plugin\.deb.*brew install --cask session-manager-plugin/),
    });
    expect(ecs.commandCalls(ExecuteCommandCommand)).toHaveLength(0);
    expect(ecs.calls()).toHaveLength(0);
  });

  it('refuses prod before any AWS call', async () => {
    answerRunningTask();
    const { dir, record } = pluginOnPath();
    await expect(runExec(args({ tier: 'prod' }), context(dir))).rejects.toThrow('exec is not available in prod: ECS Exec is enabled only for stage services');
    expect(ecs.calls()).toHaveLength(0);
    expect(fs.existsSync(record)).toBe(false);
  });

  it('says when the service has no running task, and starts no plugin', async () => {
    ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    const { dir, record } = pluginOnPath();
    await expect(runExec(args(), context(dir))).rejects.toThrow('service demo-feature-x--api has no running task in cluster stage-main');
    expect(ecs.commandCalls(ExecuteCommandCommand)).toHaveLength(0);
    expect(fs.existsSync(record)).toBe(false);
  });

  it('refuses a service or container the set does not have, before any AWS call', async () => {
    const { dir } = pluginOnPath();
    await expect(runExec(args({ service: 'nope' }), context(dir))).rejects.toThrow('set demo has no service nope');
    await expect(runExec(args({ container: 'nope' }), context(dir))).rejects.toThrow('service api has no container nope');
    expect(ecs.calls()).toHaveLength(0);
  });
});

describe('the -- arguments through the command line parser', () => {
  /** Parses like main.ts (populate--, the input check, strict) and returns what the exec handler got. */
  async function parse(argv: string[]): Promise<ExecArgs> {
    let got: ExecArgs | undefined;
    await yargs(argv)
      .command({ ...execCommand, handler: (a) => void (got = a) })
      .command('plan', 'plan', () => undefined, () => undefined)
      .parserConfiguration({ 'populate--': true })
      .middleware(inputCheck(argv), true)
      .strict()
      .fail((message, error) => {
        throw error ?? new Error(message);
      })
      .parseAsync();
    return got!;
  }

  it('are taken by exec', async () => {
    const got = await parse(['exec', 'feature-x', '--set', 'demo', '--service', 'api', '--', 'ls', '-la', '--tag']);
    expect(got['--']).toEqual(['ls', '-la', '--tag']);
    expect([got.service, got.target]).toEqual(['api', 'feature-x']);
  });

  it('are still refused for other commands', async () => {
    await expect(parse(['plan', '--', 'extra'])).rejects.toThrow('unexpected argument after --: extra');
  });
});
