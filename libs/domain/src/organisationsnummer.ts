// Swedish organisationsnummer (employers and other legal entities): validation and
// normalisation. Lag (1974:174) om identitetsbeteckning för juridiska personer m.fl.; format
// described by Skatteverket in SKV 709: ten digits NNNNNN-NNNC, a Luhn check digit over the first
// nine, and a third digit of at least 2 so that the number can never be read as a personnummer
// (whose third digit is the first digit of a month). A sole trader (enskild näringsidkare) has no
// organisationsnummer of its own and is identified by the owner's personnummer.

import { luhnCheckDigit } from './luhn';
import { parsePersonnummer } from './personnummer';

export type OrganisationsnummerKind = 'LEGAL_ENTITY' | 'SOLE_TRADER';

/**
 * - FORMAT: not 10 digits (optionally NNNNNN-NNNN), nor the 12-digit '16' form, nor a
 *   12-digit personnummer;
 * - CHECKSUM: the Luhn check digit does not match;
 * - NOT_ORGANISATION: third digit below 2 (so it would be a personnummer) but it is not a valid
 *   personnummer date, or a '16'-prefixed number whose third digit is below 2.
 */
export type OrganisationsnummerFailureReason = 'FORMAT' | 'CHECKSUM' | 'NOT_ORGANISATION';

export interface Organisationsnummer {
  /** 10 digits NNNNNNNNNC (for a sole trader: the owner's personnummer in 10-digit form). */
  normalised: string;
  /** SOLE_TRADER means the number is a personnummer: treat it as sensitive personal data. */
  kind: OrganisationsnummerKind;
}

export type OrganisationsnummerResult =
  | { ok: true; value: Organisationsnummer }
  | { ok: false; reason: OrganisationsnummerFailureReason };

const TEN_DIGITS = /^(\d{6})-?(\d{4})$/;
// The 12-digit form some registers use (e.g. in e-invoicing) prefixes the number with '16'.
const SIXTEEN_PREFIXED = /^16(\d{6})-?(\d{4})$/;
const PERSONNUMMER_TWELVE_DIGITS = /^(18|19|20)\d{6}-?\d{4}$/;
const MIN_LEGAL_ENTITY_THIRD_DIGIT = 2;

function thirdDigit(digits: string): number {
  return digits.charCodeAt(2) - 48;
}

function parseLegalEntity(digits: string): OrganisationsnummerResult {
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits.slice(9))) {
    return { ok: false, reason: 'CHECKSUM' };
  }
  return { ok: true, value: { normalised: digits, kind: 'LEGAL_ENTITY' } };
}

function parseSoleTrader(
  input: string,
  referenceDate: Date | undefined,
): OrganisationsnummerResult {
  const personnummer = parsePersonnummer(input, referenceDate);
  if (personnummer.ok) {
    return {
      ok: true,
      value: { normalised: personnummer.value.normalised.slice(2), kind: 'SOLE_TRADER' },
    };
  }
  return {
    ok: false,
    reason: personnummer.reason === 'CHECKSUM' ? 'CHECKSUM' : 'NOT_ORGANISATION',
  };
}

/**
 * Validates an organisationsnummer ('556012-5790', '5560125790', '165560125790') and returns it
 * as 10 digits. A valid personnummer (10 or 12 digits) is accepted as a sole trader and flagged
 * with kind 'SOLE_TRADER'; `referenceDate` decides its century as in parsePersonnummer.
 */
export function parseOrganisationsnummer(
  input: string,
  referenceDate?: Date,
): OrganisationsnummerResult {
  const trimmed = input.trim();

  const sixteen = SIXTEEN_PREFIXED.exec(trimmed);
  if (sixteen) {
    const digits = `${sixteen[1] ?? ''}${sixteen[2] ?? ''}`;
    // The '16' prefix belongs to legal entities only; a personnummer never carries it.
    if (thirdDigit(digits) < MIN_LEGAL_ENTITY_THIRD_DIGIT)
      return { ok: false, reason: 'NOT_ORGANISATION' };
    return parseLegalEntity(digits);
  }

  const ten = TEN_DIGITS.exec(trimmed);
  if (ten) {
    const digits = `${ten[1] ?? ''}${ten[2] ?? ''}`;
    return thirdDigit(digits) >= MIN_LEGAL_ENTITY_THIRD_DIGIT
      ? parseLegalEntity(digits)
      : parseSoleTrader(trimmed, referenceDate);
  }

  if (PERSONNUMMER_TWELVE_DIGITS.test(trimmed)) return parseSoleTrader(trimmed, referenceDate);

  return { ok: false, reason: 'FORMAT' };
}

export function isValidOrganisationsnummer(input: string, referenceDate?: Date): boolean {
  return parseOrganisationsnummer(input, referenceDate).ok;
}
