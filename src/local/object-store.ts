/**
 * The files behind local mode's S3 server: one folder per bucket, each object a file named after
 * its key. The layout is s3rver's (`<key>._S3rver_object`, `.md5`, `._S3rver_metadata.json`), so a
 * store written by earlier versions (which embedded s3rver) keeps its objects.
 *
 * Every operation is synchronous: a request's check and write happen with no other request in
 * between, which makes a conditional PUT (If-None-Match: *) atomic within the process, and the
 * store lock (store-lock.ts) keeps other processes out.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const OBJECT = '._S3rver_object';
const MD5 = '._S3rver_object.md5';
const METADATA = '._S3rver_metadata.json';

export interface StoredObject {
  readonly key: string;
  /** Quoted MD5 of the content, as S3 returns it. */
  readonly etag: string;
  readonly size: number;
  readonly lastModified: Date;
  /** Content-Type, Content-Encoding, … and `x-amz-meta-*` headers given at PUT. */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ListOptions {
  readonly prefix: string;
  /** Only keys after this one. */
  readonly startAfter: string;
  readonly maxKeys: number;
  readonly delimiter?: string;
}

export interface ListResult {
  readonly objects: StoredObject[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
}

/** S3 orders keys by their UTF-8 bytes. */
export const compareKeys = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Why a key cannot name a file here (empty, `.`/`..` or empty segments, NUL, too long), else undefined. */
export function invalidKey(key: string): string | undefined {
  if (key.length === 0 || Buffer.byteLength(key) > 1024) return 'a key has 1 to 1024 bytes';
  if (key.includes('\0') || key.includes('._S3rver_')) return `key ${JSON.stringify(key)} has a NUL or "._S3rver_" (this store's file suffix)`;
  if (key.split('/').some((part) => part === '' || part === '.' || part === '..')) return `key ${JSON.stringify(key)} has an empty, "." or ".." segment`;
  if (key.split('/').some((part) => Buffer.byteLength(part + METADATA) > 255)) return `key ${JSON.stringify(key)} has a segment too long for a file name`;
  return undefined;
}

export class ObjectStore {
  constructor(readonly directory: string) {}

  hasBucket(bucket: string): boolean {
    return fs.statSync(path.join(this.directory, bucket), { throwIfNoEntry: false })?.isDirectory() ?? false;
  }

  createBucket(bucket: string): void {
    fs.mkdirSync(path.join(this.directory, bucket), { recursive: true });
  }

  private file(bucket: string, key: string, suffix: string): string {
    return path.join(this.directory, bucket, `${key}${suffix}`);
  }

  head(bucket: string, key: string): StoredObject | undefined {
    const stat = fs.statSync(this.file(bucket, key, OBJECT), { throwIfNoEntry: false });
    if (!stat?.isFile()) return undefined;
    const md5 = readOptional(this.file(bucket, key, MD5)) ?? crypto.createHash('md5').update(fs.readFileSync(this.file(bucket, key, OBJECT))).digest('hex');
    const metadata = JSON.parse(readOptional(this.file(bucket, key, METADATA)) ?? '{}') as Record<string, string>;
    return { key, etag: `"${md5.trim()}"`, size: stat.size, lastModified: stat.mtime, metadata };
  }

  get(bucket: string, key: string): { object: StoredObject; body: Buffer } | undefined {
    const object = this.head(bucket, key);
    return object && { object, body: fs.readFileSync(this.file(bucket, key, OBJECT)) };
  }

  /** Writes the object, each file through a temporary one renamed into place. */
  put(bucket: string, key: string, body: Buffer, metadata: Record<string, string>): StoredObject {
    const file = this.file(bucket, key, OBJECT);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const md5 = crypto.createHash('md5').update(body).digest('hex');
    writeAtomically(this.file(bucket, key, METADATA), JSON.stringify(metadata, null, 2));
    writeAtomically(this.file(bucket, key, MD5), md5);
    writeAtomically(file, body);
    return this.head(bucket, key)!;
  }

  /** Deletes the object if it exists, and the folders it leaves empty. */
  delete(bucket: string, key: string): void {
    for (const suffix of [OBJECT, MD5, METADATA]) fs.rmSync(this.file(bucket, key, suffix), { force: true });
    const bucketDir = path.join(this.directory, bucket);
    for (let dir = path.dirname(this.file(bucket, key, OBJECT)); dir.startsWith(bucketDir + path.sep); dir = path.dirname(dir)) {
      if (fs.readdirSync(dir).length > 0) break;
      fs.rmdirSync(dir);
    }
  }

  list(bucket: string, options: ListOptions): ListResult {
    // Walk only the folder the prefix names; sort afterwards (a folder walk is not in key order).
    const base = options.prefix.includes('/') ? options.prefix.slice(0, options.prefix.lastIndexOf('/')) : '';
    const keys = walkKeys(path.join(this.directory, bucket, base), base ? `${base}/` : '')
      .filter((key) => key.startsWith(options.prefix) && compareKeys(key, options.startAfter) > 0)
      .sort(compareKeys);
    const objects: StoredObject[] = [];
    const commonPrefixes: string[] = [];
    for (const key of keys) {
      const cut = options.delimiter ? key.indexOf(options.delimiter, options.prefix.length) : -1;
      const common = cut >= 0 ? key.slice(0, cut + options.delimiter!.length) : undefined;
      // A page that ended on a common prefix continues after every key under it.
      if (common !== undefined && (commonPrefixes[commonPrefixes.length - 1] === common || compareKeys(common, options.startAfter) <= 0)) continue;
      if (objects.length + commonPrefixes.length === options.maxKeys) return { objects, commonPrefixes, isTruncated: true };
      if (common !== undefined) commonPrefixes.push(common);
      else objects.push(this.head(bucket, key)!);
    }
    return { objects, commonPrefixes, isTruncated: false };
  }
}

function walkKeys(dir: string, keyPrefix: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return [];
    throw error;
  }
  return entries.flatMap((entry) => {
    if (entry.isDirectory()) return walkKeys(path.join(dir, entry.name), `${keyPrefix}${entry.name}/`);
    return entry.isFile() && entry.name.endsWith(OBJECT) ? [`${keyPrefix}${entry.name.slice(0, -OBJECT.length)}`] : [];
  });
}

function readOptional(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function writeAtomically(file: string, data: string | Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, data);
  fs.renameSync(temp, file);
}
