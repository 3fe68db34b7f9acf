// Which plain-language text a validation issue gets, chosen by the zod issue's code (and its
// format, origin or the refinement's stated reason), never by reading its English message.
// Unit-tested in apps/web/unit/validation-text.spec.ts.

/** The texts under `errors` in the locales. */
export type ValidationKey =
  | 'errors.required'
  | 'errors.invalid'
  | 'errors.date'
  | 'errors.email'
  | 'errors.url'
  | 'errors.endBeforeStart'
  | 'errors.stepOrder'
  | 'errors.assignee';

/** What the choice looks at in a zod issue (zod 4's issue shape, in part). */
export interface IssueLike {
  readonly code: string;
  readonly format?: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly input?: unknown;
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * The reasons the contracts' refinements state in `params.reason` (libs/contracts): a
 * custom issue without one gets the general text.
 */
const REASONS: Readonly<Record<string, ValidationKey>> = {
  END_BEFORE_START: 'errors.endBeforeStart',
  STEP_ORDER: 'errors.stepOrder',
  ASSIGNEE_REQUIRED: 'errors.assignee',
  REQUIRED: 'errors.required',
};

const DATE_FORMATS: ReadonlySet<string> = new Set(['date', 'datetime', 'time']);

export function validationKey(issue: IssueLike): ValidationKey {
  switch (issue.code) {
    case 'invalid_format':
      if (issue.format && DATE_FORMATS.has(issue.format)) return 'errors.date';
      if (issue.format === 'email') return 'errors.email';
      if (issue.format === 'url') return 'errors.url';
      return 'errors.invalid';
    case 'too_small':
      // An empty text (min 1) or an empty list that needs one: the field is not filled in.
      return (issue.origin === 'string' || issue.origin === 'array') && Number(issue.minimum) >= 1
        ? 'errors.required'
        : 'errors.invalid';
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? 'errors.required'
        : 'errors.invalid';
    case 'custom': {
      const reason = issue.params?.['reason'];
      return (typeof reason === 'string' && REASONS[reason]) || 'errors.invalid';
    }
    default:
      return 'errors.invalid';
  }
}

const KEYS: ReadonlySet<string> = new Set<ValidationKey>([
  'errors.required',
  'errors.invalid',
  'errors.date',
  'errors.email',
  'errors.url',
  'errors.endBeforeStart',
  'errors.stepOrder',
  'errors.assignee',
]);

/** Whether a form error's message is one of these keys (a text set by hand is not). */
export const isValidationKey = (message: string): message is ValidationKey => KEYS.has(message);
