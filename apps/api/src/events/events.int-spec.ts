import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { PrismaService } from '../prisma/prisma.service';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';
import { CASE_FACETS } from '../access/facets';
import { EventsRepository } from './events.repository';

interface EventsBody {
  events: { seq: number; type: string; category: string | null; actor: { party: string | null } }[];
  withheld: string[];
  more: boolean;
}

describe('the workspace event log', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const http = () => request(testApp.app.getHttpServer());

  async function eventsAs(role: Parameters<typeof loginAs>[1], query = ''): Promise<EventsBody> {
    const token = await loginAs(testApp, role);
    const response = await http()
      .get(`/api/workspaces/${workspaceId}/events${query}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    return response.body as EventsBody;
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ prisma, workspaceId } = await seedDemo(testApp));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('gives the patient every event in seq order', async () => {
    const body = await eventsAs('patient');
    const total = await prisma.workspaceEvent.count({ where: { workspaceId } });
    expect(body.events.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(body.withheld).toEqual([]);
  });

  it('gives a party without consent only uncategorised events and its own', async () => {
    const body = await eventsAs('af');
    expect(body.events.length).toBeGreaterThan(0);
    for (const event of body.events) {
      expect([event.type, event.category === null || event.actor.party === 'AF']).toEqual([
        event.type,
        true,
      ]);
    }
    expect(body.withheld).toEqual([
      'PLAN',
      'TASKS',
      'MEETINGS',
      'MEETING_NOTES',
      'DOCUMENTS',
      'MEDICAL',
    ]);
  });

  it('gives the employer exactly the events of the categories it was granted, no medical ones', async () => {
    const body = await eventsAs('employer');
    // Demo: the employer was granted PLAN, TASKS, MEETINGS and DOCUMENTS; everything in the
    // demo log it did not author or get assigned falls in those or is case-level, except
    // care's medical treatment measure (plan.updated, MEDICAL).
    const granted = ['PLAN', 'TASKS', 'MEETINGS', 'DOCUMENTS'];
    const all = await prisma.workspaceEvent.findMany({
      where: { workspaceId },
      orderBy: { seq: 'asc' },
    });
    expect(all.filter((e) => e.category === 'MEDICAL').map((e) => e.type)).toEqual([
      'plan.updated',
    ]);
    const expected = all.filter((e) => e.category === null || granted.includes(e.category));
    expect(body.events.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect(new Set(body.events.map((e) => e.type))).toEqual(
      new Set([
        'workspace.created',
        'participant.invited',
        // Anna approved AF, whom FK invited (another organisation's participation).
        'invitation.approved',
        'participant.added',
        'plan.updated',
        'meeting.created',
        'task.created',
        'task.updated',
      ]),
    );
    expect(body.events.some((e) => e.category === 'MEDICAL')).toBe(false);
    expect(body.withheld).toEqual(['MEETING_NOTES', 'MEDICAL']);
  });

  it('returns only events after the given seq, and pages with `more`', async () => {
    const after = await eventsAs('patient', '?after=3&limit=2');
    expect(after.events.map((e) => e.seq)).toEqual([4, 5]);
    expect(after.more).toBe(true);
  });

  it('names the field for a bad query', async () => {
    const token = await loginAs(testApp, 'patient');
    const response = await http()
      .get(`/api/workspaces/${workspaceId}/events?after=-1`)
      .set('authorization', `Bearer ${token}`)
      .expect(400);
    expect(response.body.errors[0].path).toBe('query.after');
  });

  it('leaves no gap in seq when a change rolls back', async () => {
    const repository = new EventsRepository(prisma as unknown as PrismaService);
    const before = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    const event = {
      workspaceId,
      type: 'participant.invited' as const,
      facets: CASE_FACETS,
      actorUserId: null,
      actorParty: null,
      subjectType: 'Invitation',
      subjectId: randomUUID(),
      payload: {},
    };
    await expect(
      prisma.$transaction(async (tx) => {
        await repository.append(tx, event);
        throw new Error('the change fails after its event was appended');
      }),
    ).rejects.toThrow('the change fails');
    const next = await prisma.$transaction((tx) => repository.append(tx, event));
    expect(next.seq).toBe(before.lastEventSeq + 1);
    expect(
      await prisma.workspaceEvent.count({
        where: { workspaceId, seq: { gt: before.lastEventSeq } },
      }),
    ).toBe(1);
  });
});
