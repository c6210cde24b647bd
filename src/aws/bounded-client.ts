/**
 * The settings every AWS SDK client of branchenv gets: a connection, request and socket timeout, and
 * a bounded number of attempts, so a silent endpoint fails within seconds instead of hanging a
 * command. One place, so every client is bounded the same way.
 */

/** Per request, unless a caller has a reason for another. */
export const AWS_REQUEST_TIMEOUT_MS = 15_000;

export interface BoundedClientConfig {
  readonly maxAttempts: number;
  readonly requestHandler: {
    readonly connectionTimeout: number;
    readonly requestTimeout: number;
    readonly socketTimeout: number;
    readonly throwOnRequestTimeout: true;
  };
}

/** Spread into an SDK client's configuration: `new ECSClient({ region, ...boundedClient() })`. */
export function boundedClient(timeoutMs = AWS_REQUEST_TIMEOUT_MS, maxAttempts = 3): BoundedClientConfig {
  return {
    maxAttempts,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, socketTimeout: timeoutMs, throwOnRequestTimeout: true },
  };
}
