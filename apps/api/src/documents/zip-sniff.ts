import { inflateRaw } from 'node:zlib';

// What a zip upload is (a DOCX, an ODT, or neither), read from its local file headers in the
// bounded sample, inflating at most the one entry that tells, and at most a few KB of it.
// A generic zip reader (file-type's included) inflates the entry it inspects whole: a 64 KB
// DOCX whose [Content_Types].xml inflates to 64 MB then costs ~260 MB and a stalled event
// loop. Here the inflation is bounded (zlib stops at MAX_INFLATED and fails), runs in libuv's
// thread pool (zlib's asynchronous API), and an entry whose header promises an absurd
// compression ratio is refused without being inflated at all.

/** The part of the telling entry that is read: a DOCX's content types fit in a few KB. */
const MAX_INFLATED = 64 * 1024;
/** Beyond this ratio (uncompressed : compressed) an entry is a bomb, not a document part. */
const MAX_RATIO = 100;
/** Below this uncompressed size no ratio is absurd (tiny XML compresses well). */
const RATIO_FLOOR = 1024 * 1024;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const DATA_DESCRIPTOR_FLAG = 0x0008;
const STORED = 0;
const DEFLATED = 8;

export const DOCX_MAIN =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
export const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

export type ZipVerdict =
  | { readonly kind: 'docx' }
  | { readonly kind: 'odt' }
  /** A zip, but of no accepted kind. */
  | { readonly kind: 'other' }
  /** The entry that would tell lies beyond the sample. */
  | { readonly kind: 'incomplete' }
  /** An entry inflates to absurdly more than it is. */
  | { readonly kind: 'bomb' };

export const isZip = (head: Buffer): boolean =>
  head.length >= 4 && head.readUInt32LE(0) === LOCAL_HEADER;

function inflateBounded(data: Buffer): Promise<Buffer | 'bomb'> {
  return new Promise((resolve) => {
    inflateRaw(data, { maxOutputLength: MAX_INFLATED }, (error, result) => {
      // Too much output is a bomb; a truncated stream (the sample ends mid-entry) yields
      // what was inflated so far, which is all a type check needs.
      if (error && (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        resolve('bomb');
      } else {
        resolve(error ? Buffer.alloc(0) : result);
      }
    });
  });
}

async function entryText(
  method: number,
  data: Buffer,
  sizes: { readonly compressed: number; readonly uncompressed: number },
): Promise<{ readonly bomb: true } | { readonly text: string } | null> {
  if (
    sizes.uncompressed > RATIO_FLOOR &&
    sizes.uncompressed > MAX_RATIO * Math.max(1, sizes.compressed)
  ) {
    return { bomb: true };
  }
  if (method === STORED) return { text: data.subarray(0, MAX_INFLATED).toString('utf8') };
  if (method !== DEFLATED) return null;
  const inflated = await inflateBounded(data);
  return inflated === 'bomb' ? { bomb: true } : { text: inflated.toString('utf8') };
}

/** The verdict on a zip from the first bytes of it (`sample`, bounded by the caller). */
export async function sniffZip(sample: Buffer): Promise<ZipVerdict> {
  let offset = 0;
  while (offset + 30 <= sample.length) {
    const signature = sample.readUInt32LE(offset);
    if (signature === CENTRAL_HEADER) return { kind: 'other' };
    if (signature !== LOCAL_HEADER) return { kind: 'other' };
    const flags = sample.readUInt16LE(offset + 6);
    const method = sample.readUInt16LE(offset + 8);
    const compressed = sample.readUInt32LE(offset + 18);
    const uncompressed = sample.readUInt32LE(offset + 22);
    const nameLength = sample.readUInt16LE(offset + 26);
    const extraLength = sample.readUInt16LE(offset + 28);
    const start = offset + 30 + nameLength + extraLength;
    if (start > sample.length) return { kind: 'incomplete' };
    const name = sample.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    const sizesKnown = (flags & DATA_DESCRIPTOR_FLAG) === 0 || compressed > 0;
    const data = sample.subarray(start, sizesKnown ? start + compressed : sample.length);
    if (name === '[Content_Types].xml' || (name === 'mimetype' && offset === 0)) {
      const entry = await entryText(method, data, { compressed, uncompressed });
      if (entry && 'bomb' in entry) return { kind: 'bomb' };
      const text = entry?.text ?? '';
      if (name === 'mimetype') return text === ODT_MIMETYPE ? { kind: 'odt' } : { kind: 'other' };
      return text.includes(`"${DOCX_MAIN}"`) ? { kind: 'docx' } : { kind: 'other' };
    }
    // An entry whose size only its trailing descriptor gives cannot be skipped.
    if (!sizesKnown) return { kind: 'incomplete' };
    offset = start + compressed;
  }
  return { kind: 'incomplete' };
}
