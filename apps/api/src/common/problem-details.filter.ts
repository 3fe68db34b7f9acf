import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodSerializationException } from 'nestjs-zod';
import { mapPersistenceError } from '../prisma/persistence-errors';
import { ApiError } from './api-error';
import {
  defaultCodeForStatus,
  PROBLEM_CONTENT_TYPE,
  type ProblemDocument,
  problemTypeFor,
  titleForStatus,
} from './problem';

/**
 * The single place errors become responses: every 4xx/5xx, including unknown routes and
 * body-parser failures (Nest forwards Fastify's errors here), is problem+json with a
 * typed code and the request id. A 5xx never carries internal details.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw exception;
    }
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = mapPersistenceError(exception) ?? exception;
    const problem = this.toProblem(error, request);

    if (isClientAbort(exception, request)) {
      // The client went away mid-request (a closed tab, a cancelled upload): no fault of ours.
      this.logger.log({ requestId: request.id }, 'Client aborted the request');
    } else if (exception instanceof ZodSerializationException) {
      // A body that fails its route's contract schema (@ZodResponse) is our bug: the client
      // gets a plain 500 and the log says where the body broke the schema, never what it held
      // (it may be health data; zod reports no input unless asked to).
      this.logger.error(
        { requestId: request.id, issues: contractIssues(exception) },
        'Response does not match its contract',
      );
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    }
    const headers = error instanceof ApiError ? (error.extras.headers ?? {}) : {};
    void reply
      .status(problem.status)
      .headers(headers)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem));
  }

  private toProblem(error: unknown, request: FastifyRequest): ProblemDocument {
    const base = { instance: request.url.split('?')[0], requestId: request.id };
    if (error instanceof ApiError) {
      const status = error.getStatus();
      return {
        type: problemTypeFor(error.code),
        title: titleForStatus(status),
        status,
        detail: error.detail,
        code: error.code,
        ...base,
        ...(error.extras.errors ? { errors: error.extras.errors } : {}),
        ...error.extras.extensions,
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const code = defaultCodeForStatus(status);
      return {
        type: problemTypeFor(code),
        title: titleForStatus(status),
        status,
        detail: status >= 500 ? 'Something went wrong on our side.' : detailOf(error),
        code,
        ...base,
      };
    }
    return {
      type: problemTypeFor('INTERNAL_ERROR'),
      title: titleForStatus(500),
      status: 500,
      detail: 'Something went wrong on our side.',
      code: 'INTERNAL_ERROR',
      ...base,
    };
  }
}

/** Where a response broke its schema: each issue's path and code, no values. */
function contractIssues(exception: ZodSerializationException): { path: string; code: string }[] {
  const error = exception.getZodError() as { issues?: { path: PropertyKey[]; code: string }[] };
  return (error.issues ?? []).map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
  }));
}

const ABORT_CODES = new Set(['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE', 'ECONNABORTED']);

/** Whether the error is the client hanging up, not a failure of the server. */
export function isClientAbort(
  error: unknown,
  request: { readonly raw: { readonly aborted?: boolean } },
): boolean {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : null;
  return request.raw.aborted === true || (typeof code === 'string' && ABORT_CODES.has(code));
}

function detailOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') {
    return response;
  }
  if (typeof response === 'object' && 'message' in response) {
    const { message } = response;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.map(String).join('; ');
  }
  return error.message;
}
