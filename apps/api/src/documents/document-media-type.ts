// Types only: file-type is ESM-only and this CommonJS build loads it with import(). Its
// `core` entry (buffers and streams, no file-system helpers) is all this needs, and unlike
// the package root it also resolves under Jest's require conditions.
import type * as FileType from 'file-type/core' with { 'resolution-mode': 'import' };
import { DOCUMENT_MEDIA_TYPES, type DocumentMediaType } from '@atergang/contracts';
import { unsupportedMediaType } from './documents.errors';
import { isZip, sniffZip } from './zip-sniff';

type FileTypeModule = typeof FileType;

/**
 * file-type ships only ES modules. With `module: node16` the compiler keeps this import()
 * as a real dynamic import in the CommonJS output, which Node loads natively; under Jest,
 * SWC turns it into require() of a transpiled copy (jest.preset.cjs transformIgnorePatterns).
 */
let fileTypeModule: Promise<FileTypeModule> | undefined;
const loadFileType = (): Promise<FileTypeModule> => (fileTypeModule ??= import('file-type/core'));

/** What file-type needs to recognise the accepted types by their magic bytes. */
export const SNIFF_BYTES = 4100;
/**
 * DOCX is a zip whose type is told by its `[Content_Types].xml` entry. Word writes that entry
 * first, so 4 KB suffice; LibreOffice and others write it last, and then only a file that
 * fits in this many bytes (central directory included) is recognised. The sample is
 * bounded because file-type inflates the entry it inspects: a bounded sample bounds what a
 * zip bomb can make it allocate.
 */
export const ZIP_SNIFF_BYTES = 64 * 1024;

const ACCEPTED_EXTENSIONS: ReadonlySet<string> = new Set(
  Object.values(DOCUMENT_MEDIA_TYPES).flat(),
);

// Older clients name some types differently; these say the same thing.
const CLIENT_TYPE_ALIASES: Readonly<Record<DocumentMediaType, readonly string[]>> = {
  'application/pdf': ['application/x-pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [],
  'application/vnd.oasis.opendocument.text': [],
  'image/png': ['image/x-png'],
  'image/jpeg': ['image/jpg', 'image/pjpeg'],
};
/** A client that does not know the type says this; it claims nothing. */
const NO_CLAIM = 'application/octet-stream';

export function isDocumentMediaType(value: string): value is DocumentMediaType {
  return Object.hasOwn(DOCUMENT_MEDIA_TYPES, value);
}

/** The lower-cased extension of a file name ('plan.PDF' → 'pdf'), or null without one. */
export function extensionOf(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return null;
  return fileName.slice(dot + 1).toLowerCase();
}

function essence(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function clientTypeNames(mediaType: DocumentMediaType): readonly string[] {
  return [mediaType, ...CLIENT_TYPE_ALIASES[mediaType]];
}

/** C0 controls and DEL: never part of a file name a person gave. */
function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** The name a client gave: the base name, without control characters, NFC, at most 255 characters. */
export function cleanFileName(raw: string): string | null {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = Array.from(base.normalize('NFC'))
    .filter((character) => !isControlCharacter(character))
    .join('')
    .trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  if (cleaned.length <= 255) return cleaned;
  const extension = extensionOf(cleaned);
  const suffix = extension ? `.${extension}` : '';
  return cleaned.slice(0, 255 - suffix.length) + suffix;
}

export interface ClientClaim {
  /** The file name as sent (already cleaned). */
  readonly fileName: string;
  /** The part's Content-Type as sent. */
  readonly clientType: string;
}

/**
 * Refuses, before a byte is stored, what can never pass: a name without an accepted
 * extension, or a declared type that is none of the accepted ones.
 */
export function checkClaimBeforeUpload(claim: ClientClaim): void {
  const extension = extensionOf(claim.fileName);
  if (!extension || !ACCEPTED_EXTENSIONS.has(extension)) {
    throw unsupportedMediaType(
      'must be named .pdf, .docx, .odt, .png, .jpg or .jpeg after its real type',
    );
  }
  const declared = essence(claim.clientType);
  const known = Object.keys(DOCUMENT_MEDIA_TYPES)
    .filter(isDocumentMediaType)
    .some((type) => clientTypeNames(type).includes(declared));
  if (declared !== NO_CLAIM && !known) {
    throw unsupportedMediaType(`is declared as ${declared}, which is not an accepted type`);
  }
}

/**
 * The verdict on what the bytes are: the accepted media type, or a 415 when the detected
 * type is not accepted or disagrees with the file's extension or declared type.
 */
export function acceptDetectedType(
  detected: string | undefined,
  claim: ClientClaim,
): DocumentMediaType {
  if (!detected || !isDocumentMediaType(detected)) {
    throw unsupportedMediaType(
      detected
        ? `is ${detected}, which is not an accepted type`
        : 'is of a type that could not be recognised',
    );
  }
  const extension = extensionOf(claim.fileName) ?? '';
  if (!(DOCUMENT_MEDIA_TYPES[detected] as readonly string[]).includes(extension)) {
    throw unsupportedMediaType(`is ${detected}, but its name ends in .${extension}`);
  }
  const declared = essence(claim.clientType);
  if (declared !== NO_CLAIM && !clientTypeNames(detected).includes(declared)) {
    throw unsupportedMediaType(`is ${detected}, but was declared as ${declared}`);
  }
  return detected;
}

/** The media type file-type reads from the bytes (undefined when it recognises none). */
export async function detectMediaType(sample: Uint8Array): Promise<string | undefined> {
  const { fileTypeFromBuffer } = await loadFileType();
  try {
    return (await fileTypeFromBuffer(sample))?.mime;
  } catch {
    // A malformed container (a broken zip, say) is simply not a recognised type.
    return undefined;
  }
}

const ZIP_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;

/**
 * Decides the type from the head of an upload (UploadSniffer's inspector). Returns how many
 * bytes it needs when the first ones are not enough (a zip that may be a DOCX), else the
 * accepted type; throws 415 otherwise. A zip never goes to file-type, which would inflate
 * the entry it inspects whole (a zip bomb): zip-sniff.ts reads it with bounded inflation.
 */
export async function inspectHead(
  head: Buffer,
  complete: boolean,
  claim: ClientClaim,
): Promise<{ readonly need: number } | { readonly accepted: DocumentMediaType }> {
  if (!isZip(head)) {
    return {
      accepted: acceptDetectedType(await detectMediaType(head.subarray(0, SNIFF_BYTES)), claim),
    };
  }
  const sample = head.subarray(0, ZIP_SNIFF_BYTES);
  const verdict = await sniffZip(sample);
  if (verdict.kind === 'incomplete' && !complete && head.length < ZIP_SNIFF_BYTES) {
    return { need: ZIP_SNIFF_BYTES };
  }
  if (verdict.kind === 'bomb') {
    throw unsupportedMediaType('is a zip whose content inflates to absurdly more than its size');
  }
  const detected =
    verdict.kind === 'docx' || verdict.kind === 'odt' ? ZIP_TYPES[verdict.kind] : 'application/zip';
  return { accepted: acceptDetectedType(detected, claim) };
}
