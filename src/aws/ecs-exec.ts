/**
 * ECS Exec at run time: find a running task of a service that can take an exec session, and start an
 * interactive session in one of its containers. The caller builds the ECS client (default credential
 * chain) and hands the session to the Session Manager plugin (./session-manager-plugin.ts).
 *
 * IAM: ecs:ListTasks, ecs:DescribeTasks, ecs:ExecuteCommand for the caller; the task role needs
 * ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel, OpenDataChannel.
 */
import { DescribeTasksCommand, ECSClient, ExecuteCommandCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { UserError } from '../errors/user-error';
import { ExecSession } from './session-manager-plugin';

/** The managed agent of a container that serves ECS Exec. */
export const EXEC_AGENT = 'ExecuteCommandAgent';

/** Bound on ListTasks pages (100 tasks each) while looking for the task asked for. */
const MAX_TASK_PAGES = 20;

const CALLER_ACTIONS = 'ecs:ListTasks, ecs:DescribeTasks and ecs:ExecuteCommand';

export interface ExecTargetQuery {
  readonly cluster: string;
  /** ECS service name. */
  readonly service: string;
  readonly container: string;
  /** A task id or ARN; @default the first running task of the service */
  readonly task?: string;
}

/** A container that can take an exec session. */
export interface ExecTarget {
  readonly taskArn: string;
  readonly taskId: string;
  readonly container: string;
  /** The container's runtime id: part of the Session Manager target. */
  readonly runtimeId: string;
}

/** The last part of an ARN (`…/cluster/task-id` → task-id); an id stays as it is. */
export function lastPart(arnOrId: string): string {
  return arnOrId.slice(arnOrId.lastIndexOf('/') + 1);
}

/** ListTasks (RUNNING) → the task asked for or the first; DescribeTasks → exec enabled, agent running, runtime id. */
export async function findExecTarget(client: ECSClient, query: ExecTargetQuery): Promise<ExecTarget> {
  const { cluster, service, container } = query;
  const running: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await call('ecs:ListTasks', query, () => client.send(new ListTasksCommand({ cluster, serviceName: service, desiredStatus: 'RUNNING', nextToken })));
    running.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
    if (query.task === undefined && running.length > 0) break;
    if (query.task !== undefined && running.some((arn) => lastPart(arn) === lastPart(query.task!))) break;
  } while (nextToken && ++pages < MAX_TASK_PAGES);

  if (running.length === 0) {
    throw new UserError(
      `service ${service} has no running task in cluster ${cluster}`,
      `is the env applied and the service scaled above 0? see: aws ecs describe-services --cluster ${cluster} --services ${service}`,
    );
  }
  const taskArn = query.task === undefined ? running[0] : running.find((arn) => lastPart(arn) === lastPart(query.task!));
  if (taskArn === undefined) {
    throw new UserError(
      `task ${query.task} is not a running task of service ${service}`,
      `running tasks: ${running.map(lastPart).join(', ')}; leave out --task for the first`,
    );
  }
  const taskId = lastPart(taskArn);

  const described = await call('ecs:DescribeTasks', query, () => client.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] })));
  const task = described.tasks?.[0];
  if (!task) throw new UserError(`task ${taskId} of service ${service} is gone (it stopped after it was listed)`, 'run the command again for another task');
  const restart = `start new tasks: aws ecs update-service --cluster ${cluster} --service ${service} --force-new-deployment`;
  if (task.enableExecuteCommand !== true) {
    throw new UserError(`task ${taskId} of service ${service} was started without ECS Exec (enableExecuteCommand is false)`, `exec is on for services applied in stage; ${restart}`);
  }
  const found = (task.containers ?? []).find((c) => c.name === container);
  if (!found) {
    const names = (task.containers ?? []).map((c) => c.name).join(', ');
    throw new UserError(`task ${taskId} has no container ${container}`, `its containers: ${names}; choose one with --container`);
  }
  const agent = (found.managedAgents ?? []).find((a) => a.name === EXEC_AGENT);
  if (agent?.lastStatus !== 'RUNNING' || !found.runtimeId) {
    const state = agent ? `is ${agent.lastStatus ?? 'in no known state'}` : 'is missing';
    throw new UserError(
      `the ${EXEC_AGENT} of container ${container} in task ${taskId} ${state}: the task cannot take an exec session`,
      `a task that just started needs a minute; otherwise its task role needs the ssmmessages actions, or ${restart}`,
    );
  }
  return { taskArn, taskId, container, runtimeId: found.runtimeId };
}

