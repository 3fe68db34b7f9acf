import {
  addDays,
  daysBetween,
  isIsoDate,
  isLeapYear,
  isRealCalendarDate,
  toIsoDate,
} from './iso-date';

describe('isLeapYear / isRealCalendarDate', () => {
  it.each([
    [2000, true],
    [1900, false],
    [2024, true],
    [2023, false],
    [2100, false],
  ])('isLeapYear(%i) is %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it.each([
    [2000, 2, 29, true],
    [1900, 2, 29, false],
    [2023, 2, 29, false],
    [2023, 4, 31, false],
    [2023, 12, 31, true],
    [2023, 13, 1, false],
    [2023, 0, 1, false],
    [2023, 1, 0, false],
  ])('%i-%i-%i is real: %s', (year, month, day, real) => {
    expect(isRealCalendarDate(year, month, day)).toBe(real);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-2-29', false],
    ['2024-02-29T00:00:00Z', false],
    ['', false],
  ])('%j → %s', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });
});

describe('addDays / daysBetween', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    // Across the spring daylight-saving change in Sweden: still whole days.
    ['2024-03-30', 2, '2024-04-01'],
    ['2023-01-01', 365, '2024-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %i days = %s', (from, days, to) => {
    expect(addDays(from, days)).toBe(to);
    expect(daysBetween(from, to)).toBe(days);
  });

  it('rejects dates that are not real ISO calendar dates', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
    expect(() => daysBetween('2024-01-01', '01/02/2024')).toThrow(RangeError);
    expect(() => addDays('2024-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('toIsoDate', () => {
  it('uses the UTC calendar date', () => {
    expect(toIsoDate(new Date(Date.UTC(2024, 1, 29, 23, 59, 59)))).toBe('2024-02-29');
    expect(toIsoDate(new Date(Date.UTC(2024, 2, 1, 0, 0, 0)))).toBe('2024-03-01');
  });

  it('rejects an invalid Date', () => {
    expect(() => toIsoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
