/**
 * Three pieces of CDKTF's process-wide machinery, changed for the span of one synthesis only, so
 * that synthesis is fast and a process that synthesizes many envs one after the other (the bench,
 * a long CLI run) does not keep earlier envs alive. None changes the synthesized JSON.
 *
 * - Creation stacks: every token (reference, Fn call, lazy value, computed list) captures a stack
 *   trace of unlimited depth when it is created, kept only to decorate error messages. That was
 *   a quarter of an env's synthesis time. During our synthesis the capture returns no frames, as
 *   `stackTraces: false` already does for construct metadata.
 * - Resolution: TerraformStack resolves its elements and the merged document with a fast path for
 *   plain data (plain-values), CDKTF's resolver for everything that may hold a token.
 * - The token map: CDKTF registers every token in a global map, forever; the tokens hold their
 *   resources, so every app synthesized in the process stayed in memory. The tokens registered
 *   during a synthesis are dropped when it ends: nothing outside the app refers to them (the
 *   synthesized stacks are only returned as file paths).
 *
 * All reach into CDKTF internals (cdktf is pinned to an exact version in package.json); when one is
 * not found, synthesis runs as CDKTF's own would for that piece. test/synth checks the bytes.
 */
import { Resolve, withPlainFastPath } from './plain-values';

const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace?: (below?: unknown) => string[] };
const tokenMapModule = require('cdktf/lib/tokens/private/token-map') as { TokenMap?: { instance(): unknown } };
/** What TerraformStack calls to resolve its elements and the merged document. */
const tokens = require('cdktf/lib/_tokens') as { resolve?: Resolve };

/** The private state of CDKTF's TokenMap this relies on. */
interface TokenMapInternals {
  readonly stringTokenMap: Map<string, unknown>;
  readonly numberTokenMap: Map<number, unknown>;
  readonly tokenCounter: number;
}

function tokenMap(): TokenMapInternals | undefined {
  const map = tokenMapModule.TokenMap?.instance() as Partial<TokenMapInternals> | undefined;
  return map && map.stringTokenMap instanceof Map && map.numberTokenMap instanceof Map && typeof map.tokenCounter === 'number'
    ? (map as TokenMapInternals)
    : undefined;
}

const NO_FRAMES = (): string[] => [];

/** Runs `work` (building and synthesizing apps) with creation stacks off, then forgets the tokens it registered. */
export function inSynthesisScope<T>(work: () => T): T {
  const map = tokenMap();
  const firstToken = map?.tokenCounter ?? 0;
  const capture = stackTrace.captureStackTrace;
  const resolve = tokens.resolve;
  if (capture) stackTrace.captureStackTrace = NO_FRAMES;
  if (resolve) tokens.resolve = withPlainFastPath(resolve);
  try {
    return work();
  } finally {
    if (capture) stackTrace.captureStackTrace = capture;
    if (resolve) tokens.resolve = resolve;
    if (map) forgetTokensFrom(map, firstToken);
  }
}

/** Removes the tokens numbered `first` and up: string keys are `<hint>.<number>`, number keys the number. */
function forgetTokensFrom(map: TokenMapInternals, first: number): void {
  for (const key of map.stringTokenMap.keys()) {
    if (Number(key.slice(key.lastIndexOf('.') + 1)) >= first) map.stringTokenMap.delete(key);
  }
  for (const key of map.numberTokenMap.keys()) {
    if (key >= first) map.numberTokenMap.delete(key);
  }
}
