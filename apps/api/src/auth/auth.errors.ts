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
