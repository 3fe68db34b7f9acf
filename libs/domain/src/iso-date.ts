// Calendar-date arithmetic on ISO 'YYYY-MM-DD' strings.
// Deadlines in the rehabilitation chain are counted in calendar days (kalenderdagar), never in
// hours, so dates are handled as whole UTC days: no local time zone, and no daylight-saving
// shift can move a deadline by a day.

/** A calendar date written 'YYYY-MM-DD' (ISO 8601, no time, no zone). */
export type IsoDate = string;

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Gregorian leap year: every 4th year, except centuries not divisible by 400 (1900 no, 2000 yes). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether year-month-day names a real date in the Gregorian calendar (month 1-12). */
export function isRealCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const monthLength = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= monthLength;
}

/** Whether the string is a real calendar date in 'YYYY-MM-DD' form. */
export function isIsoDate(value: string): boolean {
  return toEpochDay(value) !== undefined;
}

/** Days since 1970-01-01 for a real 'YYYY-MM-DD' date, or undefined if the string is not one. */
function toEpochDay(value: string): number | undefined {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (!isRealCalendarDate(year, month, day)) return undefined;
  // Date.UTC maps years 0-99 to 1900-1999, so the full year is set explicitly afterwards.
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

function requireEpochDay(value: string): number {
  const epochDay = toEpochDay(value);
  if (epochDay === undefined) {
    throw new RangeError(`Expected an ISO calendar date 'YYYY-MM-DD', got '${value}'`);
  }
  return epochDay;
}

function fromEpochDay(epochDay: number): IsoDate {
  const date = new Date(epochDay * MS_PER_DAY);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** The date `days` calendar days after (or before, if negative) `date`. Throws on a bad date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError('days must be a whole number');
  return fromEpochDay(requireEpochDay(date) + days);
}

/** Calendar days from `from` to `to` (positive when `to` is later). Throws on a bad date. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return requireEpochDay(to) - requireEpochDay(from);
}

/** The UTC calendar date of a point in time, as 'YYYY-MM-DD'. */
export function toIsoDate(moment: Date): IsoDate {
  const time = moment.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date');
  return fromEpochDay(Math.floor(time / MS_PER_DAY));
}
