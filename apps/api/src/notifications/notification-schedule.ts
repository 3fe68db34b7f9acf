import type { QuietHours } from '@atergang/contracts';
import { addDays } from '@atergang/domain';
import { stockholmHour, stockholmInstant, stockholmToday } from '../common/calendar';

// When notifications go out, in Swedish time: reminders at a fixed hour of a calendar day,
// e-mail held through quiet hours, the daily digest at the person's hour. Pure functions of
// an instant, so the queue's tests move the clock instead of waiting for it.

/** Reminders about a day (a task due tomorrow, a deadline next week) go out at 08:00. */
export const REMINDER_HOUR = 8;

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
  const today = stockholmToday(at);
  const endToday = stockholmInstant(today, quiet.until);
  return endToday.getTime() > at.getTime()
    ? endToday
    : stockholmInstant(addDays(today, 1), quiet.until);
}

/** The next digest time: `hour`:00 Stockholm today if still ahead, else tomorrow. */
export function nextDigestAt(at: Date, hour: number): Date {
  const today = stockholmToday(at);
  const candidate = stockholmInstant(today, hour);
  return candidate.getTime() > at.getTime() ? candidate : stockholmInstant(addDays(today, 1), hour);
}
