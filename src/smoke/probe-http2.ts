/**
 * One try of the smoke test over HTTP/2 (node:http2), for `http2` services: their ALB target group
 * has protocol version HTTP2, and an ALB answers HTTP/1.1 requests to such a group with 464.
 * TLS is verified as for HTTP/1.1 (rejectUnauthorized is never turned off).
 */
import * as http2 from 'node:http2';
import { TLS_CODE, TryResult } from './try-result';

/** One GET of `:path` `/` over a new session: resolves with `:status`, or the problem; never throws. */
export function tryOnceHttp2(url: URL, timeoutMs: number, ca?: string | Buffer): Promise<TryResult> {
  return new Promise((resolve) => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      resolve({ problem: `unsupported protocol ${url.protocol}`, tlsError: false });
      return;
    }
    let settled = false;
    let session: http2.ClientHttp2Session | undefined;
    const settle = (result: TryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session?.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ problem: `no answer within ${timeoutMs / 1000} s`, tlsError: false }), timeoutMs);
    const onError = (raised: Error & { code?: string }) => {
      // A stream cancelled by a failed connect carries the connect's error (TLS, refused, …) as its cause.
      // (Duck-typed: node's errors may come from another realm than this module's Error.)
      const cause = (raised as { cause?: Error & { code?: string } }).cause;
      const error = raised.code === 'ERR_HTTP2_STREAM_CANCEL' && typeof cause?.message === 'string' ? cause : raised;
      const code = error.code ?? '';
      const tls = TLS_CODE.test(code);
      settle({ problem: `${tls ? 'TLS: ' : ''}${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`, tlsError: tls });
    };
    try {
      // ca only adds trusted roots (tests, private CAs); the certificate is still verified.
      session = http2.connect(url.origin, ca !== undefined ? { ca } : {});
    } catch (error) {
      onError(error as Error);
      return;
    }
    session.on('error', onError);
    const request = session.request({ ':method': 'GET', ':path': '/', 'user-agent': 'branchenv-smoke', accept: '*/*' });
    request.on('error', onError);
    request.on('response', (headers) => {
      const status = Number(headers[':status'] ?? 0);
      settle({ status, problem: status >= 200 && status < 400 ? undefined : `${status}`, tlsError: false });
    });
    request.end();
  });
}
