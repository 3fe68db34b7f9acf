import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { problemFieldErrors } from '../../components/ui';
import i18n from '../../i18n';
import { ApiError } from '../../lib/api';

/**
 * The API's reason for refusing a new password (password-policy.ts writes one of three
 * English messages on the field), in the user's language.
 */
function passwordText(message: string): string {
  const short = /at least (\d+)/i.exec(message);
  if (short) return i18n.t('account.password.tooShort', { min: Number(short[1]) });
  const long = /at most (\d+)/i.exec(message);
  if (long) return i18n.t('account.password.tooLong', { max: Number(long[1]) });
  if (/guess/i.test(message)) return i18n.t('account.password.tooEasy');
  return i18n.t('account.password.notAcceptable');
}

/** Each field a refusal names, with the text to show there. */
function fieldTexts(error: unknown): Array<{ path: string; message: string }> {
  if (error instanceof ApiError && error.problem?.code === 'PASSWORD_NOT_ACCEPTABLE') {
    return (error.problem.errors ?? []).map((entry) => ({
      path: entry.path,
      message: passwordText(entry.message),
    }));
  }
  return problemFieldErrors(error);
}

/**
 * Puts a refusal's field errors on this form's fields (`fieldOf` maps the problem's path to
 * a field, or null when the form has none for it). Returns true when at least one landed:
 * the caller then shows no alert of its own, the field says it.
 */
export function showAtFields<Form extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<Form>,
  fieldOf: (path: string) => Path<Form> | null,
): boolean {
  let shown = false;
  for (const { path, message } of fieldTexts(error)) {
    const field = fieldOf(path);
    if (field) {
      setError(field, { type: 'server', message }, { shouldFocus: !shown });
      shown = true;
    }
  }
  return shown;
}
