/** Issue 10 (exec): the ECS calls of an exec session, against aws-sdk-client-mock clients. */
import { spawnSync } from 'node:child_process';
import { DescribeTasksCommand, ECSClient, ExecuteCommandCommand, ListTasksCommand, Task } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { ecsEndpointUrl, execSessionTarget, findExecTarget, quoteCommand, startExecSession } from '../../src/aws/ecs-exec';

const ecs = mockClient(ECSClient);
const client = new ECSClient({ region: 'eu-west-1' });
const cluster = 'stage-main';
const service = 'demo-feature-x--api';
const arn = (id: string) => `arn:aws:ecs:eu-west-1:111111111111:task/${cluster}/${id}`;
const query = { cluster, service, container: 'api' };

function task(id: string, overrides: Partial<Task> = {}, agentStatus = 'RUNNING'): Task {
  return {
    taskArn: arn(id),
    enableExecuteCommand: true,
    containers: [
      { name: 'api', runtimeId: `${id}-1111`, managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: agentStatus }] },
      { name: 'envoy', runtimeId: `${id}-2222`, managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: 'RUNNING' }] },
    ],
    ...overrides,
  };
}

beforeEach(() => ecs.reset());

describe('findExecTarget', () => {
  it('lists the running tasks of the service and takes the first, with its container runtime id', async () => {
    ecs.on(ListTasksCommand).resolves({ taskArns: [arn('aaa'), arn('bbb')] });
    ecs.on(DescribeTasksCommand).callsFake(async (input) => ({ tasks: [task(input.tasks[0].split('/').pop())] }));
    const target = await findExecTarget(client, query);
    expect(target).toEqual({ taskArn: arn('aaa'), taskId: 'aaa', container: 'api', runtimeId: 'aaa-1111' });
    expect(ecs.commandCalls(ListTasksCommand)[0].args[0].input).toEqual({ cluster, serviceName: service, desiredStatus: 'RUNNING', nextToken: undefined });
    expect(ecs.commandCalls(DescribeTasksCommand)[0].args[0].input).toEqual({ cluster, tasks: [arn('aaa')] });
  });

  it('takes the task asked for, by id or ARN, across pages', async () => {
    ecs
      .on(ListTasksCommand, { nextToken: undefined })
      .resolves({ taskArns: [arn('aaa')], nextToken: 'p2' })
      .on(ListTasksCommand, { nextToken: 'p2' })
      .resolves({ taskArns: [arn('bbb')] });
    ecs.on(DescribeTasksCommand).callsFake(async (input) => ({ tasks: [task(input.tasks[0].split('/').pop())] }));
    expect((await findExecTarget(client, { ...query, task: 'bbb' })).runtimeId).toBe('bbb-1111');
    expect((await findExecTarget(client, { ...query, task: arn('bbb'), container: 'envoy' })).runtimeId).toBe('bbb-2222');
    expect(ecs.commandCalls(ListTasksCommand)).toHaveLength(4);
    // A task found on the first page reads no more pages.
    expect((await findExecTarget(client, { ...query, task: 'aaa' })).runtimeId).toBe('aaa-1111');
    expect(ecs.commandCalls(ListTasksCommand)).toHaveLength(5);
  });

  it('says when the service has no running task', async () => {
    ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    await expect(findExecTarget(client, query)).rejects.toThrow(`service ${service} has no running task in cluster ${cluster}`);
    expect(ecs.commandCalls(DescribeTasksCommand)).toHaveLength(0);
  });

  it('names the running tasks when the one asked for is not among them', async () => {
    ecs.on(ListTasksCommand).resolves({ taskArns: [arn('aaa')] });
    const failure = findExecTarget(client, { ...query, task: 'zzz' });
    await expect(failure).rejects.toThrow('task zzz is not a running task of service');
    await expect(findExecTarget(client, { ...query, task: 'zzz' })).rejects.toMatchObject({ hint: expect.stringContaining('running tasks: aaa') });
  });

  it('refuses a task started without ECS Exec', async () => {
    ecs.on(ListTasksCommand).resolves({ taskArns: [arn('aaa')] });
    ecs.on(DescribeTasksCommand).resolves({ tasks: [task('aaa', { enableExecuteCommand: false })] });
    await expect(findExecTarget(client, query)).rejects.toThrow('task aaa of service demo-feature-x--api was started without ECS Exec (enableExecuteCommand is false)');
  });

  it('refuses a container whose ExecuteCommandAgent is not running', async () => {
    ecs.on(ListTasksCommand).resolves({ taskArns: [arn('aaa')] });
    ecs.on(DescribeTasksCommand).resolves({ tasks: [task('aaa', {}, 'PENDING')] });
    await expect(findExecTarget(client, query)).rejects.toThrow('the ExecuteCommandAgent of container api in task aaa is PENDING');
  });

  it('names the containers of the task when the one asked for is not there', async () => {
    ecs.on(ListTasksCommand).resolves({ taskArns: [arn('aaa')] });
    ecs.on(DescribeTasksCommand).resolves({ tasks: [task('aaa')] });
    await expect(findExecTarget(client, { ...query, container: 'cache' })).rejects.toMatchObject({
      message: 'task aaa has no container cache',
      hint: expect.stringContaining('its containers: api, envoy'),
    });
  });

  it('says which action was denied, and which actions exec needs', async () => {
    ecs.on(ListTasksCommand).rejects(Object.assign(new Error('User: arn:aws:iam::1:user/x is not authorized'), { name: 'AccessDeniedException' }));
    await expect(findExecTarget(client, query)).rejects.toMatchObject({
      message: expect.stringMatching(/^not allowed to call ecs:ListTasks \(AccessDeniedException\): User: .* is not authorized$/),
      hint: expect.stringContaining('ecs:ListTasks, ecs:DescribeTasks and ecs:ExecuteCommand'),
    });
  });
});

