/** A remote host failed us: no answer in time, an answer too large, paging that does not end, another host. */
export class NetworkError extends Error {
  constructor(
    /** One line that names the host: `registry ghcr.io did not answer within 10 s`. */
    message: string,
    /** Retrying will not help (a loop, a refused host); a timeout or a dropped connection may pass. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** `15 s`, `0.3 s` */
export function formatSeconds(ms: number): string {
  return `${ms / 1000} s`;
}

/** `32 MiB`, `4 KiB`, `900 bytes` */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** How `url` differs from `home` in a message: its host, or its whole origin when only the scheme differs. */
export function otherHost(url: URL, home: URL): string {
  return url.host === home.host ? url.origin : url.host;
}
