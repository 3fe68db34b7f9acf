import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalLuxonDateTimeStub,
} from 'ical-generator';
import type { SlotAnswer } from '@atergang/contracts';
import { stockholmToday } from '../common/calendar';

// The calendar invitation of a meeting (RFC 5545, iTIP RFC 5546), built with ical-generator.

export const MEETING_TIME_ZONE = 'Europe/Stockholm';

export interface IcsPerson {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
}

/**
 * Whose copy of the invitation this is. Each person's file carries only their own e-mail
 * address: the others are named, never addressed (a meeting's invitees include the
 * patient's private address, which no other party may receive). When the reader did not
 * organise the meeting, the service's own address stands in for the organiser's, so replies
 * reach no one's private mailbox.
 */
export interface IcsReader {
  readonly userId: string;
  /** The service's sender address (MAIL_FROM's address part). */
  readonly serviceAddress: string;
  readonly language: 'sv' | 'en';
}

export interface IcsMeeting {
  /** Stable for the meeting's lifetime, so calendars update the same event. */
  readonly uid: string;
  /** Raised on every change sent out (fixing the time, cancelling). */
  readonly sequence: number;
  readonly state: 'PROPOSED' | 'SCHEDULED' | 'CANCELLED';
  readonly title: string;
  readonly agenda: string | null;
  readonly location: string | null;
  readonly videoUrl: string | null;
  /** The fixed time, or while none is fixed the earliest proposed one. */
  readonly start: Date;
  readonly end: Date;
  readonly organiser: IcsPerson;
  /** Everyone else invited, with their answer to the time above (null: not answered). */
  readonly attendees: readonly (IcsPerson & { readonly answer: SlotAnswer | null })[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * Europe/Stockholm as a VTIMEZONE: CET/CEST with the EU rules in force since 1996 (summer
 * time from the last Sunday of March 02:00 to the last Sunday of October 03:00). Static,
 * because the generator ical-generator suggests (@touch4it/ical-timezones) is not a
 * dependency; the rules cover every date a case can have.
 */
const STOCKHOLM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${MEETING_TIME_ZONE}`,
  `X-LIC-LOCATION:${MEETING_TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const timeZoneGenerator = (zone: string): string | null =>
  zone === MEETING_TIME_ZONE ? STOCKHOLM_VTIMEZONE : null;

/**
 * An instant that ical-generator formats as wall-clock time in a zone. ical-generator
 * formats a native Date with the *process's* local zone, so DTSTART;TZID=Europe/Stockholm
 * would be wrong on a server running in UTC; it formats Luxon-like values through
 * `setZone(zone).toFormat(...)`, which this implements with Intl for exactly the two
 * formats it asks for.
 */
class ZonedInstant implements ICalLuxonDateTimeStub {
  readonly zone = { type: 'iana' };

  constructor(
    private readonly instant: Date,
    private readonly zoneName = 'UTC',
  ) {}

  get isValid(): boolean {
    return !Number.isNaN(this.instant.getTime());
  }

  setZone(zone = 'UTC'): ZonedInstant {
    return new ZonedInstant(this.instant, zone);
  }

  toFormat(format: string): string {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: this.zoneName,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(this.instant);
    const part = (type: Intl.DateTimeFormatPartTypes): string =>
      parts.find((candidate) => candidate.type === type)?.value ?? '';
    switch (format) {
      case 'yyyyLLdd':
        return `${part('year')}${part('month')}${part('day')}`;
      case 'HHmmss':
        return `${part('hour')}${part('minute')}${part('second')}`;
      default:
        throw new Error(`ZonedInstant cannot format "${format}"`);
    }
  }

  toJSDate(): Date {
    return new Date(this.instant);
  }

  toJSON(): string {
    return this.instant.toISOString();
  }
}

const PARTSTAT: Readonly<Record<SlotAnswer, ICalAttendeeStatus>> = {
  YES: ICalAttendeeStatus.ACCEPTED,
  NO: ICalAttendeeStatus.DECLINED,
  MAYBE: ICalAttendeeStatus.TENTATIVE,
};

const LABELS = {
  sv: { video: 'Videolänk', invited: 'Deltagare' },
  en: { video: 'Video link', invited: 'Participants' },
} as const;

const EVENT_STATUS: Readonly<Record<IcsMeeting['state'], ICalEventStatus>> = {
  PROPOSED: ICalEventStatus.TENTATIVE,
  SCHEDULED: ICalEventStatus.CONFIRMED,
  CANCELLED: ICalEventStatus.CANCELLED,
};

/**
 * One VCALENDAR with one VEVENT: METHOD:REQUEST (CANCEL once cancelled), times in
 * Europe/Stockholm with its VTIMEZONE, DTSTAMP/CREATED/LAST-MODIFIED in UTC. While no time
 * is fixed the event carries the earliest proposed time with STATUS:TENTATIVE.
 */
export function buildMeetingInvite(meeting: IcsMeeting, reader: IcsReader): string {
  const calendar = ical({
    prodId: { company: 'Atergang', product: 'Atergang', language: 'SV' },
    method: meeting.state === 'CANCELLED' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // No calendar-wide zone name: DTSTAMP and friends stay in UTC as RFC 5545 requires;
    // the event's own zone pulls in the VTIMEZONE through the generator.
    timezone: { name: null, generator: timeZoneGenerator },
  });
  const readerIsOrganiser = meeting.organiser.userId === reader.userId;
  const others = [meeting.organiser, ...meeting.attendees].filter(
    (person) => person.userId !== reader.userId,
  );
  const description = [
    meeting.agenda,
    meeting.videoUrl && meeting.location
      ? `${LABELS[reader.language].video}: ${meeting.videoUrl}`
      : null,
    others.length > 0
      ? `${LABELS[reader.language].invited}: ${others.map((person) => person.name).join(', ')}`
      : null,
  ]
    .filter((part): part is string => Boolean(part))
    .join('\n\n');
  calendar.createEvent({
    id: meeting.uid,
    sequence: meeting.sequence,
    start: new ZonedInstant(meeting.start),
    end: new ZonedInstant(meeting.end),
    timezone: MEETING_TIME_ZONE,
    stamp: new Date(),
    created: meeting.createdAt,
    lastModified: meeting.updatedAt,
    summary: meeting.title,
    description: description || null,
    location: meeting.location ?? meeting.videoUrl,
    url: meeting.videoUrl,
    status: EVENT_STATUS[meeting.state],
    organizer: {
      name: meeting.organiser.name,
      email: readerIsOrganiser ? meeting.organiser.email : reader.serviceAddress,
    },
    // The reader's own line only (with their answer), so their calendar can show it as theirs.
    attendees: meeting.attendees
      .filter((attendee) => attendee.userId === reader.userId)
      .map((attendee) => ({
        name: attendee.name,
        email: attendee.email,
        role: ICalAttendeeRole.REQ,
        rsvp: meeting.state !== 'CANCELLED',
        status: attendee.answer ? PARTSTAT[attendee.answer] : ICalAttendeeStatus.NEEDSACTION,
      })),
  });
  return calendar.toString();
}

/**
 * The file name a person saves: the meeting's title and date in plain ASCII, so every
 * operating system keeps it (`avstamningsmote-om-annas-atergang-2026-12-10.ics`).
 */
export function meetingInviteFileName(meeting: Pick<IcsMeeting, 'title' | 'start'>): string {
  const slug = meeting.title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'mote'}-${stockholmToday(meeting.start)}.ics`;
}
