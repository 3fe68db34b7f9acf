import { HttpException } from '@nestjs/common';
import type { ProblemCode } from '@atergang/contracts';
import { type ProblemFieldError, titleForStatus } from './problem';

export interface ApiErrorOptions {
  readonly errors?: readonly ProblemFieldError[];
  /** Extra problem members, e.g. the current version on a 409. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The typed error every feature throws. `code` (SCREAMING_SNAKE, from the feature's
 * errors.ts) becomes the problem `type`; the filter renders it as problem+json. It is one
 * of the contracts' PROBLEM_CODES, so the web client has a text for every code we send.
 */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: ApiErrorOptions = {},
  ) {
    super({ title: titleForStatus(status), detail }, status);
  }
}

/**
 * A 400 naming the fields that break a rule. Every field says which kind of rule with a
 * `code` (a zod issue code, or `custom` for a rule written by hand without one), so a client
 * never has to read the English message to choose its text.
 */
export class ValidationError extends ApiError {
  constructor(errors: readonly ProblemFieldError[], detail = 'The request is not valid.') {
    super(400, 'VALIDATION_FAILED', detail, {
      errors: errors.map((error) => ({ code: 'custom', ...error })),
    });
  }
}
