import { MAX_DOCUMENT_BYTES } from '@atergang/contracts';
import { forbidden } from '../access/access.errors';
import { ApiError, ValidationError } from '../common/api-error';

const ACCEPTED = 'PDF, DOCX, ODT, PNG or JPEG';

export const documentNotFound = (path?: string): ApiError =>
  new ApiError(
    404,
    'DOCUMENT_NOT_FOUND',
    'There is no such document in this workspace.',
    path ? { errors: [{ path, message: 'is not a document of this workspace' }] } : {},
  );

export const documentVersionNotFound = (): ApiError =>
  new ApiError(404, 'DOCUMENT_VERSION_NOT_FOUND', 'The document has no such version.', {
    errors: [{ path: 'query.version', message: 'is not a version of this document' }],
  });

/** The file's real type (read from its bytes) is not accepted, or disagrees with its name or declared type. */
export const unsupportedMediaType = (message: string): ApiError =>
  new ApiError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Only ${ACCEPTED} files are accepted, named for what they really are.`,
    { errors: [{ path: 'file', message }] },
  );

export const fileTooLarge = (): ApiError =>
  new ApiError(
    413,
    'FILE_TOO_LARGE',
    `A document may be at most ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB.`,
    {
      errors: [{ path: 'file', message: `is larger than ${MAX_DOCUMENT_BYTES} bytes` }],
    },
  );

/** The upload is not multipart/form-data at all. */
export const multipartRequired = (): ApiError =>
  new ApiError(
    415,
    'MULTIPART_REQUIRED',
    'Send the document as multipart/form-data with the file in the field `file`.',
    { errors: [{ path: 'file', message: 'is required as a multipart/form-data file part' }] },
  );

export const malformedUpload = (path: string, message: string): ApiError =>
  new ValidationError([{ path, message }], 'The upload is not valid.');

export const fileRequired = (): ApiError =>
  new ValidationError(
    [{ path: 'file', message: 'is required', code: 'invalid_type', missing: true }],
    'The upload is not valid.',
  );

export const onlyUploaderParty = (action: 'delete' | 'add versions to'): ApiError =>
  forbidden(`Only the party that uploaded a document can ${action} it.`);

/** The chosen category contradicts the document's kind (a läkarintyg is always MEDICAL). */
export const categoryContradictsKind = (): ApiError =>
  new ApiError(
    422,
    'DOCUMENT_CATEGORY_CONTRADICTS_KIND',
    'A medical certificate (läkarintyg) holds medical information: it is always shared as MEDICAL.',
    { errors: [{ path: 'category', message: 'must be MEDICAL for a medical certificate' }] },
  );

/**
 * A new version asked for another category than its document's: a version keeps it (a
 * document's readers must not change under them, nor a medical file go out as DOCUMENTS).
 */
export const categoryIsKept = (category: 'DOCUMENTS' | 'MEDICAL'): ApiError =>
  malformedUpload(
    'category',
    `is the document's (${category}): a new version keeps it; upload a new document to share it otherwise`,
  );

/** The uploader's role may not share medical information. */
export const medicalDocumentNotAllowed = (): ApiError =>
  new ApiError(
    403,
    'MEDICAL_NOT_ALLOWED',
    'Only care’s clinical staff and the patient share medical information (category MEDICAL).',
    { errors: [{ path: 'category', message: 'your role may not share medical information' }] },
  );
