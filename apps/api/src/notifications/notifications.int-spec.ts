import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PrismaClient } from '@prisma/client';
import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import type { NotificationList, NotificationView } from '@atergang/contracts';
import { addDays } from '@atergang/domain';
import { stockholmInstant, stockholmToday } from '../common/calendar';
import { createApp } from '../configure-app';
import { type BuiltCase, buildCase } from '../testing/case-builder';
import { openPrisma } from '../testing/demo-fixture';
import { connectLive, type LiveClient } from '../testing/live-client';
import { TestSmtpServer } from '@atergang/test-smtp';
import { createTestApp, type TestApp } from '../testing/test-app';
import { minimalPdf } from '../testing/test-files';
import { REMINDER_HOUR } from './notification-schedule';
import { queueDrained } from '../testing/job-queue-drained';

// Notifications end to end: real PostgreSQL, the real job queue (graphile-worker) in a second
// API instance on the same database, a real SMTP server, real HTTP and a real socket. The
// instance under test serves requests only (JOB_WORKER off); the worker is started where a
// test wants the queue worked, so "consent revoked before the job ran" is a fact, not a race.

type Member = 'chef' | 'doctor' | 'fk' | 'af';

let testApp: TestApp;
let prisma: PrismaClient;
let smtp: TestSmtpServer;
let world: BuiltCase<Member>;
let workers: NestFastifyApplication[] = [];

const http = () => request(testApp.app.getHttpServer());
const ws = (path = ''): string => `/api/workspaces/${world.workspaceId}${path}`;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const today = (): string => stockholmToday();

/** A second instance of the API on the same database, working the queue. */
async function startWorker(): Promise<NestFastifyApplication> {
  const worker = await createApp({ ...testApp.config, jobs: { worker: true } });
  workers.push(worker);
  return worker;
}

async function stopWorkers(): Promise<void> {
  const running = workers;
  workers = [];
  await Promise.all(running.map((worker) => worker.close()));
}

const drained = (timeoutMs?: number) => queueDrained(prisma, timeoutMs);

async function notificationsOf(token: string): Promise<NotificationList> {
  const response = await http().get('/api/notifications?limit=100').set(auth(token)).expect(200);
  return response.body as NotificationList;
}

async function kindsOf(userId: string): Promise<string[]> {
  const rows = await prisma.notification.findMany({
    where: { userId, workspaceId: world.workspaceId },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => row.kind);
}

function mailTo(address: string): ParsedMail[] {
  return smtp.received.filter((mail) =>
    (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).some((to) =>
      to.value.some((value) => value.address === address.toLowerCase()),
    ),
  );
}

async function waitFor(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Everyone gets e-mail at once, whatever the hour the test runs at. */
async function immediateFor(token: string, kinds: readonly string[]): Promise<void> {
  await http()
    .patch('/api/me/notification-preferences')
    .set(auth(token))
    .send({ kinds: Object.fromEntries(kinds.map((kind) => [kind, 'IMMEDIATE'])), quietHours: null })
    .expect(200);
}

/**
 * Sets Node's clock (Date only) to `now`, as the queue reads it (useNodeTime); timers keep
 * running in real time, so the worker polls as usual. afterEach puts the real clock back.
 */
function moveClockTo(now: Date): void {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
    now,
  });
}

/** The patient grants the revoked consents again, with their categories. */
async function regrant(
  ...revoked: ({ party: string; categories?: string[] } | undefined)[]
): Promise<void> {
  for (const consent of revoked) {
    if (!consent) continue;
    await http()
      .post(ws('/consents'))
      .set(auth(world.patient.token))
      .send({ party: consent.party, categories: consent.categories })
      .expect(201);
  }
}

async function queuedJob(jobKey: string): Promise<{ runAt: Date } | undefined> {
  const [row] = await prisma.$queryRaw<{ runAt: Date }[]>`
    SELECT run_at AS "runAt" FROM graphile_worker._private_jobs WHERE key = ${jobKey}`;
  return row;
}

