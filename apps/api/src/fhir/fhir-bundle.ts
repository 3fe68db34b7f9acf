import type {
  AccessLogEntry,
  CertificateView,
  ConsentView,
  DocumentSummary,
  MeetingNoteView,
  MeetingView,
  OrganisationKind,
  Party,
  PlanMeasureView,
  TaskView,
} from '@atergang/contracts';
import { DECISION, KIND, PARTY, STATUS } from '../plan-export/plan-document';
import type { CaseRecord } from './case-record.service';
import { CATEGORY_SV, DOCUMENT_KIND_SV, MEETING_KIND_SV, ROLE_SV } from './case-labels';
import { derivedUuid } from './fhir-ids';

// The case as a FHIR R4 Bundle (type collection), made only of what the CaseRecord holds:
// the features' own consent-filtered reads for one caller, so the Bundle never shows more
// than the same caller's REST reads. Pure: no I/O, no clock but the record's `readAt`.
//
// Identifiers: every resource's id is our own row id (a UUID) and its fullUrl
// `urn:uuid:<id>`; references inside the Bundle use those fullUrls. Resources without a
// row of their own get a name-based UUID of the row they come from (fhir-ids.ts), so the
// same case read twice gives the same ids. The personnummer is the identifier system of
// HL7 Sweden's base profiles (PERSONNUMMER_SYSTEM below) and is present only when the
// record holds it (the policy gives it to the patient alone).

/**
 * HL7 Sweden's NamingSystem for the Swedish personal identity number (basprofiler R4,
 * SEBasePatient); its OID alias is 1.2.752.129.2.1.3.1 (Skatteverket). FHIR prefers a URL
 * to an OID as `system`, and the Swedish base profiles fix this one.
 */
export const PERSONNUMMER_SYSTEM = 'http://electronichealth.se/identifier/personnummer';
/** ICD-10-SE, Socialstyrelsen's Swedish edition of ICD-10 (its OID). */
export const ICD10SE_SYSTEM = 'urn:oid:1.2.752.116.1.1.1.1.3';
/** Our own codes (kinds of measure, categories, audit actions): `urn:atergang:<name>`. */
export const ATERGANG_SYSTEM = (name: string): string => `urn:atergang:${name}`;

const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const RESTRICTED = { system: CONFIDENTIALITY, code: 'R', display: 'restricted' };

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
export type FhirResource = { resourceType: string; id: string } & Record<string, Json | undefined>;
export interface FhirBundle {
  resourceType: 'Bundle';
  id: string;
  meta: { lastUpdated: string };
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: FhirResource }[];
}

interface Reference {
  [key: string]: Json | undefined;
  reference?: string;
  type?: string;
  display?: string;
}

const urn = (id: string): string => `urn:uuid:${id}`;

const ORGANISATION_TYPE: Readonly<Record<OrganisationKind, string>> = {
  CARE_UNIT: 'prov',
  OCCUPATIONAL_HEALTH: 'prov',
  EMPLOYER: 'bus',
  FK: 'govt',
  AF: 'govt',
};

/** Leaves out undefined, null, empty strings and empty arrays: FHIR allows no empty values. */
function clean<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === null || field === '') continue;
    if (Array.isArray(field) && field.length === 0) continue;
    out[key] = field;
  }
  return out as T;
}

function text(value: string | null | undefined): string | undefined {
  return value && value.trim().length > 0 ? value : undefined;
}

/** Stockholm calendar day of an instant, for dates compared with the plan's dates. */
function dayOf(instant: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(instant),
  );
}

class BundleBuilder {
  private readonly entries = new Map<string, FhirResource>();

