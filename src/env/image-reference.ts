/**
 * Image references: the distribution/reference grammar (github.com/distribution/reference,
 * regexp.go), which every value that names an image must follow before it reaches Terraform, and
 * facts about an image repository address that the stack needs (ECR ARNs for pull permissions).
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ host [ ":" port ] "/" ] path-component [ "/" path-component ]*   (at most 255 characters)
 *   path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   host      := domain-component ( "." domain-component )* | "[" IPv6 "]"
 *   tag       := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
 *   digest    := algorithm ":" hex{32,}
 */

const ALNUM = '[a-z0-9]+';
const PATH_COMPONENT = `${ALNUM}(?:(?:[._]|__|-+)${ALNUM})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const NAME = new RegExp(`^(?:(${DOMAIN})/)?(${REMOTE_NAME})$`);
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** Every character the grammar uses anywhere. */
const ALLOWED = /[A-Za-z0-9._\-/:@[\]]/;
const NAME_LIMIT = 255;

/** An image reference taken apart. */
export interface ImageReference {
  /** Everything before the tag and digest: `[host[:port]/]path`. */
  readonly name: string;
  readonly domain?: string;
  /** The repository path inside the registry (`demo/api`). */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

function badCharacter(value: string): string | undefined {
  const bad = [...value].find((c) => !ALLOWED.test(c));
  return bad === undefined ? undefined : `contains ${JSON.stringify(bad)}; image references have only letters, digits and . _ - / : @`;
}

/** What is wrong with a tag (the `--tag` flag, the part after `:`); undefined when valid. */
export function imageTagProblem(tag: string): string | undefined {
  if (tag.length === 0) return 'tag is empty';
  const bad = badCharacter(tag);
  if (bad) return `tag "${tag}" ${bad}`;
  if (tag.length > 128) return `tag "${tag.slice(0, 20)}…" is ${tag.length} characters; the limit is 128`;
  if (!TAG.test(tag)) {
    return /^\w/.test(tag) ? `tag "${tag}" may hold only letters, digits and _ . -` : `tag "${tag}" starts with "${tag[0]}"; a tag starts with a letter, digit or _`;
  }
  return undefined;
}

/** `<name>[:tag][@digest]` split where the grammar splits it (a `:` after the last `/` starts the tag). */
function split(ref: string): { name: string; tag?: string; digest?: string } {
  const at = ref.indexOf('@');
  const beforeDigest = at < 0 ? ref : ref.slice(0, at);
  const digest = at < 0 ? undefined : ref.slice(at + 1);
  const colon = beforeDigest.lastIndexOf(':');
  if (colon > beforeDigest.lastIndexOf('/')) return { name: beforeDigest.slice(0, colon), tag: beforeDigest.slice(colon + 1), digest };
  return { name: beforeDigest, digest };
}

/** The reference taken apart, or undefined when it does not follow the grammar. */
export function parseImageReference(ref: string): ImageReference | undefined {
  if (badCharacter(ref)) return undefined;
  const { name, tag, digest } = split(ref);
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;
  if (name.length > NAME_LIMIT) return undefined;
  const match = NAME.exec(name);
  if (!match) return undefined;
  return { name, ...(match[1] !== undefined ? { domain: match[1] } : {}), path: match[2], ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/**
 * What is wrong with an image reference, in words that say what to change; undefined when it
 * follows the grammar. A `$`, `{` or `%` is never part of a reference, so a valid one cannot carry
 * a Terraform template.
 */
export function imageReferenceProblem(ref: string): string | undefined {
  const example = 'write [host[:port]/]path[:tag][@digest], e.g. public.ecr.aws/nginx/nginx:1.27';
  if (ref.length === 0) return `is empty; ${example}`;
  const bad = badCharacter(ref);
  if (bad) return bad;
  const { name, tag, digest } = split(ref);
  if (tag === '') return 'has an empty tag after ":"; give a tag or drop the ":"';
  if (tag !== undefined) {
    const problem = imageTagProblem(tag);
    if (problem) return problem;
  }
  if (digest !== undefined && !DIGEST.test(digest)) {
    return `digest "${digest}" is not <algorithm>:<at least 32 hex digits>, e.g. sha256:<64 hex digits>`;
  }
  if (name.length > NAME_LIMIT) return `name is ${name.length} characters; the limit is ${NAME_LIMIT}`;
  if (NAME.test(name)) return undefined;
  const slash = name.indexOf('/');
  const first = name.slice(0, slash);
  // As the grammar reads it: the first part is a host when it looks like one.
  const host = slash > 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) ? first : undefined;
  const path = host !== undefined ? name.slice(slash + 1) : name;
  if (path !== path.toLowerCase() && NAME.test(host !== undefined ? `${host}/${path.toLowerCase()}` : path.toLowerCase())) {
    return `repository path "${path}" must be lower case: write ${path.toLowerCase()}`;
  }
  return `"${ref}" is not an image reference: path components are lowercase letters and digits separated by . _ __ or -; ${example}`;
}

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
