import {
  buildMeetingInvite as build,
  meetingInviteFileName,
  type IcsMeeting,
  type IcsReader,
} from './meetings.ics';

/** Unfolded content lines (RFC 5545 3.1: CRLF followed by a space continues a line). */
function lines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}

const base: IcsMeeting = {
  uid: '4f7c2a8e-7d43-4a59-9d0e-2b1f6f1c9a10',
  sequence: 0,
  state: 'PROPOSED',
  title: 'Avstämningsmöte; Annas återgång, del 1',
  agenda: '1. Hur mår Anna?\n2. Planen',
  location: null,
  videoUrl: 'https://video.atergang.test/avstamning',
  start: new Date('2026-12-01T08:00:00Z'),
  end: new Date('2026-12-01T09:00:00Z'),
  organiser: { userId: 'u-fk', name: 'Johan Berg', email: 'fk@atergang.test' },
  attendees: [
    { userId: 'u-anna', name: 'Anna Andersson', email: 'anna@atergang.test', answer: 'YES' },
    { userId: 'u-chef', name: 'Maria Lindqvist', email: 'chef@atergang.test', answer: null },
  ],
  createdAt: new Date('2026-11-20T10:00:00Z'),
  updatedAt: new Date('2026-11-21T10:00:00Z'),
};

const reader = (userId: string): IcsReader => ({
  userId,
  serviceAddress: 'no-reply@atergang.test',
  language: 'sv',
});

/** The organiser's own copy unless a test says whose. */
const buildMeetingInvite = (meeting: IcsMeeting, whose = reader('u-fk')): string =>
  build(meeting, whose);

describe('the meeting invitation (.ics)', () => {
  it('is one VCALENDAR with one VEVENT, a request, tentative while no time is fixed', () => {
    const content = lines(buildMeetingInvite(base));
    expect(content[0]).toBe('BEGIN:VCALENDAR');
    expect(content.at(-1)).toBe('END:VCALENDAR');
    expect(content.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(content).toContain('VERSION:2.0');
    expect(content).toContain('METHOD:REQUEST');
    expect(content).toContain(`UID:${base.uid}`);
    expect(content).toContain('SEQUENCE:0');
    expect(content).toContain('STATUS:TENTATIVE');
    expect(content).toContain('SUMMARY:Avstämningsmöte\\; Annas återgång\\, del 1');
    expect(content).toContain(
      'DESCRIPTION:1. Hur mår Anna?\\n2. Planen\\n\\nDeltagare: Anna Andersson\\, Maria Lindqvist',
    );
    expect(content).toContain('LOCATION:https://video.atergang.test/avstamning');
  });

  it('gives Swedish wall-clock times with TZID and a Europe/Stockholm VTIMEZONE, in winter and summer', () => {
    const winter = lines(buildMeetingInvite(base));
    expect(winter).toContain('DTSTART;TZID=Europe/Stockholm:20261201T090000');
    expect(winter).toContain('DTEND;TZID=Europe/Stockholm:20261201T100000');
    expect(winter).toContain('BEGIN:VTIMEZONE');
    expect(winter).toContain('TZID:Europe/Stockholm');
    expect(winter.some((line) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(line))).toBe(true);
    expect(winter).toContain('CREATED:20261120T100000Z');

    const summer = lines(
      buildMeetingInvite({
        ...base,
        start: new Date('2027-06-15T07:30:00Z'),
        end: new Date('2027-06-15T08:30:00Z'),
      }),
    );
    expect(summer).toContain('DTSTART;TZID=Europe/Stockholm:20270615T093000');
  });

  it('gives each person a copy with only their own address: the others are named, never addressed', () => {
    const anna = lines(buildMeetingInvite(base, reader('u-anna')));
    const everyAddress = anna.join('\n').match(/[\w.+-]+@[\w.-]+/g) ?? [];
    expect([...new Set(everyAddress)].sort()).toEqual([
      'anna@atergang.test',
      'no-reply@atergang.test',
    ]);
    expect(anna).toContain('ORGANIZER;CN="Johan Berg":mailto:no-reply@atergang.test');
    const attendees = anna.filter((line) => line.startsWith('ATTENDEE'));
    expect(attendees).toHaveLength(1);
    expect(attendees[0]).toMatch(
      /PARTSTAT=ACCEPTED.*CN="Anna Andersson":MAILTO:anna@atergang\.test$/,
    );
    expect(anna.find((line) => line.startsWith('DESCRIPTION:'))).toContain(
      'Deltagare: Johan Berg\\, Maria Lindqvist',
    );

    const manager = lines(buildMeetingInvite(base, reader('u-chef')));
    expect(manager.join('\n')).not.toContain('anna@atergang.test');
    expect(manager.filter((line) => line.startsWith('ATTENDEE'))).toEqual([
      expect.stringMatching(/PARTSTAT=NEEDS-ACTION.*:MAILTO:chef@atergang\.test$/),
    ]);
  });

  it('keeps the organiser’s own address in the organiser’s copy, and lists no attendee line for them', () => {
    const own = lines(buildMeetingInvite(base, reader('u-fk')));
    expect(own).toContain('ORGANIZER;CN="Johan Berg":mailto:fk@atergang.test');
    expect(own.filter((line) => line.startsWith('ATTENDEE'))).toEqual([]);
    expect(own.join('\n')).not.toMatch(/anna@|chef@/);
  });

  it('names the file after the meeting and its Swedish date, in plain ASCII', () => {
    expect(meetingInviteFileName(base)).toBe('avstamningsmote-annas-atergang-del-1-2026-12-01.ics');
    expect(meetingInviteFileName({ title: '§§§', start: new Date('2026-12-31T23:30:00Z') })).toBe(
      'mote-2027-01-01.ics',
    );
  });

  it('confirms a fixed time and cancels with METHOD:CANCEL, keeping the UID', () => {
    const scheduled = lines(buildMeetingInvite({ ...base, state: 'SCHEDULED', sequence: 1 }));
    expect(scheduled).toContain('STATUS:CONFIRMED');
    expect(scheduled).toContain('SEQUENCE:1');
    const cancelled = lines(buildMeetingInvite({ ...base, state: 'CANCELLED', sequence: 2 }));
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain(`UID:${base.uid}`);
  });

  it('keeps the place as LOCATION and the video link in the description when both are given', () => {
    const content = lines(
      buildMeetingInvite({ ...base, location: 'Försäkringskassan, Storgatan 1' }),
    );
    expect(content).toContain('LOCATION:Försäkringskassan\\, Storgatan 1');
    expect(
      content.some((line) => line.includes('Videolänk: https://video.atergang.test/avstamning')),
    ).toBe(true);
  });
});
