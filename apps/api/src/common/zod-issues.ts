import type { ProblemFieldError } from './problem';

/** A zod 4 issue, in the part read here. */
interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
  readonly format?: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** The value at a path of the request, to tell an absent field from one of the wrong type. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const finite = (bound: number | bigint | undefined): number | undefined =>
  bound === undefined || !Number.isFinite(Number(bound)) ? undefined : Number(bound);

/**
 * What a client needs to choose its own text for an issue (contracts' problemFieldErrorSchema):
 * the code and the issue's details, never the value that was sent.
 */
function detailsOf(issue: IssueLike, input: unknown): Omit<ProblemFieldError, 'path' | 'message'> {
  const reason = issue.params?.['reason'];
  const minimum = finite(issue.minimum);
  const maximum = finite(issue.maximum);
  return {
    ...(issue.code ? { code: issue.code } : {}),
    ...(issue.format ? { format: issue.format } : {}),
    ...(issue.origin ? { origin: issue.origin } : {}),
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
    ...(issue.code === 'invalid_type'
      ? { missing: valueAt(input, issue.path) === undefined || valueAt(input, issue.path) === null }
      : {}),
    ...(typeof reason === 'string' ? { params: { reason } } : {}),
  };
}

/**
 * Zod issues → `errors: [{path, message, code, …}]`. Paths are dotted (`measures.0.title`);
 * unknown keys name each key, so the client can point at the offending field. `input` is the
 * value that was parsed (to say whether a field was missing); it is never echoed.
 */
export function fieldErrorsFromZodIssues(
  issues: readonly IssueLike[],
  root: string,
  input?: unknown,
): ProblemFieldError[] {
  return issues.flatMap((issue): ProblemFieldError[] => {
    const base = [root, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.map((key) => ({
        path: [base, key].filter(Boolean).join('.'),
        message: 'is not a known field',
        code: 'unrecognized_keys',
      }));
    }
    return [{ path: base || root, message: issue.message, ...detailsOf(issue, input) }];
  });
}
