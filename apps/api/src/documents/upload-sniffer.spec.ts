import { createHash } from 'node:crypto';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type HeadInspector, UploadSniffer } from './upload-sniffer';

// The sniffer holds back only the head of an upload until it is judged, counts and hashes
// every byte, and fails the stream (so nothing further is stored) when the head is refused
// or the upload grows too large.

class TooLarge extends Error {}

function collect(): { sink: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  return {
    sink: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
    bytes: () => Buffer.concat(chunks),
  };
}

function sniffer(inspect: HeadInspector<string>, maxBytes = 1_000_000) {
  return new UploadSniffer<string>({
    sampleBytes: 100,
    maxBytes,
    tooLarge: () => new TooLarge('too large'),
    inspect,
  });
}

const chunked = (bytes: Buffer, size: number): Readable =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  );

describe('UploadSniffer', () => {
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  it('passes every byte through once the head is accepted, with its size and SHA-256', async () => {
    const heads: number[] = [];
    const transform = sniffer((head) => {
      heads.push(head.length);
      return Promise.resolve({ accepted: 'ok' });
    });
    const out = collect();
    await pipeline(chunked(bytes, 7), transform, out.sink);
    expect(out.bytes().equals(bytes)).toBe(true);
    expect(heads).toHaveLength(1);
    expect(heads[0]).toBeGreaterThanOrEqual(100);
    expect(heads[0]).toBeLessThan(107);
    expect(transform.result()).toEqual({
      accepted: 'ok',
      sizeBytes: 1000,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('lets nothing through before the head is judged, and nothing at all when it is refused', async () => {
    const source = new PassThrough();
    const transform = sniffer(() => Promise.reject(new Error('refused')));
    const out = collect();
    const done = pipeline(source, transform, out.sink);
    source.write(bytes.subarray(0, 60));
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.bytes().length).toBe(0);
    source.end(bytes.subarray(60));
    await expect(done).rejects.toThrow('refused');
    expect(out.bytes().length).toBe(0);
    expect(() => transform.result()).toThrow();
  });

  it('judges a file smaller than the sample when it ends', async () => {
    const seen: [number, boolean][] = [];
    const transform = sniffer((head, complete) => {
      seen.push([head.length, complete]);
      return Promise.resolve({ accepted: 'small' });
    });
    const out = collect();
    await pipeline(Readable.from([bytes.subarray(0, 30)]), transform, out.sink);
    expect(seen).toEqual([[30, true]]);
    expect(out.bytes().equals(bytes.subarray(0, 30))).toBe(true);
  });

  it('holds back more when the inspector needs more, and then lets all of it through', async () => {
    const seen: [number, boolean][] = [];
    const transform = sniffer((head, complete) => {
      seen.push([head.length, complete]);
      return Promise.resolve(head.length < 500 ? { need: 500 } : { accepted: 'late' });
    });
    const out = collect();
    await pipeline(chunked(bytes, 50), transform, out.sink);
    expect(seen).toEqual([
      [100, false],
      [500, false],
    ]);
    expect(out.bytes().equals(bytes)).toBe(true);
    expect(transform.result().accepted).toBe('late');
  });

  it('fails with the size error as soon as the limit is passed', async () => {
    const transform = sniffer(() => Promise.resolve({ accepted: 'ok' }), 999);
    const out = collect();
    await expect(pipeline(chunked(bytes, 10), transform, out.sink)).rejects.toBeInstanceOf(
      TooLarge,
    );
    expect(out.bytes().length).toBeLessThan(1000);
  });

  it('accepts exactly the limit', async () => {
    const transform = sniffer(() => Promise.resolve({ accepted: 'ok' }), 1000);
    await pipeline(chunked(bytes, 10), transform, collect().sink);
    expect(transform.result().sizeBytes).toBe(1000);
  });

  it('has no `size` property that stream consumers could take for a length', () => {
    expect('size' in sniffer(() => Promise.resolve({ accepted: 'ok' }))).toBe(false);
  });
});
