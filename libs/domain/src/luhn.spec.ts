import { hasValidLuhnCheckDigit, luhnCheckDigit } from './luhn';

describe('luhnCheckDigit', () => {
  it.each([
    // The example in the domain notes: 640823-323C gives C = 4.
    ['640823323', 4],
    ['811228987', 4],
    ['121212121', 2],
    ['556012579', 0],
    ['232100001', 6],
    ['000000000', 0],
  ])('check digit of %s is %i', (payload, digit) => {
    expect(luhnCheckDigit(payload)).toBe(digit);
  });

  it('rejects anything but digits', () => {
    expect(() => luhnCheckDigit('64082332X')).toThrow(RangeError);
    expect(() => luhnCheckDigit('')).toThrow(RangeError);
  });
});

describe('hasValidLuhnCheckDigit', () => {
  it.each([
    ['6408233234', true],
    ['6408233235', false],
    ['5560125790', true],
    ['5', false],
    ['556012-5790', false],
  ])('%s → %s', (digits, valid) => {
    expect(hasValidLuhnCheckDigit(digits)).toBe(valid);
  });
});
