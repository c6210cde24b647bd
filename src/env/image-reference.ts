/** Facts about an image repository address that the stack needs (ECR ARNs for pull permissions). */

const ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** `<registry>/<repository>` without a tag. */
export function repositoryAddress(registry: string, repository: string): string {
  return `${registry.replace(/\/+$/, '')}/${repository}`;
}

/** ARN of an ECR repository from its address, or undefined when the image is not in ECR. */
export function ecrRepositoryArn(image: string): string | undefined {
  const withoutTag = image.replace(/@sha256:[a-f0-9]{64}$/, '').replace(/:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, '');
  const slash = withoutTag.indexOf('/');
  if (slash < 0) return undefined;
  const match = ECR_HOST.exec(withoutTag.slice(0, slash));
  if (!match) return undefined;
  const partition = match[3] ? 'aws-cn' : 'aws';
  return `arn:${partition}:ecr:${match[2]}:${match[1]}:repository/${withoutTag.slice(slash + 1)}`;
}
