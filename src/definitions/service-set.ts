/**
 * The typed shape of a service set: the services one branch env runs. Definitions
 * (stage/services/<set>.ts, prod/services/<set>.ts) are plain data of this type.
 */
import { Tier } from './base-definition';

/** Where a container's image comes from. */
export type ImageSource =
  /** A repository under the registry; the tag is resolved per branch (`<prefix>-<count>-<sha>`). */
  | { readonly repository: string }
  /** A fixed image reference with a tag or digest, never resolved (`public.ecr.aws/nginx/nginx:1.27`). */
  | { readonly fixed: string };

/** How the app speaks on its port: plain HTTP/1.1, HTTP/2 (h2c), or gRPC (HTTP/2). */
export type ServiceProtocol = 'http' | 'http2' | 'grpc';

/** A secret injected with `valueFrom`: never a plain environment value. */
export type SecretSource =
  /** Secrets Manager secret name or ARN, optionally one JSON key of it. */
  | { readonly secretsManager: string; readonly jsonKey?: string }
  /** SSM Parameter Store parameter name (`/app/db-password`) or ARN. */
  | { readonly ssmParameter: string }
  /**
   * A secret of this env only, stored with `env secrets set <env> --set <set> NAME` under the env's
   * prefix (`branchenv/<tier>/<set>/<env>/secrets/NAME`); dropped with the env.
   */
  | { readonly envSecret: string };

export type HealthCheck =
  /** HTTP path the app answers 200 on; checked through Envoy, so both must be up. */
  | { readonly path: string }
  /** Command run inside the app container (`["CMD-SHELL", "…"]` style, without the prefix). */
  | { readonly command: readonly string[] };

export interface Autoscaling {
  readonly min: number;
  readonly max: number;
  /** Average CPU utilisation (%) the service is scaled to hold. */
  readonly cpuTarget: number;
}

/** A public route on the base's shared load balancer. */
export interface PublicRoute {
  /**
   * Host label prefix: the route answers at `<hostPrefix>--<set>-<env>.<domain>`.
   * @default the env's own host `<set>-<env>.<domain>`
   */
  readonly hostPrefix?: string;
  /**
   * Path pattern, e.g. `/api/*`.
   * @default every path
   */
  readonly path?: string;
}

/** A further container in the service's task (a worker, a log shipper, …). */
export interface ExtraContainer {
  readonly name: string;
  /** Fixed image reference (extra containers are not resolved per branch). */
  readonly image: string;
  /** @default true */
  readonly essential?: boolean;
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly secrets?: Readonly<Record<string, SecretSource>>;
  /** CPU units reserved for it inside the task. @default 0 (shared) */
  readonly cpu?: number;
  /** Hard memory limit in MiB. @default none (shares the task's memory) */
  readonly memory?: number;
  /** Why the image needs a writable root filesystem; absent means read-only. */
  readonly writableRootFilesystem?: { readonly reason: string };
}

/**
 * Per-env backends a service may use; their names reach its containers as environment variables.
 * `database` gives PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD (a secret) and DATABASE_URL.
 */
export type BackendKind = 'bucket' | 'table' | 'database';

export interface ServiceDefinition {
  /** Lowercase name: letters, digits, single dashes. */
  readonly name: string;
  readonly image: ImageSource;
  /** Port the app listens on (inside the task; Envoy fronts it). */
  readonly port: number;
  /** @default 'http' */
  readonly protocol?: ServiceProtocol;
  /** Task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384. */
  readonly cpu: number;
  /** Task memory in MiB; must be a combination Fargate accepts for the cpu. */
  readonly memory: number;
  readonly environment?: Readonly<Record<string, string>>;
  readonly secrets?: Readonly<Record<string, SecretSource>>;
  readonly healthCheck: HealthCheck;
  /** @default 1 */
  readonly desiredCount?: number;
  readonly autoscaling?: Autoscaling;
  /** Services of the set this one calls (Envoy egress listeners, security group rules). */
  readonly calls?: readonly string[];
  /** Public routes; a service without routes is private. */
  readonly routes?: readonly PublicRoute[];
  readonly extraContainers?: readonly ExtraContainer[];
  /** Env backends it reads and writes. */
  readonly uses?: readonly BackendKind[];
  /** Why the app image needs a writable root filesystem; absent means read-only. */
  readonly writableRootFilesystem?: { readonly reason: string };
}

export interface TableDefinition {
  /** Partition key attribute (string). */
  readonly partitionKey: string;
  /** Sort key attribute (string). */
  readonly sortKey?: string;
}

/** A one-off command run before the services roll (Heroku's `postdeploy`, Render's `initialDeployHook`). */
export interface MigrateDefinition {
  /** Service whose image, environment and secrets the command runs with (it must use the database). */
  readonly service: string;
  /** Command run instead of the image's own, e.g. `['npm', 'run', 'migrate']`. */
  readonly command: readonly string[];
  /**
   * Seconds the apply waits for the command before it stops the task and fails.
   * @default 600
   */
  readonly timeoutSeconds?: number;
}

/** The env's own PostgreSQL database in the base's cluster. */
export interface DatabaseDefinition {
  /**
   * Run this command as an ECS task before the services roll, each time its service's task changes.
   * @default none
   */
  readonly migrate?: MigrateDefinition;
}

export interface ServiceSetDefinition {
  /** Set name: lowercase letters and digits, no dashes (it prefixes env names unambiguously). */
  readonly name: string;
  readonly tier: Tier;
  /**
   * Registry of the set's repositories.
   * @default the tier's registry (BaseDefinition.registry)
   */
  readonly registry?: string;
  /**
   * Envoy image of every sidecar.
   * @default DEFAULT_ENVOY_IMAGE
   */
  readonly envoyImage?: string;
  /** Backends created for each env of the set. */
  readonly backends?: { readonly bucket?: boolean; readonly table?: TableDefinition };
  /**
   * A database of its own for each env, in the base's Aurora PostgreSQL cluster (the base must
   * define `database`). Services get it with `uses: ['database']`.
   * @default none
   */
  readonly database?: DatabaseDefinition;
  readonly services: readonly ServiceDefinition[];
}

/** Upstream Envoy, no image of our own. */
export const DEFAULT_ENVOY_IMAGE = 'envoyproxy/envoy:v1.31.6';