beforeAll(async () => {
  smtp = new TestSmtpServer();
  const port = await smtp.listen();
  testApp = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  prisma = openPrisma(testApp.database.url);
  world = await buildCase(testApp, prisma, {
    opener: { key: 'chef', party: 'EMPLOYER', role: 'MANAGER' },
    members: {
      doctor: { party: 'CARE', role: 'DOCTOR' },
      fk: { party: 'FK', role: 'CASE_OFFICER' },
      af: { party: 'AF', role: 'CASE_OFFICER' },
    },
    consents: [
      { party: 'EMPLOYER', categories: ['PLAN', 'TASKS', 'MEETINGS', 'DOCUMENTS'] },
      {
        party: 'CARE',
        categories: ['PLAN', 'TASKS', 'MEETINGS', 'MEETING_NOTES', 'DOCUMENTS', 'MEDICAL'],
      },
      { party: 'FK', categories: ['PLAN', 'TASKS', 'MEETINGS', 'DOCUMENTS'] },
    ],
    // Day 19 today: the employer's report to FK (day 21) is two days away.
    sickPeriodStart: addDays(today(), -18),
  });
  await immediateFor(world.patient.token, [
    'task.assigned',
    'meeting.proposed',
    'meeting.scheduled',
    'meeting.changed',
    'meeting.cancelled',
  ]);
  for (const member of ['chef', 'doctor', 'fk', 'af'] as const) {
    await http()
      .patch('/api/me/notification-preferences')
      .set(auth(world.members[member].token))
      .send({ quietHours: null })
      .expect(200);
  }
}, 120_000);

afterEach(async () => {
  jest.useRealTimers();
  await stopWorkers();
});

afterAll(async () => {
  await prisma.$disconnect();
  await testApp.close();
  await smtp.close();
});

