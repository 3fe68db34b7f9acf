import type { AccessLogEntry, PlanView } from '@atergang/contracts';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { pdfText } from '../testing/pdf-text';
import { createTestApp, type TestApp } from '../testing/test-app';
import { PLAN_DOCUMENT_HEADINGS } from './plan-document';

// GET /plan.pdf on the demo case: the plan in FK's order, made from the reader's own
// consent-filtered plan. The demo patient shares MEDICAL with FK, not with her employer, and
// the care unit's treatment measure is MEDICAL.

const TREATMENT = 'Samtalsbehandling hos psykolog';

describe('GET /api/workspaces/:id/plan.pdf', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const http = () => request(testApp.app.getHttpServer());

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  async function download(role: 'employer' | 'fk' | 'patient' | 'af') {
    const token = await loginAs(testApp, role);
    const response = await http()
      .get(`/api/workspaces/${workspaceId}/plan.pdf`)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          done(null, Buffer.concat(chunks));
        });
      })
      .expect(200);
    const plan = (
      await http()
        .get(`/api/workspaces/${workspaceId}/plan`)
        .set('authorization', `Bearer ${token}`)
        .expect(200)
    ).body as PlanView;
    return { response, text: (await pdfText(response.body as Buffer)).text, plan, token };
  }

  it('lays the plan out in the order of FK’s template, with its version and å, ä, ö', async () => {
    const { response, text, plan } = await download('employer');
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="plan-/);
    expect((response.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('Plan för återgång i arbete');
    expect(text).toContain(`Version ${plan.version}`);
    expect(response.headers['x-plan-version']).toBe(String(plan.version));
    const positions = PLAN_DOCUMENT_HEADINGS.map((section) => text.indexOf(section));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('Anna Andersson');
    expect(text).toContain('Solbacka kommun');
    // The employer's own measure, with its owner, and text with å, ä, ö as written.
    const adaptation = plan.measures.find((m) => m.kind === 'WORKPLACE_ADAPTATION');
    expect(adaptation).toBeDefined();
    expect(text).toContain(adaptation?.title.replace(/\s+/g, ' '));
    expect(text).toMatch(/[åäö]/);
    expect(text).toContain('Försäkringskassan');
  });

  it('never holds MEDICAL text in the employer’s PDF, and says it was not shared', async () => {
    const { text, plan } = await download('employer');
    expect(plan.withheld).toContain('MEDICAL');
    expect(plan.measures.some((m) => m.category === 'MEDICAL')).toBe(false);
    expect(text).not.toContain(TREATMENT);
    expect(text).toContain('Inte delat med dig: medicinsk information');
  });

  it('holds the MEDICAL measure in FK’s PDF, which the patient shared MEDICAL with', async () => {
    const { text, plan } = await download('fk');
    const treatment = plan.measures.find((m) => m.category === 'MEDICAL');
    expect(treatment?.title).toContain(TREATMENT);
    expect(text).toContain(TREATMENT);
    expect(text).not.toContain('Inte delat med dig');
  });

  it('gives AF, granted nothing, a PDF that says the plan is not shared, and no measures', async () => {
    const { text } = await download('af');
    expect(text).not.toContain(TREATMENT);
    expect(text).toContain('Inte delat med dig: planens gemensamma delar');
  });

  it('shows each download in the patient’s access log', async () => {
    await download('fk');
    const patient = await loginAs(testApp, 'patient');
    const log = (
      await http()
        .get(`/api/workspaces/${workspaceId}/access-log`)
        .set('authorization', `Bearer ${patient}`)
        .expect(200)
    ).body as AccessLogEntry[];
    const downloads = log.filter((entry) => entry.action === 'plan.pdf.downloaded');
    expect(downloads.map((entry) => entry.party)).toEqual(
      expect.arrayContaining(['FK', 'EMPLOYER']),
    );
    expect(downloads[0]?.textSv).toContain('laddade ner planen som PDF');
  });

  it('answers 404 to someone who takes no part in the case', async () => {
    const outsider = await loginAs(testApp, 'outsider');
    await http()
      .get(`/api/workspaces/${workspaceId}/plan.pdf`)
      .set('authorization', `Bearer ${outsider}`)
      .expect(404);
  });
});
