/**
 * The running tasks of one ECS service and the images their containers run, read with ListTasks
 * (desired status RUNNING) and DescribeTasks (100 per call). IAM: ecs:ListTasks, ecs:DescribeTasks.
 */
import { DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';

export interface RunningContainer {
  readonly name: string;
  /** The image reference the task was started with (`…/api:feature-x-12-abc1234`). */
  readonly image?: string;
  readonly imageDigest?: string;
  readonly lastStatus?: string;
}

export interface RunningTask {
  readonly arn: string;
  readonly taskDefinition?: string;
  /** PROVISIONING, PENDING, RUNNING, … */
  readonly lastStatus?: string;
  readonly containers: readonly RunningContainer[];
}

export interface RunningTasksOptions {
  /** Most tasks read. @default 100 */
  readonly limit?: number;
}

/** DescribeTasks takes at most 100 tasks per call. */
const BATCH = 100;

/** The service's tasks whose desired status is RUNNING (none when the service does not exist). */
export async function runningTasks(client: ECSClient, cluster: string, serviceName: string, options: RunningTasksOptions = {}): Promise<RunningTask[]> {
  const limit = options.limit ?? 100;
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await client.send(new ListTasksCommand({ cluster, serviceName, desiredStatus: 'RUNNING', nextToken }));
    } catch (error) {
      // A service that does not exist runs no task; DescribeServices reports it as missing.
      if ((error as { name?: string }).name === 'ServiceNotFoundException') return [];
      throw error;
    }
    arns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken && arns.length < limit);
  const wanted = arns.slice(0, limit);
  const tasks: RunningTask[] = [];
  for (let i = 0; i < wanted.length; i += BATCH) {
    const answer = await client.send(new DescribeTasksCommand({ cluster, tasks: wanted.slice(i, i + BATCH) }));
    for (const task of answer.tasks ?? []) {
      tasks.push({
        arn: task.taskArn ?? '',
        taskDefinition: task.taskDefinitionArn,
        lastStatus: task.lastStatus,
        containers: (task.containers ?? []).map((c) => ({ name: c.name ?? '', image: c.image, imageDigest: c.imageDigest, lastStatus: c.lastStatus })),
      });
    }
  }
  return tasks;
}
