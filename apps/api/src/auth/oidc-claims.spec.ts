import { DEFAULT_OIDC_OPTIONS, hsaIdFromClaims, personnummerFromClaims } from './oidc-claims';

const { personnummerClaims, hsaIdClaims } = DEFAULT_OIDC_OPTIONS;
const NOW = new Date('2026-01-15T12:00:00Z');

describe('personnummerFromClaims', () => {
  it('reads the Swedish OIDC profile claim and normalises to 12 digits', () => {
    const claims = { 'https://id.oidc.se/claim/personalIdentityNumber': '850312-2387' };
    expect(personnummerFromClaims(claims, personnummerClaims, NOW)).toBe('198503122387');
  });

  it('accepts a samordningsnummer from the coordination number claim', () => {
    // Day 12 + 60 = 72; Luhn over 850372238 gives check digit 4.
    const claims = { 'https://id.oidc.se/claim/coordinationNumber': '198503722384' };
    expect(personnummerFromClaims(claims, personnummerClaims, NOW)).toBe('198503722384');
  });

  it('skips invalid values and non-strings, trying the next candidate claim', () => {
    const claims = {
      'https://id.oidc.se/claim/personalIdentityNumber': '198503122388',
      personalIdentityNumber: 198503122387,
      personnummer: '198503122387',
    };
    expect(personnummerFromClaims(claims, personnummerClaims, NOW)).toBe('198503122387');
    expect(personnummerFromClaims({ personnummer: 'x' }, personnummerClaims, NOW)).toBeUndefined();
  });
});

describe('hsaIdFromClaims', () => {
  it("reads Inera's employeeHsaId and ignores malformed ids", () => {
    expect(hsaIdFromClaims({ employeeHsaId: ' SE2321000016-L4K1 ' }, hsaIdClaims)).toBe(
      'SE2321000016-L4K1',
    );
    expect(hsaIdFromClaims({ employeeHsaId: 'TSTNMT2321000156-1' }, hsaIdClaims)).toBeUndefined();
  });

  it('takes the first valid value of a multi-valued claim', () => {
    expect(hsaIdFromClaims({ hsa_id: ['nope', 'SE2321000016-K0R1'] }, hsaIdClaims)).toBe(
      'SE2321000016-K0R1',
    );
  });
});
