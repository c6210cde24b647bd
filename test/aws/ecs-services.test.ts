import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { describeEcsServices } from '../../src/aws/ecs-services';
import { runningTasks } from '../../src/aws/ecs-tasks';

const ecs = mockClient(ECSClient);
const client = () => new ECSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

beforeEach(() => ecs.reset());

describe('describeEcsServices', () => {
  it('asks 10 names per call, keeps the order asked and names the missing ones', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `demo-x--s${i}`);
    ecs.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
      services: input.services.filter((n) => n !== 'demo-x--s4').reverse().map((n) => ({ serviceName: n, status: 'ACTIVE', desiredCount: 1, runningCount: 1, pendingCount: 0 })),
      failures: input.services.includes('demo-x--s4') ? [{ arn: 'demo-x--s4', reason: 'MISSING' }] : [],
    }));
    const described = await describeEcsServices(client(), 'stage-main', names);
    expect(ecs.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input.services?.length)).toEqual([10, 2]);
    expect(ecs.commandCalls(DescribeServicesCommand)[0].args[0].input.cluster).toBe('stage-main');
    expect(described.services.map((s) => s.name)).toEqual(names.filter((n) => n !== 'demo-x--s4'));
    expect(described.missing).toEqual(['demo-x--s4']);
  });

  it('reads deployments and keeps the newest events first', async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceName: 'demo-x--web',
          status: 'ACTIVE',
          desiredCount: 2,
          runningCount: 1,
          pendingCount: 1,
          taskDefinition: 'arn:td/stage-demo-x--web:4',
          deployments: [{ id: 'd1', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', desiredCount: 2, runningCount: 1, pendingCount: 1, failedTasks: 2 }],
          events: [
            { createdAt: new Date('2026-11-22T07:00:00Z'), message: 'older' },
            { createdAt: new Date('2026-11-22T07:05:00Z'), message: 'newer' },
          ],
        },
      ],
    });
    const [web] = (await describeEcsServices(client(), 'stage-main', ['demo-x--web'], { eventLimit: 1 })).services;
    expect(web).toMatchObject({ desired: 2, running: 1, pending: 1, deployments: [{ id: 'd1', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', failedTasks: 2 }] });
    expect(web.events.map((e) => e.message)).toEqual(['newer']);
  });
});

describe('runningTasks', () => {
  it('lists the RUNNING tasks of the service page by page and reads their containers` images', async () => {
    ecs
      .on(ListTasksCommand, { nextToken: undefined })
      .resolves({ taskArns: ['t1'], nextToken: 'p2' })
      .on(ListTasksCommand, { nextToken: 'p2' })
      .resolves({ taskArns: ['t2'] });
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        { taskArn: 't1', lastStatus: 'RUNNING', taskDefinitionArn: 'td:4', containers: [{ name: 'app', image: 'r/web:feature-x-2-abc' }] },
        { taskArn: 't2', lastStatus: 'RUNNING', taskDefinitionArn: 'td:4', containers: [{ name: 'app', image: 'r/web:feature-x-2-abc' }] },
      ],
    });
    const tasks = await runningTasks(client(), 'stage-main', 'demo-x--web');
    expect(ecs.commandCalls(ListTasksCommand)[0].args[0].input).toMatchObject({ cluster: 'stage-main', serviceName: 'demo-x--web', desiredStatus: 'RUNNING' });
    expect(ecs.commandCalls(DescribeTasksCommand)[0].args[0].input.tasks).toEqual(['t1', 't2']);
    expect(tasks.map((t) => t.containers[0].image)).toEqual(['r/web:feature-x-2-abc', 'r/web:feature-x-2-abc']);
  });

  it('finds no task for a service that does not exist, and does not call DescribeTasks', async () => {
    const error = new Error('Service not found.');
    error.name = 'ServiceNotFoundException';
    ecs.on(ListTasksCommand).rejects(error);
    await expect(runningTasks(client(), 'stage-main', 'demo-x--gone')).resolves.toEqual([]);
    expect(ecs.commandCalls(DescribeTasksCommand)).toHaveLength(0);
  });

  it('passes other errors on', async () => {
    const error = new Error('denied');
    error.name = 'AccessDeniedException';
    ecs.on(ListTasksCommand).rejects(error);
    await expect(runningTasks(client(), 'stage-main', 'demo-x--web')).rejects.toThrow('denied');
  });
});
