import { ApiError } from '../common/api-error';

// One message whether or not the account exists: no user enumeration.
export const invalidCredentials = (): ApiError =>
  new ApiError(
    401,
    'INVALID_CREDENTIALS',
    'Fel e-postadress eller lösenord. / Wrong e-mail or password.',
  );

export const unauthenticated = (): ApiError =>
  new ApiError(
    401,
    'UNAUTHENTICATED',
    'Sign in first: send a valid access token (Authorization: Bearer …).',
  );

export const invalidRefreshToken = (): ApiError =>
  new ApiError(401, 'INVALID_REFRESH_TOKEN', 'The session has ended; sign in again.');

export const tooManyAttempts = (retryAfterSeconds: number): ApiError =>
  new ApiError(
    429,
    'TOO_MANY_LOGIN_ATTEMPTS',
    `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`,
    {
      headers: { 'retry-after': String(retryAfterSeconds) },
      extensions: { retryAfter: retryAfterSeconds },
    },
  );

export const unknownEidPerson = (): ApiError =>
  new ApiError(
    403,
    'EID_PERSON_UNKNOWN',
    'Du har inget konto i Återgång. Den som har öppnat ditt ärende behöver bjuda in dig. / You have no account in Återgång yet; ask for an invitation.',
  );

/**
 * A new password that the policy refuses (password-policy.ts). 422, like the siblings'
 * rule checks: the request is well-formed (zod passed), the value breaks a rule.
 */
export const passwordNotAcceptable = (path: string, message: string): ApiError =>
  new ApiError(422, 'PASSWORD_NOT_ACCEPTABLE', 'The password is not acceptable.', {
    errors: [{ path, message }],
  });

/** Changing the password needs the current one; a wrong one counts as a failed sign-in. */
export const wrongCurrentPassword = (): ApiError =>
  new ApiError(422, 'WRONG_CURRENT_PASSWORD', 'The current password is not right.', {
    errors: [{ path: 'currentPassword', message: 'is not your current password' }],
  });

/** One answer for an unknown, used or expired reset link: nothing to tell them apart by. */
export const invalidResetToken = (): ApiError =>
  new ApiError(422, 'INVALID_RESET_TOKEN', 'The reset link is not valid.', {
    errors: [{ path: 'token', message: 'is unknown, used or expired' }],
  });