  add(resource: FhirResource): void {
    this.entries.set(resource.id, clean<FhirResource>(resource));
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  resources(): FhirResource[] {
    return [...this.entries.values()];
  }
}

/** The Bundle of one caller's view of the case. */
export function caseBundle(record: CaseRecord): FhirBundle {
  const { overview } = record;
  const b = new BundleBuilder();
  const today = dayOf(record.readAt);

  // --- Who: the patient, the organisations, the people of the other parties ----------
  const patientId = overview.patient.id;
  const patientRef: Reference = {
    reference: urn(patientId),
    type: 'Patient',
    display: overview.patient.name,
  };
  b.add({
    resourceType: 'Patient',
    id: patientId,
    identifier: record.personnummer
      ? [{ use: 'official', system: PERSONNUMMER_SYSTEM, value: record.personnummer }]
      : undefined,
    name: [{ text: overview.patient.name }],
  });

  const organisations = new Map<string, { name: string; kind: OrganisationKind }>();
  if (overview.employer) organisations.set(overview.employer.id, overview.employer);
  for (const p of overview.participants) {
    if (p.organisation) organisations.set(p.organisation.id, p.organisation);
  }
  for (const [id, organisation] of organisations) {
    b.add({
      resourceType: 'Organization',
      id,
      active: true,
      type: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/organization-type',
              code: ORGANISATION_TYPE[organisation.kind],
            },
          ],
          text: organisation.kind,
        },
      ],
      name: organisation.name,
    });
  }
  const orgRef = (id: string): Reference | undefined => {
    const organisation = organisations.get(id);
    return organisation
      ? { reference: urn(id), type: 'Organization', display: organisation.name }
      : undefined;
  };

  /** A participant's reference: the patient, or their PractitionerRole in the case. */
  const byParticipant = new Map<string, Reference>();
  /** A person's reference by user id (the authors of notes, tasks, log entries). */
  const byUser = new Map<string, Reference>();
  byUser.set(patientId, patientRef);
  for (const p of overview.participants) {
    if (p.party === 'PATIENT') {
      byParticipant.set(p.id, patientRef);
      continue;
    }
    const practitionerId = derivedUuid(p.userId, 'practitioner');
    if (!b.has(practitionerId)) {
      b.add({ resourceType: 'Practitioner', id: practitionerId, name: [{ text: p.name }] });
    }
    const ref: Reference = {
      reference: urn(p.id),
      type: 'PractitionerRole',
      display: `${p.name}${p.organisation ? `, ${p.organisation.name}` : ''}`,
    };
    b.add({
      resourceType: 'PractitionerRole',
      id: p.id,
      active: true,
      period: { start: p.joinedAt },
      practitioner: { reference: urn(practitionerId), type: 'Practitioner', display: p.name },
      organization: p.organisation ? orgRef(p.organisation.id) : undefined,
      code: [
        {
          coding: [{ system: ATERGANG_SYSTEM('party'), code: p.party, display: PARTY[p.party] }],
          text: PARTY[p.party],
        },
        ...(p.role
          ? [
              {
                coding: [
                  { system: ATERGANG_SYSTEM('role'), code: p.role, display: ROLE_SV[p.role] },
                ],
                text: ROLE_SV[p.role],
              },
            ]
          : []),
      ],
    });
    byParticipant.set(p.id, ref);
    byUser.set(p.userId, ref);
  }
  /** A party's reference: the patient, else the organisation it acts through in the case. */
  const byParty = (party: Party): Reference => {
    if (party === 'PATIENT') return patientRef;
    const organisation = overview.participants.find((p) => p.party === party && p.organisation);
    const ref = organisation?.organisation ? orgRef(organisation.organisation.id) : undefined;
    return ref ?? { display: PARTY[party] };
  };
  const person = (userId: string | null, name: string): Reference =>
    (userId ? byUser.get(userId) : undefined) ?? { display: name };

  // --- The case: an episode of rehabilitation and return to work ------------------------
  const episodeRef: Reference = { reference: urn(overview.id), type: 'EpisodeOfCare' };
  b.add({
    resourceType: 'EpisodeOfCare',
    id: overview.id,
    status: overview.status === 'CLOSED' ? 'finished' : 'active',
    type: [{ text: 'Rehabilitering och återgång i arbete' }],
    patient: patientRef,
    managingOrganization: overview.employer ? orgRef(overview.employer.id) : undefined,
    period: { start: overview.sickPeriodStart, end: overview.closing?.closedOn },
  });
  for (const revision of record.timeline.revisions) {
    b.add({
      resourceType: 'Provenance',
      id: revision.id,
      target: [episodeRef],
      recorded: revision.at,
      reason: [{ text: revision.reason }],
      activity: {
        text: `Ändrade ${revision.changes
          .map(
            (change) =>
              `${change.field} från ${JSON.stringify(change.from)} till ${JSON.stringify(change.to)}`,
          )
          .join('; ')}`,
      },
      agent: [{ who: { display: `${revision.author.name} (${PARTY[revision.author.party]})` } }],
    });
  }

  // --- The plan: CarePlan, its Goal, measures as activities, revisions as Provenance ----
  const { plan } = record;
  if (plan.id) {
    const carePlanRef: Reference = { reference: urn(plan.id), type: 'CarePlan' };
    const goalId = derivedUuid(plan.id, 'goal');
    const established = plan.signoffs.some((s) => s.decision === 'ESTABLISHED');
    if (text(plan.goal)) {
      b.add({
        resourceType: 'Goal',
        id: goalId,
        lifecycleStatus: established ? 'active' : 'proposed',
        description: { text: plan.goal ?? '' },
        subject: patientRef,
        target: plan.expectedReturnDate ? [{ dueDate: plan.expectedReturnDate }] : undefined,
        note: text(plan.expectedReturnBasis)
          ? [{ text: `Vad bedömningen bygger på: ${plan.expectedReturnBasis ?? ''}` }]
          : undefined,
      });
    }
    const notes: string[] = [];
    if (text(plan.contactArrangements)) {
      notes.push(`Kontakt under sjukskrivningen: ${plan.contactArrangements ?? ''}`);
    }
    if (text(plan.patientView)) notes.push(`Medarbetarens egen syn: ${plan.patientView ?? ''}`);
    if (text(plan.notNeededReason)) {
      notes.push(`Arbetsgivarens bedömning att ingen plan behövs: ${plan.notNeededReason ?? ''}`);
    }
    for (const s of [...plan.signoffs, ...plan.earlierSignoffs]) {
      notes.push(
        `Version ${s.version}: ${s.name} (${PARTY[s.party]}) ${DECISION[s.decision]} ${s.signedAt}${s.comment ? `: ${s.comment}` : ''}`,
      );
    }
    b.add({
      resourceType: 'CarePlan',
      id: plan.id,
      meta: { versionId: String(plan.version), lastUpdated: plan.updatedAt ?? undefined },
      status: overview.status === 'CLOSED' ? 'completed' : established ? 'active' : 'draft',
      intent: 'plan',
      title: 'Plan för återgång i arbete',
      description: text(plan.goal),
      subject: patientRef,
      period: plan.expectedReturnDate ? { end: plan.expectedReturnDate } : undefined,
      author: overview.employer ? orgRef(overview.employer.id) : undefined,
      goal: b.has(goalId) ? [{ reference: urn(goalId), type: 'Goal' }] : undefined,
      activity: [
        ...plan.measures.map((m) => measureActivity(m, byParty)),
        ...plan.sickLeaveSteps.map((step) => ({
          detail: clean({
            code: { text: 'Sjukskrivning' },
            status:
              step.fromDate > today
                ? 'not-started'
                : step.toDate && step.toDate < today
                  ? 'completed'
                  : 'in-progress',
            description: `${step.degree} % sjukskrivning (arbetar ${100 - step.degree} %)`,
            scheduledPeriod: clean({ start: step.fromDate, end: step.toDate ?? undefined }),
          }),
        })),
        ...plan.followUps.map((followUp) => ({
          detail: clean({
            code: { text: 'Uppföljning av planen' },
            status: followUp.done ? 'completed' : 'scheduled',
            description: followUp.description,
            scheduledPeriod: { start: followUp.date },
            performer: followUp.ownerParty ? [byParty(followUp.ownerParty)] : undefined,
          }),
        })),
      ],
      note: notes.map((note) => ({ text: note })),
    });
    for (const revision of record.planRevisions) {
      b.add({
        resourceType: 'Provenance',
        id: derivedUuid(plan.id, 'revision', String(revision.number)),
        target: [carePlanRef],
        recorded: revision.createdAt,
        activity: { text: `Version ${revision.number}: ${revision.summary}` },
        agent: [{ who: { display: `${revision.authorName} (${PARTY[revision.authorParty]})` } }],
      });
    }
  }

  // --- Tasks, meetings, their notes -------------------------------------------------------
  for (const task of record.tasks)
    b.add(taskResource(task, { patientRef, byParticipant, byParty, person }));
  for (const meeting of record.meetings) b.add(appointmentResource(meeting, byParticipant, person));
  for (const note of record.notes) {
    b.add(noteResource(note, patientRef, person, b.has(note.meetingId)));
  }

  // --- Documents (metadata; the content only through its own audited download) ----------
  for (const document of record.documents) {
    b.add(documentResource(document, overview.id, patientRef, person));
  }
  for (const certificate of record.certificates) {
    for (const resource of certificateResources(certificate, patientRef)) b.add(resource);
  }

  // --- Consents -------------------------------------------------------------------------
  for (const consent of record.consents) b.add(consentResource(consent, patientRef, byParty));

  // --- The patient's access log ---------------------------------------------------------
  if (record.accessLog) {
    const seen = new Map<string, number>();
    for (const entry of record.accessLog) {
      const key = [
        entry.at,
        entry.who.id ?? entry.who.name,
        entry.action,
        entry.what.type,
        entry.what.id ?? '',
      ].join('|');
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      b.add(
        auditEventResource(
          entry,
          derivedUuid(overview.id, 'audit', key, String(occurrence)),
          person,
        ),
      );
    }
  }

  return {
    resourceType: 'Bundle',
    id: derivedUuid(overview.id, 'bundle', overview.me.participantId, record.readAt),
    meta: { lastUpdated: record.readAt },
    type: 'collection',
    timestamp: record.readAt,
    entry: b.resources().map((resource) => ({ fullUrl: urn(resource.id), resource })),
  };
}

