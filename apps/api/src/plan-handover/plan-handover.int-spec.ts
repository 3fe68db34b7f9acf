import type {
  AccessLogEntry,
  ConsentView,
  PlanHandoversView,
  PlanHandoverView,
  PlanRequestView,
  PlanView,
  TaskList,
  WorkspaceEventView,
} from '@atergang/contracts';
import { addDays } from '@atergang/domain';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { stockholmToday } from '../common/calendar';
import { type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { pdfText } from '../testing/pdf-text';
import { createTestApp, type TestApp } from '../testing/test-app';

// The employer's plan handed over to FK (its statutory right, SFB 110 kap. 14 och 31 §§) or
// to care (by the patient's consent), on the demo case: FK has PLAN and MEDICAL by consent,
// the employer neither MEDICAL, care everything, AF nothing. The care unit's treatment
// measure is MEDICAL and never travels in a hand-over.

const TREATMENT = 'Samtalsbehandling hos psykolog';

describe('the plan handed over to FK and care', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const tokens = new Map<DemoRole, string>();
  const http = () => request(testApp.app.getHttpServer());
  const as = (who: DemoRole) => `Bearer ${tokens.get(who) ?? ''}`;
  const path = (rest: string) => `/api/workspaces/${workspaceId}${rest}`;

  async function planOf(who: DemoRole): Promise<PlanView> {
    return (await http().get(path('/plan')).set('authorization', as(who)).expect(200))
      .body as PlanView;
  }
  async function handoversOf(who: DemoRole): Promise<PlanHandoversView> {
    return (await http().get(path('/plan/handovers')).set('authorization', as(who)).expect(200))
      .body as PlanHandoversView;
  }
  async function send(
    version: number,
    recipient: 'FK' | 'CARE' = 'FK',
    who: DemoRole = 'employer',
  ) {
    return http()
      .post(path('/plan/handovers'))
      .set('authorization', as(who))
      .send({ version, recipient });
  }
  async function pdfOf(who: DemoRole, handoverId: string) {
    const response = await http()
      .get(path(`/plan/handovers/${handoverId}/plan.pdf`))
      .set('authorization', as(who))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          done(null, Buffer.concat(chunks));
        });
      });
    return response;
  }
  async function consentOf(party: string): Promise<ConsentView> {
    const consents = (
      await http().get(path('/consents')).set('authorization', as('patient')).expect(200)
    ).body as ConsentView[];
    const consent = consents.find((c) => c.party === party && c.active);
    if (!consent) throw new Error(`no consent to ${party}`);
    return consent;
  }
  async function revoke(party: string): Promise<ConsentView> {
    const consent = await consentOf(party);
    await http()
      .delete(path(`/consents/${consent.id}`))
      .set('authorization', as('patient'))
      .expect(200);
    return consent;
  }
  async function grant(consent: ConsentView): Promise<void> {
    await http()
      .post(path('/consents'))
      .set('authorization', as('patient'))
      .send({ party: consent.party, categories: consent.categories })
      .expect(201);
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    for (const who of ['patient', 'employer', 'doctor', 'fk', 'af', 'outsider'] as const) {
      tokens.set(who, await loginAs(testApp, who));
    }
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('sends version n to FK, which sees it, opens it as sent and acknowledges it; the patient sees it in her access log', async () => {
    const before = await planOf('employer');
    const n = before.version;
    expect(n).toBeGreaterThanOrEqual(1);
    const oldGoal = before.goal ?? '';
    // A later save: the version sent stays the one chosen.
    const newGoal = 'Tillbaka på heltid i mars, med stöd av arbetsterapeut.';
    await http()
      .put(path('/plan'))
      .set('authorization', as('employer'))
      .send({ version: n, goal: newGoal })
      .expect(200);

    const sent = await send(n);
    expect(sent.status).toBe(201);
    const handover = sent.body as PlanHandoverView;
    expect(handover).toMatchObject({
      version: n,
      recipient: 'FK',
      recipientOrganisation: { name: 'Försäkringskassan' },
      acknowledgedAt: null,
      mayAcknowledge: false,
    });

    const received = await handoversOf('fk');
    const mine = received.handovers.find((h) => h.id === handover.id);
    expect(mine).toMatchObject({ version: n, recipient: 'FK', mayAcknowledge: true });

    // What FK holds is version n as the employer saw it: the old goal, not the new one, and
    // no MEDICAL measure even though FK's own consent covers MEDICAL.
    const fkPlan = await planOf('fk');
    expect(fkPlan.measures.some((m) => m.title.startsWith(TREATMENT))).toBe(true);
    const pdf = await pdfOf('fk', handover.id);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['x-plan-version']).toBe(String(n));
    const text = (await pdfText(pdf.body as Buffer)).text;
    expect(text).toContain(`Version ${n}`);
    expect(text).toContain('Skickad till Försäkringskassan');
    if (oldGoal) expect(text).toContain(oldGoal.replace(/\s+/g, ' ').slice(0, 30));
    expect(text).not.toContain(newGoal);
    expect(text).not.toContain(TREATMENT);

    const acknowledged = await http()
      .post(path(`/plan/handovers/${handover.id}/acknowledge`))
      .set('authorization', as('fk'))
      .expect(200);
    expect(acknowledged.body).toMatchObject({
      acknowledgedBy: { party: 'FK' },
      mayAcknowledge: false,
    });
    expect((acknowledged.body as PlanHandoverView).acknowledgedAt).not.toBeNull();
    const again = await http()
      .post(path(`/plan/handovers/${handover.id}/acknowledge`))
      .set('authorization', as('fk'))
      .expect(409);
    expect(again.body).toMatchObject({ code: 'PLAN_HANDOVER_ALREADY_ACKNOWLEDGED' });

    // The patient sees the hand-over on her plan and in her access log.
    const hers = await handoversOf('patient');
    expect(hers.handovers.find((h) => h.id === handover.id)).toMatchObject({
      version: n,
      recipient: 'FK',
      sentBy: { party: 'EMPLOYER' },
      acknowledgedBy: { party: 'FK' },
    });
    const log = (
      await http().get(path('/access-log')).set('authorization', as('patient')).expect(200)
    ).body as AccessLogEntry[];
    const sentEntry = log.find((e) => e.action === 'plan.handed-over' && e.what.id === handover.id);
    expect(sentEntry).toMatchObject({ party: 'EMPLOYER', outcome: 'ALLOWED' });
    expect(sentEntry?.textSv).toContain('skickade planen till Försäkringskassan');
    expect(
      log.find((e) => e.action === 'plan.handover-acknowledged' && e.what.id === handover.id),
    ).toMatchObject({ party: 'FK' });
    expect(
      log.find((e) => e.action === 'plan.handover.downloaded' && e.what.id === handover.id),
    ).toMatchObject({ party: 'FK' });

    // One event each, in the same transaction as the rows.
    const events = await prisma.workspaceEvent.findMany({
      where: { workspaceId, subjectId: handover.id },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => [e.type, e.category, e.authorParty, e.assigneeParty])).toEqual([
      ['plan.handed-over', 'PLAN', 'EMPLOYER', 'FK'],
      ['plan.handover-acknowledged', 'PLAN', 'EMPLOYER', 'FK'],
    ]);
  });

  it('never sends MEDICAL measures, even when the patient lets the employer see them', async () => {
    const employerConsent = await revoke('EMPLOYER');
    await http()
      .post(path('/consents'))
      .set('authorization', as('patient'))
      .send({
        party: 'EMPLOYER',
        categories: [...employerConsent.categories, 'MEDICAL'],
        confirmMedicalToEmployer: true,
      })
      .expect(201);
    const plan = await planOf('employer');
    expect(plan.measures.some((m) => m.title.startsWith(TREATMENT))).toBe(true);
    const sent = (await send(plan.version)).body as PlanHandoverView;
    const stored = await prisma.planHandover.findUniqueOrThrow({ where: { id: sent.id } });
    const content = stored.content as unknown as PlanView;
    expect(content.measures.map((m) => m.category)).not.toContain('MEDICAL');
    expect(content.measures.length).toBe(plan.measures.length - 1);
    const text = (await pdfText((await pdfOf('fk', sent.id)).body as Buffer)).text;
    expect(text).not.toContain(TREATMENT);
    await revoke('EMPLOYER');
    await grant(employerConsent);
  });

  it('lets FK read what was handed to it by law, without the patient’s consent', async () => {
    const fkConsent = await revoke('FK');
    try {
      const fkPlan = await planOf('fk');
      expect(fkPlan.withheld).toContain('PLAN');
      const employerGoal = (await planOf('employer')).goal ?? '';
      expect(fkPlan.goal).toBeNull();
      const sent = (await send((await planOf('employer')).version)).body as PlanHandoverView;
      const list = await handoversOf('fk');
      expect(list.handovers.map((h) => h.id)).toContain(sent.id);
      const pdf = await pdfOf('fk', sent.id);
      expect(pdf.status).toBe(200);
      expect((await pdfText(pdf.body as Buffer)).text).toContain(
        employerGoal.replace(/\s+/g, ' ').slice(0, 30),
      );
      // Its event reaches FK as well (GET /events is the policy's, like the live socket).
      const events = (
        await http()
          .get(path('/events?after=0&limit=1000'))
          .set('authorization', as('fk'))
          .expect(200)
      ).body as { events: WorkspaceEventView[] };
      expect(
        events.events.some((e) => e.type === 'plan.handed-over' && e.data.id === sent.id),
      ).toBe(true);
      // FK acknowledges what it may read by law.
      await http()
        .post(path(`/plan/handovers/${sent.id}/acknowledge`))
        .set('authorization', as('fk'))
        .expect(200);
      // AF, without consent, sees none of it.
      const af = await handoversOf('af');
      expect(af).toEqual({ handovers: [], requests: [] });
    } finally {
      await grant(fkConsent);
    }
  });

  it('gives the employer a task when FK asks for the plan, and a send answers it and closes the task', async () => {
    const asked = await http()
      .post(path('/plan/requests'))
      .set('authorization', as('fk'))
      .send({})
      .expect(201);
    const planRequest = asked.body as PlanRequestView;
    expect(planRequest).toMatchObject({
      askedParty: 'EMPLOYER',
      requestedBy: { party: 'FK' },
      dueDate: addDays(stockholmToday(), 14),
      answeredAt: null,
    });
    const tasks = (
      await http().get(path('/tasks')).set('authorization', as('employer')).expect(200)
    ).body as TaskList;
    const task = tasks.tasks.find((t) => t.id === planRequest.taskId);
    expect(task).toMatchObject({
      status: 'OPEN',
      assigneeParty: 'EMPLOYER',
      dueDate: addDays(stockholmToday(), 14),
    });
    const twice = await http()
      .post(path('/plan/requests'))
      .set('authorization', as('fk'))
      .send({})
      .expect(409);
    expect(twice.body).toMatchObject({ code: 'PLAN_REQUEST_OPEN' });
    // The employer sees the request too.
    expect((await handoversOf('employer')).requests.map((r) => r.id)).toContain(planRequest.id);

    const sent = await send((await planOf('employer')).version);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ answeredRequest: true });
    const closed = (
      await http().get(path('/tasks')).set('authorization', as('employer')).expect(200)
    ).body as TaskList;
    expect(closed.tasks.find((t) => t.id === planRequest.taskId)?.status).toBe('DONE');
    const answered = (await handoversOf('fk')).requests.find((r) => r.id === planRequest.id);
    expect(answered).toMatchObject({ handoverId: (sent.body as PlanHandoverView).id });
    expect(answered?.answeredAt).not.toBeNull();
    const log = (
      await http().get(path('/access-log')).set('authorization', as('patient')).expect(200)
    ).body as AccessLogEntry[];
    expect(log.find((e) => e.action === 'plan.requested')).toMatchObject({ party: 'FK' });
    // A new request may follow once the last one is answered.
    await http().post(path('/plan/requests')).set('authorization', as('fk')).send({}).expect(201);
    await send((await planOf('employer')).version).then((r) => {
      expect(r.status).toBe(201);
    });
  });

  it('lets only the employer send and only the recipient acknowledge', async () => {
    const version = (await planOf('employer')).version;
    for (const who of ['patient', 'doctor', 'fk', 'af'] as const) {
      const refused = await send(1, 'FK', who);
      expect({
        who,
        status: refused.status,
        code: (refused.body as { code: string }).code,
      }).toEqual({ who, status: 403, code: 'PLAN_HANDOVER_NOT_EMPLOYER' });
    }
    const outsider = await send(1, 'FK', 'outsider');
    expect(outsider.status).toBe(404);

    const unknownVersion = await send(version + 50);
    expect(unknownVersion.status).toBe(422);
    expect(unknownVersion.body).toMatchObject({
      code: 'PLAN_HANDOVER_VERSION_NOT_FOUND',
      errors: [{ path: 'version' }],
    });

    const handover = (await send(version)).body as PlanHandoverView;
    const ack = (who: DemoRole) =>
      http()
        .post(path(`/plan/handovers/${handover.id}/acknowledge`))
        .set('authorization', as(who));
    for (const who of ['patient', 'employer', 'doctor'] as const) {
      const refused = await ack(who);
      expect({
        who,
        status: refused.status,
        code: (refused.body as { code: string }).code,
      }).toEqual({ who, status: 403, code: 'PLAN_HANDOVER_NOT_RECIPIENT' });
    }
    // AF may not even see it: consent-required, as for any item it cannot read.
    const af = await ack('af');
    expect(af.status).toBe(403);
    expect(af.body).toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect((await pdfOf('af', handover.id)).status).toBe(403);
    expect((await ack('outsider')).status).toBe(404);

    const unknown = await http()
      .post(path('/plan/handovers/00000000-0000-4000-8000-000000000000/acknowledge'))
      .set('authorization', as('fk'))
      .expect(404);
    expect(unknown.body).toMatchObject({ code: 'PLAN_HANDOVER_NOT_FOUND' });

    for (const who of ['patient', 'employer', 'doctor', 'af'] as const) {
      const refused = await http()
        .post(path('/plan/requests'))
        .set('authorization', as(who))
        .send({});
      expect({
        who,
        status: refused.status,
        code: (refused.body as { code: string }).code,
      }).toEqual({ who, status: 403, code: 'PLAN_REQUEST_NOT_ALLOWED' });
    }
    // Each refusal is in the patient's access log as an attempt.
    const log = (
      await http().get(path('/access-log')).set('authorization', as('patient')).expect(200)
    ).body as AccessLogEntry[];
    expect(
      log.some(
        (e) => e.action === 'plan.handed-over' && e.outcome === 'DENIED' && e.party === 'AF',
      ),
    ).toBe(true);
  });

  it('hands the plan to care only while the patient lets care see it', async () => {
    const version = (await planOf('employer')).version;
    const toCare = await send(version, 'CARE');
    expect(toCare.status).toBe(201);
    const careId = (toCare.body as PlanHandoverView).id;
    expect((await handoversOf('doctor')).handovers.find((h) => h.id === careId)).toMatchObject({
      recipient: 'CARE',
      recipientOrganisation: { name: 'Vårdcentralen Linden' },
      mayAcknowledge: true,
    });
    await http()
      .post(path(`/plan/handovers/${careId}/acknowledge`))
      .set('authorization', as('doctor'))
      .expect(200);

    const careConsent = await revoke('CARE');
    try {
      const refused = await send(version, 'CARE');
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'PLAN_HANDOVER_RECIPIENT_NOT_ALLOWED',
        errors: [{ path: 'recipient' }],
      });
      // What care was handed is care's only by consent: withdrawn, it is gone from its view.
      expect((await handoversOf('doctor')).handovers.map((h) => h.id)).not.toContain(careId);
      expect((await pdfOf('doctor', careId)).status).toBe(403);
    } finally {
      await grant(careConsent);
    }
  });

  it('refuses a hand-over to a party that takes no part in the case', async () => {
    const fk = await prisma.participant.findFirstOrThrow({
      where: { workspaceId, party: 'FK', removedAt: null },
    });
    await http()
      .delete(path(`/participants/${fk.id}`))
      .set('authorization', as('patient'))
      .expect(204);
    const refused = await send((await planOf('employer')).version, 'FK');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'PLAN_HANDOVER_RECIPIENT_NOT_IN_CASE',
      errors: [{ path: 'recipient' }],
    });
  });
});
