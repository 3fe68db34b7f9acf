import { PassThrough, Readable, pipeline } from 'node:stream';
import { Logger } from '@nestjs/common';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { AppConfig } from '../config/app-config';
import { assertStorageKey, type DocumentStore, StoredObjectMissingError } from './document-store';

export type S3StorageSettings = Extract<AppConfig['storage'], { kind: 's3' }>;

// S3's smallest part (5 MiB). With one part in flight at a time, an upload holds about
// three parts in memory whatever the file's size (the one being sent, the one being filled
// and lib-storage's copy when it joins the chunks): about 16 MB measured for a 20 MB file.
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 1;

/**
 * Documents in S3-compatible object storage (AWS S3, MinIO, ...).
 *
 * Uploads go through @aws-sdk/lib-storage's Upload: the body is a stream of unknown length
 * (PutObject needs a Content-Length up front), and Upload turns it into a multipart upload
 * of 5 MiB parts, or a single PutObject when the whole body fits in one part. It never
 * buffers the whole file, and when the stream fails (a type mismatch, a file too large, a
 * client that went away) it aborts the multipart upload, so no parts are left behind and no
 * object appears under the key.
 */
export class S3DocumentStore implements DocumentStore {
  private readonly logger = new Logger(S3DocumentStore.name);
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3StorageSettings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      credentials: {
        accessKeyId: settings.accessKeyId,
        secretAccessKey: settings.secretAccessKey,
      },
      ...(settings.endpoint
        ? {
            endpoint: settings.endpoint,
            // S3-compatible servers (MinIO and the like) usually serve buckets by path, not
            // by a bucket subdomain that needs its own DNS name.
            forcePathStyle: true,
          }
        : {}),
      // Integrity is ours already (a SHA-256 of every upload is stored and can be checked);
      // the SDK's default extra checksums use aws-chunked trailers that many S3-compatible
      // servers do not understand.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }

  async put(key: string, body: Readable): Promise<void> {
    assertStorageKey(key);
    // lib-storage guesses a body's length from properties such as `size`, `length` or `path`
    // and trusts the guess; a plain PassThrough has none, so the length is simply unknown.
    const payload = new PassThrough();
    pipeline(body, payload, () => undefined);
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: payload,
        ContentType: 'application/octet-stream',
      },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    // Why the body failed (a refused type, a file too large, a client gone) is what the
    // caller must hear, even if aborting the multipart upload then failed too.
    let bodyError: Error | undefined;
    body.once('error', (error: Error) => {
      bodyError = error;
    });
    try {
      await upload.done();
    } catch (error) {
      if (bodyError !== undefined && error !== bodyError) {
        this.logger.warn(
          { err: error, key },
          'aborting the multipart upload of a failed body failed too; its parts are left ' +
            'to the bucket lifecycle rule (AbortIncompleteMultipartUpload)',
        );
        throw bodyError;
      }
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      if (!(object.Body instanceof Readable)) {
        throw new Error(`S3 returned no readable body for ${key}`);
      }
      return object.Body;
    } catch (error) {
      if (
        error instanceof NoSuchKey ||
        (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
      ) {
        throw new StoredObjectMissingError(key);
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    // DeleteObject succeeds for a key that is not there.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
