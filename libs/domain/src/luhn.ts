// The Luhn (modulus 10) check digit used by Swedish personnummer, samordningsnummer and
// organisationsnummer (Skatteverket, SKV 704 and SKV 709).

const DIGITS_ONLY = /^\d+$/;

/**
 * Check digit for a string of digits, weighting them 2, 1, 2, 1, ... from the left, summing the
 * digits of each product and returning (10 - sum mod 10) mod 10.
 * For the 9-digit payloads of Swedish identity numbers this is the classic Luhn algorithm.
 */
export function luhnCheckDigit(payload: string): number {
  if (!DIGITS_ONLY.test(payload)) throw new RangeError('Luhn payload must be digits only');
  let sum = 0;
  for (let index = 0; index < payload.length; index += 1) {
    const digit = payload.charCodeAt(index) - 48;
    const product = index % 2 === 0 ? digit * 2 : digit;
    // The digit sum of a two-digit product (10-18) is the product minus 9.
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether the last digit of `digits` is the Luhn check digit of the digits before it. */
export function hasValidLuhnCheckDigit(digits: string): boolean {
  if (digits.length < 2 || !DIGITS_ONLY.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}
