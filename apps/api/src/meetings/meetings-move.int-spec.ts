import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import type { MeetingView } from '@atergang/contracts';
import { createApp } from '../configure-app';
import { DEMO_EMAILS, type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { queueDrained } from '../testing/job-queue-drained';
import { createTestApp, type TestApp } from '../testing/test-app';

// Meetings after booking (issue 15): the organiser's party moves a meeting (new proposed
// times, everyone's answers reset, everyone told) and opens a cancelled one again; a booked
// meeting moves only with a reason. Real PostgreSQL, real HTTP, the real job queue.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A time `days` ahead at a whole hour, as ISO 8601. */
function future(days: number, hours = 0): string {
  const base = Math.ceil(Date.now() / HOUR) * HOUR;
  return new Date(base + days * DAY + hours * HOUR).toISOString();
}

describe('moving and reopening a meeting', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let worker: NestFastifyApplication | null = null;
  const tokens = new Map<DemoRole, string>();
  const participant = new Map<DemoRole, string>();
  const userId = new Map<DemoRole, string>();
  const http = () => request(testApp.app.getHttpServer());
  const token = (role: DemoRole): string => `Bearer ${tokens.get(role) ?? ''}`;
  const meetingsUrl = () => `/api/workspaces/${workspaceId}/meetings`;
  const pid = (role: DemoRole): string => participant.get(role) ?? '';

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    for (const role of Object.keys(DEMO_EMAILS) as DemoRole[]) {
      tokens.set(role, await loginAs(testApp, role));
      const user = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAILS[role] } });
      userId.set(role, user.id);
      const row = await prisma.participant.findFirst({ where: { workspaceId, userId: user.id } });
      if (row) participant.set(role, row.id);
    }
  }, 120_000);

  afterEach(async () => {
    await worker?.close();
    worker = null;
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  /** FK's avstämningsmöte with Anna, her manager and care's coordinator, booked at its first time. */
  async function bookedMeeting(): Promise<MeetingView> {
    const created = await http()
      .post(meetingsUrl())
      .set('authorization', token('fk'))
      .send({
        kind: 'AVSTAMNINGSMOTE',
        title: 'Avstämningsmöte',
        participantIds: [pid('patient'), pid('employer'), pid('coordinator')],
        slots: [
          { start: future(7), end: future(7, 1) },
          { start: future(8), end: future(8, 1) },
        ],
      })
      .expect(201);
    const meeting = created.body as MeetingView;
    const [first, second] = meeting.slots;
    for (const role of ['patient', 'employer', 'coordinator'] as const) {
      await http()
        .post(`${meetingsUrl()}/${meeting.id}/responses`)
        .set('authorization', token(role))
        .send({ slotId: first?.id, answer: 'YES' })
        .expect(200);
    }
    await http()
      .post(`${meetingsUrl()}/${meeting.id}/responses`)
      .set('authorization', token('patient'))
      .send({ slotId: second?.id, answer: 'NO' })
      .expect(200);
    const booked = await http()
      .post(`${meetingsUrl()}/${meeting.id}/schedule`)
      .set('authorization', token('fk'))
      .send({ slotId: first?.id })
      .expect(200);
    return booked.body as MeetingView;
  }

  const NEW_TIMES = [
    { start: future(14), end: future(14, 1) },
    { start: future(15, 2), end: future(15, 3) },
  ];

  const move = (role: DemoRole, meetingId: string, body: object) =>
    http().post(`${meetingsUrl()}/${meetingId}/move`).set('authorization', token(role)).send(body);

  /** The transaction id (xmin) that wrote a row: rows written together share it. */
  async function writtenBy(sql: Promise<{ xmin: string }[]>): Promise<string[]> {
    return (await sql).map((row) => row.xmin);
  }

  it('refuses to move a booked meeting without a reason, naming the field, and changes nothing', async () => {
    const booked = await bookedMeeting();
    for (const body of [{ slots: NEW_TIMES }, { slots: NEW_TIMES, reason: '   ' }]) {
      const refused = await move('fk', booked.id, body).expect(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        status: 422,
        code: 'MOVE_REASON_REQUIRED',
        errors: [{ path: 'reason' }],
      });
    }
    // Bad times are the contract's 400 with the field named, never a 500.
    const badTimes = await move('fk', booked.id, {
      slots: [{ start: future(14, 1), end: future(14) }],
      reason: 'Krockar',
    }).expect(400);
    expect(badTimes.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'slots.0.end' })]),
    );
    const after = await prisma.meeting.findUniqueOrThrow({
      where: { id: booked.id },
      include: { responses: true },
    });
    expect(after).toMatchObject({
      status: 'SCHEDULED',
      version: booked.version,
      scheduledSlotId: booked.scheduledSlotId,
    });
    expect(after.responses).toHaveLength(4);
    expect(
      await prisma.workspaceEvent.count({ where: { subjectId: booked.id, type: 'meeting.moved' } }),
    ).toBe(0);
  });

  it('lets FK move a booked meeting with a reason: new times, answers reset, the reason and old time kept, everyone told in the same transaction', async () => {
    const booked = await bookedMeeting();
    const bookedSlot = booked.slots.find((slot) => slot.id === booked.scheduledSlotId);
    const moved = await move('fk', booked.id, {
      slots: NEW_TIMES,
      reason: 'Läkaren är på kurs den dagen.',
    }).expect(200);
    const body = moved.body as MeetingView;
    expect(body).toMatchObject({
      status: 'PROPOSED',
      scheduledSlotId: null,
      icsSequence: booked.icsSequence + 1,
      version: booked.version + 1,
      may: { move: true, cancel: true, schedule: true, reopen: false },
      lastChange: {
        kind: 'MOVED',
        reason: 'Läkaren är på kurs den dagen.',
        previousStart: bookedSlot?.start,
        previousEnd: bookedSlot?.end,
      },
    });
    expect(body.slots.map((slot) => [slot.start, slot.end])).toEqual(
      NEW_TIMES.map((slot) => [
        new Date(slot.start).toISOString(),
        new Date(slot.end).toISOString(),
      ]),
    );
    // Everyone's answers are reset: nobody has answered the new times, FK not counted.
    for (const slot of body.slots) {
      expect(slot.responses).toEqual([]);
      expect(slot.counts).toEqual({ yes: 0, no: 0, maybe: 0, unanswered: 3 });
      expect(slot.notAnswered.map((person) => person.party).sort()).toEqual([
        'CARE',
        'EMPLOYER',
        'PATIENT',
      ]);
    }
    expect(await prisma.slotResponse.count({ where: { meetingId: booked.id } })).toBe(0);

    // The patient reads the reason and the time it was booked for; she may not move it.
    const patientView = (
      await http()
        .get(`${meetingsUrl()}/${booked.id}`)
        .set('authorization', token('patient'))
        .expect(200)
    ).body as MeetingView;
    expect(patientView.lastChange?.reason).toBe('Läkaren är på kurs den dagen.');
    expect(patientView.may).toEqual({ cancel: false, schedule: false, move: false, reopen: false });

    // The change, its event, its audit row and the job that tells everyone: one transaction.
    const [meetingTx] = await writtenBy(
      prisma.$queryRaw`SELECT xmin::text AS xmin FROM meetings WHERE id = ${booked.id}::uuid`,
    );
    const eventTx = await writtenBy(
      prisma.$queryRaw`SELECT xmin::text AS xmin FROM workspace_events
                        WHERE subject_id = ${booked.id}::uuid AND type = 'meeting.moved'`,
    );
    const auditTx = await writtenBy(
      prisma.$queryRaw`SELECT xmin::text AS xmin FROM audit_log
                        WHERE resource_id = ${booked.id} AND action = 'meeting.moved'
                          AND outcome = 'ALLOWED'`,
    );
    const jobTx = await writtenBy(
      prisma.$queryRaw`SELECT j.xmin::text AS xmin FROM graphile_worker._private_jobs j
                         JOIN graphile_worker._private_tasks t ON t.id = j.task_id
                        WHERE t.identifier = 'notify-events'`,
    );
    expect(meetingTx).toBeDefined();
    expect(eventTx).toEqual([meetingTx]);
    expect(auditTx).toEqual([meetingTx]);
    expect(jobTx).toContain(meetingTx);

    // Worked by the queue: everyone invited but FK is told, in the bell, that it moves.
    worker = await createApp({ ...testApp.config, jobs: { worker: true } });
    await queueDrained(prisma);
    const told = await prisma.notification.findMany({
      where: { subjectId: booked.id, kind: 'meeting.changed' },
      select: { userId: true },
    });
    expect(told.map((row) => row.userId).sort()).toEqual(
      [userId.get('patient'), userId.get('employer'), userId.get('coordinator')].sort(),
    );
    const bell = await http()
      .get('/api/notifications?limit=100')
      .set('authorization', token('patient'))
      .expect(200);
    const headline = (
      bell.body as { notifications: { kind: string; headline: string }[] }
    ).notifications.find((item) => item.kind === 'meeting.changed')?.headline;
    expect(headline).toMatch(/flyttas: nya tider föreslås/);
  });

  it('moves a meeting still being answered without a reason', async () => {
    const created = await http()
      .post(meetingsUrl())
      .set('authorization', token('employer'))
      .send({
        kind: 'WORKPLACE_REHAB',
        title: 'Rehabmöte',
        participantIds: [pid('patient')],
        slots: [{ start: future(3), end: future(3, 1) }],
      })
      .expect(201);
    const meeting = created.body as MeetingView;
    await http()
      .post(`${meetingsUrl()}/${meeting.id}/responses`)
      .set('authorization', token('patient'))
      .send({ slotId: meeting.slots[0]?.id, answer: 'NO' })
      .expect(200);
    const moved = (await move('employer', meeting.id, { slots: NEW_TIMES }).expect(200))
      .body as MeetingView;
    expect(moved.lastChange).toMatchObject({ kind: 'MOVED', reason: null, previousStart: null });
    expect(moved.slots.every((slot) => slot.responses.length === 0)).toBe(true);
  });

  it.each([
    ['patient', 403, 'NOT_ORGANISER'],
    ['employer', 403, 'NOT_ORGANISER'],
    ['coordinator', 403, 'NOT_ORGANISER'],
    ['doctor', 403, 'NOT_ORGANISER'],
    // AF is not invited and has no MEETINGS consent: it may not even see the meeting.
    ['af', 403, 'CONSENT_REQUIRED'],
    ['outsider', 404, 'WORKSPACE_NOT_FOUND'],
  ] as const)(
    'refuses %s moving FK’s meeting (%i %s), audited, unchanged',
    async (role, status, code) => {
      const booked = await bookedMeeting();
      const refused = await move(role, booked.id, { slots: NEW_TIMES, reason: 'Vill flytta' });
      expect(refused.status).toBe(status);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      if (code === 'CONSENT_REQUIRED') {
        expect(refused.body.type).toMatch(/consent-required$/);
      } else if (status === 403) {
        expect(refused.body.code).toBe(code);
      }
      const after = await prisma.meeting.findUniqueOrThrow({ where: { id: booked.id } });
      expect(after).toMatchObject({ status: 'SCHEDULED', version: booked.version });
      if (status === 403) {
        expect(
          await prisma.auditLog.count({
            where: {
              resourceId: booked.id,
              action: 'meeting.moved',
              outcome: 'DENIED',
              actorUserId: userId.get(role),
            },
          }),
        ).toBe(1);
      }
    },
  );

  it('reopens a cancelled meeting with new times, answered anew; only a cancelled one, and a cancelled one is not moved', async () => {
    const booked = await bookedMeeting();
    // An open meeting is moved, not reopened.
    const notCancelled = await http()
      .post(`${meetingsUrl()}/${booked.id}/reopen`)
      .set('authorization', token('fk'))
      .send({ slots: NEW_TIMES })
      .expect(409);
    expect(notCancelled.body.code).toBe('MEETING_NOT_CANCELLED');
    const cancelled = (
      await http()
        .post(`${meetingsUrl()}/${booked.id}/cancel`)
        .set('authorization', token('fk'))
        .send({ reason: 'Anna är sjuk' })
        .expect(200)
    ).body as MeetingView;
    expect(cancelled.may).toEqual({ cancel: false, schedule: false, move: false, reopen: true });
    expect(
      (await move('fk', booked.id, { slots: NEW_TIMES, reason: 'x' }).expect(409)).body.code,
    ).toBe('MEETING_CANCELLED');
    const byEmployer = await http()
      .post(`${meetingsUrl()}/${booked.id}/reopen`)
      .set('authorization', token('employer'))
      .send({ slots: NEW_TIMES })
      .expect(403);
    expect(byEmployer.body.code).toBe('NOT_ORGANISER');

    const reopened = (
      await http()
        .post(`${meetingsUrl()}/${booked.id}/reopen`)
        .set('authorization', token('fk'))
        .send({ slots: NEW_TIMES, reason: 'Anna är frisk igen' })
        .expect(200)
    ).body as MeetingView;
    expect(reopened).toMatchObject({
      status: 'PROPOSED',
      cancelledAt: null,
      cancelReason: null,
      scheduledSlotId: null,
      may: { cancel: true, schedule: true, move: true, reopen: false },
      lastChange: { kind: 'REOPENED', reason: 'Anna är frisk igen', previousStart: null },
    });
    expect(reopened.slots.every((slot) => slot.responses.length === 0)).toBe(true);
    expect(
      await prisma.workspaceEvent.count({
        where: { subjectId: booked.id, type: 'meeting.reopened' },
      }),
    ).toBe(1);
    // The invitees are asked for their answer again.
    worker = await createApp({ ...testApp.config, jobs: { worker: true } });
    await queueDrained(prisma);
    const asked = await prisma.notification.findMany({
      where: { subjectId: booked.id, kind: 'meeting.proposed', userId: userId.get('patient') },
    });
    expect(asked).toHaveLength(2);
    // Answering and booking work on the new times.
    await http()
      .post(`${meetingsUrl()}/${booked.id}/responses`)
      .set('authorization', token('patient'))
      .send({ slotId: reopened.slots[0]?.id, answer: 'YES' })
      .expect(200);
    await http()
      .post(`${meetingsUrl()}/${booked.id}/schedule`)
      .set('authorization', token('fk'))
      .send({ slotId: reopened.slots[0]?.id })
      .expect(200);
  });
});
