// Swedish wall-clock time: the rehab chain counts Swedish calendar days, reminders go out at
// a Swedish hour. The formatters are built once (building one per call is a measured cost on
// the read path).

export const STOCKHOLM_TIME_ZONE = 'Europe/Stockholm';

const dateFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: STOCKHOLM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: STOCKHOLM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Swedish calendar day ('YYYY-MM-DD') at `now`. */
export function stockholmToday(now: Date = new Date()): string {
  return dateFormat.format(now);
}

/** The Swedish hour (0–23) at `at`. */
export function stockholmHour(at: Date): number {
  return Number(partsFormat.formatToParts(at).find((part) => part.type === 'hour')?.value ?? 0);
}

/** Stockholm's offset from UTC at `at`, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(at: Date): number {
  const parts = partsFormat.formatToParts(at);
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant it is `hour`:00 in Sweden on the calendar day 'YYYY-MM-DD'. */
export function stockholmInstant(isoDate: string, hour: number): Date {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  const guess = Date.UTC(year, month - 1, day, hour);
  // The offset at the guess is right except within an hour of a change of offset; a
  // second pass settles it (02:00–03:00 on the spring day does not exist and moves on).
  const first = guess - offsetAt(new Date(guess));
  return new Date(guess - offsetAt(new Date(first)));
}

/** A DATE column (midnight UTC) as 'YYYY-MM-DD'. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' → the Date Prisma stores in a DATE column. */
export function fromIsoDate(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}
