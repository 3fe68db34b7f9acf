import { notificationTime, stockholmDay } from '../src/lib/notification-time';

// When a notification came, in Swedish time whatever the machine's own zone: the test
// instants are chosen so that UTC and Stockholm disagree about the day.

const now = new Date('2026-12-04T09:30:00.000Z'); // 10:30 in Stockholm (winter, UTC+1)

describe('notificationTime', () => {
  it('says "nu" for the last minute, also for a time a little ahead of this clock', () => {
    expect(notificationTime('2026-12-04T09:29:30.000Z', now, 'sv')).toBe('nu');
    expect(notificationTime('2026-12-04T09:30:20.000Z', now, 'sv')).toBe('nu');
    expect(notificationTime('2026-12-04T09:29:30.000Z', now, 'en')).toBe('now');
  });

  it('counts minutes within the hour', () => {
    expect(notificationTime('2026-12-04T09:25:00.000Z', now, 'sv')).toBe('för 5 minuter sedan');
    expect(notificationTime('2026-12-04T08:31:00.000Z', now, 'sv')).toBe('för 59 minuter sedan');
    expect(notificationTime('2026-12-04T09:25:00.000Z', now, 'en')).toBe('5 minutes ago');
  });

  it('says today and yesterday with the Stockholm clock time', () => {
    expect(notificationTime('2026-12-04T07:15:00.000Z', now, 'sv')).toBe('i dag kl. 08:15');
    expect(notificationTime('2026-12-03T15:40:00.000Z', now, 'sv')).toBe('i går kl. 16:40');
    expect(notificationTime('2026-12-03T15:40:00.000Z', now, 'en')).toBe('yesterday at 16:40');
  });

  it('takes the day from Stockholm, not from UTC', () => {
    // 23:30 UTC on 3 December is already 00:30 on 4 December in Stockholm: today.
    expect(notificationTime('2026-12-03T23:30:00.000Z', now, 'sv')).toBe('i dag kl. 00:30');
    // Just after midnight in Stockholm, something at 22:00 the evening before is yesterday,
    // though UTC calls both the same day.
    const justAfterMidnight = new Date('2026-12-03T23:10:00.000Z'); // 00:10 on 4 December
    expect(notificationTime('2026-12-03T21:00:00.000Z', justAfterMidnight, 'sv')).toBe(
      'i går kl. 22:00',
    );
  });

  it('gives the date for older ones, with the year only when it is another year', () => {
    expect(notificationTime('2026-12-01T08:15:00.000Z', now, 'sv')).toBe('1 december kl. 09:15');
    expect(notificationTime('2026-06-01T08:15:00.000Z', now, 'sv')).toBe('1 juni kl. 10:15');
    expect(notificationTime('2025-12-01T08:15:00.000Z', now, 'sv')).toBe(
      '1 december 2025 kl. 09:15',
    );
    expect(notificationTime('2026-12-01T08:15:00.000Z', now, 'en')).toBe('1 December at 09:15');
  });
});

describe('stockholmDay', () => {
  it('is the calendar day in Stockholm, summer time included', () => {
    expect(stockholmDay(new Date('2026-12-03T23:30:00.000Z'))).toBe('2026-12-04');
    expect(stockholmDay(new Date('2026-06-30T22:30:00.000Z'))).toBe('2026-07-01');
    expect(stockholmDay(new Date('2026-06-30T21:30:00.000Z'))).toBe('2026-06-30');
  });
});
