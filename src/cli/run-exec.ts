/**
 * `env exec`: a shell (or a command) in a running task of one service of an env, through ECS Exec and
 * AWS's Session Manager plugin. Everything that can be refused without AWS is refused first (tier,
 * service, container, local mode, the plugin missing); then ListTasks, DescribeTasks, ExecuteCommand,
 * and the session goes to the plugin as the AWS CLI hands it over.
 */
import { boundedClient } from '../aws/bounded-client';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { Tier } from '../definitions/base-definition';
import { ENVOY_CONTAINER } from '../env/task-containers';
import { UserError } from '../errors/user-error';
import { serviceNames } from '../names/env-resource-names';
import { ecsEndpointUrl, execSessionTarget, findExecTarget, quoteCommand, startExecSession } from '../aws/ecs-exec';
import { findSessionManagerPlugin, pluginMissingError, runSessionManagerPlugin, sessionManagerPluginArgs } from '../aws/session-manager-plugin';
import type { ExecArgs } from './command-args';
import { loadEnvOf } from './env-context';

/** The command run when none follows `--`. */
export const DEFAULT_EXEC_COMMAND = ['/bin/sh'];

/** Connection, request and socket timeout of the ECS calls (as `env status` uses). */

/** Tiers whose services run with ECS Exec enabled: the branch stack sets `enableExec: stage` (src/stacks/branch-stack.ts). */
export function execEnabled(tier: Tier): boolean {
  return tier === 'stage';
}

/** What the entry reads from the process and the world; tests replace the client and the plugin run. */
export interface ExecContext {
  readonly cwd: string;
  /** PATH, searched for session-manager-plugin. */
  readonly path: string | undefined;
  /** The AWS profile in use (AWS_PROFILE), or "". */
  readonly profile: string;
  /** @default an ECS client of the base's region from the default credential chain */
  readonly ecs?: ECSClient;
  /** Said to the user before the session starts. @default stderr */
  readonly say?: (line: string) => void;
  /** @default runSessionManagerPlugin */
  readonly runPlugin?: (pluginPath: string, args: readonly string[]) => Promise<number>;
}

/** Runs the session; resolves with the plugin's exit code. */
export async function runExec(args: ExecArgs, context: ExecContext): Promise<number> {
  const env = loadEnvOf(args, context.cwd);
  const tier = env.base.tier;
  if (!execEnabled(tier)) {
    throw new UserError(
      `exec is not available in ${tier}: ECS Exec is enabled only for stage services`,
      'open a session in a stage env (--tier stage); prod tasks take no exec sessions',
    );
  }
  if (args.local) throw new UserError('exec needs AWS: local mode has no running tasks', 'leave out --local');
  const definition = env.set.services.find((s) => s.name === args.service);
  if (!definition) {
    throw new UserError(`set ${env.set.name} has no service ${args.service}`, `its services: ${env.set.services.map((s) => s.name).join(', ')}`);
  }
  // The app container is named after the service (src/env/task-containers.ts).
  const container = args.container ?? definition.name;
  const containers = [definition.name, ENVOY_CONTAINER, ...(definition.extraContainers ?? []).map((c) => c.name)];
  if (!containers.includes(container)) {
    throw new UserError(`service ${definition.name} has no container ${container}`, `its containers: ${containers.join(', ')}`);
  }
  // As the AWS CLI does: make sure the plugin is there before ExecuteCommand opens a session.
  const plugin = findSessionManagerPlugin(context.path);
  if (plugin === undefined) throw pluginMissingError();

  const cluster = env.base.vpcName;
  const service = serviceNames({ tier, set: env.set.name, env: env.name }, definition.name).ecsService.value;
  const argv = (args['--'] ?? []).map(String);
  const command = quoteCommand(argv.length > 0 ? argv : DEFAULT_EXEC_COMMAND);

  const ecs =
    context.ecs ??
    new (await import('@aws-sdk/client-ecs')).ECSClient({
      region: env.base.region,
      // Bounded like every client: a dead endpoint fails in seconds instead of hanging the command.
      ...boundedClient(),
    });
  let pluginArgs: string[];
  let taskId: string;
  try {
    const target = await findExecTarget(ecs, { cluster, service, container, task: args.task });
    const started = await startExecSession(ecs, { cluster, service, taskArn: target.taskArn, container, command });
    taskId = target.taskId;
    pluginArgs = sessionManagerPluginArgs({
      session: started.session,
      region: await ecs.config.region(),
      profile: context.profile,
      target: execSessionTarget(started.clusterName, started.taskId, target.runtimeId),
      endpointUrl: await ecsEndpointUrl(ecs),
    });
  } finally {
    // A client built here is closed before the session: the plugin talks to AWS on its own.
    if (!context.ecs) ecs.destroy();
  }
  const say = context.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  say(`env: ${env.name} ${definition.name}: task ${taskId}, container ${container}: ${command}`);
  return (context.runPlugin ?? runSessionManagerPlugin)(plugin, pluginArgs);
}