const MEASURE_STATUS: Readonly<Record<PlanMeasureView['status'], string>> = {
  PLANNED: 'not-started',
  IN_PROGRESS: 'in-progress',
  DONE: 'completed',
  CANCELLED: 'cancelled',
};

function measureActivity(m: PlanMeasureView, byParty: (party: Party) => Reference): Json {
  return {
    progress: m.followUpDate ? [{ text: `Följs upp ${m.followUpDate}` }] : undefined,
    detail: clean({
      code: {
        coding: [{ system: ATERGANG_SYSTEM('measure-kind'), code: m.kind, display: KIND[m.kind] }],
        text: KIND[m.kind],
      },
      status: MEASURE_STATUS[m.status],
      statusReason: { text: STATUS[m.status] },
      description: [m.title, text(m.description)].filter(Boolean).join('. '),
      scheduledPeriod:
        m.startDate || m.endDate
          ? clean({ start: m.startDate ?? undefined, end: m.endDate ?? undefined })
          : undefined,
      performer: [
        m.responsibleName
          ? { ...byParty(m.ownerParty), display: `${m.responsibleName}, ${PARTY[m.ownerParty]}` }
          : byParty(m.ownerParty),
      ],
    }),
  };
}

const TASK_STATUS: Readonly<Record<TaskView['status'], string>> = {
  OPEN: 'requested',
  IN_PROGRESS: 'in-progress',
  DONE: 'completed',
  CANCELLED: 'cancelled',
};

