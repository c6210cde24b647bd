/**
 * Local mode's state store: s3rver, an S3-compatible server, started in this process on loopback
 * with its data under the project's working folder, so env state survives between runs.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { UserError } from '../errors/user-error';

/** Bucket of every local env's state. */
export const LOCAL_STATE_BUCKET = 'branchenv-local-state';
/** Region the local backend claims (s3rver ignores it). */
export const LOCAL_REGION = 'us-east-1';

export interface LocalS3 {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly bucket: string;
  close(): Promise<void>;
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the server on a fixed port (the backend's endpoint is part of the stack, and Terraform
 * re-initializes when it changes, so it must stay the same between runs).
 */
export async function startLocalS3(directory: string, port: number): Promise<LocalS3> {
  if (await portInUse(port)) {
    throw new UserError(`port ${port} for the local S3 server is taken`, 'stop what uses it, or set BRANCHENV_LOCAL_S3_PORT to a free port');
  }
  fs.mkdirSync(directory, { recursive: true });
  // Loaded only in local mode: s3rver brings koa and friends.
  const { default: S3rver } = await import('s3rver');
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    silent: true,
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: LOCAL_STATE_BUCKET, configs: [] }],
  });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, bucket: LOCAL_STATE_BUCKET, close: () => server.close() };
}
