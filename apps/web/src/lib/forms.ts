import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { validationKey } from './validation-text';

function setPath(target: Record<string, unknown>, path: readonly PropertyKey[], value: unknown) {
  let node: Record<string, unknown> = target;
  path.forEach((key, index) => {
    const name = String(key);
    if (index === path.length - 1) {
      node[name] ??= value;
      return;
    }
    const child = node[name];
    if (typeof child === 'object' && child !== null) {
      node = child as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[name] = created;
      node = created;
    }
  });
}

/**
 * A react-hook-form resolver that validates with the API's own zod schema from
 * libs/contracts: the form's values become the request body (`toRequest`), and each issue
 * lands on the field with the same path, so the message is tied to that field. The message
 * is the key of its plain-language text, chosen by the issue's code (validation-text.ts);
 * the Field translates it.
 */
export function contractResolver<Form extends FieldValues, Request>(
  schema: z.ZodType<Request>,
  toRequest: (values: Form) => unknown,
): Resolver<Form> {
  return (values) => {
    const result = schema.safeParse(toRequest(values));
    if (result.success) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.length > 0 ? issue.path : ['root'];
      setPath(errors, path, { type: issue.code, message: validationKey(issue) });
    }
    return { values: {}, errors: errors as FieldErrors<Form> };
  };
}

/** '' (an empty input) → null. */
export const blank = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value;