function taskResource(
  task: TaskView,
  refs: {
    patientRef: Reference;
    byParticipant: ReadonlyMap<string, Reference>;
    byParty: (party: Party) => Reference;
    person: (userId: string | null, name: string) => Reference;
  },
): FhirResource {
  const owner = task.assignee
    ? (refs.byParticipant.get(task.assignee.participantId) ?? { display: task.assignee.name })
    : task.assigneeParty
      ? refs.byParty(task.assigneeParty)
      : undefined;
  return {
    resourceType: 'Task',
    id: task.id,
    meta: clean({
      versionId: String(task.version),
      lastUpdated: task.updatedAt,
      security: task.category === 'MEDICAL' ? [RESTRICTED] : undefined,
    }),
    status: TASK_STATUS[task.status],
    statusReason: text(task.closedReason) ? { text: task.closedReason ?? '' } : undefined,
    intent: 'order',
    code: {
      coding: [
        {
          system: ATERGANG_SYSTEM('category'),
          code: task.category,
          display: CATEGORY_SV[task.category],
        },
      ],
    },
    description: task.title,
    for: refs.patientRef,
    authoredOn: task.createdAt,
    lastModified: task.updatedAt,
    requester: task.createdBy
      ? refs.person(task.createdBy.userId, task.createdBy.name)
      : task.createdByParty
        ? refs.byParty(task.createdByParty)
        : undefined,
    owner,
    restriction: task.dueDate ? { period: { end: task.dueDate } } : undefined,
    note: text(task.description) ? [{ text: task.description ?? '' }] : undefined,
  };
}

