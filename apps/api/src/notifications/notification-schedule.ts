import type { QuietHours } from '@atergang/contracts';

// When notifications go out, in Swedish time: reminders at a fixed hour of a calendar day,
// e-mail held through quiet hours, the daily digest at the person's hour. Pure functions of
// an instant, so the queue's tests move the clock instead of waiting for it.

export const NOTIFICATION_TIME_ZONE = 'Europe/Stockholm';

/** Reminders about a day (a task due tomorrow, a deadline next week) go out at 08:00. */
export const REMINDER_HOUR = 8;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: NOTIFICATION_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function localParts(at: Date): LocalParts {
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(partsFormat.formatToParts(at).find((part) => part.type === type)?.value ?? 0);
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    hour: value('hour'),
    minute: value('minute'),
    second: value('second'),
  };
}

/** Stockholm's offset from UTC at `at`, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(at: Date): number {
  const p = localParts(at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant it is `hour`:00 in Stockholm on the calendar day 'YYYY-MM-DD'. */
export function stockholmInstant(isoDate: string, hour: number): Date {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  const guess = Date.UTC(year, month - 1, day, hour);
  // The offset at the guess is right except within an hour of a change of offset; a
  // second pass settles it (02:00–03:00 on the spring day does not exist and moves on).
  const first = guess - offsetAt(new Date(guess));
  return new Date(guess - offsetAt(new Date(first)));
}

/** The calendar day 'YYYY-MM-DD' `days` after (or before) `isoDate`. */
export function addCalendarDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Stockholm hour (0–23) at `at`. */
export function stockholmHour(at: Date): number {
  return localParts(at).hour;
}

/** The Stockholm calendar day of `at`. */
export function stockholmDate(at: Date): string {
  const p = localParts(at);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Whether `at` lies in the quiet hours (from ≤ hour < until, spanning midnight if from > until). */
export function inQuietHours(at: Date, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  const hour = stockholmHour(at);
  return quiet.from < quiet.until
    ? hour >= quiet.from && hour < quiet.until
    : hour >= quiet.from || hour < quiet.until;
}

/** The first instant at or after `at` outside the quiet hours (`at` itself when outside). */
export function afterQuietHours(at: Date, quiet: QuietHours | null): Date {
  if (!inQuietHours(at, quiet) || !quiet) return at;
  const today = stockholmDate(at);
  const endToday = stockholmInstant(today, quiet.until);
  return endToday.getTime() > at.getTime()
    ? endToday
    : stockholmInstant(addCalendarDays(today, 1), quiet.until);
}

/** The next digest time: `hour`:00 Stockholm today if still ahead, else tomorrow. */
export function nextDigestAt(at: Date, hour: number): Date {
  const today = stockholmDate(at);
  const candidate = stockholmInstant(today, hour);
  return candidate.getTime() > at.getTime()
    ? candidate
    : stockholmInstant(addCalendarDays(today, 1), hour);
}
