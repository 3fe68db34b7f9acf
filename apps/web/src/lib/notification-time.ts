// When a notification came, said the way a person says it, always in Swedish time
// (Europe/Stockholm) whatever the browser's own zone or locale: the notifications are
// about Swedish cases, and "i går" must mean the same day to everyone in them.
// Pure (no React, no i18n): unit/notification-time.spec.ts.

export const NOTIFICATION_TIME_ZONE = 'Europe/Stockholm';

export type TimeLanguage = 'sv' | 'en';

const locales: Record<TimeLanguage, string> = { sv: 'sv-SE', en: 'en-GB' };
const at: Record<TimeLanguage, string> = { sv: 'kl.', en: 'at' };

/** The calendar day 'YYYY-MM-DD' in Stockholm of an instant. */
export function stockholmDay(instant: Date): string {
  return instant.toLocaleDateString('sv-SE', { timeZone: NOTIFICATION_TIME_ZONE });
}

/** Whole calendar days from `earlier` to `later` ('YYYY-MM-DD' each). */
function daysBetween(earlier: string, later: string): number {
  return Math.round(
    (Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000,
  );
}

/**
 * "nu", "för 5 minuter sedan", "i dag kl. 09:15", "i går kl. 16:40", "3 december kl. 09:15",
 * "3 december 2025 kl. 09:15" (English likewise).
 */
export function notificationTime(iso: string, now: Date, language: TimeLanguage): string {
  const locale = locales[language];
  const instant = new Date(iso);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = (now.getTime() - instant.getTime()) / 1000;
  // A clock a little ahead of the server's makes a new one "in the future": it is now.
  if (seconds < 60) return relative.format(0, 'second');
  if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), 'minute');
  const clock = instant.toLocaleTimeString(locale, {
    timeZone: NOTIFICATION_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  });
  const days = daysBetween(stockholmDay(instant), stockholmDay(now));
  if (days === 0 || days === 1) return `${relative.format(-days, 'day')} ${at[language]} ${clock}`;
  const sameYear = stockholmDay(instant).slice(0, 4) === stockholmDay(now).slice(0, 4);
  return instant.toLocaleString(locale, {
    timeZone: NOTIFICATION_TIME_ZONE,
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  });
}
