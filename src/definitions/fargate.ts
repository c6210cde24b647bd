/** Memory (MiB) Fargate accepts for each task CPU size. */
export const FARGATE_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

/** Why the pair is refused, or undefined when Fargate accepts it. */
export function fargateSizeProblem(cpu: number, memory: number): string | undefined {
  const allowed = FARGATE_MEMORY[cpu];
  if (!allowed) return `cpu ${cpu} is not a Fargate size; use one of ${Object.keys(FARGATE_MEMORY).join(', ')}`;
  if (!allowed.includes(memory)) {
    const choices = allowed.length <= 4 ? allowed.join(', ') : `${allowed[0]} to ${allowed[allowed.length - 1]} in steps of ${allowed[1] - allowed[0]}`;
    return `memory ${memory} is not allowed with cpu ${cpu}; use ${choices}`;
  }
  return undefined;
}
