import { ApiError } from '../common/api-error';

export const oidcNotConfigured = (): ApiError =>
  new ApiError(
    404,
    'OIDC_NOT_CONFIGURED',
    'Inloggning med e-legitimation är inte aktiverad. / e-ID sign-in is not enabled on this server.',
  );

// Also covers an expired or missing login cookie: to the user all of these mean "start over".
export const oidcInvalidState = (): ApiError =>
  new ApiError(
    400,
    'OIDC_INVALID_STATE',
    'Inloggningsförsöket är okänt eller för gammalt; börja om. / The sign-in attempt is unknown or has expired; start again.',
  );

export const oidcLoginFailed = (providerError?: string): ApiError =>
  new ApiError(
    401,
    'OIDC_LOGIN_FAILED',
    'Inloggningen med e-legitimation misslyckades; försök igen. / The e-ID sign-in did not succeed; try again.',
    providerError ? { extensions: { providerError } } : {},
  );

export const oidcProviderUnavailable = (): ApiError =>
  new ApiError(
    503,
    'OIDC_PROVIDER_UNAVAILABLE',
    'Tjänsten för e-legitimation svarar inte just nu; försök igen om en stund. / The e-ID service is not reachable right now; try again shortly.',
    { headers: { 'retry-after': '30' }, extensions: { retryAfter: 30 } },
  );

export const eidAccountDisabled = (): ApiError =>
  new ApiError(
    403,
    'EID_ACCOUNT_DISABLED',
    'Ditt konto i Återgång är avstängt. / Your Återgång account has been disabled.',
  );
