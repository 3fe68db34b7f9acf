import { isValidOrganisationsnummer, parseOrganisationsnummer } from './organisationsnummer';

const REFERENCE = new Date(Date.UTC(2024, 5, 15)); // 2024-06-15

describe('parseOrganisationsnummer', () => {
  it.each([
    // AB Volvo
    ['556012-5790', '5560125790', 'LEGAL_ENTITY'],
    ['5560125790', '5560125790', 'LEGAL_ENTITY'],
    [' 556012-5790 ', '5560125790', 'LEGAL_ENTITY'],
    ['165560125790', '5560125790', 'LEGAL_ENTITY'],
    ['16556012-5790', '5560125790', 'LEGAL_ENTITY'],
    // Region Stockholm
    ['232100-0016', '2321000016', 'LEGAL_ENTITY'],
    // Sole traders are identified by their personnummer.
    ['640823-3234', '6408233234', 'SOLE_TRADER'],
    ['19640823-3234', '6408233234', 'SOLE_TRADER'],
    ['701063-2391', '7010632391', 'SOLE_TRADER'],
  ])('accepts %j as %s (%s)', (input, normalised, kind) => {
    expect(parseOrganisationsnummer(input, REFERENCE)).toEqual({
      ok: true,
      value: { normalised, kind },
    });
  });

  it.each([
    ['556012-5791', 'CHECKSUM'],
    ['165560125791', 'CHECKSUM'],
    ['232100-0017', 'CHECKSUM'],
    ['640823-3235', 'CHECKSUM'],
    // Third digit below 2 but no real date: neither an organisation nor a personnummer.
    ['551312-3456', 'NOT_ORGANISATION'],
    // The '16' prefix is for legal entities only.
    ['166408233234', 'NOT_ORGANISATION'],
    ['', 'FORMAT'],
    ['55601257', 'FORMAT'],
    ['556012_5790', 'FORMAT'],
    ['556012+5790', 'FORMAT'],
    ['5560125790123', 'FORMAT'],
  ])('rejects %j with %s', (input, reason) => {
    expect(parseOrganisationsnummer(input, REFERENCE)).toEqual({ ok: false, reason });
  });

  it('has a boolean shorthand', () => {
    expect(isValidOrganisationsnummer('556012-5790')).toBe(true);
    expect(isValidOrganisationsnummer('556012-5791')).toBe(false);
  });
});
