import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Looks at the first bytes of an upload before any of them is passed on. Resolves with
 * `{ need }` to see more (at least that many bytes, or all there are), or `{ accepted }` to
 * let the bytes through; rejects to refuse the upload.
 */
export type HeadInspector<T> = (
  head: Buffer,
  complete: boolean,
) => Promise<{ readonly need: number } | { readonly accepted: T }>;

export interface UploadSnifferOptions<T> {
  /** Bytes to hold back before the first inspection. */
  readonly sampleBytes: number;
  /** More than this many bytes fails the stream with `tooLarge()`. */
  readonly maxBytes: number;
  readonly tooLarge: () => Error;
  readonly inspect: HeadInspector<T>;
}

export interface SniffResult<T> {
  readonly accepted: T;
  readonly sizeBytes: number;
  /** SHA-256 of every byte, lower-case hex. */
  readonly sha256: string;
}

/**
 * The one pass an upload makes on its way to storage: it holds back only the first bytes
 * (a few KB) until the inspector has decided what they are, counts the bytes against the
 * size limit and hashes them, passing everything else straight through. Nothing reaches the
 * store before the inspector accepted the head, and the whole file is never in memory.
 */
export class UploadSniffer<T> extends Transform {
  private readonly hash = createHash('sha256');
  // Not named `size`: stream consumers such as @aws-sdk/lib-storage read a body's `size`
  // as its length.
  private received = 0;
  private held: Buffer[] = [];
  private heldBytes = 0;
  private wanted: number;
  private accepted: { readonly value: T } | undefined;
  private digest: string | undefined;

  constructor(private readonly options: UploadSnifferOptions<T>) {
    super();
    this.wanted = options.sampleBytes;
  }

  /** What the upload was; only once the stream has ended without an error. */
  result(): SniffResult<T> {
    if (!this.accepted || this.digest === undefined) {
      throw new Error('the upload has not been sniffed to its end');
    }
    return { accepted: this.accepted.value, sizeBytes: this.received, sha256: this.digest };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.options.maxBytes) {
      callback(this.options.tooLarge());
      return;
    }
    this.hash.update(chunk);
    if (this.accepted) {
      callback(null, chunk);
      return;
    }
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes < this.wanted) {
      callback();
      return;
    }
    this.inspectHead(false, callback);
  }

  override _flush(callback: TransformCallback): void {
    const finish = (error?: Error | null, data?: Buffer): void => {
      if (!error) {
        this.digest = this.hash.digest('hex');
      }
      callback(error, data);
    };
    if (this.accepted) {
      finish();
      return;
    }
    this.inspectHead(true, finish);
  }

  private inspectHead(complete: boolean, callback: TransformCallback): void {
    const head = this.held.length === 1 && this.held[0] ? this.held[0] : Buffer.concat(this.held);
    this.held = [head];
    this.options.inspect(head, complete).then(
      (verdict) => {
        if ('need' in verdict) {
          if (complete || verdict.need <= head.length) {
            callback(
              new Error('the inspector asked for bytes it already has or that do not exist'),
            );
            return;
          }
          this.wanted = verdict.need;
          callback();
          return;
        }
        this.accepted = { value: verdict.accepted };
        this.held = [];
        this.heldBytes = 0;
        callback(null, head);
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }
}
