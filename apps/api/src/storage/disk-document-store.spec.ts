import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DiskDocumentStore } from './disk-document-store';
import { newStorageKey, StoredObjectMissingError } from './document-store';

// Documents on local disk: whole objects or none, under keys the server made.

const WORKSPACE = '11111111-2222-4333-8444-555555555555';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('DiskDocumentStore', () => {
  let dir: string;
  let store: DiskDocumentStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atergang-disk-store-'));
    store = new DiskDocumentStore(dir);
    await store.onModuleInit();
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes only its own folder private, not the data folder it creates above it', async () => {
    // STORAGE_DIR=.data/storage on a fresh machine: `.data/` must stay passable by others
    // (the embedded PostgreSQL runs as the `postgres` OS user in `.data/pg`).
    const storage = join(dir, 'data', 'storage');
    await new DiskDocumentStore(storage).onModuleInit();
    expect((await stat(join(dir, 'data'))).mode & 0o777).not.toBe(0o700);
    expect((await stat(join(dir, 'data'))).mode & 0o001).toBe(0o001);
    expect((await stat(storage)).mode & 0o777).toBe(0o700);
  });

  it('stores a stream under its key and reads it back unchanged', async () => {
    const bytes = Buffer.from('%PDF-1.4 plan för återgång');
    const key = newStorageKey(WORKSPACE);
    await store.put(key, Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]));
    expect((await readAll(await store.get(key))).equals(bytes)).toBe(true);
    expect(await readdir(join(dir, '.incoming'))).toEqual([]);
  });

  it('leaves neither the object nor a temp file when the stream fails', async () => {
    const key = newStorageKey(WORKSPACE);
    const failing = Readable.from(
      (async function* () {
        yield Buffer.alloc(10_000, 1);
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('refused');
      })(),
    );
    await expect(store.put(key, failing)).rejects.toThrow('refused');
    expect(await filesUnder(dir)).toEqual([]);
    await expect(store.get(key)).rejects.toBeInstanceOf(StoredObjectMissingError);
  });

  it('deletes, and deleting what is not there is no error', async () => {
    const key = newStorageKey(WORKSPACE);
    await store.put(key, Readable.from([Buffer.from('x')]));
    await store.delete(key);
    await store.delete(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(StoredObjectMissingError);
  });

  it('refuses keys that could leave the storage directory', async () => {
    for (const key of [
      '../outside',
      'documents/../../x',
      '/etc/passwd',
      '',
      'a/.incoming/b',
      'a\\b',
    ]) {
      await expect(store.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(
        /malformed storage key/,
      );
      await expect(store.get(key)).rejects.toThrow(/malformed storage key/);
      await expect(store.delete(key)).rejects.toThrow(/malformed storage key/);
    }
  });

  it('sweeps temp files of uploads that died with their process', async () => {
    const stale = join(dir, '.incoming', 'stale.part');
    const fresh = join(dir, '.incoming', 'fresh.part');
    await writeFile(stale, 'x');
    await writeFile(fresh, 'x');
    const longAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(stale, longAgo, longAgo);
    expect(await store.sweepIncoming(24 * 60 * 60 * 1000)).toBe(1);
    expect(await readdir(join(dir, '.incoming'))).toEqual(['fresh.part']);
  });
});
