/**
 * The containers of one service's task: the app, its Envoy sidecar and any extra containers, with
 * the dependencies and health checks that keep traffic away until both app and Envoy are up.
 */
import { ContainerSecret, ContainerSpec, envoyHealthCheck } from '../../modules/service/container-definitions';
import { ENVOY_PORTS } from '../definitions/reserved';
import { PlannedService } from './plan-services';

/** Name of the sidecar container in every task. */
export const ENVOY_CONTAINER = 'envoy';
/** The upstream Envoy image runs as this unprivileged user. */
const ENVOY_USER = '101';

export interface TaskContainerInput {
  readonly planned: PlannedService;
  readonly envoyImage: string;
  /** Environment added by the env (backend names), on top of the planned environment. */
  readonly extraEnvironment: Readonly<Record<string, string>>;
  /**
   * Secrets added by the env (the database password), on top of the planned secrets.
   * @default none
   */
  readonly extraSecrets?: readonly ContainerSecret[];
}

export function taskContainers({ planned, envoyImage, extraEnvironment, extraSecrets = [] }: TaskContainerInput): ContainerSpec[] {
  const def = planned.definition;
  const health = def.healthCheck;
  // With a path, Envoy's check goes through its ingress to the app: healthy means both are up,
  // so the app must not wait for it. With a command, the app checks itself and Envoy checks /ready.
  const envoyCheck =
    'path' in health
      ? envoyHealthCheck(ENVOY_PORTS.ingress, health.path, ' 200 ')
      : envoyHealthCheck(ENVOY_PORTS.admin, '/ready', ' 200 ');

  const envoy: ContainerSpec = {
    name: ENVOY_CONTAINER,
    image: envoyImage,
    essential: true,
    user: ENVOY_USER,
    entryPoint: ['/usr/local/bin/envoy'],
    command: ['--config-yaml', planned.envoyBootstrap, '--disable-hot-restart', '--log-level', 'info'],
    portMappings: [ENVOY_PORTS.ingress, ENVOY_PORTS.metrics],
    readonlyRootFilesystem: true,
    healthCheck: envoyCheck,
  };
  const app: ContainerSpec = {
    name: def.name,
    image: planned.image,
    essential: true,
    environment: { ...planned.environment, ...extraEnvironment },
    secrets: [...planned.secrets, ...extraSecrets],
    portMappings: [def.port],
    readonlyRootFilesystem: !def.writableRootFilesystem,
    ...('command' in health ? { healthCheck: [...health.command] } : {}),
    dependsOn: [{ containerName: ENVOY_CONTAINER, condition: 'path' in health ? 'START' : 'HEALTHY' }],
  };
  const extras: ContainerSpec[] = (def.extraContainers ?? []).map((c) => ({
    name: c.name,
    image: c.image,
    essential: c.essential ?? true,
    command: c.command,
    environment: c.environment,
    secrets: planned.extraSecrets[c.name] ?? [],
    cpu: c.cpu,
    memory: c.memory,
    readonlyRootFilesystem: !c.writableRootFilesystem,
  }));
  return [app, envoy, ...extras];
}

/** Reasons for containers that need a writable root filesystem, for the declared policy exception. */
export function writableRootReasons(planned: PlannedService): string[] {
  const def = planned.definition;
  return [
    ...(def.writableRootFilesystem ? [`${def.name}: ${def.writableRootFilesystem.reason}`] : []),
    ...(def.extraContainers ?? []).filter((c) => c.writableRootFilesystem).map((c) => `${c.name}: ${c.writableRootFilesystem!.reason}`),
  ];
}

/**
 * The container of a one-off command (a migration): the app container with its image, environment
 * and secrets, the command instead of the image's own, and nothing that waits for Envoy or serves.
 */
export function oneOffContainer(app: ContainerSpec, command: readonly string[]): ContainerSpec {
  return {
    name: app.name,
    image: app.image,
    essential: true,
    command,
    environment: app.environment,
    secrets: app.secrets,
    readonlyRootFilesystem: app.readonlyRootFilesystem,
  };
}
