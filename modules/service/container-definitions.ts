/**
 * ECS container definitions (the JSON of aws_ecs_task_definition.container_definitions) for an app
 * container, its Envoy sidecar and extra containers. Plain data: the FargateService construct
 * serializes it; policy rules read it back.
 */

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

/** One container definition in the shape ECS expects (camelCase JSON). */
export function containerDefinition(spec: ContainerSpec, logs: LogSettings): Record<string, unknown> {
  const environment = Object.entries(spec.environment ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value }));
  return {
    name: spec.name,
    image: spec.image,
    essential: spec.essential,
    ...(spec.entryPoint ? { entryPoint: [...spec.entryPoint] } : {}),
    ...(spec.command ? { command: [...spec.command] } : {}),
    ...(spec.user ? { user: spec.user } : {}),
    ...(spec.cpu !== undefined ? { cpu: spec.cpu } : {}),
    ...(spec.memory !== undefined ? { memory: spec.memory } : {}),
    environment,
    secrets: (spec.secrets ?? []).map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
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
  };
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