describe('startExecSession', () => {
  it('asks for an interactive session and returns it with the cluster and task the response names', async () => {
    ecs.on(ExecuteCommandCommand).resolves({
      clusterArn: `arn:aws:ecs:eu-west-1:111111111111:cluster/${cluster}`,
      taskArn: arn('aaa'),
      containerName: 'api',
      interactive: true,
      session: { sessionId: 'ecs-execute-command-1', streamUrl: 'wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/x', tokenValue: 'token' },
    });
    const started = await startExecSession(client, { cluster, service, taskArn: arn('aaa'), container: 'api', command: '/bin/sh' });
    expect(started).toEqual({
      session: { sessionId: 'ecs-execute-command-1', streamUrl: 'wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/x', tokenValue: 'token' },
      clusterName: cluster,
      taskId: 'aaa',
    });
    expect(ecs.commandCalls(ExecuteCommandCommand)[0].args[0].input).toEqual({ cluster, task: arn('aaa'), container: 'api', command: '/bin/sh', interactive: true });
  });

  it('says when ExecuteCommand is denied', async () => {
    ecs.on(ExecuteCommandCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(startExecSession(client, { cluster, service, taskArn: arn('aaa'), container: 'api', command: 'ls' })).rejects.toThrow(
      'not allowed to call ecs:ExecuteCommand (AccessDeniedException): denied',
    );
  });
});

describe('command quoting', () => {
  it('leaves plain words alone and quotes everything else', () => {
    expect(quoteCommand(['/bin/sh'])).toBe('/bin/sh');
    expect(quoteCommand(['ls', '-la', '/var/log'])).toBe('ls -la /var/log');
    expect(quoteCommand(['sh', '-c', "echo it's $HOME; ls *"])).toBe(`sh -c 'echo it'\\''s $HOME; ls *'`);
    expect(quoteCommand(['echo', '', '#x'])).toBe(`echo '' '#x'`);
  });

  it('splits back into the same arguments under POSIX shell rules (those the SSM agent uses)', () => {
    const args = ['printf', '[%s]\\n', 'two words', "it's", '$HOME', '"q"', 'a\\b', '', '#c', 'line\nbreak', '*'];
    const result = spawnSync('/bin/sh', ['-c', quoteCommand(args)], { encoding: 'utf8', env: { HOME: '/nowhere' } });
    expect(result.stdout).toBe(args.slice(2).map((a) => `[${a}]\n`).join(''));
  });
});

describe('session target and endpoint', () => {
  it('are built as the AWS CLI builds them', async () => {
    expect(execSessionTarget('stage-main', 'aaa', 'aaa-1111')).toBe('ecs:stage-main_aaa_aaa-1111');
    expect(await ecsEndpointUrl(new ECSClient({ region: 'eu-west-1' }))).toBe('https://ecs.eu-west-1.amazonaws.com');
    expect(await ecsEndpointUrl(new ECSClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566' }))).toBe('http://127.0.0.1:4566');
  });
});