const SLOT_ANSWER_STATUS = { YES: 'accepted', NO: 'declined', MAYBE: 'tentative' } as const;

function appointmentResource(
  meeting: MeetingView,
  byParticipant: ReadonlyMap<string, Reference>,
  person: (userId: string | null, name: string) => Reference,
): FhirResource {
  const scheduled = meeting.slots.find((slot) => slot.id === meeting.scheduledSlotId);
  // A booked meeting has its time; a proposed or cancelled one may have none (app-3).
  const status = meeting.status === 'CANCELLED' ? 'cancelled' : scheduled ? 'booked' : 'proposed';
  const participants = meeting.invitees.map((invitee) => {
    const answer = scheduled?.responses.find(
      (r) => r.participantId === invitee.participantId,
    )?.answer;
    return {
      actor: byParticipant.get(invitee.participantId) ?? { display: invitee.name },
      status: answer ? SLOT_ANSWER_STATUS[answer] : 'needs-action',
    };
  });
  return {
    resourceType: 'Appointment',
    id: meeting.id,
    meta: { versionId: String(meeting.version), lastUpdated: meeting.updatedAt },
    status,
    cancelationReason: text(meeting.cancelReason)
      ? { text: meeting.cancelReason ?? '' }
      : undefined,
    appointmentType: {
      coding: [
        {
          system: ATERGANG_SYSTEM('meeting-kind'),
          code: meeting.kind,
          display: MEETING_KIND_SV[meeting.kind],
        },
      ],
      text: MEETING_KIND_SV[meeting.kind],
    },
    description: meeting.title,
    start: status === 'booked' ? scheduled?.start : undefined,
    end: status === 'booked' ? scheduled?.end : undefined,
    created: meeting.createdAt,
    comment: [
      text(meeting.agenda) && `Dagordning: ${meeting.agenda ?? ''}`,
      text(meeting.location) && `Plats: ${meeting.location ?? ''}`,
      text(meeting.videoUrl) && `Videolänk: ${meeting.videoUrl ?? ''}`,
    ]
      .filter(Boolean)
      .join('\n'),
    requestedPeriod:
      status === 'proposed'
        ? meeting.slots.map((slot) => ({ start: slot.start, end: slot.end }))
        : undefined,
    participant:
      participants.length > 0
        ? participants
        : [{ actor: person(meeting.organiser.userId, meeting.organiser.name), status: 'accepted' }],
  };
}

