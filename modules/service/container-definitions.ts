/**
 * ECS container definitions (the JSON of aws_ecs_task_definition.container_definitions) for an app
 * container, its Envoy sidecar and extra containers. Plain data: the FargateService construct
 * serializes it; policy rules read it back.
 */
import { escapeTemplate } from '../common/escape-template';

/** CDKTF's marker of a string reference (`BEGIN_STRING_TOKEN_MARKER` in cdktf/lib/tokens/private/encoding.js). */
const STRING_TOKEN = /(\$\{TfToken\[[A-Za-z0-9:._-]+\]\})/;

/**
 * Every string of a definition as Terraform must read it: text (env values, commands, secret
 * references: anything a user wrote) with `${` and `%{` escaped, CDKTF references kept as they are.
 */
function literalStrings<T>(value: T): T {
  if (typeof value === 'string') return value.split(STRING_TOKEN).map((part, i) => (i % 2 === 1 ? part : escapeTemplate(part))).join('') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => literalStrings(v)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalStrings(v)])) as T;
  return value;
}

export interface ContainerSecret {
  readonly name: string;
  /** Secrets Manager or SSM ARN (or name), fetched by the execution role at start. */
  readonly valueFrom: string;
}

export interface LogSettings {
  readonly group: string;
  readonly region: string;
  /** Stream prefix: the service name, so each service writes only its own streams. */
  readonly streamPrefix: string;
}

export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  readonly entryPoint?: readonly string[];
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly secrets?: readonly ContainerSecret[];
  readonly portMappings?: readonly number[];
  readonly cpu?: number;
  readonly memory?: number;
  readonly readonlyRootFilesystem: boolean;
  /** Health check command, without the CMD / CMD-SHELL prefix (CMD is used). */
  readonly healthCheck?: readonly string[];
  readonly dependsOn?: readonly { containerName: string; condition: 'START' | 'HEALTHY' | 'COMPLETE' | 'SUCCESS' }[];
  /** Run as this user (Envoy runs as its image's unprivileged user). */
  readonly user?: string;
}

/**
 * One container definition in the shape ECS expects (camelCase JSON), every string escaped for
 * Terraform (literalStrings). The key order matters to CDKTF, which reads a `${` in a string
 * (escaped or not) as an open expression until the next `}`, and writes the references inside one
 * without their `${…}`: so entryPoint and command come after the environment (which may hold
 * references) and are closed by linuxParameters' `}` before the log group; every other free text
 * is closed by a `}` of its own object.
 */
export function containerDefinition(spec: ContainerSpec, logs: LogSettings): Record<string, unknown> {
  const environment = Object.entries(spec.environment ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value }));
  return literalStrings({
    name: spec.name,
    image: spec.image,
    essential: spec.essential,
    environment,
    secrets: (spec.secrets ?? []).map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
    ...(spec.entryPoint ? { entryPoint: [...spec.entryPoint] } : {}),
    ...(spec.command ? { command: [...spec.command] } : {}),
    ...(spec.user ? { user: spec.user } : {}),
    ...(spec.cpu !== undefined ? { cpu: spec.cpu } : {}),
    ...(spec.memory !== undefined ? { memory: spec.memory } : {}),
    portMappings: (spec.portMappings ?? []).map((port) => ({ containerPort: port, hostPort: port, protocol: 'tcp' })),
    privileged: false,
    readonlyRootFilesystem: spec.readonlyRootFilesystem,
    linuxParameters: { initProcessEnabled: true },
    ...(spec.healthCheck
      ? { healthCheck: { command: ['CMD', ...spec.healthCheck], interval: 10, timeout: 5, retries: 3, startPeriod: 30 } }
      : {}),
    ...(spec.dependsOn ? { dependsOn: spec.dependsOn.map((d) => ({ ...d })) } : {}),
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': logs.group, 'awslogs-region': logs.region, 'awslogs-stream-prefix': logs.streamPrefix },
    },
    mountPoints: [],
    volumesFrom: [],
    systemControls: [],
  });
}

/**
 * Health check of the Envoy sidecar with only what the upstream image has (bash, grep; no curl):
 * an HTTP request over bash's /dev/tcp. With a path, the request goes through Envoy's ingress to the
 * app, so the sidecar is healthy only when both answer; without, Envoy's own `/ready`.
 */
export function envoyHealthCheck(port: number, path: string, expect: string): string[] {
  const script =
    `exec 3<>/dev/tcp/127.0.0.1/${port} && ` +
    `printf 'GET ${path} HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && ` +
    `head -n 1 <&3 | grep -q '${expect}'`;
  return ['/bin/bash', '-c', script];
}
