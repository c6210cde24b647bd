/**
 * The image tag convention `<prefix>-<revision-count>-<sha>`: prefix is the branch's env name,
 * count is `git rev-list --count HEAD`, sha the short commit. CI names its builds with formatTag;
 * the resolver reads tags back with parseTag. "Newest" is the highest count, compared as a number.
 */
import { envNameOf } from '../names/env-name';

export interface ImageTag {
  readonly prefix: string;
  readonly count: number;
  readonly sha: string;
}

const TAG = /^(.+)-(\d{1,9})-([0-9a-f]{7,40})$/;

export function formatTag(tag: ImageTag): string {
  if (!/^[0-9a-f]{7,40}$/.test(tag.sha)) throw new Error(`"${tag.sha}" is not a short or full commit sha`);
  if (!Number.isInteger(tag.count) || tag.count < 0) throw new Error(`revision count must be a whole number, got ${tag.count}`);
  return `${tag.prefix}-${tag.count}-${tag.sha}`;
}

/** The parts of a tag that follows the convention, or undefined. */
export function parseTag(tag: string): ImageTag | undefined {
  const match = TAG.exec(tag);
  if (!match) return undefined;
  return { prefix: match[1], count: Number(match[2]), sha: match[3] };
}

/** The tag prefix of a branch: its env name. */
export function tagPrefixOf(branch: string): string {
  return envNameOf(branch);
}

/**
 * The newest tag of a branch among a repository's tags: the highest revision count among tags whose
 * prefix equals the branch's prefix exactly (`feature-x` never takes `feature-xy-…`).
 */
export function newestTagFor(prefix: string, tags: Iterable<string>): string | undefined {
  let best: { tag: string; count: number } | undefined;
  for (const tag of tags) {
    const parsed = parseTag(tag);
    if (!parsed || parsed.prefix !== prefix) continue;
    if (!best || parsed.count > best.count) best = { tag, count: parsed.count };
  }
  return best?.tag;
}