function noteResource(
  note: MeetingNoteView,
  patientRef: Reference,
  person: (userId: string | null, name: string) => Reference,
  meetingInBundle: boolean,
): FhirResource {
  const parts = [
    text(note.situation) && `Nuläge: ${note.situation ?? ''}`,
    text(note.workCapacity) && `Arbetsförmåga: ${note.workCapacity ?? ''}`,
    text(note.rehabilitationNeeds) && `Behov av rehabilitering: ${note.rehabilitationNeeds ?? ''}`,
    ...note.decisions.map((decision) => `Beslut: ${decision}`),
    ...note.nextSteps.map(
      (step) => `Nästa steg: ${step.title}${step.dueDate ? ` (senast ${step.dueDate})` : ''}`,
    ),
  ].filter((part): part is string => Boolean(part));
  return {
    resourceType: 'Communication',
    id: note.id,
    meta: clean({
      versionId: String(note.version),
      lastUpdated: note.updatedAt,
      security: note.category === 'MEDICAL' ? [RESTRICTED] : undefined,
    }),
    status: 'completed',
    category: [{ text: 'Anteckningar från mötet' }],
    subject: patientRef,
    about: meetingInBundle ? [{ reference: urn(note.meetingId), type: 'Appointment' }] : undefined,
    sent: note.createdAt,
    sender: person(note.author.userId, note.author.name),
    payload: parts.map((part) => ({ contentString: part })),
  };
}

function documentResource(
  document: DocumentSummary,
  workspaceId: string,
  patientRef: Reference,
  person: (userId: string | null, name: string) => Reference,
): FhirResource {
  return {
    resourceType: 'DocumentReference',
    id: document.id,
    meta: { versionId: String(document.currentVersion), lastUpdated: document.updatedAt },
    status: 'current',
    type: {
      coding: [
        {
          system: ATERGANG_SYSTEM('document-kind'),
          code: document.kind,
          display: DOCUMENT_KIND_SV[document.kind],
        },
      ],
      text: DOCUMENT_KIND_SV[document.kind],
    },
    subject: patientRef,
    date: document.current.uploadedAt,
    author: [person(document.current.uploadedBy.userId, document.current.uploadedBy.name)],
    description: document.title,
    securityLabel: document.category === 'MEDICAL' ? [{ coding: [RESTRICTED] }] : undefined,
    content: [
      {
        // Metadata only: the file is fetched (and its download audited) at this address.
        attachment: {
          contentType: document.current.mediaType,
          url: `/api/workspaces/${workspaceId}/documents/${document.id}/content`,
          size: document.current.sizeBytes,
          title: document.current.fileName,
          creation: document.current.uploadedAt,
        },
      },
    ],
  };
}

function certificateResources(certificate: CertificateView, patientRef: Reference): FhirResource[] {
  const period = `${certificate.periodFrom}–${certificate.periodTo}`;
  const resources: FhirResource[] = [];
  const conditionId = derivedUuid(certificate.id, 'condition');
  const author = {
    display: `${certificate.createdBy.name} (${PARTY[certificate.createdBy.party]})`,
  };
  if (certificate.medical) {
    const medical = certificate.medical;
    resources.push({
      resourceType: 'Condition',
      id: conditionId,
      meta: { security: [RESTRICTED] },
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
        ],
      },
      code: {
        coding: [
          { system: ICD10SE_SYSTEM, code: medical.diagnosisCode, display: medical.diagnosisText },
        ],
        text: medical.diagnosisText,
      },
      subject: patientRef,
      recordedDate: certificate.createdAt,
      asserter: author,
      note: [
        `Aktivitetsbegränsning: ${medical.activityLimitations}`,
        text(medical.remainingCapacity) &&
          `Kvarvarande förmåga: ${medical.remainingCapacity ?? ''}`,
        text(medical.prognosis) && `Prognos: ${medical.prognosis ?? ''}`,
        text(medical.recommendedMeasures) &&
          `Rekommenderade åtgärder: ${medical.recommendedMeasures ?? ''}`,
      ]
        .filter((part): part is string => Boolean(part))
        .map((part) => ({ text: part })),
    });
  }
  resources.push({
    resourceType: 'DocumentReference',
    id: certificate.id,
    status: 'current',
    type: {
      coding: [
        {
          system: ATERGANG_SYSTEM('document-kind'),
          code: 'MEDICAL_CERTIFICATE',
          display: DOCUMENT_KIND_SV.MEDICAL_CERTIFICATE,
        },
      ],
      text: DOCUMENT_KIND_SV.MEDICAL_CERTIFICATE,
    },
    subject: patientRef,
    date: certificate.createdAt,
    author: [author],
    description: `Läkarintyg: sjukskrivning ${certificate.degree} % ${period} (${certificate.source})`,
    securityLabel: certificate.medical ? [{ coding: [RESTRICTED] }] : undefined,
    content: [{ attachment: { title: `Läkarintyg ${period}` } }],
    context: {
      period: { start: certificate.periodFrom, end: certificate.periodTo },
      related: certificate.medical
        ? [{ reference: urn(conditionId), type: 'Condition' }]
        : undefined,
    },
  });
  return resources;
}

