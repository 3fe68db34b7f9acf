// Swedish personnummer and samordningsnummer: validation and normalisation.
// Folkbokföringslagen (1991:481) 18 § (personnummer) and 18 a § (samordningsnummer, where 60
// is added to the day of birth); format, century sign and check digit as described by
// Skatteverket in SKV 704.
// Both numbers are sensitive personal data: nothing here logs, and failures never echo input.

import { isRealCalendarDate, toIsoDate } from './iso-date';
import { luhnCheckDigit } from './luhn';

export type PersonnummerFailureReason = 'FORMAT' | 'DATE' | 'CHECKSUM';

export interface Personnummer {
  /** 12 digits YYYYMMDDNNNC; a samordningsnummer keeps its day + 60. */
  normalised: string;
  /** The real birth date 'YYYY-MM-DD' (for a samordningsnummer, the day minus 60). */
  birthDate: string;
  isSamordningsnummer: boolean;
}

export type PersonnummerResult =
  { ok: true; value: Personnummer } | { ok: false; reason: PersonnummerFailureReason };

// Centuries a living or recently living person can be born in.
const TWELVE_DIGITS = /^(18|19|20)(\d{6})-?(\d{4})$/;
// '+' is written instead of '-' from the year the person turns 100 (SKV 704).
const TEN_DIGITS = /^(\d{6})([-+]?)(\d{4})$/;
const SAMORDNINGSNUMMER_DAY_OFFSET = 60;

interface Parts {
  century: number | undefined;
  yymmdd: string;
  centenarian: boolean;
  serial: string;
}

function splitParts(input: string): Parts | undefined {
  const twelve = TWELVE_DIGITS.exec(input);
  if (twelve) {
    return {
      century: Number(twelve[1]),
      yymmdd: twelve[2] ?? '',
      centenarian: false,
      serial: twelve[3] ?? '',
    };
  }
  const ten = TEN_DIGITS.exec(input);
  if (ten) {
    return {
      century: undefined,
      yymmdd: ten[1] ?? '',
      centenarian: ten[2] === '+',
      serial: ten[3] ?? '',
    };
  }
  return undefined;
}

function compareDates(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The 10-digit form leaves the century out: take the most recent century in which the person
 * is not born after the reference date, and go back one more century for '+' (aged 100 or more).
 */
function resolveYear(
  parts: Parts,
  month: number,
  day: number,
  reference: readonly number[],
): number {
  const yy = Number(parts.yymmdd.slice(0, 2));
  if (parts.century !== undefined) return parts.century * 100 + yy;
  const referenceYear = reference[0] ?? 0;
  let year = Math.floor(referenceYear / 100) * 100 + yy;
  if (compareDates([year, month, day], reference) > 0) year -= 100;
  return parts.centenarian ? year - 100 : year;
}

/**
 * Validates a personnummer or samordningsnummer and returns it in 12-digit form.
 * Accepts YYYYMMDDNNNC, YYYYMMDD-NNNC, YYMMDDNNNC, YYMMDD-NNNC and YYMMDD+NNNC (surrounding
 * whitespace ignored). `referenceDate` (default now, taken as a UTC calendar date) decides the
 * century of the 10-digit forms; a birth date after it is rejected as 'DATE'.
 */
export function parsePersonnummer(
  input: string,
  referenceDate: Date = new Date(),
): PersonnummerResult {
  const parts = splitParts(input.trim());
  if (!parts) return { ok: false, reason: 'FORMAT' };

  const month = Number(parts.yymmdd.slice(2, 4));
  const writtenDay = Number(parts.yymmdd.slice(4, 6));
  const isSamordningsnummer = writtenDay > SAMORDNINGSNUMMER_DAY_OFFSET;
  const day = isSamordningsnummer ? writtenDay - SAMORDNINGSNUMMER_DAY_OFFSET : writtenDay;

  const reference = toIsoDate(referenceDate).split('-').map(Number);
  const year = resolveYear(parts, month, day, reference);
  if (!isRealCalendarDate(year, month, day)) return { ok: false, reason: 'DATE' };
  if (compareDates([year, month, day], reference) > 0) return { ok: false, reason: 'DATE' };

  // The check digit covers YYMMDDNNN exactly as written (day + 60 for a samordningsnummer).
  const payload = parts.yymmdd + parts.serial.slice(0, 3);
  if (luhnCheckDigit(payload) !== Number(parts.serial.slice(3))) {
    return { ok: false, reason: 'CHECKSUM' };
  }

  const yyyy = String(year).padStart(4, '0');
  const mm = parts.yymmdd.slice(2, 4);
  return {
    ok: true,
    value: {
      normalised: `${yyyy}${parts.yymmdd.slice(2)}${parts.serial}`,
      birthDate: `${yyyy}-${mm}-${String(day).padStart(2, '0')}`,
      isSamordningsnummer,
    },
  };
}

export function isValidPersonnummer(input: string, referenceDate?: Date): boolean {
  return parsePersonnummer(input, referenceDate).ok;
}

/**
 * Display and log form that hides the birth number and check digit: '19640823-****'.
 * Anything that is not a normalised 12-digit number is masked completely, so a malformed value
 * can never leak through.
 */
export function maskPersonnummer(normalised: string): string {
  return /^\d{12}$/.test(normalised) ? `${normalised.slice(0, 8)}-****` : '********-****';
}