export interface ExecRequest {
  readonly cluster: string;
  readonly service: string;
  readonly taskArn: string;
  readonly container: string;
  /** The command as one string (see quoteCommand). */
  readonly command: string;
}

export interface StartedExec {
  readonly session: ExecSession;
  /** Cluster name and task id as the response names them (the AWS CLI builds the target from these). */
  readonly clusterName: string;
  readonly taskId: string;
}

/** ExecuteCommand, interactive: the session to hand to the Session Manager plugin. */
export async function startExecSession(client: ECSClient, request: ExecRequest): Promise<StartedExec> {
  const response = await call('ecs:ExecuteCommand', request, () =>
    client.send(new ExecuteCommandCommand({ cluster: request.cluster, task: request.taskArn, container: request.container, command: request.command, interactive: true })),
  );
  const { sessionId, streamUrl, tokenValue } = response.session ?? {};
  if (!sessionId || !streamUrl || !tokenValue) throw new Error(`ECS ExecuteCommand returned no session for task ${lastPart(request.taskArn)}`);
  return {
    session: { sessionId, streamUrl, tokenValue },
    clusterName: lastPart(response.clusterArn ?? request.cluster),
    taskId: lastPart(response.taskArn ?? request.taskArn),
  };
}

/** The Session Manager target of a container: `ecs:<cluster>_<taskId>_<runtimeId>`. */
export function execSessionTarget(clusterName: string, taskId: string, runtimeId: string): string {
  return `ecs:${clusterName}_${taskId}_${runtimeId}`;
}

/**
 * One command string from arguments, each kept whole. In a container the SSM agent splits the
 * command with POSIX shell rules (github.com/google/shlex) and runs it without a shell, so an argument
 * with anything but safe characters is put in single quotes, with `'` written as `'\''`.
 */
export function quoteCommand(args: readonly string[]): string {
  return args.map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The URL of the client's ECS endpoint (the AWS CLI passes client.meta.endpoint_url to the plugin). */
export async function ecsEndpointUrl(client: ECSClient): Promise<string> {
  const config = client.config;
  if (config.endpoint) {
    const e = await config.endpoint();
    return `${e.protocol}//${e.hostname}${e.port ? `:${e.port}` : ''}${e.path === '/' ? '' : e.path}`;
  }
  const resolved = config.endpointProvider({
    Region: await config.region(),
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
  });
  return resolved.url.href.replace(/\/$/, '');
}

/** The error of an AWS call, in words that say what to change. */
async function call<T>(action: string, where: { cluster: string; service: string }, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    const message = (error as { message?: string }).message ?? '';
    if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'UnauthorizedOperation') {
      throw new UserError(
        `not allowed to call ${action} (${name}): ${message}`,
        `exec needs ${CALLER_ACTIONS} on the cluster's tasks; ask for them or use credentials that have them`,
      );
    }
    if (name.includes('Credential') || name === 'UnrecognizedClientException' || name === 'ExpiredTokenException') {
      throw new UserError(`${action} failed: no valid AWS credentials (${name}): ${message}`, 'log in to AWS (e.g. aws sso login, or set AWS_PROFILE)');
    }
    if (name === 'ClusterNotFoundException') throw new UserError(`cluster ${where.cluster} not found`, 'is the base of this tier applied, in this account and region?');
    if (name === 'ServiceNotFoundException') throw new UserError(`service ${where.service} not found in cluster ${where.cluster}`, 'is the env applied? see: env show');
    if (name === 'TargetNotConnectedException') {
      throw new UserError(
        `the task's ${EXEC_AGENT} is not connected (${message})`,
        'its task role needs ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel, and the task must reach the SSM endpoints',
      );
    }
    throw error;
  }
}