function consentResource(
  consent: ConsentView,
  patientRef: Reference,
  byParty: (party: Party) => Reference,
): FhirResource {
  return {
    resourceType: 'Consent',
    id: consent.id,
    status: consent.active ? 'active' : 'inactive',
    scope: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/consentscope',
          code: 'patient-privacy',
          display: 'Privacy Consent',
        },
      ],
    },
    category: [
      {
        coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }],
        text: 'Samtycke till att dela uppgifter i ärendet',
      },
    ],
    patient: patientRef,
    dateTime: consent.grantedAt,
    performer: [{ ...patientRef, display: consent.grantedBy.name }],
    policyRule: {
      text: 'Samtycke som häver sekretessen till skydd för den enskilde (OSL 12 kap. 2 §)',
    },
    provision: {
      type: 'permit',
      period: clean({
        start: consent.grantedAt,
        end: consent.revokedAt ?? consent.expiresAt ?? undefined,
      }),
      actor: [
        {
          role: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                code: 'IRCP',
                display: 'information recipient',
              },
            ],
          },
          reference: { ...byParty(consent.party), display: PARTY[consent.party] },
        },
      ],
      code: consent.categories.map((category) => ({
        coding: [
          { system: ATERGANG_SYSTEM('category'), code: category, display: CATEGORY_SV[category] },
        ],
      })),
    },
  };
}

/** The audit trail's verb as FHIR's: a read, a change, or something else done. */
function auditAction(action: string): 'C' | 'R' | 'U' | 'D' | 'E' {
  if (/(^|\.)(read|listed|downloaded|looked-up|access|joined|read-withheld)$/.test(action))
    return 'R';
  if (/\.(created|granted|uploaded|requested)$/.test(action)) return 'C';
  if (/\.(deleted|removed|revoked)$/.test(action)) return 'D';
  if (/\.(updated|changed|signed|scheduled)$/.test(action)) return 'U';
  return 'E';
}

function auditEventResource(
  entry: AccessLogEntry,
  id: string,
  person: (userId: string | null, name: string) => Reference,
): FhirResource {
  return {
    resourceType: 'AuditEvent',
    id,
    type: {
      system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
      code: 'rest',
      display: 'RESTful Operation',
    },
    subtype: [{ system: ATERGANG_SYSTEM('audit-action'), code: entry.action }],
    action: auditAction(entry.action),
    recorded: entry.at,
    outcome: entry.outcome === 'ALLOWED' ? '0' : '4',
    outcomeDesc: entry.textSv,
    agent: [
      {
        who: {
          ...person(entry.who.id, entry.who.name),
          display: [entry.who.name, entry.organisation].filter(Boolean).join(', '),
        },
        requestor: true,
      },
    ],
    source: { observer: { display: 'Återgång' } },
    entity: [
      {
        what: { display: entry.what.id ? `${entry.what.type} ${entry.what.id}` : entry.what.type },
      },
    ],
  };
}
