import { createSecretKey, type KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

/**
 * The one key object access tokens are verified with, on HTTP (passport-jwt) and on sockets
 * alike: built once per secret. Given a string, jsonwebtoken derives a key on every
 * verification (≈7 % of the API's CPU under load, bench/results).
 */
export function accessTokenKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** The algorithm access tokens are signed and verified with. */
export const ACCESS_TOKEN_ALGORITHMS = ['HS256'] as const;
