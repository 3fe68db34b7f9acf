import { stockholmInstant, stockholmToday } from '../common/calendar';
import { afterQuietHours, inQuietHours, nextDigestAt } from './notification-schedule';

describe('notification schedule (Europe/Stockholm)', () => {
  it('finds 08:00 Swedish time in winter (+01:00) and in summer (+02:00)', () => {
    expect(stockholmInstant('2026-12-03', 8).toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(stockholmInstant('2026-07-03', 8).toISOString()).toBe('2026-07-03T06:00:00.000Z');
  });

  it('crosses the changes of offset correctly', () => {
    // 29 March 2026: clocks go from 02:00 to 03:00; 25 October 2026: from 03:00 back to 02:00.
    expect(stockholmInstant('2026-03-29', 8).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(stockholmInstant('2026-03-28', 8).toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(stockholmInstant('2026-10-25', 8).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('tells quiet hours that span midnight and those that do not', () => {
    const quiet = { from: 21, until: 7 };
    expect(inQuietHours(new Date('2026-12-02T21:30:00Z'), quiet)).toBe(true); // 22:30
    expect(inQuietHours(new Date('2026-12-02T05:59:00Z'), quiet)).toBe(true); // 06:59
    expect(inQuietHours(new Date('2026-12-02T06:00:00Z'), quiet)).toBe(false); // 07:00
    expect(inQuietHours(new Date('2026-12-02T12:00:00Z'), { from: 12, until: 14 })).toBe(true);
    expect(inQuietHours(new Date('2026-12-02T12:00:00Z'), null)).toBe(false);
  });

  it('holds e-mail until the quiet hours end, the same night or the next morning', () => {
    const quiet = { from: 21, until: 7 };
    // 22:30 on 2 December → 07:00 on 3 December.
    expect(afterQuietHours(new Date('2026-12-02T21:30:00Z'), quiet).toISOString()).toBe(
      '2026-12-03T06:00:00.000Z',
    );
    // 05:00 on 3 December → 07:00 the same day.
    expect(afterQuietHours(new Date('2026-12-03T04:00:00Z'), quiet).toISOString()).toBe(
      '2026-12-03T06:00:00.000Z',
    );
    const noon = new Date('2026-12-03T11:00:00Z');
    expect(afterQuietHours(noon, quiet)).toBe(noon);
  });

  it('sends the digest at the chosen hour, today while it is ahead, else tomorrow', () => {
    expect(nextDigestAt(new Date('2026-12-02T10:00:00Z'), 17).toISOString()).toBe(
      '2026-12-02T16:00:00.000Z',
    );
    expect(nextDigestAt(new Date('2026-12-02T16:00:00Z'), 17).toISOString()).toBe(
      '2026-12-03T16:00:00.000Z',
    );
    expect(stockholmToday(new Date('2026-12-02T23:30:00Z'))).toBe('2026-12-03');
  });
});
