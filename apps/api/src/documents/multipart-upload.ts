import { PassThrough, type Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import { fileTooLarge, malformedUpload, multipartRequired } from './documents.errors';

export interface UploadFieldPart {
  readonly kind: 'field';
  readonly fieldName: string;
  /** A string, or parsed JSON when the part said application/json. */
  readonly value: unknown;
  readonly truncated: boolean;
}

export interface UploadFilePart {
  readonly kind: 'file';
  readonly fieldName: string;
  readonly fileName: string;
  /** The part's Content-Type as the client sent it: a claim, not a fact. */
  readonly clientType: string;
  /** The bytes; fails with 413 FILE_TOO_LARGE once the configured size limit is passed. */
  readonly body: Readable;
}

export type UploadPart = UploadFieldPart | UploadFilePart;

/** A multipart/form-data request, seen as the parts a document upload needs. */
export interface MultipartUpload {
  /** The parts in the order they arrive; errors are ApiErrors (4xx). */
  parts(): AsyncGenerator<UploadPart, void, undefined>;
  /**
   * After a failure: lets the rest of the request body flow into nowhere (bounded by the
   * multipart limits), so the client, still sending, reads the answer instead of a reset.
   */
  discard(): void;
}

/** Errors of @fastify/multipart and busboy: all about the request body, so all 4xx. */
function toUploadError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge();
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return multipartRequired();
    case 'FST_FILES_LIMIT':
      return malformedUpload('file', 'send exactly one file');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return malformedUpload('', 'the form has too many fields');
    case 'FST_PROTO_VIOLATION':
      return malformedUpload('', 'the form has a field name that is not allowed');
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return malformedUpload('', 'a field declared as JSON is not valid JSON');
    default:
      // Busboy's own: 'Unexpected end of form', 'Malformed part header', a premature close.
      return malformedUpload('', 'the multipart/form-data body is malformed or incomplete');
  }
}

/**
 * Wraps @fastify/multipart's stream mode (registered in configure-app with the size and
 * count limits). The file part's stream is handed on through a PassThrough so that giving
 * up on it (an error, a refused type) never stalls busboy: the rest of that part is then
 * read and dropped, and the request is consumed to its end.
 */
export function multipartUpload(request: FastifyRequest): MultipartUpload {
  let currentBody: PassThrough | undefined;

  function guard(file: Readable): PassThrough {
    const body = new PassThrough();
    // When the whole request was already parsed before the consumer got to this part (a
    // small body that stops mid-file), @fastify/multipart has destroyed the file stream
    // with busboy's error before any listener here existed: piping it would wait forever.
    if (file.destroyed) {
      body.destroy(toUploadError(file.errored ?? new Error('the file part ended early')));
      return body;
    }
    const letRestFlow = (): void => {
      file.unpipe(body);
      file.resume();
    };
    // Busboy stops delivering at the limit, marks the stream truncated and says 'limit'.
    file.once('limit', () => {
      letRestFlow();
      body.destroy(fileTooLarge());
    });
    file.once('error', (error) => body.destroy(toUploadError(error)));
    body.once('close', () => {
      if (!file.readableEnded) letRestFlow();
    });
    file.pipe(body);
    return body;
  }

  async function* parts(): AsyncGenerator<UploadPart, void, undefined> {
    if (!request.isMultipart()) {
      throw multipartRequired();
    }
    const source = request.parts();
    try {
      for await (const part of source) {
        if (part.type === 'field') {
          yield {
            kind: 'field',
            fieldName: part.fieldname,
            value: part.value,
            truncated: part.valueTruncated,
          };
        } else {
          currentBody = guard(part.file);
          yield {
            kind: 'file',
            fieldName: part.fieldname,
            fileName: part.filename,
            clientType: part.mimetype,
            body: currentBody,
          };
        }
      }
    } catch (error) {
      throw toUploadError(error);
    }
  }

  return {
    parts,
    discard: () => {
      currentBody?.destroy();
    },
  };
}
