import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import type { PrismaClient } from '@prisma/client';
import S3rver from 's3rver';
import request from 'supertest';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';
import { newStorageKey, StoredObjectMissingError } from './document-store';
import { S3DocumentStore, type S3StorageSettings } from './s3-document-store';

// The S3 store against a real S3-compatible server speaking the S3 protocol over HTTP
// (s3rver, in-process), not a mocked client: multipart uploads, streaming reads, and no
// object left behind when an upload fails.

const BUCKET = 'atergang-documents';
const WORKSPACE = '11111111-2222-4333-8444-555555555555';

function chunksOf(bytes: Buffer, size: number): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += size) {
        yield bytes.subarray(offset, offset + size);
      }
    })(),
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('S3 document store (against s3rver)', () => {
  let server: S3rver;
  let serverDir: string;
  let settings: S3StorageSettings;
  let inspector: S3Client;

  async function objectKeys(): Promise<string[]> {
    const listed = await inspector.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
  }

  beforeAll(async () => {
    serverDir = await mkdtemp(join(tmpdir(), 'atergang-s3rver-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: serverDir,
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await server.run();
    settings = {
      kind: 's3',
      bucket: BUCKET,
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-north-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    };
    inspector = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });

  afterAll(async () => {
    inspector.destroy();
    await server.close();
    await rm(serverDir, { recursive: true, force: true });
  });

  describe('the store', () => {
    let store: S3DocumentStore;

    // Outside an app the store logs to the console; the failures here are on purpose
    // (s3rver does not implement AbortMultipartUpload, which the store then reports).
    beforeAll(() => Logger.overrideLogger(false));
    afterAll(() => Logger.overrideLogger(true));

    beforeEach(() => {
      store = new S3DocumentStore(settings);
    });

    afterEach(() => {
      store.onModuleDestroy();
    });

    it('stores a 12 MB stream as a multipart upload and streams it back unchanged', async () => {
      const bytes = Buffer.alloc(12 * 1024 * 1024);
      for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE(i, i);
      const key = newStorageKey(WORKSPACE);

      await store.put(key, chunksOf(bytes, 64 * 1024));
      expect(await objectKeys()).toContain(key);
      expect(sha256(await readAll(await store.get(key)))).toBe(sha256(bytes));

      await store.delete(key);
      expect(await objectKeys()).not.toContain(key);
      await expect(store.get(key)).rejects.toBeInstanceOf(StoredObjectMissingError);
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    it('leaves no object when the stream fails, and rejects with the stream’s own error', async () => {
      const before = await objectKeys();
      for (const failAfter of [1024, 7 * 1024 * 1024]) {
        const refusal = new Error(`refused after ${failAfter} bytes`);
        const failing = Readable.from(
          (async function* () {
            yield Buffer.alloc(failAfter, 1);
            await new Promise((resolve) => setImmediate(resolve));
            throw refusal;
          })(),
        );
        await expect(store.put(newStorageKey(WORKSPACE), failing)).rejects.toBe(refusal);
      }
      expect(await objectKeys()).toEqual(before);
    });

    it('refuses keys it did not make', async () => {
      for (const key of ['../etc/passwd', 'documents/../x', '', 'a b', 'a/./b']) {
        await expect(store.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(
          /malformed storage key/,
        );
      }
    });
  });

  describe('the documents API on S3', () => {
    let testApp: TestApp;
    let prisma: PrismaClient;
    let workspaceId: string;

    beforeEach(async () => {
      testApp = await createTestApp({
        S3_BUCKET: settings.bucket,
        S3_ENDPOINT: settings.endpoint,
        S3_REGION: settings.region,
        S3_ACCESS_KEY_ID: settings.accessKeyId,
        S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
      });
      ({ workspaceId, prisma } = await seedDemo(testApp));
    });

    afterEach(async () => {
      await prisma.$disconnect();
      await testApp.close();
    });

    it('stores an upload in the bucket, serves it back byte for byte, and stores nothing for a refused one', async () => {
      expect(testApp.config.storage.kind).toBe('s3');
      const http = () => request(testApp.app.getHttpServer());
      const employer = await loginAs(testApp, 'employer');
      const before = await objectKeys();

      // Larger than one 5 MB part, so the upload is a real multipart upload.
      const pdf = Buffer.alloc(6 * 1024 * 1024 + 123, 0x20);
      Buffer.from('%PDF-1.4\n1 0 obj\n<< >>\nendobj\n').copy(pdf);
      pdf.write('\n%%EOF\n', pdf.length - 7, 'latin1');
      const created = await http()
        .post(`/api/workspaces/${workspaceId}/documents`)
        .set('authorization', `Bearer ${employer}`)
        .field('kind', 'RETURN_TO_WORK_PLAN')
        .attach('file', pdf, 'plan.pdf')
        .expect(201);
      const version = await prisma.documentVersion.findFirstOrThrow({
        where: { documentId: created.body.id as string },
      });
      expect(await objectKeys()).toEqual([...before, version.storageKey].sort());

      const downloaded = await http()
        .get(`/api/workspaces/${workspaceId}/documents/${created.body.id as string}/content`)
        .set('authorization', `Bearer ${await loginAs(testApp, 'fk')}`)
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
          });
          response.on('end', () => {
            callback(null, Buffer.concat(chunks));
          });
        })
        .expect(200);
      expect(sha256(downloaded.body as Buffer)).toBe(sha256(pdf));

      const elf = Buffer.alloc(4096);
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(elf);
      await http()
        .post(`/api/workspaces/${workspaceId}/documents`)
        .set('authorization', `Bearer ${employer}`)
        .attach('file', elf, 'plan.pdf')
        .expect(415);
      expect(await prisma.documentVersion.count()).toBe(1);
      expect(await objectKeys()).toEqual([...before, version.storageKey].sort());
    });
  });
});
