import { envNameOf } from '../../src/names/env-name';

/** Two Jira-style branches whose env names meet: 13 characters of prefix and a 24-bit hash collide easily. */
export function collidingBranches(): [string, string] {
  const seen = new Map<string, string>();
  for (let n = 1; ; n++) {
    const branch = `feature/PROJ-${n}`;
    const name = envNameOf(branch);
    const other = seen.get(name);
    if (other) return [other, branch];
    seen.set(name, branch);
  }
}
