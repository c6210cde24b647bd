/**
 * A fast path for CDKTF's resolve: most of a synthesized stack is plain data (names, ports,
 * policies, already-resolved fragments), yet CDKTF's resolver builds a resolution context with
 * closures for every string, number, key and value it visits, and does so again over the merged
 * document. `withPlainFastPath` walks plain data itself and hands every value that is, or may
 * contain, a token to CDKTF's own resolve, unchanged. The result is the same value CDKTF's resolve
 * returns, including dropping `undefined` from arrays and objects: a value goes to CDKTF whenever
 * it matches any test CDKTF's resolve itself applies (token markers, token numbers, resolvables,
 * map tokens, constructs, numbers inside strings). When resolution fails, CDKTF resolves the whole
 * value again, so that its error is the same too.
 *
 * Unlike CDKTF, plain arrays and objects come back as they are instead of copied: TerraformStack,
 * the only caller (synthesize installs it), merges what it gets into new objects and writes them.
 */
import { Token, Tokenization } from 'cdktf';

/** CDKTF's resolve as `_tokens.resolve` exposes it: (scope, value, preparing). */
export type Resolve = (scope: unknown, obj: unknown, preparing?: boolean) => unknown;

/**
 * CDKTF's pattern for numbers inside strings (TokenString.forNumbers): a number token put in a
 * string is written as its double, e.g. `-8.109562212591379e+298`, and CDKTF replaces every match
 * that parses to a token double by the token's value. `QUICK_NUMBER` finds whether there is any
 * match at all: one of `-|0-9.+` followed by `e` and one of `-|0-9.eE+`.
 */
const NUMBERS_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;
const QUICK_NUMBER = /[-|\d.+]e[-|\d.eE+]/;
/**
 * CDKTF encodes number tokens as doubles tagged 0xfdff / 0xfbff in their top 16 bits (sign set,
 * huge exponent): all below -1e288. Numbers above this bound are plain without further checks.
 */
const TOKEN_NUMBERS_BELOW = -1e250;
/** Beyond this depth plain data goes to CDKTF, which guards against cycles. */
const MAX_DEPTH = 100;

/** Whether CDKTF's resolve returns the string as it is: no token marker, no map token, no number in it that may be a token. */
function plainString(s: string): boolean {
  if (s.includes('TfToken[') || s === Token.STRING_MAP_TOKEN_VALUE || s === Token.ANY_MAP_TOKEN_VALUE) return false;
  if (!QUICK_NUMBER.test(s)) return true;
  // Matches that parse to ordinary numbers come back unchanged (e.g. the `1e5` of a name's hash `b1e5aa`).
  for (const match of s.matchAll(NUMBERS_IN_STRING)) {
    const n = parseFloat(match[0]);
    if (!(n > TOKEN_NUMBERS_BELOW) && !Number.isNaN(n)) return false;
  }
  return true;
}

function plainNumber(n: number): boolean {
  if (n === Token.NUMBER_MAP_TOKEN_VALUE) return false;
  return n > TOKEN_NUMBERS_BELOW || Number.isNaN(n) || (!Token.isUnresolved(n) && !Token.isUnresolved([n]));
}

/** Elements that make CDKTF resolve a whole list at once (list tokens); string tokens are caught too, to keep it simple. */
function plainElement(e: unknown): boolean {
  return typeof e === 'string' ? !e.includes('TfToken[') : typeof e !== 'number' || plainNumber(e);
}

export function withPlainFastPath(resolve: Resolve): Resolve {
  return (scope, obj, preparing = false) => {
    const cdktf = (x: unknown) => resolve(scope, x, preparing);
    const walk = (x: unknown, depth: number): unknown => {
      switch (typeof x) {
        case 'string':
          return plainString(x) ? x : cdktf(x);
        case 'number':
          return plainNumber(x) ? x : cdktf(x);
        case 'function':
          return cdktf(x); // CDKTF throws its own message
        case 'object':
          break;
        default:
          return x; // undefined, boolean, bigint, symbol
      }
      if (x === null || x instanceof Date) return x;
      if (depth > MAX_DEPTH) return cdktf(x);
      if (Array.isArray(x)) {
        if (!x.every(plainElement)) return cdktf(x);
        // Copied from the first element that resolves to something else or is dropped (undefined, a hole).
        let out: unknown[] | undefined = Object.getPrototypeOf(x) === Array.prototype ? undefined : [];
        for (let i = 0; i < x.length; i++) {
          const value = walk(x[i], depth + 1);
          if (!out && (value !== x[i] || value === undefined || !(i in x))) out = x.slice(0, i);
          if (out && value !== undefined) out.push(value);
        }
        return out ?? x;
      }
      // Resolvables, constructs (CDKTF throws) and maps with token keys go to CDKTF whole.
      if (Tokenization.isResolvable(x)) return cdktf(x);
      const record = x as Record<string, unknown>;
      if (record._children !== undefined && record._metadata !== undefined) return cdktf(x);
      const keys = Object.keys(record);
      if (!keys.every(plainString)) return cdktf(x);
      // Only plain objects come back as they are: CDKTF's copy of any other is a plain object (no toJSON, no class).
      let out: Record<string, unknown> | undefined = Object.getPrototypeOf(record) === Object.prototype ? undefined : {};
      keys.forEach((key, i) => {
        const value = walk(record[key], depth + 1);
        if (!out && (value !== record[key] || value === undefined)) {
          out = {};
          for (const earlier of keys.slice(0, i)) out[earlier] = record[earlier];
        }
        if (out && value !== undefined) out[key] = value;
      });
      return out ?? x;
    };
    try {
      return walk(obj, 0);
    } catch {
      // CDKTF's error names the path of the bad value from the top: let CDKTF resolve it all to say so.
      return resolve(scope, obj, preparing);
    }
  };
}
