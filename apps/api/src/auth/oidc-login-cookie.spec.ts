import {
  OIDC_LOGIN_TTL_SECONDS,
  OidcLoginSealer,
  type PendingOidcLogin,
} from './oidc-login-cookie';

const LOGIN: PendingOidcLogin = {
  codeVerifier: 'verifier-verifier-verifier-verifier-verifier',
  state: 'state-value',
  nonce: 'nonce-value',
  redirectUri: 'https://atergang.example/api/auth/oidc/callback',
};

describe('OidcLoginSealer', () => {
  const sealer = new OidcLoginSealer('a-jwt-secret-of-reasonable-length-for-tests');
  const now = new Date('2026-01-15T12:00:00Z');

  it('round-trips a pending login without exposing its values', () => {
    const sealed = sealer.seal(LOGIN, now);
    expect(sealed).not.toContain(LOGIN.state);
    expect(sealed).not.toContain(LOGIN.codeVerifier);
    expect(sealer.open(sealed, now)).toEqual(LOGIN);
  });

  it('refuses an altered value, another secret, and garbage', () => {
    const sealed = sealer.seal(LOGIN, now);
    const last = sealed.at(-1) === 'A' ? 'B' : 'A';
    expect(sealer.open(`${sealed.slice(0, -1)}${last}`, now)).toBeUndefined();
    expect(new OidcLoginSealer('another-secret').open(sealed, now)).toBeUndefined();
    expect(sealer.open('v1.bm90IHNlYWxlZA', now)).toBeUndefined();
    expect(sealer.open(undefined, now)).toBeUndefined();
  });

  it('expires after ten minutes', () => {
    const sealed = sealer.seal(LOGIN, now);
    const justBefore = new Date(now.getTime() + OIDC_LOGIN_TTL_SECONDS * 1000 - 1);
    const atExpiry = new Date(now.getTime() + OIDC_LOGIN_TTL_SECONDS * 1000);
    expect(sealer.open(sealed, justBefore)).toEqual(LOGIN);
    expect(sealer.open(sealed, atExpiry)).toBeUndefined();
  });
});
