import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, type DocumentStore, StoredObjectMissingError } from './document-store';

// Partial uploads are written here (inside the root, so the final rename stays on one file
// system and is atomic). Keys never contain a dot, so this name cannot collide with one.
const INCOMING_DIR = '.incoming';
// A temp file this old belongs to an upload that died with its process.
const STALE_INCOMING_MS = 24 * 60 * 60 * 1000;

function isMissing(error: unknown): boolean {
  // Duck-typed: errors from node:fs are not always `instanceof Error` of this realm (Jest).
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/**
 * Documents on local disk (STORAGE_DIR). An upload is written to a temp file, flushed to
 * disk, then renamed into place: a reader sees the whole object or none, and a crash
 * mid-upload leaves only a temp file (swept on the next start).
 */
export class DiskDocumentStore implements DocumentStore {
  private readonly root: string;
  private readonly incoming: string;

  constructor(dir: string) {
    this.root = resolve(dir);
    this.incoming = join(this.root, INCOMING_DIR);
  }

  async onModuleInit(): Promise<void> {
    // Only the store's own folders are private: a data folder created above them keeps the
    // ordinary mode, since others (the embedded PostgreSQL's OS user) pass through it.
    await mkdir(dirname(this.root), { recursive: true });
    await mkdir(this.incoming, { recursive: true, mode: 0o700 });
    await this.sweepIncoming(STALE_INCOMING_MS);
  }

  async put(key: string, body: Readable): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(this.incoming, { recursive: true, mode: 0o700 });
    const temp = join(this.incoming, `${randomUUID()}.part`);
    // Opened before the copy starts: a stream that opens its file by itself may create it
    // after a failing source has already ended the copy and the clean-up below has run.
    const file = await open(temp, 'wx', 0o600);
    try {
      await pipeline(body, file.createWriteStream());
      await fsync(temp);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await rename(temp, target);
      await fsync(dirname(target));
    } catch (error) {
      // The stream closes its file when it ends or fails; closing again is no error here.
      await file.close().catch(() => undefined);
      await unlink(temp).catch((unlinkError: unknown) => {
        if (!isMissing(unlinkError)) throw unlinkError;
      });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      // Opening first turns a missing object into an error before any response starts.
      const handle = await open(path, 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) throw new StoredObjectMissingError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  /** Removes temp files of uploads older than `olderThanMs` (left by a crashed process). */
  async sweepIncoming(olderThanMs: number): Promise<number> {
    let removed = 0;
    const names = await readdir(this.incoming).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw error;
    });
    const cutoff = Date.now() - olderThanMs;
    for (const name of names) {
      const path = join(this.incoming, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() && info.mtimeMs < cutoff) {
        await unlink(path).catch(() => undefined);
        removed += 1;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    const path = resolve(this.root, key);
    // Belt and braces: the key's shape already rules this out.
    if (!path.startsWith(this.root + sep)) {
      throw new Error(`storage key escapes the storage directory: ${key}`);
    }
    return path;
  }
}

/** Flushes a file's (or directory's) data to disk, so an acknowledged upload survives a crash. */
async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
