import { createHash, randomBytes } from 'node:crypto';

/**
 * The opaque tokens of e-mailed links (invitations, case openings, password resets): 32
 * random bytes, base64url, stored only as their SHA-256 so a read of the database gives
 * nobody a working link.
 */
export interface LinkToken {
  readonly token: string;
  readonly hash: string;
}

export const hashLinkToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export function newLinkToken(): LinkToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}
