/**
 * How a CI job logs in to the registry it pushes images to: ECR through the job's AWS role, GitHub's
 * registry with the job's own token, GitLab's with the job's own credentials, anything else (Docker
 * Hub, a company registry) with a user name and password the project stores in its CI settings.
 */
export type RegistryKind = 'ecr' | 'ghcr' | 'gitlab' | 'other';

export interface RegistryLogin {
  readonly kind: RegistryKind;
  /** Host to log in to (`ghcr.io`, `111111111111.dkr.ecr.eu-west-1.amazonaws.com`); `docker.io` for Docker Hub. */
  readonly host: string;
}

/** `ghcr.io/example-org` → ghcr; `example` or `docker.io/example` → Docker Hub (other). */
export function registryLogin(registry: string): RegistryLogin {
  const first = registry.split('/')[0];
  // A first part without a dot, a colon or "localhost" is a Docker Hub namespace, not a host.
  const host = /[.:]/.test(first) || first === 'localhost' ? first : 'docker.io';
  if (/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host)) return { kind: 'ecr', host };
  if (host === 'ghcr.io') return { kind: 'ghcr', host };
  if (host === 'registry.gitlab.com') return { kind: 'gitlab', host };
  return { kind: 'other', host };
}
