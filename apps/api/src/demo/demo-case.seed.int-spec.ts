import { verify } from '@node-rs/argon2';
import type { PrismaClient } from '@prisma/client';
import { openPrisma } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';
import { DemoCaseBuilder } from './demo-case.builder';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-case.seed';

// Chosen so that the proposed meeting times fall after the switch to summer time (2026-03-29).
const TODAY = new Date('2026-03-25T10:30:00Z');

describe('the demo case, built through the services', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let builder: DemoCaseBuilder;

  beforeAll(async () => {
    testApp = await createTestApp();
    builder = testApp.app.get(DemoCaseBuilder);
    prisma = openPrisma(testApp.database.url);
  }, 120_000);

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('seeds the demo case once and does nothing the second time', async () => {
    await expect(builder.seed(TODAY)).resolves.toEqual({ seeded: true });
    await expect(builder.seed(TODAY)).resolves.toEqual({ seeded: false });

    expect(await prisma.user.count()).toBe(7);
    expect(await prisma.organisation.count()).toBe(5);
    expect(await prisma.membership.count()).toBe(6);
    expect(await prisma.workspace.count()).toBe(1);
    expect(await prisma.participant.count()).toBe(6);
    expect(await prisma.consent.count()).toBe(3);
    expect(await prisma.plan.count()).toBe(1);
    expect(await prisma.planMeasure.count()).toBe(3);
    expect(await prisma.planRevision.count()).toBe(4);
    expect(await prisma.task.count()).toBe(3);
    expect(await prisma.meeting.count()).toBe(1);
    // Everyone but the creator and the patient came in by invitation.
    expect(await prisma.invitation.count({ where: { acceptedAt: { not: null } } })).toBe(4);
  });

  it('builds it only once when two instances boot on one empty database at the same time', async () => {
    const other = await createTestApp();
    const otherPrisma = openPrisma(other.database.url);
    try {
      const seeder = other.app.get(DemoCaseBuilder);
      const results = await Promise.all([seeder.seed(TODAY), seeder.seed(TODAY)]);
      expect(results.map((result) => result.seeded).sort()).toEqual([false, true]);
      expect(await otherPrisma.workspace.count()).toBe(1);
      expect(await otherPrisma.user.count()).toBe(7);
    } finally {
      await otherPrisma.$disconnect();
      await other.close();
    }
  });

  it('gives every demo user an argon2id hash of the demo password', async () => {
    const users = await prisma.user.findMany({ orderBy: { email: 'asc' } });
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    for (const user of users) {
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      await expect(verify(user.passwordHash ?? '', DEMO_PASSWORD)).resolves.toBe(true);
    }
    const anna = users.find((u) => u.email === 'anna@atergang.test');
    expect(anna?.personnummer).toBe('198503122387');
  });

  it('opens the case 40 days before today at 100 %, with Anna and five staff', async () => {
    const workspace = await prisma.workspace.findFirstOrThrow({
      include: { participants: { include: { user: true } }, patient: true },
    });
    expect(workspace.patient.email).toBe('anna@atergang.test');
    expect(workspace.sickPeriodStart.toISOString().slice(0, 10)).toBe('2026-02-13');
    expect(workspace.sickLeaveDegree).toBe(100);
    const byEmail = Object.fromEntries(
      workspace.participants.map((p) => [p.user.email, p.party] as const),
    );
    expect(byEmail).toEqual({
      'anna@atergang.test': 'PATIENT',
      'chef@atergang.test': 'EMPLOYER',
      'lakare@atergang.test': 'CARE',
      'koordinator@atergang.test': 'CARE',
      'fk@atergang.test': 'FK',
      'af@atergang.test': 'AF',
    });
  });

  it('records the consents of the contract and none for AF', async () => {
    const consents = await prisma.consent.findMany({ orderBy: { party: 'asc' } });
    const byParty = Object.fromEntries(consents.map((c) => [c.party, [...c.categories].sort()]));
    expect(byParty).toEqual({
      EMPLOYER: ['DOCUMENTS', 'MEETINGS', 'PLAN', 'TASKS'],
      CARE: ['DOCUMENTS', 'MEDICAL', 'MEETINGS', 'MEETING_NOTES', 'PLAN', 'TASKS'],
      FK: ['DOCUMENTS', 'MEDICAL', 'MEETINGS', 'MEETING_NOTES', 'PLAN', 'TASKS'],
    });
    expect(consents.every((c) => c.kind === 'SECRECY_WAIVER' && c.revokedAt === null)).toBe(true);
  });

  it('drafts a plan with an employer, a coordination and a medical treatment measure, each part by its owner', async () => {
    const plan = await prisma.plan.findFirstOrThrow({
      include: {
        measures: { orderBy: { position: 'asc' } },
        sickLeaveSteps: { orderBy: { position: 'asc' } },
        followUps: true,
        revisions: { orderBy: { number: 'asc' } },
      },
    });
    expect(plan.version).toBe(4);
    expect(plan.measures.map((m) => [m.ownerParty, m.kind, m.category])).toEqual([
      ['EMPLOYER', 'WORKPLACE_ADAPTATION', 'PLAN'],
      ['CARE', 'COORDINATION', 'PLAN'],
      ['CARE', 'TREATMENT', 'MEDICAL'],
    ]);
    expect(plan.sickLeaveSteps.map((s) => s.degree)).toEqual([100, 75, 50]);
    expect(plan.followUps).toHaveLength(1);
    // The employer's part, care's measures, the doctor's sick-leave steps, Anna's view.
    expect(plan.revisions.map((r) => [r.number, r.authorParty, r.touched])).toEqual([
      [1, 'EMPLOYER', ['measure:PLAN:EMPLOYER', 'section:EMPLOYER']],
      [2, 'CARE', ['measure:MEDICAL:CARE', 'measure:PLAN:CARE']],
      [3, 'CARE', ['section:CARE']],
      [4, 'PATIENT', ['section:PATIENT']],
    ]);
  });

  it('proposes an avstämningsmöte by FK with times at 09:00 Swedish time', async () => {
    const meeting = await prisma.meeting.findFirstOrThrow({
      include: { slots: true, invitees: { include: { participant: { include: { user: true } } } } },
    });
    expect(meeting).toMatchObject({ kind: 'AVSTAMNINGSMOTE', status: 'PROPOSED' });
    expect(meeting.organiserParty).toBe('FK');
    expect(meeting.invitees.map((i) => i.participant.user.email).sort()).toEqual([
      'anna@atergang.test',
      'chef@atergang.test',
      'fk@atergang.test',
      'koordinator@atergang.test',
    ]);
    const swedishStarts = meeting.slots
      .map((slot) =>
        slot.start.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 16),
      )
      .sort();
    expect(swedishStarts).toEqual(['2026-04-01 09:00', '2026-04-02 09:00', '2026-04-04 09:00']);
  });

  it('creates the employer deadline task, a care task and a task for Anna', async () => {
    const tasks = await prisma.task.findMany({ orderBy: { createdAt: 'asc' } });
    expect(tasks.map((t) => t.assigneeParty).sort()).toEqual(['CARE', 'EMPLOYER', 'PATIENT']);
    const deadline = tasks.find((t) => t.deadlineKey === 'RETURN_TO_WORK_PLAN');
    // Day 30 of a sick period that began on 2026-02-13; the employer is working on it.
    expect(deadline?.dueDate?.toISOString().slice(0, 10)).toBe('2026-03-14');
    expect(deadline).toMatchObject({ status: 'IN_PROGRESS', createdByParty: null });
  });

  it('logs every created item as an event with a gapless seq', async () => {
    const workspace = await prisma.workspace.findFirstOrThrow();
    const events = await prisma.workspaceEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, index) => index + 1));
    expect(workspace.lastEventSeq).toBe(events.length);
    const count = (type: string): number => events.filter((e) => e.type === type).length;
    expect(count('workspace.created')).toBe(1);
    expect(count('participant.invited')).toBe(4);
    expect(count('participant.added')).toBe(4);
    // Consents are the patient's business, not the shared log's.
    expect(count('consent.granted')).toBe(0);
    // One event per distinct set of readers of the parts each save touched: the employer's
    // section and measure share their readers (1), care's PLAN and MEDICAL measures do not
    // (2), the doctor's steps (1), Anna's view (1).
    expect(count('plan.updated')).toBe(5);
    expect(count('meeting.created')).toBe(1);
    expect(count('task.created')).toBe(3);
    expect(count('task.updated')).toBe(1);
    // Every change was audited with it.
    const audited = await prisma.auditLog.count({
      where: { workspaceId: workspace.id, outcome: 'ALLOWED', action: 'plan.updated' },
    });
    expect(audited).toBe(4);
  });

  it('keeps the audit log append-only', async () => {
    const before = await prisma.auditLog.count();
    await prisma.auditLog.create({
      data: {
        action: 'plan.read',
        resourceType: 'plan',
        outcome: 'ALLOWED',
        prevHash: '0'.repeat(64),
        hash: 'a'.repeat(64),
      },
    });
    await expect(prisma.$executeRaw`UPDATE audit_log SET action = 'plan.updated'`).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.$executeRaw`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRaw`TRUNCATE audit_log`).rejects.toThrow(/append-only/);
    expect(await prisma.auditLog.count()).toBe(before + 1);
  });

  it('lets a consent be revoked but never rewritten', async () => {
    const anna = await prisma.user.findUniqueOrThrow({ where: { email: 'anna@atergang.test' } });
    const consent = await prisma.consent.findFirstOrThrow({ where: { party: 'EMPLOYER' } });
    await expect(
      prisma.consent.update({ where: { id: consent.id }, data: { categories: ['PLAN'] } }),
    ).rejects.toThrow(/only be revoked/);
    await prisma.consent.update({
      where: { id: consent.id },
      data: { revokedAt: new Date(), revokedById: anna.id },
    });
    await expect(
      prisma.consent.update({ where: { id: consent.id }, data: { revokedAt: null } }),
    ).rejects.toThrow(/only be revoked/);
  });

  it('refuses MEDICAL to the employer without the confirmed warning, and consents to the patient', async () => {
    const workspace = await prisma.workspace.findFirstOrThrow();
    const base = { workspaceId: workspace.id, grantedById: workspace.patientUserId };
    await expect(
      prisma.consent.create({ data: { ...base, party: 'EMPLOYER', categories: ['MEDICAL'] } }),
    ).rejects.toThrow(/consents_medical_to_employer_confirmed/);
    await expect(
      prisma.consent.create({ data: { ...base, party: 'PATIENT', categories: ['PLAN'] } }),
    ).rejects.toThrow(/consents_party_not_patient/);
  });

  it('refuses a task that points to a measure of another workspace', async () => {
    const demo = await prisma.workspace.findFirstOrThrow();
    const measure = await prisma.planMeasure.findFirstOrThrow({
      where: { workspaceId: demo.id },
    });
    const annan = await prisma.user.findUniqueOrThrow({ where: { email: 'annan@atergang.test' } });
    const other = await prisma.workspace.create({
      data: {
        patientUserId: annan.id,
        sickPeriodStart: new Date('2026-03-01T00:00:00Z'),
        createdById: annan.id,
      },
    });
    await expect(
      prisma.task.create({
        data: { workspaceId: other.id, title: 'Fel ärende', measureId: measure.id },
      }),
    ).rejects.toThrow(/tasks_measure_id_workspace_id_fkey/);
    // The same reference inside its own workspace is fine.
    await expect(
      prisma.task.create({
        data: { workspaceId: demo.id, title: 'Rätt ärende', measureId: measure.id },
      }),
    ).resolves.toMatchObject({ measureId: measure.id });
  });

  it('schedules a meeting only on one of its own slots', async () => {
    const demo = await prisma.workspace.findFirstOrThrow({
      where: { patient: { email: 'anna@atergang.test' } },
    });
    const meeting = await prisma.meeting.findFirstOrThrow({ where: { workspaceId: demo.id } });
    const fk = await prisma.user.findUniqueOrThrow({ where: { email: 'fk@atergang.test' } });
    const otherMeeting = await prisma.meeting.create({
      data: {
        workspaceId: demo.id,
        kind: 'SASSAM',
        title: 'Kartläggning',
        organiserId: fk.id,
        organiserParty: 'FK',
        // Nested rows take workspace_id from the composite key of their parent.
        slots: {
          create: {
            start: new Date('2026-04-10T07:00:00Z'),
            end: new Date('2026-04-10T08:00:00Z'),
          },
        },
      },
      include: { slots: true },
    });
    await expect(
      prisma.meeting.update({
        where: { id: meeting.id },
        data: { status: 'SCHEDULED', scheduledSlotId: otherMeeting.slots[0]!.id },
      }),
    ).rejects.toThrow(/meetings_scheduled_slot_id_id_fkey/);
    await expect(
      prisma.meetingSlot.create({
        data: {
          workspaceId: demo.id,
          meetingId: meeting.id,
          start: new Date('2026-04-10T08:00:00Z'),
          end: new Date('2026-04-10T07:00:00Z'),
        },
      }),
    ).rejects.toThrow(/meeting_slots_end_after_start/);
  });

  it('deletes a whole workspace in one cascade, while the audit log stays', async () => {
    const demo = await prisma.workspace.findFirstOrThrow({
      where: { patient: { email: 'anna@atergang.test' } },
    });
    // Schedule the meeting and answer a slot, so the cascade meets the meeting <-> slot cycle.
    const meeting = await prisma.meeting.findFirstOrThrow({
      where: { workspaceId: demo.id },
      include: { slots: true, invitees: true },
    });
    const slot = meeting.slots[0]!;
    await prisma.slotResponse.create({
      data: {
        workspaceId: demo.id,
        meetingId: meeting.id,
        slotId: slot.id,
        participantId: meeting.invitees[0]!.participantId,
        answer: 'YES',
      },
    });
    await prisma.meeting.update({
      where: { id: meeting.id },
      data: { status: 'SCHEDULED', scheduledSlotId: slot.id },
    });
    const audit = await prisma.auditLog.count();
    await prisma.workspace.delete({ where: { id: demo.id } });
    expect(await prisma.meeting.count({ where: { workspaceId: demo.id } })).toBe(0);
    expect(await prisma.task.count({ where: { workspaceId: demo.id } })).toBe(0);
    expect(await prisma.participant.count({ where: { workspaceId: demo.id } })).toBe(0);
    expect(await prisma.auditLog.count()).toBe(audit);
  });
});
