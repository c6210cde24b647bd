/**
 * Local mode's state store: a small S3-compatible server (s3-server.ts) started in this process on
 * loopback, with its data under the project's working folder, so env state survives between runs.
 * One run at a time uses a store (store-lock.ts).
 *
 * It replaced the s3rver package, which could not list past 1,000 objects under Node 20 (its
 * continuation tokens use DES, which OpenSSL 3 refuses) and ignored If-None-Match on PUT, so
 * Terraform's lock file (use_lockfile) did not lock. The files on disk keep s3rver's layout.
 */
import * as http from 'node:http';
import { UserError } from '../errors/user-error';
import { ObjectStore } from './object-store';
import { s3Handler } from './s3-server';
import { acquireStoreLock } from './store-lock';

/** Bucket of every local env's state. */
export const LOCAL_STATE_BUCKET = 'branchenv-local-state';
/** Region the local backend claims (the local server ignores it). */
export const LOCAL_REGION = 'us-east-1';

export interface LocalS3 {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly bucket: string;
  /** Stops the server and releases the store's lock. */
  close(): Promise<void>;
}

/**
 * Starts the server on a fixed port (the backend's endpoint is part of the stack, and Terraform
 * re-initializes when it changes, so it must stay the same between runs). Refuses, with a
 * UserError, while another run uses the store or something else uses the port.
 */
export async function startLocalS3(directory: string, port: number): Promise<LocalS3> {
  const store = new ObjectStore(directory);
  store.createBucket(LOCAL_STATE_BUCKET);
  const lock = acquireStoreLock(directory);
  const server = http.createServer(s3Handler(store));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
  } catch (error) {
    lock.release();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UserError(`port ${port} for the local S3 server is taken`, 'stop what uses it, or set BRANCHENV_LOCAL_S3_PORT to a free port');
    }
    throw error;
  }
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }).finally(() => lock.release()));
  return { endpoint: `http://127.0.0.1:${port}`, bucket: LOCAL_STATE_BUCKET, close };
}
