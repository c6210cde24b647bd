/** Durations as people write them in flags and settings: `30m`, `12h`, `7d`, `2w`. */

const UNITS = {
  m: { ms: 60_000, word: 'minute' },
  h: { ms: 3_600_000, word: 'hour' },
  d: { ms: 86_400_000, word: 'day' },
  w: { ms: 604_800_000, word: 'week' },
} as const;

function parts(text: string): { count: number; unit: keyof typeof UNITS } {
  const match = /^(\d+)\s*([mhdw])$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration such as 30m, 12h, 7d or 2w`);
  return { count: Number(match[1]), unit: match[2] as keyof typeof UNITS };
}

/** `7d` → milliseconds. */
export function parseDuration(text: string): number {
  const { count, unit } = parts(text);
  return count * UNITS[unit].ms;
}

/** `7d` → `7 days` (GitLab's auto_stop_in). */
export function describeDuration(text: string): string {
  const { count, unit } = parts(text);
  return `${count} ${UNITS[unit].word}${count === 1 ? '' : 's'}`;
}
