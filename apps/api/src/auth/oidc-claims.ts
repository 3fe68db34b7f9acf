// Which ID token / UserInfo claims identify a person, and how they are read.
// Swedish identity brokers do not agree on claim names, so each identifier has a list of
// candidates, tried in order:
// - "Claims and Scopes Specification for the Swedish OpenID Connect Profile" (oidc.se, 1.0):
//   https://id.oidc.se/claim/personalIdentityNumber and .../coordinationNumber, released by
//   the scope https://id.oidc.se/scope/naturalPersonNumber.
// - Inera's IdP (SITHS): the claims keep the Sambi attribute names, e.g. employeeHsaId and
//   personalIdentityNumber.
// - personal_identity_number / personnummer / hsa_id: snake_case and Swedish spellings that
//   smaller brokers and our own test provider use.

import { isValidHsaId, parsePersonnummer } from '@atergang/domain';

export interface OidcOptions {
  /** Requested scopes. Providers ignore scopes they do not know (RFC 6749 §3.3). */
  readonly scope: string;
  /** Claims that may carry a personnummer or samordningsnummer, most specific first. */
  readonly personnummerClaims: readonly string[];
  /** Claims that may carry the person's HSA-id (healthcare staff signing in with SITHS). */
  readonly hsaIdClaims: readonly string[];
}

export const DEFAULT_OIDC_OPTIONS: OidcOptions = {
  scope: 'openid profile https://id.oidc.se/scope/naturalPersonNumber',
  personnummerClaims: [
    'https://id.oidc.se/claim/personalIdentityNumber',
    'https://id.oidc.se/claim/coordinationNumber',
    'personalIdentityNumber',
    'personal_identity_number',
    'personnummer',
  ],
  hsaIdClaims: ['employeeHsaId', 'https://id.oidc.se/claim/hsaId', 'hsa_id'],
};

/** Injection token for the OidcOptions (AuthModule provides DEFAULT_OIDC_OPTIONS). */
export const OIDC_OPTIONS = Symbol('OIDC_OPTIONS');

export type Claims = Readonly<Record<string, unknown>>;

/** A claim's string values: a single string or an array of strings; anything else is none. */
function stringValues(claims: Claims, name: string): string[] {
  const value = claims[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    return value.filter((item): item is string => typeof item === 'string');
  }
  return [];
}

/**
 * The first valid personnummer (or samordningsnummer) among the candidate claims, in the
 * 12-digit form stored on users. Invalid values are skipped silently: they must not be logged.
 */
export function personnummerFromClaims(
  claims: Claims,
  names: readonly string[],
  now: Date = new Date(),
): string | undefined {
  for (const name of names) {
    for (const value of stringValues(claims, name)) {
      const parsed = parsePersonnummer(value, now);
      if (parsed.ok) return parsed.value.normalised;
    }
  }
  return undefined;
}

/** The first well-formed HSA-id among the candidate claims. */
export function hsaIdFromClaims(claims: Claims, names: readonly string[]): string | undefined {
  for (const name of names) {
    for (const value of stringValues(claims, name)) {
      if (isValidHsaId(value)) return value.trim();
    }
  }
  return undefined;
}
