import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What the callback needs to finish a login it did not start: the PKCE verifier, the
 * expected state and nonce, and the exact redirect_uri the authorization request carried.
 */
export interface PendingOidcLogin {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly redirectUri: string;
}

export const OIDC_LOGIN_COOKIE = 'atergang_oidc';
export const OIDC_LOGIN_TTL_SECONDS = 10 * 60;
// Only the OIDC routes ever receive it (login sets it, callback reads and clears it).
const COOKIE_PATH = '/api/auth/oidc';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a key derived from the JWT secret: the browser can neither read the
 * verifier (so an intercepted authorization code stays useless) nor alter any field, and
 * the expiry inside the sealed payload holds even if the browser keeps the cookie longer.
 * Stateless, so any instance behind a load balancer can complete the login.
 */
export class OidcLoginSealer {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(
      hkdfSync('sha256', secret, Buffer.alloc(0), 'atergang/oidc-login-cookie/v1', 32),
    );
  }

  seal(login: PendingOidcLogin, now: Date = new Date()): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(VERSION));
    const body = JSON.stringify({ ...login, exp: now.getTime() + OIDC_LOGIN_TTL_SECONDS * 1000 });
    const sealed = Buffer.concat([
      iv,
      cipher.update(body, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${VERSION}.${sealed.toString('base64url')}`;
  }

  /** The pending login, or undefined when the value is missing, forged, altered or expired. */
  open(value: string | undefined, now: Date = new Date()): PendingOidcLogin | undefined {
    if (!value?.startsWith(`${VERSION}.`)) return undefined;
    const sealed = Buffer.from(value.slice(VERSION.length + 1), 'base64url');
    if (sealed.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(VERSION));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const body = Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
      return parsePending(JSON.parse(body) as unknown, now);
    } catch {
      // A failed authentication tag or malformed JSON: treat as no login in progress.
      return undefined;
    }
  }
}

function parsePending(value: unknown, now: Date): PendingOidcLogin | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const { codeVerifier, state, nonce, redirectUri, exp } = record;
  if (
    typeof codeVerifier !== 'string' ||
    typeof state !== 'string' ||
    typeof nonce !== 'string' ||
    typeof redirectUri !== 'string' ||
    typeof exp !== 'number' ||
    exp <= now.getTime()
  ) {
    return undefined;
  }
  return { codeVerifier, state, nonce, redirectUri };
}

export function setOidcLoginCookie(reply: FastifyReply, sealed: string, secure: boolean): void {
  void reply.setCookie(OIDC_LOGIN_COOKIE, sealed, {
    httpOnly: true,
    // Lax, not Strict: the callback is a top-level navigation coming from the provider's
    // site, and a Strict cookie would not be sent with it.
    sameSite: 'lax',
    secure,
    path: COOKIE_PATH,
    maxAge: OIDC_LOGIN_TTL_SECONDS,
  });
}

export function clearOidcLoginCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(OIDC_LOGIN_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: COOKIE_PATH,
  });
}

export function readOidcLoginCookie(request: FastifyRequest): string | undefined {
  return request.cookies[OIDC_LOGIN_COOKIE];
}