describe('notifications', () => {
  it('announces the case itself: the invitation, the consent to the party concerned, the employer’s deadline with its source', async () => {
    await startWorker();
    await drained();
    // Each member accepted an invitation: nobody is notified of their own invitation twice,
    // and the chain's next employer deadline reaches the employer, with its legal source.
    const chef = await notificationsOf(world.members.chef.token);
    const deadline = chef.notifications.find((item) => item.kind === 'rehab.deadline-coming');
    expect(deadline?.headline).toMatch(
      /Arbetsgivaren|arbetsgivar|sjuklöneperiod|Försäkringskassan/i,
    );
    expect(deadline?.headline).toMatch(/kap\. \d+ §|§/);
    expect(await kindsOf(world.members.fk.userId)).not.toContain('rehab.deadline-coming');
    // FK's day-90 assessment is queued for a week before its day.
    const fkDeadline = await queuedJob(
      `remind:milestone:${world.workspaceId}:ASSESS_AGAINST_EMPLOYER_WORK`,
    );
    expect(fkDeadline?.runAt.toISOString()).toBe(
      stockholmInstant(addDays(addDays(today(), -18), 89 - 7), REMINDER_HOUR).toISOString(),
    );
    // The consents the patient granted reached the party concerned, and only it.
    expect(await kindsOf(world.members.fk.userId)).toContain('consent.granted');
    expect(await kindsOf(world.members.af.userId)).not.toContain('consent.granted');
    expect(await kindsOf(world.patient.userId)).not.toContain('consent.granted');
    // The e-mailed deadline says nothing about the case's health.
    await waitFor(() => mailTo(world.members.chef.email).length > 0, 'the e-mails to the employer');
    const mailed = mailTo(world.members.chef.email)
      .map((mail) => mail.text ?? '')
      .join('\n');
    expect(mailed).toContain('Patient');
    expect(mailed).not.toMatch(/sjukskriv|diagnos/i);
  });

  it('tells the patient at once, live and by e-mail, of a task the employer gives her, without its text', async () => {
    // One instance that serves and works the queue, as `npm start` runs: the socket hears
    // what its own worker made (across instances the Redis adapter carries it).
    const served = await startWorker();
    await served.listen(0, '127.0.0.1');
    const servedUrl = `http://127.0.0.1:${(served.getHttpServer().address() as { port: number }).port}`;
    await drained();
    const live: LiveClient = await connectLive(servedUrl, world.patient.token);
    try {
      const before = (await notificationsOf(world.patient.token)).unreadCount;
      const created = await http()
        .post(ws('/tasks'))
        .set(auth(world.members.chef.token))
        .send({
          title: 'Boka tid hos företagshälsovården om ryggen',
          description: 'Ta med läkarintyget om diskbråcket',
          assigneeParticipantId: world.patient.participantId,
          dueDate: addDays(today(), 10),
        })
        .expect(201);
      const taskId = (created.body as { id: string }).id;

      await live.until(
        () => live.notifications.some((change) => change.unreadCount === before + 1),
        'the bell to count the new notification',
      );
      const list = await notificationsOf(world.patient.token);
      const item = list.notifications.find(
        (candidate) => candidate.kind === 'task.assigned' && candidate.readAt === null,
      );
      expect(item).toMatchObject({
        headline: 'Du har fått en ny uppgift.',
        detail: 'Boka tid hos företagshälsovården om ryggen',
        caseLabel: 'Ditt ärende',
        link: `/w/${world.workspaceId}/tasks`,
        workspaceId: world.workspaceId,
      });

      await waitFor(
        () => mailTo(world.patient.email).some((mail) => mail.text?.includes('ny uppgift')),
        'the e-mail about the task',
      );
      const mail = mailTo(world.patient.email).find((candidate) =>
        candidate.text?.includes('ny uppgift'),
      );
      const everything = `${mail?.subject}\n${mail?.text}\n${String(mail?.html)}`;
      expect(everything).not.toContain('företagshälsovården');
      expect(everything).not.toContain('diskbråck');
      expect(mail?.text).toContain(`/w/${world.workspaceId}/tasks`);
      // Nobody else was told: the task is the patient's, the employer made it.
      for (const member of ['chef', 'doctor', 'fk', 'af'] as const) {
        const rows = await prisma.notification.findMany({
          where: { userId: world.members[member].userId, subjectId: taskId },
        });
        expect([member, rows.length]).toEqual([member, 0]);
      }

      // Opening it marks it read: the count drops in every tab.
      const read = await request(served.getHttpServer())
        .post(`/api/notifications/${item?.id}/read`)
        .set(auth(world.patient.token))
        .expect(200);
      expect((read.body as NotificationView).readAt).not.toBeNull();
      await live.until(
        () => live.notifications.at(-1)?.unreadCount === before,
        'the bell to count one fewer',
      );
      // Someone else's notification is not there for her.
      await http()
        .post(`/api/notifications/${item?.id}/read`)
        .set(auth(world.members.chef.token))
        .expect(404);
    } finally {
      live.close();
    }
  });

  it('judges at send time: a party that lost consent before the job ran is told nothing, now or in the digest', async () => {
    // Nobody works the queue while the document arrives and the consents change.
    const uploaded = await http()
      .post(ws('/documents'))
      .set(auth(world.members.doctor.token))
      .field('title', 'Läkarintyg om utmattningssyndrom')
      .attach('file', minimalPdf('intyg'), {
        filename: 'intyg.pdf',
        contentType: 'application/pdf',
      })
      .expect(201);
    const documentId = (uploaded.body as { id: string }).id;
    const consents = await http().get(ws('/consents')).set(auth(world.patient.token)).expect(200);
    const employerConsent = (
      consents.body as {
        id: string;
        party: string;
        categories: string[];
        revokedAt: string | null;
      }[]
    ).find((consent) => consent.party === 'EMPLOYER' && consent.revokedAt === null);
    await http()
      .delete(ws(`/consents/${employerConsent?.id}`))
      .set(auth(world.patient.token))
      .expect(200);

    await startWorker();
    await drained();
    const told = await prisma.notification.findMany({ where: { subjectId: documentId } });
    const toldUsers = told.map((row) => row.userId).sort();
    // FK (DOCUMENTS shared) and the patient; never the employer, nor the uploader herself.
    expect(toldUsers).toEqual([world.members.fk.userId, world.patient.userId].sort());
    expect(await kindsOf(world.members.chef.userId)).toContain('consent.revoked');
    const chefList = await notificationsOf(world.members.chef.token);
    expect(chefList.notifications.some((item) => item.kind === 'document.added')).toBe(false);

    // FK reads documents in its morning digest (the staff default). The patient takes the
    // documents back from FK before it goes out: the digest has nothing left to send.
    const fkRow = told.find((row) => row.userId === world.members.fk.userId);
    expect(fkRow?.email).toBe('IN_DIGEST');
    const digestJob = await queuedJob(`digest:${world.members.fk.userId}`);
    expect(digestJob).toBeDefined();
    const fkConsent = (
      consents.body as {
        id: string;
        party: string;
        categories: string[];
        revokedAt: string | null;
      }[]
    ).find((consent) => consent.party === 'FK' && consent.revokedAt === null);
    await http()
      .delete(ws(`/consents/${fkConsent?.id}`))
      .set(auth(world.patient.token))
      .expect(200);
    await drained();
    const mailsBefore = mailTo(world.members.fk.email).length;
    moveClockTo(new Date((digestJob?.runAt.getTime() ?? 0) + 60_000));
    await drained();
    const after = await prisma.notification.findUniqueOrThrow({ where: { id: fkRow?.id ?? '' } });
    expect(after.email).toBe('WITHHELD');
    // The consent.revoked notice may be mailed; nothing about the document is.
    const fkMail = mailTo(world.members.fk.email).slice(mailsBefore);
    expect(fkMail.some((mail) => mail.subject?.includes('sammanfattning'))).toBe(false);
    // The later tests work with the case as it was granted.
    jest.useRealTimers();
    await regrant(employerConsent, fkConsent);
  });

  it('reminds of a task due tomorrow from the queue when the clock gets there, and drops the reminder of a task done', async () => {
    await startWorker();
    const due = addDays(today(), 3);
    const create = async (title: string) =>
      (
        await http()
          .post(ws('/tasks'))
          .set(auth(world.members.doctor.token))
          .send({ title, assigneeParty: 'EMPLOYER', dueDate: due })
          .expect(201)
      ).body as { id: string; version: number };
    const open = await create('Skicka anpassningsplanen');
    const done = await create('Ring vårdcentralen');
    await drained();
    const key = `remind:task.due-soon:${open.id}`;
    expect((await queuedJob(key))?.runAt.toISOString()).toBe(
      stockholmInstant(addDays(due, -1), REMINDER_HOUR).toISOString(),
    );
    // Moving the due date moves the reminder.
    const later = addDays(today(), 5);
    const moved = await http()
      .patch(ws(`/tasks/${open.id}`))
      .set(auth(world.members.doctor.token))
      .send({ version: open.version, dueDate: later })
      .expect(200);
    await drained();
    expect((await queuedJob(key))?.runAt.toISOString()).toBe(
      stockholmInstant(addDays(later, -1), REMINDER_HOUR).toISOString(),
    );
    expect((moved.body as { dueDate: string }).dueDate).toBe(later);
    // A task done has no reminder left.
    await http()
      .patch(ws(`/tasks/${done.id}`))
      .set(auth(world.members.chef.token))
      .send({ version: done.version, status: 'DONE' })
      .expect(200);
    await drained();
    expect(await queuedJob(`remind:task.due-soon:${done.id}`)).toBeUndefined();
    expect(await queuedJob(`remind:task.overdue:${done.id}`)).toBeUndefined();

    // The clock reaches 08:00 the day before: the reminder fires, for the employer's people.
    moveClockTo(new Date(stockholmInstant(addDays(later, -1), REMINDER_HOUR).getTime() + 60_000));
    await waitFor(
      async () =>
        (await prisma.notification.count({
          where: { kind: 'task.due-soon', subjectId: open.id },
        })) > 0,
      'the due-soon reminder',
    );
    await drained();
    const reminded = await prisma.notification.findMany({
      where: { kind: 'task.due-soon', subjectId: { in: [open.id, done.id] } },
    });
    expect(reminded.map((row) => [row.userId, row.subjectId])).toEqual([
      [world.members.chef.userId, open.id],
    ]);
    expect(reminded[0]?.email).toBe('QUEUED');
  });

  it('follows a meeting: proposed to the invitees, all answers to the organiser, fixed, moved and cancelled with the .ics', async () => {
    await startWorker();
    const day = addDays(today(), 4);
    const slot = (hour: number) => ({
      start: stockholmInstant(day, hour).toISOString(),
      end: stockholmInstant(day, hour + 1).toISOString(),
    });
    const created = await http()
      .post(ws('/meetings'))
      .set(auth(world.members.fk.token))
      .send({
        kind: 'AVSTAMNINGSMOTE',
        title: 'Avstämning om utmattningen',
        participantIds: [
          world.patient.participantId,
          world.members.doctor.participantId,
          world.members.chef.participantId,
        ],
        slots: [slot(9), slot(13)],
      })
      .expect(201);
    const meeting = created.body as { id: string; slots: { id: string }[] };
    await drained();
    for (const who of [world.patient, world.members.doctor, world.members.chef]) {
      expect(await kindsOf(who.userId)).toContain('meeting.proposed');
    }
    expect(await kindsOf(world.members.fk.userId)).not.toContain('meeting.proposed');
    expect(await kindsOf(world.members.af.userId)).not.toContain('meeting.proposed');

    for (const who of [world.patient, world.members.doctor, world.members.chef]) {
      for (const offered of meeting.slots) {
        await http()
          .post(ws(`/meetings/${meeting.id}/responses`))
          .set(auth(who.token))
          .send({ slotId: offered.id, answer: 'YES' })
          .expect(200);
      }
    }
    await drained();
    const complete = await prisma.notification.findMany({
      where: { kind: 'meeting.answers-complete', subjectId: meeting.id },
    });
    expect(complete.map((row) => row.userId)).toEqual([world.members.fk.userId]);

    const chefMails = mailTo(world.members.chef.email).length;
    await http()
      .post(ws(`/meetings/${meeting.id}/schedule`))
      .set(auth(world.members.fk.token))
      .send({ slotId: meeting.slots[0]?.id })
      .expect(200);
    await drained();
    await waitFor(() => mailTo(world.members.chef.email).length > chefMails, 'the booking mail');
    const booked = mailTo(world.members.chef.email).slice(chefMails);
    const ics = booked
      .flatMap((mail) => mail.attachments)
      .find((file) => file.contentType.startsWith('text/calendar'));
    const calendar = ics?.content.toString('utf8') ?? '';
    expect(calendar).toContain('METHOD:REQUEST');
    expect(calendar).toContain('SUMMARY:Avstämningsmöte');
    expect(calendar).not.toContain('utmattning');
    // The employer's file names no one else's address: not the patient's, not FK's.
    expect(calendar).not.toContain(world.patient.email);
    expect(calendar).not.toContain(world.members.doctor.email);
    expect(calendar).not.toContain(world.members.fk.email);
    expect(calendar).toContain(`MAILTO:${world.members.chef.email}`);
    expect(booked.map((mail) => mail.text ?? '').join('\n')).toContain('bestämt');
    const reminderKey = `remind:meeting:${meeting.id}`;
    expect((await queuedJob(reminderKey))?.runAt.toISOString()).toBe(
      new Date(new Date(slot(9).start).getTime() - 24 * 3600_000).toISOString(),
    );

    await http()
      .post(ws(`/meetings/${meeting.id}/schedule`))
      .set(auth(world.members.fk.token))
      .send({ slotId: meeting.slots[1]?.id })
      .expect(200);
    await drained();
    expect(await kindsOf(world.members.doctor.userId)).toContain('meeting.changed');
    expect((await queuedJob(reminderKey))?.runAt.toISOString()).toBe(
      new Date(new Date(slot(13).start).getTime() - 24 * 3600_000).toISOString(),
    );

    const patientMails = mailTo(world.patient.email).length;
    await http()
      .post(ws(`/meetings/${meeting.id}/cancel`))
      .set(auth(world.members.fk.token))
      .send({})
      .expect(200);
    await drained();
    expect(await queuedJob(reminderKey)).toBeUndefined();
    await waitFor(() => mailTo(world.patient.email).length > patientMails, 'the cancellation');
    const cancelled = mailTo(world.patient.email)
      .slice(patientMails)
      .flatMap((mail) => mail.attachments)
      .map((file) => file.content.toString('utf8'))
      .join('\n');
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(await kindsOf(world.patient.userId)).toContain('meeting.cancelled');
  });

  it('asks the patient for her answer once the employer establishes the plan', async () => {
    await startWorker();
    const saved = await http()
      .put(ws('/plan'))
      .set(auth(world.members.chef.token))
      .send({ version: 0, goal: 'Tillbaka i sitt arbete, först på halvtid.' })
      .expect(200);
    await http()
      .post(ws('/plan/signoffs'))
      .set(auth(world.members.chef.token))
      .send({ version: (saved.body as { version: number }).version, decision: 'ESTABLISHED' })
      .expect(201);
    await drained();
    const list = await notificationsOf(world.patient.token);
    expect(list.notifications.find((item) => item.kind === 'plan.signoff-requested')).toMatchObject(
      {
        link: `/w/${world.workspaceId}/plan`,
        caseLabel: 'Ditt ärende',
      },
    );
    expect(await kindsOf(world.members.fk.userId)).not.toContain('plan.signoff-requested');
  });

  it('makes each notification once with two instances working the queue', async () => {
    await startWorker();
    await startWorker();
    await drained();
    const titles = Array.from({ length: 12 }, (_, i) => `Uppgift ${i + 1}`);
    const ids: string[] = [];
    for (const title of titles) {
      const created = await http()
        .post(ws('/tasks'))
        .set(auth(world.members.doctor.token))
        .send({ title, assigneeParticipantId: world.members.af.participantId })
        .expect(201);
      ids.push((created.body as { id: string }).id);
    }
    await drained();
    const rows = await prisma.notification.findMany({
      where: { kind: 'task.assigned', subjectId: { in: ids } },
    });
    expect(rows).toHaveLength(ids.length);
    expect(new Set(rows.map((row) => row.subjectId)).size).toBe(ids.length);
    // AF was given them but has no consent for tasks it did not author... its own assigned
    // tasks it may see (assigned to its participant), and each was mailed once.
    const mails = await prisma.mailMessage.count({
      where: { toAddress: world.members.af.email.toLowerCase(), kind: 'notification' },
    });
    expect(mails).toBeGreaterThanOrEqual(ids.length);
  });

  it('answers bad input with problems that name the field, and keeps settings not sent', async () => {
    const token = world.members.af.token;
    const before = await http()
      .get('/api/me/notification-preferences')
      .set(auth(token))
      .expect(200);
    const bad: [string, unknown, string][] = [
      ['kind', { kinds: { 'task.nonsense': 'IMMEDIATE' } }, 'kinds.task.nonsense'],
      ['delivery', { kinds: { 'task.assigned': 'SOMETIMES' } }, 'kinds.task.assigned'],
      ['hour', { digestHour: 24 }, 'digestHour'],
      ['quiet', { quietHours: { from: 7, until: 7 } }, 'quietHours.until'],
      ['unknown', { colour: 'red' }, ''],
    ];
    for (const [label, body, path] of bad) {
      const response = await http()
        .patch('/api/me/notification-preferences')
        .set(auth(token))
        .send(body as object);
      expect([label, response.status, response.headers['content-type']]).toEqual([
        label,
        400,
        expect.stringContaining('application/problem+json'),
      ]);
      if (path) {
        expect([
          label,
          (response.body as { errors: { path: string }[] }).errors.map((e) => e.path),
        ]).toEqual([label, expect.arrayContaining([path])]);
      }
    }
    const changed = await http()
      .patch('/api/me/notification-preferences')
      .set(auth(token))
      .send({ kinds: { 'document.added': 'OFF' } })
      .expect(200);
    const previous = before.body as { kinds: Record<string, string>; digestHour: number };
    const now = changed.body as typeof previous;
    expect(now.kinds['document.added']).toBe('OFF');
    expect({ ...now.kinds, 'document.added': previous.kinds['document.added'] }).toEqual(
      previous.kinds,
    );
    expect(now.digestHour).toBe(previous.digestHour);
    await http().get('/api/notifications?limit=0').set(auth(token)).expect(400);
    await http().post('/api/notifications/not-a-uuid/read').set(auth(token)).expect(400);
    await http().get('/api/notifications').expect(401);
  });
});
