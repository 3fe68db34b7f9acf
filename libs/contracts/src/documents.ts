import { z } from 'zod';
import { categorySchema, partySchema } from './enums';

// Documents: files the parties share in the workspace, above all the employer's plan för
// återgång i arbete (no form is prescribed, so many employers upload a PDF or Word file).
// Every upload is a version of a document; earlier versions stay readable.

const MAX_VERSION = 2_147_483_647;

/** The largest file accepted, in bytes (20 MiB). Larger uploads get 413 and nothing is stored. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * The file types accepted, by the media type read from the file's own bytes, with the
 * file-name extensions that may go with each. Anything else gets 415.
 */
export const DOCUMENT_MEDIA_TYPES = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
} as const satisfies Readonly<Record<string, readonly string[]>>;
export type DocumentMediaType = keyof typeof DOCUMENT_MEDIA_TYPES;

/** Kinds a client may give when uploading. */
export const UPLOAD_DOCUMENT_KINDS = [
  'RETURN_TO_WORK_PLAN',
  'MEDICAL_CERTIFICATE',
  'MEETING_PROTOCOL',
  'OTHER',
] as const;
export const uploadDocumentKindSchema = z.enum(UPLOAD_DOCUMENT_KINDS);

/** The categories a document can be shared under: ordinary, or medical information. */
export const DOCUMENT_CATEGORIES = ['DOCUMENTS', 'MEDICAL'] as const;
export const documentCategorySchema = z.enum(DOCUMENT_CATEGORIES);

/** Every kind a stored document can have (the database CHECK allows these). */
export const DOCUMENT_KINDS = [
  'RETURN_TO_WORK_PLAN',
  'MEDICAL_CERTIFICATE',
  'MEETING_PROTOCOL',
  'OTHER',
] as const;
export const documentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof documentKindSchema>;

// ---------------------------------------------------------------------------------------
// A document as read
// ---------------------------------------------------------------------------------------

export const documentVersionSchema = z.object({
  /** 1 for the first upload, then 2, 3, ... */
  version: z.number().int(),
  /** The file name as uploaded (without any path). */
  fileName: z.string(),
  /** Read from the file's bytes, not taken from the client. */
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  /** SHA-256 of the content, lower-case hex. */
  sha256: z.string(),
  uploadedBy: z.object({ userId: z.uuid(), name: z.string() }),
  uploaderParty: partySchema,
  uploadedAt: z.iso.datetime(),
});
export type DocumentVersionView = z.infer<typeof documentVersionSchema>;

export const documentSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: documentKindSchema,
  /** DOCUMENTS, or MEDICAL for a document with medical information (a läkarintyg always). */
  category: documentCategorySchema,
  /** The party that uploaded the first version: it alone adds versions and deletes. */
  uploaderParty: partySchema,
  uploadedBy: z.object({ userId: z.uuid(), name: z.string() }),
  currentVersion: z.number().int(),
  versionCount: z.number().int(),
  /** The current version's file. */
  current: documentVersionSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /**
   * What the caller may do with this document, asked of the API's policy (the uploader's
   * party adds versions and deletes): the web client offers exactly these.
   */
  may: z.object({ addVersion: z.boolean(), delete: z.boolean() }),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const documentViewSchema = documentSummarySchema.extend({
  /** Every version, newest first. */
  versions: z.array(documentVersionSchema),
});
export type DocumentView = z.infer<typeof documentViewSchema>;

export const documentListSchema = z.object({
  documents: z.array(documentSummarySchema),
  /** Categories of documents the caller's party has not been granted: those were left out. */
  withheld: z.array(categorySchema),
  /**
   * The other parties of the case that would read a document the caller uploads now, per
   * category, judged by the policy with each party's consents in force (the patient reads
   * everything); null for a caller who may not upload. What an upload's confirm step names.
   */
  uploadReach: z
    .object({ DOCUMENTS: z.array(partySchema), MEDICAL: z.array(partySchema) })
    .nullable(),
});
export type DocumentList = z.infer<typeof documentListSchema>;

// ---------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------

export const documentParamsSchema = z.strictObject({ id: z.uuid(), docId: z.uuid() });

export const documentContentQuerySchema = z.strictObject({
  /** A version number; the current version when left out. */
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, 'must be a version number (1, 2, ...)')
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_VERSION))
    .optional(),
});
export type DocumentContentQuery = z.infer<typeof documentContentQuerySchema>;

/** No C0 control characters (NUL included: PostgreSQL text cannot hold it) and no DEL. */
const withoutControlCharacters = (value: string): boolean =>
  !Array.from(value).some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });

/**
 * The text fields of the multipart upload (besides the `file` part). All optional; a
 * `documentId` makes the file a new version of that document.
 */
export const uploadDocumentFieldsSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine(withoutControlCharacters, { message: 'must not contain control characters' })
    .optional(),
  kind: uploadDocumentKindSchema.optional(),
  /**
   * DOCUMENTS (default) or MEDICAL, among those the uploader's role may author: care's
   * clinical staff and the patient may mark a document MEDICAL; a MEDICAL_CERTIFICATE is
   * always MEDICAL. A new version keeps its document's category.
   */
  category: documentCategorySchema.optional(),
  /** An existing document of this workspace: the upload becomes its next version. */
  documentId: z.uuid().optional(),
});
export type UploadDocumentFields = z.infer<typeof uploadDocumentFieldsSchema>;
