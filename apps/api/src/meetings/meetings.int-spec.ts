import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { DEMO_EMAILS, type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';

// Meetings end to end: FK proposes an avstämningsmöte, the invitees answer, FK fixes the
// time and everyone invited gets a calendar invitation; those without a part or consent
// see nothing of it.

interface SlotBody {
  id: string;
  start: string;
  end: string;
  counts: { yes: number; no: number; maybe: number; unanswered: number };
  notAnswered: { participantId: string; name: string; party: string }[];
  responses: { participantId: string; name: string; party: string; answer: string }[];
}
interface MeetingBody {
  id: string;
  status: string;
  kind: string;
  organiser: { party: string; participantId: string | null; name: string };
  invitees: { participantId: string; name: string; party: string }[];
  slots: SlotBody[];
  scheduledSlotId: string | null;
  icsSequence: number;
  may?: { cancel: boolean; schedule: boolean; move: boolean; reopen: boolean };
  version: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A time `days` ahead at a whole hour, as ISO 8601 with offset. */
function future(days: number, hours = 0): string {
  const base = Math.ceil(Date.now() / HOUR) * HOUR;
  return new Date(base + days * DAY + hours * HOUR).toISOString();
}

/** Unfolded content lines of an iCalendar text (RFC 5545 3.1). */
function icsLines(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}

function stockholmWallClock(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}${part('month')}${part('day')}T${part('hour')}${part('minute')}${part('second')}`;
}

describe('meetings', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const tokens = new Map<DemoRole, string>();
  const participant = new Map<DemoRole, string>();
  const http = () => request(testApp.app.getHttpServer());
  const token = (role: DemoRole): string => `Bearer ${tokens.get(role) ?? ''}`;
  const meetingsUrl = () => `/api/workspaces/${workspaceId}/meetings`;

  beforeEach(async () => {
    tokens.clear();
    participant.clear();
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    for (const role of Object.keys(DEMO_EMAILS) as DemoRole[]) {
      tokens.set(role, await loginAs(testApp, role));
      const row = await prisma.participant.findFirst({
        where: { workspaceId, user: { email: DEMO_EMAILS[role] } },
      });
      if (row) participant.set(role, row.id);
    }
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  const pid = (role: DemoRole): string => participant.get(role) ?? '';

  async function proposeAvstamningsmote(): Promise<MeetingBody> {
    const response = await http()
      .post(meetingsUrl())
      .set('authorization', token('fk'))
      .send({
        kind: 'AVSTAMNINGSMOTE',
        title: 'Avstämningsmöte om Annas återgång',
        agenda: '1. Nuläget\n2. Planen',
        participantIds: [pid('patient'), pid('employer'), pid('coordinator')],
        slots: [
          { start: future(7), end: future(7, 1) },
          { start: future(8), end: future(8, 1) },
          { start: future(9), end: future(9, 1) },
        ],
        videoUrl: 'https://video.atergang.test/avstamning',
      })
      .expect(201);
    return response.body as MeetingBody;
  }

  async function answer(role: DemoRole, meetingId: string, slotId: string, value: string) {
    return http()
      .post(`${meetingsUrl()}/${meetingId}/responses`)
      .set('authorization', token(role))
      .send({ slotId, answer: value });
  }

  it('lets FK propose an avstämningsmöte that the invitees answer and FK fixes, inviting FK itself', async () => {
    const meeting = await proposeAvstamningsmote();
    expect(meeting.status).toBe('PROPOSED');
    expect(meeting.organiser).toMatchObject({ party: 'FK', participantId: pid('fk') });
    expect(meeting.invitees.map((i) => i.party).sort()).toEqual([
      'CARE',
      'EMPLOYER',
      'FK',
      'PATIENT',
    ]);
    expect(meeting.slots).toHaveLength(3);
    const [first, second] = meeting.slots as [SlotBody, SlotBody, SlotBody];

    expect((await answer('patient', meeting.id, first.id, 'YES')).status).toBe(200);
    expect((await answer('coordinator', meeting.id, first.id, 'YES')).status).toBe(200);
    expect((await answer('coordinator', meeting.id, second.id, 'MAYBE')).status).toBe(200);
    expect((await answer('employer', meeting.id, first.id, 'YES')).status).toBe(200);
    expect((await answer('employer', meeting.id, second.id, 'NO')).status).toBe(200);
    // A second answer to the same time replaces the first.
    const changed = await answer('employer', meeting.id, second.id, 'MAYBE');
    expect(changed.status).toBe(200);

    const read = await http()
      .get(`${meetingsUrl()}/${meeting.id}`)
      .set('authorization', token('patient'))
      .expect(200);
    const slots = (read.body as MeetingBody).slots;
    // FK organised the meeting: it is not waited on.
    expect(slots[0]?.counts).toEqual({ yes: 3, no: 0, maybe: 0, unanswered: 0 });
    expect(slots[0]?.notAnswered).toEqual([]);
    expect(slots[1]?.counts).toEqual({ yes: 0, no: 0, maybe: 2, unanswered: 1 });
    expect(slots[1]?.notAnswered).toEqual([
      { participantId: pid('patient'), name: 'Anna Andersson', party: 'PATIENT' },
    ]);
    expect(slots[1]?.responses.map((r) => [r.name, r.party, r.answer]).sort()).toEqual([
      ['Maria Lindqvist', 'EMPLOYER', 'MAYBE'],
      ['Sara Nyström', 'CARE', 'MAYBE'],
    ]);
    expect(
      await prisma.slotResponse.count({
        where: { meetingId: meeting.id, participantId: pid('employer') },
      }),
    ).toBe(2);

    // Only the organiser's party fixes the time.
    const notOrganiser = await http()
      .post(`${meetingsUrl()}/${meeting.id}/schedule`)
      .set('authorization', token('employer'))
      .send({ slotId: first.id })
      .expect(403);
    expect(notOrganiser.body.code).toBe('NOT_ORGANISER');

    const scheduled = await http()
      .post(`${meetingsUrl()}/${meeting.id}/schedule`)
      .set('authorization', token('fk'))
      .send({ slotId: first.id })
      .expect(200);
    expect(scheduled.body).toMatchObject({
      status: 'SCHEDULED',
      scheduledSlotId: first.id,
      icsSequence: meeting.icsSequence + 1,
    });
    expect((scheduled.body as MeetingBody).version).toBeGreaterThan(meeting.version);

    const events = await prisma.workspaceEvent.findMany({
      where: { workspaceId, subjectId: meeting.id },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => e.type)).toEqual([
      'meeting.created',
      ...Array<string>(6).fill('meeting.response.recorded'),
      'meeting.scheduled',
    ]);
    expect(new Set(events.map((e) => e.category))).toEqual(new Set(['MEETINGS']));
    expect(events[0]).toMatchObject({ authorParty: 'FK', actorParty: 'FK' });
    expect(events.at(-1)?.payload).toEqual({ id: meeting.id, version: scheduled.body.version });
  });

  it('hides a meeting from AF, who is not invited and has no MEETINGS consent', async () => {
    const meeting = await proposeAvstamningsmote();
    const list = await http().get(meetingsUrl()).set('authorization', token('af')).expect(200);
    expect(list.body).toEqual({ meetings: [], withheld: ['MEETINGS'] });

    const single = await http()
      .get(`${meetingsUrl()}/${meeting.id}`)
      .set('authorization', token('af'))
      .expect(403);
    expect(single.body.type).toMatch(/consent-required$/);
    await http()
      .get(`${meetingsUrl()}/${meeting.id}/invite.ics`)
      .set('authorization', token('af'))
      .expect(403);
    const slotId = meeting.slots[0]?.id ?? '';
    expect((await answer('af', meeting.id, slotId, 'YES')).status).toBe(403);
    expect(await prisma.slotResponse.count({ where: { meetingId: meeting.id } })).toBe(0);
    const denial = await prisma.auditLog.findFirst({
      where: { resourceId: meeting.id, outcome: 'DENIED', actorParty: 'AF' },
    });
    expect(denial?.reason).toBe('CONSENT_REQUIRED');

    // The employer is invited and also has MEETINGS consent: it sees the meeting.
    const employer = await http().get(meetingsUrl()).set('authorization', token('employer'));
    expect((employer.body.meetings as MeetingBody[]).map((m) => m.id)).toContain(meeting.id);
  });

  it('lists a meeting to a party granted MEETINGS though none of its people is invited, as it shows it by id', async () => {
    // FK's follow-up with Anna alone: the employer and care are not invited, but both were
    // granted MEETINGS; AF was granted nothing.
    const followUp = await http()
      .post(meetingsUrl())
      .set('authorization', token('fk'))
      .send({
        kind: 'FOLLOW_UP',
        title: 'Uppföljning med Anna',
        participantIds: [pid('patient')],
        slots: [{ start: future(3), end: future(3, 1) }],
      })
      .expect(201);
    const id = followUp.body.id as string;
    for (const [role, sees] of [
      ['employer', true],
      ['doctor', true],
      ['patient', true],
      ['af', false],
    ] as const) {
      const list = await http().get(meetingsUrl()).set('authorization', token(role)).expect(200);
      const single = await http().get(`${meetingsUrl()}/${id}`).set('authorization', token(role));
      expect({
        role,
        listed: (list.body.meetings as MeetingBody[]).some((m) => m.id === id),
        byId: single.status,
      }).toEqual({ role, listed: sees, byId: sees ? 200 : 403 });
    }
  });

  it('gives everyone invited a valid invitation whose UID stays and whose SEQUENCE rises', async () => {
    const OWN_ADDRESS = {
      patient: 'anna@atergang.test',
      employer: 'chef@atergang.test',
      coordinator: 'koordinator@atergang.test',
    } as const;
    const meeting = await proposeAvstamningsmote();
    const third = meeting.slots[2] as SlotBody;

    const before = await http()
      .get(`${meetingsUrl()}/${meeting.id}/invite.ics`)
      .set('authorization', token('patient'))
      .expect(200);
    const beforeLines = icsLines(before.text);
    const uid = beforeLines.find((line) => line.startsWith('UID:'));
    expect(uid).toBeDefined();
    expect(beforeLines).toContain('SEQUENCE:0');
    expect(beforeLines).toContain('STATUS:TENTATIVE');
    expect(beforeLines).toContain(
      `DTSTART;TZID=Europe/Stockholm:${stockholmWallClock(meeting.slots[0]?.start ?? '')}`,
    );

    await http()
      .post(`${meetingsUrl()}/${meeting.id}/schedule`)
      .set('authorization', token('fk'))
      .send({ slotId: third.id })
      .expect(200);

    const bookedDay = stockholmWallClock(third.start).replace(
      /^(\d{4})(\d{2})(\d{2})T.*$/,
      '$1-$2-$3',
    );
    for (const role of ['patient', 'employer', 'coordinator', 'fk'] as const) {
      const response = await http()
        .get(`${meetingsUrl()}/${meeting.id}/invite.ics`)
        .set('authorization', token(role))
        .expect(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const lines = icsLines(response.text);
      expect(lines[0]).toBe('BEGIN:VCALENDAR');
      expect(lines.at(-1)).toBe('END:VCALENDAR');
      expect(lines).toContain('METHOD:REQUEST');
      expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
      expect(lines.filter((line) => line === 'END:VEVENT')).toHaveLength(1);
      expect(lines.find((line) => line.startsWith('UID:'))).toBe(uid);
      expect(lines).toContain('SEQUENCE:1');
      expect(lines).toContain('STATUS:CONFIRMED');
      expect(lines).toContain(`DTSTART;TZID=Europe/Stockholm:${stockholmWallClock(third.start)}`);
      expect(lines).toContain(`DTEND;TZID=Europe/Stockholm:${stockholmWallClock(third.end)}`);
      expect(lines).toContain('TZID:Europe/Stockholm');
      // Each copy carries only the reader's own address; FK organised it, so everyone else
      // sees the organiser by name with the service's address.
      expect(lines.find((line) => line.startsWith('ORGANIZER'))).toBe(
        role === 'fk'
          ? 'ORGANIZER;CN="Johan Berg":mailto:fk@atergang.test'
          : 'ORGANIZER;CN="Johan Berg":mailto:no-reply@atergang.local',
      );
      const attendees = lines.filter((line) => line.startsWith('ATTENDEE'));
      expect(attendees.map((line) => line.replace(/^.*MAILTO:/i, ''))).toEqual(
        role === 'fk' ? [] : [OWN_ADDRESS[role]],
      );
      const addresses = new Set(response.text.match(/[\w.+-]+@[\w.-]+\.\w+/g) ?? []);
      expect([...addresses].sort()).toEqual(
        role === 'fk'
          ? ['fk@atergang.test']
          : [OWN_ADDRESS[role], 'no-reply@atergang.local'].sort(),
      );
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="avstamningsmote-om-annas-atergang-${bookedDay}.ics"`,
      );
      expect(lines).toContain('SUMMARY:Avstämningsmöte om Annas återgång');
    }

    await http()
      .post(`${meetingsUrl()}/${meeting.id}/cancel`)
      .set('authorization', token('fk'))
      .send({ reason: 'Anna är sjuk den dagen' })
      .expect(200);
    const cancelled = icsLines(
      (
        await http()
          .get(`${meetingsUrl()}/${meeting.id}/invite.ics`)
          .set('authorization', token('employer'))
          .expect(200)
      ).text,
    );
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain('SEQUENCE:2');
    expect(cancelled.find((line) => line.startsWith('UID:'))).toBe(uid);

    // A cancelled meeting takes no more answers or times.
    const late = await answer('patient', meeting.id, third.id, 'YES');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('MEETING_CANCELLED');
  });

  it('tells each reader what it may do with the meeting, as the policy lets it cancel or fix a time', async () => {
    const meeting = await proposeAvstamningsmote();
    expect(meeting.may).toEqual({ cancel: true, schedule: true, move: true, reopen: false });
    for (const role of ['patient', 'employer', 'coordinator'] as const) {
      const read = await http()
        .get(`${meetingsUrl()}/${meeting.id}`)
        .set('authorization', token(role))
        .expect(200);
      expect(read.body.may).toEqual({ cancel: false, schedule: false, move: false, reopen: false });
      // What it says is what the API does: an invitee who is not the organiser cannot cancel.
      const refused = await http()
        .post(`${meetingsUrl()}/${meeting.id}/cancel`)
        .set('authorization', token(role))
        .send({ reason: 'Försök' });
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const listed = await http().get(meetingsUrl()).set('authorization', token('fk')).expect(200);
    const mine = (listed.body.meetings as MeetingBody[]).find((m) => m.id === meeting.id);
    expect(mine?.may).toEqual({ cancel: true, schedule: true, move: true, reopen: false });

    const cancelled = await http()
      .post(`${meetingsUrl()}/${meeting.id}/cancel`)
      .set('authorization', token('fk'))
      .send({ reason: 'Anna är sjuk den dagen' })
      .expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'Anna är sjuk den dagen',
      may: { cancel: false, schedule: false, move: false, reopen: true },
    });
    const again = await http()
      .post(`${meetingsUrl()}/${meeting.id}/cancel`)
      .set('authorization', token('fk'))
      .send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MEETING_CANCELLED');
  });

  it('refuses an avstämningsmöte without the patient, naming the missing party, and stores nothing', async () => {
    const before = await prisma.meeting.count();
    const eventsBefore = await prisma.workspaceEvent.count({ where: { workspaceId } });
    const body = {
      kind: 'AVSTAMNINGSMOTE',
      title: 'Avstämning utan Anna',
      participantIds: [pid('employer'), pid('coordinator')],
      slots: [{ start: future(3), end: future(3, 1) }],
    };
    const response = await http()
      .post(meetingsUrl())
      .set('authorization', token('fk'))
      .send(body)
      .expect(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: 'AVSTAMNINGSMOTE_PARTICIPANTS',
      missingParties: ['PATIENT'],
      errors: [{ path: 'participantIds' }],
    });
    expect(response.body.detail).toContain('the patient (PATIENT)');

    // FK calls an avstämningsmöte; the others ask FK for one.
    const byEmployer = await http()
      .post(meetingsUrl())
      .set('authorization', token('employer'))
      .send({ ...body, participantIds: [pid('patient'), pid('fk')] })
      .expect(403);
    expect(byEmployer.body).toMatchObject({
      code: 'AVSTAMNINGSMOTE_CALLED_BY_FK',
      errors: [{ path: 'kind' }],
    });

    expect(await prisma.meeting.count()).toBe(before);
    expect(await prisma.workspaceEvent.count({ where: { workspaceId } })).toBe(eventsBefore);
  });

  it('holds an avstämningsmöte with the patient, FK and any one more party, AF included, but not with the patient alone', async () => {
    const body = {
      kind: 'AVSTAMNINGSMOTE',
      title: 'Avstämning om arbetsmarknadsinsatser',
      slots: [{ start: future(4), end: future(4, 1) }],
    };
    // No care and no employer: Arbetsförmedlingen is the third party.
    const withAf = await http()
      .post(meetingsUrl())
      .set('authorization', token('fk'))
      .send({ ...body, participantIds: [pid('patient'), pid('af')] })
      .expect(201);
    expect((withAf.body as MeetingBody).invitees.map((i) => i.party).sort()).toEqual([
      'AF',
      'FK',
      'PATIENT',
    ]);

    const before = await prisma.meeting.count();
    const alone = await http()
      .post(meetingsUrl())
      .set('authorization', token('fk'))
      .send({ ...body, participantIds: [pid('patient')] })
      .expect(422);
    expect(alone.body).toMatchObject({
      code: 'AVSTAMNINGSMOTE_PARTICIPANTS',
      missingParties: ['CARE', 'EMPLOYER', 'AF', 'OCCUPATIONAL_HEALTH'],
      errors: [{ path: 'participantIds' }],
    });
    expect(alone.body.detail).toContain(
      'one of care (CARE), the employer (EMPLOYER), Arbetsförmedlingen (AF), ' +
        'occupational health (OCCUPATIONAL_HEALTH)',
    );
    expect(await prisma.meeting.count()).toBe(before);
  });

  it('lets each party arrange only the kinds of meeting that are its own, as its permissions say', async () => {
    const cases: [DemoRole, string, DemoRole[], number, string | null][] = [
      ['employer', 'SASSAM', ['patient'], 403, 'MEETING_KIND_NOT_YOURS'],
      ['employer', 'OMSTALLNINGSMOTE', ['patient'], 403, 'MEETING_KIND_NOT_YOURS'],
      ['employer', 'GEMENSAM_KARTLAGGNING', ['patient'], 403, 'MEETING_KIND_NOT_YOURS'],
      ['employer', 'AVSTAMNINGSMOTE', ['patient', 'fk'], 403, 'AVSTAMNINGSMOTE_CALLED_BY_FK'],
      ['doctor', 'WORKPLACE_REHAB', ['patient'], 403, 'MEETING_KIND_NOT_YOURS'],
      ['af', 'SASSAM', ['patient'], 403, 'MEETING_KIND_NOT_YOURS'],
      ['patient', 'WORKPLACE_REHAB', ['employer'], 403, 'MEETING_KIND_NOT_YOURS'],
      ['af', 'GEMENSAM_KARTLAGGNING', ['patient', 'fk'], 201, null],
      ['af', 'OMSTALLNINGSMOTE', ['patient', 'fk'], 201, null],
      ['fk', 'SASSAM', ['patient'], 201, null],
      ['fk', 'GEMENSAM_KARTLAGGNING', ['patient', 'af'], 201, null],
      ['fk', 'OMSTALLNINGSMOTE', ['patient', 'af'], 201, null],
      ['patient', 'FOLLOW_UP', ['coordinator'], 201, null],
      ['employer', 'WORKPLACE_REHAB', ['patient'], 201, null],
      ['employer', 'FOLLOW_UP', ['patient'], 201, null],
      ['coordinator', 'FOLLOW_UP', ['patient'], 201, null],
    ];
    const permissions = new Map<DemoRole, string[]>();
    for (const [role, kind, invited, status, code] of cases) {
      const before = await prisma.meeting.count();
      const response = await http()
        .post(meetingsUrl())
        .set('authorization', token(role))
        .send({
          kind,
          title: `${kind} av ${role}`,
          participantIds: invited.map(pid),
          slots: [{ start: future(5), end: future(5, 1) }],
        });
      const outcome =
        status === 201
          ? { status: response.status, organiser: response.body.organiser?.party }
          : {
              status: response.status,
              code: response.body.code,
              path: response.body.errors?.[0]?.path,
            };
      const party = (await prisma.participant.findUniqueOrThrow({ where: { id: pid(role) } }))
        .party;
      expect({ role, kind, ...outcome }).toEqual(
        status === 201
          ? { role, kind, status, organiser: party }
          : { role, kind, status, code, path: 'kind' },
      );
      expect(await prisma.meeting.count()).toBe(status === 201 ? before + 1 : before);

      if (!permissions.has(role)) {
        const overview = await http()
          .get(`/api/workspaces/${workspaceId}`)
          .set('authorization', token(role))
          .expect(200);
        permissions.set(role, overview.body.permissions as string[]);
      }
      expect({
        role,
        kind,
        offered: permissions.get(role)?.includes(`meeting:create:${kind}`),
      }).toEqual({ role, kind, offered: status === 201 });
    }
  });

  it('names the field for bad meeting bodies and stores nothing', async () => {
    const before = await prisma.meeting.count();
    const valid = {
      kind: 'FOLLOW_UP',
      title: 'Uppföljning',
      participantIds: [pid('patient')],
      slots: [{ start: future(2), end: future(2, 1) }],
    };
    const elevenSlots = Array.from({ length: 11 }, (_, i) => ({
      start: future(2 + i),
      end: future(2 + i, 1),
    }));
    const cases: [object, string][] = [
      [{ ...valid, slots: elevenSlots }, 'slots'],
      [{ ...valid, slots: [] }, 'slots'],
      [{ ...valid, slots: [{ start: future(2, 1), end: future(2) }] }, 'slots.0.end'],
      [{ ...valid, slots: [{ start: future(2), end: future(2, 13) }] }, 'slots.0.end'],
      [{ ...valid, slots: [{ start: '2026-12-01T09:00:00', end: future(2) }] }, 'slots.0.start'],
      [{ ...valid, sneaky: true }, 'sneaky'],
      [{ ...valid, slots: [{ ...valid.slots[0], room: 'B' }] }, 'slots.0.room'],
      [{ ...valid, kind: 'PARTY' }, 'kind'],
      [{ ...valid, title: '   ' }, 'title'],
      [{ ...valid, participantIds: ['not-a-uuid'] }, 'participantIds.0'],
      [{ ...valid, participantIds: [pid('patient'), pid('patient')] }, 'participantIds'],
      [{ ...valid, videoUrl: 'http://video.atergang.test/x' }, 'videoUrl'],
      [{ ...valid, videoUrl: 'javascript:alert(1)' }, 'videoUrl'],
      [{ ...valid, title: 'x'.repeat(201) }, 'title'],
    ];
    for (const [body, path] of cases) {
      const response = await http()
        .post(meetingsUrl())
        .set('authorization', token('fk'))
        .send(body);
      expect({
        status: response.status,
        paths: ((response.body.errors ?? []) as { path: string }[]).map((e) => e.path),
      }).toEqual({ status: 400, paths: expect.arrayContaining([path]) });
    }

    const meeting = await proposeAvstamningsmote();
    const respond = await http()
      .post(`${meetingsUrl()}/${meeting.id}/responses`)
      .set('authorization', token('patient'))
      .send({ slotId: meeting.slots[0]?.id, answer: 'PERHAPS' })
      .expect(400);
    expect(respond.body.errors[0].path).toBe('answer');
    const foreignSlot = await http()
      .post(`${meetingsUrl()}/${meeting.id}/schedule`)
      .set('authorization', token('fk'))
      .send({ slotId: '00000000-0000-4000-8000-000000000000' })
      .expect(422);
    expect(foreignSlot.body.errors[0].path).toBe('slotId');
    expect(await prisma.meeting.count()).toBe(before + 1);
    expect(await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({
      status: 'PROPOSED',
      icsSequence: 0,
    });
  });

  describe('notes', () => {
    async function demoMeetingId(): Promise<string> {
      const meeting = await prisma.meeting.findFirstOrThrow({
        where: { workspaceId, title: 'Avstämningsmöte om Annas återgång i arbete' },
      });
      return meeting.id;
    }

    it('turns next steps into tasks linked to the note and the meeting, in one request', async () => {
      const meetingId = await demoMeetingId();
      const response = await http()
        .post(`${meetingsUrl()}/${meetingId}/notes`)
        .set('authorization', token('fk'))
        .send({
          situation: 'Anna orkar mer än för en månad sedan.',
          workCapacity: 'Kan arbeta 50 % med anpassade uppgifter.',
          rehabilitationNeeds: 'Arbetsträning på kontoret.',
          decisions: ['Anna börjar på 50 % om två veckor'],
          nextSteps: [
            {
              title: 'Boka fysioterapi',
              assigneeParty: 'PATIENT',
              dueDate: '2099-01-15',
              createTask: true,
            },
            {
              title: 'Skicka planen till FK',
              assigneeParticipantId: pid('employer'),
              createTask: true,
            },
            { title: 'Nytt möte i vår', createTask: false },
          ],
        })
        .expect(201);
      const { note, taskIds } = response.body as {
        note: {
          id: string;
          category: string;
          nextSteps: { title: string; taskId: string | null }[];
        };
        taskIds: string[];
      };
      expect(note.category).toBe('MEETING_NOTES');
      expect(taskIds).toHaveLength(2);
      expect(note.nextSteps.map((s) => s.taskId)).toEqual([taskIds[0], taskIds[1], null]);

      const tasks = await prisma.task.findMany({
        where: { id: { in: taskIds } },
        orderBy: { title: 'asc' },
      });
      expect(tasks).toEqual([
        expect.objectContaining({
          title: 'Boka fysioterapi',
          assigneeParty: 'PATIENT',
          assigneeParticipantId: null,
          dueDate: new Date('2099-01-15T00:00:00.000Z'),
          noteId: note.id,
          meetingId,
          createdByParty: 'FK',
          category: 'TASKS',
        }),
        expect.objectContaining({
          title: 'Skicka planen till FK',
          assigneeParty: 'EMPLOYER',
          assigneeParticipantId: pid('employer'),
          noteId: note.id,
          meetingId,
        }),
      ]);
      const events = await prisma.workspaceEvent.findMany({
        where: { workspaceId, subjectId: { in: [note.id, ...taskIds] } },
        orderBy: { seq: 'asc' },
      });
      expect(events.map((e) => [e.type, e.category])).toEqual([
        ['note.created', 'MEETING_NOTES'],
        ['task.created', 'TASKS'],
        ['task.created', 'TASKS'],
      ]);

      // The employer sees the task given to it, though not the notes (no MEETING_NOTES).
      const employerTasks = await http()
        .get(`/api/workspaces/${workspaceId}/tasks?mine=true`)
        .set('authorization', token('employer'))
        .expect(200);
      expect((employerTasks.body.tasks as { id: string }[]).map((t) => t.id)).toContain(taskIds[1]);
    });

    it('keeps a medical note from the employer but shows it to the patient and care', async () => {
      const meetingId = await demoMeetingId();
      // Anna shares meeting notes with her employer, but not medical information.
      await http()
        .post(`/api/workspaces/${workspaceId}/consents`)
        .set('authorization', token('patient'))
        .send({ party: 'EMPLOYER', categories: ['MEETING_NOTES'] })
        .expect(201);
      const plain = await http()
        .post(`${meetingsUrl()}/${meetingId}/notes`)
        .set('authorization', token('fk'))
        .send({ situation: 'Planen gicks igenom.', decisions: [], nextSteps: [] })
        .expect(201);
      // Care's coordinator, invited to the meeting, records medical information.
      const medical = await http()
        .post(`${meetingsUrl()}/${meetingId}/notes`)
        .set('authorization', token('coordinator'))
        .send({ situation: 'Utmattningssyndrom, sömnen bättre.', medical: true })
        .expect(201);
      expect(medical.body.note).toMatchObject({ category: 'MEDICAL', author: { party: 'CARE' } });

      const idsSeenBy = async (role: DemoRole) => {
        const response = await http()
          .get(`${meetingsUrl()}/${meetingId}/notes`)
          .set('authorization', token(role))
          .expect(200);
        return {
          ids: (response.body.notes as { id: string }[]).map((n) => n.id),
          withheld: response.body.withheld as string[],
        };
      };
      const employer = await idsSeenBy('employer');
      expect(employer.ids).toContain(plain.body.note.id);
      expect(employer.ids).not.toContain(medical.body.note.id);
      expect(employer.withheld).toEqual(['MEDICAL']);
      const patient = await idsSeenBy('patient');
      expect(patient.ids).toEqual(
        expect.arrayContaining([plain.body.note.id, medical.body.note.id]),
      );
      expect(patient.withheld).toEqual([]);
      const doctor = await idsSeenBy('doctor');
      expect(doctor.ids).toContain(medical.body.note.id);
      // FK was granted MEETING_NOTES and MEDICAL.
      const fk = await idsSeenBy('fk');
      expect(fk.ids).toEqual(expect.arrayContaining([plain.body.note.id, medical.body.note.id]));

      // AF sees neither the meeting nor its notes.
      const af = await http()
        .get(`${meetingsUrl()}/${meetingId}/notes`)
        .set('authorization', token('af'))
        .expect(403);
      expect(af.body.type).toMatch(/consent-required$/);
    });

    it('lets only the organising party and the invited write notes, and rolls back the whole note on a bad step', async () => {
      const meetingId = await demoMeetingId();
      const notesBefore = await prisma.meetingNote.count();
      const tasksBefore = await prisma.task.count();
      // The doctor reads the meeting (care has MEETINGS) but was not invited; care did not
      // arrange it (FK did).
      const doctor = await http()
        .post(`${meetingsUrl()}/${meetingId}/notes`)
        .set('authorization', token('doctor'))
        .send({ situation: 'x' })
        .expect(403);
      expect(doctor.body.code).toBe('NOT_AT_MEETING');
      const badStep = await http()
        .post(`${meetingsUrl()}/${meetingId}/notes`)
        .set('authorization', token('fk'))
        .send({
          situation: 'x',
          nextSteps: [
            { title: 'Giltig', assigneeParty: 'CARE', createTask: true },
            {
              title: 'Okänd person',
              assigneeParticipantId: '00000000-0000-4000-8000-000000000000',
              createTask: true,
            },
          ],
        })
        .expect(422);
      expect(badStep.body.errors[0].path).toBe('nextSteps.1.assigneeParticipantId');
      const noOwner = await http()
        .post(`${meetingsUrl()}/${meetingId}/notes`)
        .set('authorization', token('fk'))
        .send({ nextSteps: [{ title: 'Utan ägare', createTask: true }] })
        .expect(400);
      expect(noOwner.body.errors[0].path).toBe('nextSteps.0.assigneeParticipantId');
      expect(await prisma.meetingNote.count()).toBe(notesBefore);
      expect(await prisma.task.count()).toBe(tasksBefore);
    });
  });
});
