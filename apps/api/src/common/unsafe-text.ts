import type { ProblemFieldError } from './problem';

// Text a person may send: well-formed Unicode, without the controls that reorder what is
// displayed. A lone UTF-16 surrogate cannot be stored as UTF-8 (PostgreSQL and the audit
// hash would fail on it); the bidirectional embedding, override and isolate controls
// (U+202A–202E, U+2066–2069) make a name display as something else ("gpj.exe" shown as
// "exe.jpg"). Both are refused with the field named, before anything is written.

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text is refused, or null when it is fine. */
export function unsafeTextReason(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it has a lone surrogate)';
  if (BIDI_CONTROLS.test(text)) return 'must not contain bidirectional control characters';
  return null;
}

/** Every string in a request value (object, array or string) that is refused, by its path. */
export function unsafeTextErrors(value: unknown, root: string): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const visit = (item: unknown, path: string): void => {
    if (typeof item === 'string') {
      const reason = unsafeTextReason(item);
      if (reason) errors.push({ path: path || root, message: reason, code: 'unsafe_text' });
    } else if (Array.isArray(item)) {
      item.forEach((element, index) => {
        visit(element, path ? `${path}.${index}` : String(index));
      });
    } else if (item !== null && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        visit(element, path ? `${path}.${key}` : key);
      }
    }
  };
  visit(value, root);
  return errors;
}
