import { stockholmToday } from './calendar';

const at = (iso: string): Date => new Date(iso);

describe('stockholmToday', () => {
  it('turns the Swedish day at Swedish midnight, not at midnight UTC, in winter and summer', () => {
    // Winter (CET, UTC+1).
    expect(stockholmToday(at('2026-01-15T00:00:00Z'))).toBe('2026-01-15');
    expect(stockholmToday(at('2026-01-15T22:59:59Z'))).toBe('2026-01-15');
    expect(stockholmToday(at('2026-01-15T23:00:00Z'))).toBe('2026-01-16');
    // Summer (CEST, UTC+2).
    expect(stockholmToday(at('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(stockholmToday(at('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    expect(stockholmToday(at('2026-07-02T00:00:00Z'))).toBe('2026-07-02');
    // New Year's Eve in UTC is already New Year's Day in Sweden.
    expect(stockholmToday(at('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('follows the changes of offset on the days summer time starts and ends', () => {
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST (01:00 UTC).
    expect(stockholmToday(at('2026-03-28T22:59:59Z'))).toBe('2026-03-28');
    expect(stockholmToday(at('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(stockholmToday(at('2026-03-29T21:59:59Z'))).toBe('2026-03-29');
    expect(stockholmToday(at('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    // 25 October 2026: clocks go from 03:00 CEST back to 02:00 CET (01:00 UTC).
    expect(stockholmToday(at('2026-10-24T21:59:59Z'))).toBe('2026-10-24');
    expect(stockholmToday(at('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(stockholmToday(at('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
    expect(stockholmToday(at('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('builds no date formatter per call (one is made when the module loads)', () => {
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      for (let i = 0; i < 10; i += 1) stockholmToday(at('2026-05-05T12:00:00Z'));
      stockholmToday();
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });
});
