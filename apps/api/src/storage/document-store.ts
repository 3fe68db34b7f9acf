import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where document bytes live: local disk by default, S3-compatible object storage when
 * configured. The database holds the metadata and the key; the store only holds bytes.
 *
 * Keys are made by the server (newStorageKey), never from anything a client sent, and every
 * store refuses a key outside that shape, so no key can climb out of its directory or bucket
 * prefix.
 */
export interface DocumentStore {
  /**
   * Stores the stream's bytes under `key` and resolves once they are durably stored. If the
   * stream fails (or the store does), it rejects and leaves nothing readable under the key;
   * the caller still deletes the key on any failure, so a half-written object never stays.
   */
  put(key: string, body: Readable): Promise<void>;
  /** The stored bytes as a stream; rejects with StoredObjectMissingError when absent. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** Injection token of the configured DocumentStore. */
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

export class StoredObjectMissingError extends Error {
  override readonly name = 'StoredObjectMissingError';
  constructor(readonly key: string) {
    super(`no stored object under key ${key}`);
  }
}

const SEGMENT = '[A-Za-z0-9_-]{1,64}';
// One to four path segments of letters, digits, '-' and '_': no dots, so never '..'.
const STORAGE_KEY = new RegExp(`^${SEGMENT}(?:/${SEGMENT}){0,3}$`);

export function isStorageKey(key: string): boolean {
  return STORAGE_KEY.test(key);
}

export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) {
    throw new Error(`refusing a malformed storage key: ${JSON.stringify(key)}`);
  }
}

/**
 * A fresh key for one uploaded version: the workspace (so a purge can remove one prefix) and
 * a random UUID. The workspace id comes from the guard's access context, i.e. a workspace the
 * database confirmed, not the raw URL.
 */
export function newStorageKey(workspaceId: string): string {
  const key = `documents/${workspaceId}/${randomUUID()}`;
  assertStorageKey(key);
  return key;
}
