import type { ProblemFieldError } from './problem';

interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
}

/**
 * Zod issues → `errors: [{path, message}]`. Paths are dotted (`measures.0.title`);
 * unknown keys name each key, so the client can point at the offending field.
 */
export function fieldErrorsFromZodIssues(
  issues: readonly IssueLike[],
  root: string,
): ProblemFieldError[] {
  return issues.flatMap((issue) => {
    const base = [root, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.map((key) => ({
        path: [base, key].filter(Boolean).join('.'),
        message: 'is not a known field',
      }));
    }
    return [{ path: base || root, message: issue.message }];
  });
}
