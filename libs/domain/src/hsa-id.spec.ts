import { HSA_ID_MAX_LENGTH, isValidHsaId } from './hsa-id';

const LONGEST_SUFFIX = 'A'.repeat(HSA_ID_MAX_LENGTH - 'SE2321000016-'.length);

describe('isValidHsaId', () => {
  it.each([
    'SE2321000016-1003',
    'SE2321000016-15TQ',
    'SE5560125790-abcXYZ09',
    'SE165560125790-1000',
    ' SE2321000016-1003 ',
    `SE2321000016-${LONGEST_SUFFIX}`,
  ])('accepts %j', (input) => {
    expect(isValidHsaId(input)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['SE2321000016', 'no suffix'],
    ['SE2321000016-', 'empty suffix'],
    [`SE2321000016-${LONGEST_SUFFIX}A`, 'longer than 31 characters'],
    ['se2321000016-1003', 'lower-case country code'],
    ['NO2321000016-1003', 'other country'],
    ['SE2321000017-1003', 'organisationsnummer check digit'],
    ['SE232100001-1003', 'nine-digit organisationsnummer'],
    ['SE6408233234-1003', 'a personnummer as directory owner'],
    ['SE2321000016-10 03', 'space in suffix'],
    ['SE2321000016-Åsa', 'å, ä, ö are not allowed'],
    ['SE2321000016-a@b', '@ is not allowed'],
    ['TSTNMT2321000156-1039', 'test-environment prefix'],
  ])('rejects %j (%s)', (input) => {
    expect(isValidHsaId(input)).toBe(false);
  });
});
