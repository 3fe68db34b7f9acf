import type { ConsentParty } from '@atergang/contracts';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';

// The patient decides, category by category, what each party sees; access follows the
// consents in force on the very next request, and the patient can see who looked.

interface PlanBody {
  goal: string | null;
  measures: { ownerParty: string; category: string; kind: string }[];
  sickLeaveSteps: unknown[];
  withheld: string[];
}

describe('consent decides what each party sees', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const http = () => request(testApp.app.getHttpServer());

  async function readPlan(token: string): Promise<PlanBody> {
    const response = await http()
      .get(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(response.headers.etag).toMatch(/^"\d+"$/);
    return response.body as PlanBody;
  }

  async function consentIdFor(party: ConsentParty): Promise<string> {
    const consent = await prisma.consent.findFirstOrThrow({
      where: { workspaceId, party, revokedAt: null },
    });
    return consent.id;
  }

  beforeEach(async () => {
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('shows the patient and FK every measure, the employer no medical ones, AF nothing', async () => {
    const patient = await readPlan(await loginAs(testApp, 'patient'));
    expect(patient.measures).toHaveLength(3);
    expect(patient.withheld).toEqual([]);

    const fk = await readPlan(await loginAs(testApp, 'fk'));
    expect(fk.measures.map((m) => m.category).sort()).toEqual(['MEDICAL', 'PLAN', 'PLAN']);

    const employer = await readPlan(await loginAs(testApp, 'employer'));
    expect(employer.measures.map((m) => m.category)).toEqual(['PLAN', 'PLAN']);
    expect(employer.goal).not.toBeNull();
    expect(employer.withheld).toEqual(['MEDICAL']);

    const af = await readPlan(await loginAs(testApp, 'af'));
    expect(af.measures).toEqual([]);
    expect(af.goal).toBeNull();
    expect(af.sickLeaveSteps).toEqual([]);
    expect(af.withheld).toEqual(['PLAN', 'MEDICAL']);
  });

  it('stops the employer seeing other parties’ measures on the next request after a revoke, and logs the earlier read', async () => {
    const employerToken = await loginAs(testApp, 'employer');
    const patientToken = await loginAs(testApp, 'patient');
    const before = await readPlan(employerToken);
    expect(before.measures.some((m) => m.ownerParty === 'CARE')).toBe(true);

    const revoked = await http()
      .delete(`/api/workspaces/${workspaceId}/consents/${await consentIdFor('EMPLOYER')}`)
      .set('authorization', `Bearer ${patientToken}`)
      .expect(200);
    expect(revoked.body.active).toBe(false);

    const after = await readPlan(employerToken);
    expect(after.measures.map((m) => m.ownerParty)).toEqual(['EMPLOYER']);
    // The goal is the employer's own part of the plan: it keeps reading it. The doctor's
    // sick-leave steps are care's, shared by PLAN: gone with the consent.
    expect(after.goal).toBe(before.goal);
    expect(after.goal).not.toBeNull();
    expect(before.sickLeaveSteps).not.toEqual([]);
    expect(after.sickLeaveSteps).toEqual([]);
    expect(after.withheld).toEqual(['PLAN', 'MEDICAL']);

    const log = await http()
      .get(`/api/workspaces/${workspaceId}/access-log`)
      .set('authorization', `Bearer ${patientToken}`)
      .expect(200);
    const texts = (log.body as { textSv: string; action: string }[]).map((entry) => entry.textSv);
    expect(texts).toContain('Maria Lindqvist, Solbacka kommun, tittade på planen');

    // The history stays visible: the revoked consent is still listed, inactive.
    const consents = await http()
      .get(`/api/workspaces/${workspaceId}/consents`)
      .set('authorization', `Bearer ${patientToken}`)
      .expect(200);
    expect(consents.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ party: 'EMPLOYER', active: false, kind: 'SECRECY_WAIVER' }),
      ]),
    );
  });

  it('stops access when a consent expires, without anyone revoking it', async () => {
    const afToken = await loginAs(testApp, 'af');
    const patientToken = await loginAs(testApp, 'patient');
    await http()
      .post(`/api/workspaces/${workspaceId}/consents`)
      .set('authorization', `Bearer ${patientToken}`)
      .send({
        party: 'AF',
        categories: ['PLAN'],
        expiresAt: new Date(Date.now() + 1_500).toISOString(),
      })
      .expect(201);
    expect((await readPlan(afToken)).measures).toHaveLength(2);

    // Consent rows cannot be edited (a trigger keeps the history), so wait for the expiry.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect((await readPlan(afToken)).measures).toEqual([]);
  });

  it('refuses MEDICAL to the employer without the confirmed warning, and allows it with', async () => {
    const patientToken = await loginAs(testApp, 'patient');
    const refused = await http()
      .post(`/api/workspaces/${workspaceId}/consents`)
      .set('authorization', `Bearer ${patientToken}`)
      .send({ party: 'EMPLOYER', categories: ['MEDICAL'] })
      .expect(422);
    expect(refused.body.code).toBe('MEDICAL_TO_EMPLOYER_NOT_CONFIRMED');
    expect(refused.body.errors[0].path).toBe('confirmMedicalToEmployer');
    expect(await prisma.consent.count({ where: { party: 'EMPLOYER' } })).toBe(1);

    await http()
      .post(`/api/workspaces/${workspaceId}/consents`)
      .set('authorization', `Bearer ${patientToken}`)
      .send({ party: 'EMPLOYER', categories: ['MEDICAL'], confirmMedicalToEmployer: true })
      .expect(201);
    const employer = await readPlan(await loginAs(testApp, 'employer'));
    expect(employer.measures.map((m) => m.category)).toContain('MEDICAL');
  });

  it('names the field for bad consent input and stores nothing', async () => {
    const patientToken = await loginAs(testApp, 'patient');
    const before = await prisma.consent.count();
    const cases: [object, string][] = [
      [{ party: 'PATIENT', categories: ['PLAN'] }, 'party'],
      [{ party: 'AF', categories: [] }, 'categories'],
      [{ party: 'AF', categories: ['PLAN', 'PLAN'] }, 'categories'],
      [{ party: 'AF', categories: ['EVERYTHING'] }, 'categories.0'],
      [{ party: 'AF', categories: ['PLAN'], expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ party: 'AF', categories: ['PLAN'], expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
      [{ party: 'AF', categories: ['PLAN'], sneaky: true }, 'sneaky'],
    ];
    for (const [body, path] of cases) {
      const response = await http()
        .post(`/api/workspaces/${workspaceId}/consents`)
        .set('authorization', `Bearer ${patientToken}`)
        .send(body);
      expect({
        status: response.status,
        paths: (response.body.errors ?? []).map((e: { path: string }) => e.path),
      }).toEqual({
        status: 400,
        paths: expect.arrayContaining([path]),
      });
    }
    expect(await prisma.consent.count()).toBe(before);
  });

  it('audits every read and every denial, in an unbroken hash chain', async () => {
    const outsiderToken = await loginAs(testApp, 'outsider');
    await http()
      .get(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', `Bearer ${outsiderToken}`)
      .expect(404);
    await readPlan(await loginAs(testApp, 'doctor'));
    const rows = await prisma.auditLog.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } });
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'workspace.access',
          outcome: 'DENIED',
          reason: 'NOT_PARTICIPANT',
        }),
        expect.objectContaining({ action: 'plan.read', outcome: 'ALLOWED', actorParty: 'CARE' }),
      ]),
    );
    const all = await prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    for (const [index, row] of all.entries()) {
      expect(row.prevHash).toBe(index === 0 ? '0'.repeat(64) : all[index - 1]!.hash);
    }
  });
});
