import { isValidPersonnummer, maskPersonnummer, parsePersonnummer } from './personnummer';

// A fixed reference date keeps the century decisions of the 10-digit forms reproducible.
const REFERENCE = new Date(Date.UTC(2024, 5, 15, 12)); // 2024-06-15

describe('parsePersonnummer', () => {
  it.each([
    // input, normalised, birthDate, isSamordningsnummer
    ['19640823-3234', '196408233234', '1964-08-23', false],
    ['196408233234', '196408233234', '1964-08-23', false],
    ['640823-3234', '196408233234', '1964-08-23', false],
    ['6408233234', '196408233234', '1964-08-23', false],
    ['  640823-3234\n', '196408233234', '1964-08-23', false],
    ['811228-9874', '198112289874', '1981-12-28', false],
    // '+' means aged 100 or more, so 1912 rather than 2012.
    ['121212+1212', '191212121212', '1912-12-12', false],
    ['121212-1212', '201212121212', '2012-12-12', false],
    // Samordningsnummer: day 63 is the 3rd.
    ['701063-2391', '197010632391', '1970-10-03', true],
    ['197010632391', '197010632391', '1970-10-03', true],
    // Leap day in a year divisible by 400.
    ['000229-1235', '200002291235', '2000-02-29', false],
    ['20000229-1235', '200002291235', '2000-02-29', false],
    // Born on the reference date is still "not in the future"; one day later is a century earlier.
    ['240615-1239', '202406151239', '2024-06-15', false],
    ['240616-1238', '192406161238', '1924-06-16', false],
  ])('accepts %j as %s', (input, normalised, birthDate, isSamordningsnummer) => {
    expect(parsePersonnummer(input, REFERENCE)).toEqual({
      ok: true,
      value: { normalised, birthDate, isSamordningsnummer },
    });
  });

  it.each([
    ['19640823-3235', 'CHECKSUM'],
    ['640823-3230', 'CHECKSUM'],
    ['701063-2392', 'CHECKSUM'],
    // 1900 was not a leap year (divisible by 100, not by 400); check digits are correct.
    ['19000229-1235', 'DATE'],
    ['000229+1235', 'DATE'],
    ['641323-1231', 'DATE'],
    ['640832-1237', 'DATE'],
    ['640800-1234', 'DATE'],
    // Samordningsnummer day 93 would be the 33rd.
    ['701093-1231', 'DATE'],
    // A 12-digit number born after the reference date.
    ['20250101-1239', 'DATE'],
    ['', 'FORMAT'],
    ['6408233', 'FORMAT'],
    ['64082332345', 'FORMAT'],
    ['640823/3234', 'FORMAT'],
    ['19640823+3234', 'FORMAT'],
    ['17640823-3234', 'FORMAT'],
    ['64O823-3234', 'FORMAT'],
  ])('rejects %j with %s', (input, reason) => {
    expect(parsePersonnummer(input, REFERENCE)).toEqual({ ok: false, reason });
  });

  it('uses the current date when no reference date is given', () => {
    expect(isValidPersonnummer('19640823-3234')).toBe(true);
    expect(isValidPersonnummer('19640823-3235')).toBe(false);
  });
});

describe('maskPersonnummer', () => {
  it.each([
    ['196408233234', '19640823-****'],
    ['197010632391', '19701063-****'],
    // Not a normalised number: mask everything rather than risk showing part of it.
    ['19640823-3234', '********-****'],
    ['6408233234', '********-****'],
    ['', '********-****'],
  ])('masks %j as %s', (input, masked) => {
    expect(maskPersonnummer(input)).toBe(masked);
  });
});
