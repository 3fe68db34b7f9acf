import { type Ability, AbilityBuilder } from '@casl/ability';
import {
  accessibleBy,
  createPrismaAbility,
  type PrismaQuery,
  type Subjects,
  type WhereInput,
} from '@casl/prisma';
import type {
  Certificate,
  Consent,
  Document,
  Meeting,
  MeetingNote,
  MeetingRequest,
  Participant,
  PlanMeasure,
  PlanHandover,
  PlanRequest,
  Task,
  Workspace,
  WorkspaceEvent,
} from '@prisma/client';
import {
  type CaseFactUpdateField,
  CATEGORIES,
  type Category,
  type MeetingKind,
  type Party,
  type Role,
  ROLES_BY_PARTY,
  type SignoffDecision,
} from '@atergang/contracts';
import { compileCondition, FACET_SUBJECTS, type FacetCondition } from './facets';
import { planFieldsOwnedBy } from './plan-fields';
import { STATUTORY_READS } from './statutory-rights';

// The one policy: who may read, create, change, sign and delete what in a case. Every rule
// is written here and nowhere else; the guard, the services (through Authorization) and the
// repositories (through `readableWhere`) only ask. Sources: ../shared/domain.md ("The
// parties", "Consent") and the seeds it cites.

export type WorkspaceAction =
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'sign'
  /** Answer a meeting's proposed times. */
  | 'respond'
  /** Fix a meeting's time or cancel it. */
  | 'arrange'
  /** Propose new times for a meeting (answers reset), or open a cancelled one again. */
  | 'move'
  /** Write notes (a protocol) of a meeting. */
  | 'takeNotes'
  | 'invite'
  | 'remove'
  /** Approve another party's participation (an invitation waiting for the patient). */
  | 'approve'
  /** Give one's own place in the case to a colleague of the same organisation. */
  | 'handOver'
  /** Confirm receipt of something handed to one's party (the plan). */
  | 'acknowledge'
  /** Ask another party for something it must give (FK asking for the employer's plan). */
  | 'request'
  /** Answer what another party asked of one's own (FK a request for an avstämningsmöte). */
  | 'answer'
  /** End the case (with a reason), or continue a closed one when a new period starts. */
  | 'close'
  | 'reopen'
  | 'manage';

export type WorkspaceSubject =
  | Subjects<{
      Workspace: Workspace;
      Participant: Participant;
      Consent: Consent;
      PlanMeasure: PlanMeasure;
      PlanHandover: PlanHandover;
      PlanRequest: PlanRequest;
      Task: Task;
      Meeting: Meeting;
      MeetingNote: MeetingNote;
      MeetingRequest: MeetingRequest;
      Document: Document;
      Certificate: Certificate;
      WorkspaceEvent: WorkspaceEvent;
      /** One owner's part of the plan's shared fields (plan-fields.ts). */
      PlanSection: { ownerParty: Party };
      /** An invitation into the case, by the party of the participant who issued it. */
      CaseInvitation: { inviterParty: Party };
    }>
  /** The plan's shared fields, with field rules for who writes which. */
  | 'Plan'
  /** The case's facts (start, earlier periods, employment, expected length), by field. */
  | 'CaseFacts'
  | 'AccessLog'
  /**
   * The whole case as the patient's own copy (GDPR art. 15 and 20: export.pdf/.json). Only
   * the patient: her `read all` grants it; no other rule names it.
   */
  | 'CaseExport'
  /**
   * The patient's personnummer. No read of the case shows it to anyone but her (the FHIR
   * Bundle's Patient.identifier): her `read all` grants it; no other rule names it.
   */
  | 'PatientIdentifier'
  | 'all';

export type WorkspaceAbility = Ability<[WorkspaceAction, WorkspaceSubject], PrismaQuery>;

type ScopedModel =
  | 'Consent'
  | 'PlanMeasure'
  | 'Task'
  | 'Meeting'
  | 'MeetingNote'
  | 'Document'
  | 'WorkspaceEvent'
  | 'PlanHandover'
  | 'PlanRequest'
  | 'MeetingRequest';

/**
 * The Prisma `where` for the records of a model the caller may read. When no rule allows
 * any, CASL's marker condition would make Prisma throw; this returns a condition that
 * matches nothing instead, so a list is simply empty (fail closed, no 500).
 */
export function readableWhere<M extends ScopedModel>(
  ability: WorkspaceAbility,
  model: M,
): WhereInput<M> {
  if (!ability.can('read', model)) {
    return { workspaceId: { in: [] } };
  }
  return accessibleBy(ability).ofType(model);
}

export interface AbilityInput {
  readonly party: Party;
  readonly role: Role | null;
  /** Null when judging for a whole party (a recipient), not for one person. */
  readonly participantId: string | null;
  readonly isPatient: boolean;
  readonly grantedCategories: ReadonlySet<Category>;
  /** A closed case is read-only: nothing is written but its reopening (and consents). */
  readonly caseClosed?: boolean;
}

// ---------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------

/** The caller's role if it is one its party has (ROLES_BY_PARTY); any other counts for nothing. */
export function caseRole(party: Party, role: Role | null): Role | null {
  const roles: readonly Role[] = ROLES_BY_PARTY[party];
  return role !== null && roles.includes(role) ? role : null;
}

/** Whether a role is one a person of the party may hold in a case (not administration). */
export function isCaseRole(party: Party, role: Role): boolean {
  return caseRole(party, role) !== null && role !== 'ORG_ADMIN';
}

/**
 * Whether a participant takes part in the case's content at all. An organisation's
 * administrator (ORG_ADMIN) administers people, not cases: without a case role they see
 * nothing of it, as if they did not take part.
 */
export function hasCaseAccess(input: { party: Party; role: Role | null }): boolean {
  return caseRole(input.party, input.role) !== 'ORG_ADMIN';
}

interface Capabilities {
  /** Records medical information (category MEDICAL): care's clinical roles and the patient. */
  readonly authorsMedical: boolean;
  /** Decides the degree and length of sick leave: the treating doctor alone. */
  readonly decidesSickLeave: boolean;
  /** Keeps the employer's plan för återgång i arbete: its part, sign-off, "not needed". */
  readonly keepsEmployerPlan: boolean;
  /** The case's facts this role records (the sick-period start, employment, length). */
  readonly keepsCaseFacts: readonly CaseFactUpdateField[];
  /** Ends the case (back at work, sick leave or benefit ended) and reopens it. */
  readonly closesCase: boolean;
  /** Asks the employer for its plan (FK's case officer, SFB 110 kap. 14 §). */
  readonly requestsEmployerPlan: boolean;
  /**
   * Asks FK for an avstämningsmöte (issue 15): the person herself, the doctor and the care
   * unit's rehabilitation coordinator (who coordinates care's part, Act 2019:1297), the
   * employer's manager and HR (the avstämningsmöte is about their plan för återgång i arbete).
   */
  readonly asksForAvstamningsmote: boolean;
  /** Answers those requests: FK's case officer, who calls the meeting and decides whether it is held. */
  readonly answersMeetingRequests: boolean;
}

const NO_CAPABILITIES: Capabilities = {
  authorsMedical: false,
  decidesSickLeave: false,
  keepsEmployerPlan: false,
  keepsCaseFacts: [],
  closesCase: false,
  requestsEmployerPlan: false,
  asksForAvstamningsmote: false,
  answersMeetingRequests: false,
};

/**
 * Who records which fact: the doctor the expected length and its basis (with the degree,
 * through certificates); the employer, who gets the sick report and knows the employment,
 * and FK, which decides the sjukperiod, the start, earlier periods and employment.
 */
const SICK_PERIOD_FACTS: readonly CaseFactUpdateField[] = [
  'sickPeriodStart',
  'earlierPeriods',
  'employmentStatus',
];
const DOCTOR_FACTS: readonly CaseFactUpdateField[] = [
  'sickPeriodStart',
  'earlierPeriods',
  'expectedLengthDays',
  'expectedLengthBasis',
];

const ROLE_CAPABILITIES: Readonly<Record<Role, Capabilities>> = {
  DOCTOR: {
    ...NO_CAPABILITIES,
    authorsMedical: true,
    decidesSickLeave: true,
    keepsCaseFacts: DOCTOR_FACTS,
    closesCase: true,
    asksForAvstamningsmote: true,
  },
  COORDINATOR: { ...NO_CAPABILITIES, authorsMedical: true, asksForAvstamningsmote: true },
  THERAPIST: { ...NO_CAPABILITIES, authorsMedical: true },
  MANAGER: {
    ...NO_CAPABILITIES,
    keepsEmployerPlan: true,
    keepsCaseFacts: SICK_PERIOD_FACTS,
    closesCase: true,
    asksForAvstamningsmote: true,
  },
  HR: {
    ...NO_CAPABILITIES,
    keepsEmployerPlan: true,
    keepsCaseFacts: SICK_PERIOD_FACTS,
    closesCase: true,
    asksForAvstamningsmote: true,
  },
  FHV_CONSULTANT: NO_CAPABILITIES,
  CASE_OFFICER: NO_CAPABILITIES,
  ORG_ADMIN: NO_CAPABILITIES,
};

/** FK's case officer keeps the sjukperiod and may end the case; AF's does not. */
const FK_CASE_OFFICER: Capabilities = {
  ...NO_CAPABILITIES,
  keepsCaseFacts: SICK_PERIOD_FACTS,
  closesCase: true,
  requestsEmployerPlan: true,
  answersMeetingRequests: true,
};

function capabilitiesOf(input: AbilityInput): Capabilities {
  if (input.isPatient) {
    // The person on sick leave may say anything about her own health, and ask FK for an
    // avstämningsmöte about her own return to work.
    return { ...NO_CAPABILITIES, authorsMedical: true, asksForAvstamningsmote: true };
  }
  const role = caseRole(input.party, input.role);
  if (input.party === 'FK' && role === 'CASE_OFFICER') return FK_CASE_OFFICER;
  return role ? ROLE_CAPABILITIES[role] : NO_CAPABILITIES;
}

// ---------------------------------------------------------------------------------------
// What each party's place in the process lets it arrange and bring in
// ---------------------------------------------------------------------------------------

/**
 * What a sign-off of the plan decides (issue 14, item 8). The employer establishes
 * (fastställer) its plan för återgång i arbete, SFB 30 kap. 6 §; the patient confirms she
 * took part and agrees, or records that she does not: her view is part of the plan, not a
 * veto.
 */
const SIGNOFF_DECISIONS_OF = {
  employer: ['ESTABLISHED'],
  patient: ['AGREED', 'DISAGREED'],
} as const satisfies Readonly<Record<string, readonly SignoffDecision[]>>;

/**
 * Meeting kinds belong to their owners (domain.md, "Meetings"; seed 002): FK calls an
 * avstämningsmöte and decides whether it is held, and maps the case with the person
 * (SASSAM); gemensam kartläggning and omställningsmöte are FK's and AF's together; a rehab
 * meeting at the workplace is the employer's, often with occupational health; a follow-up
 * meeting anyone may arrange.
 */
const MEETING_KINDS_BY_PARTY: Readonly<Record<Party, readonly MeetingKind[]>> = {
  PATIENT: ['FOLLOW_UP'],
  EMPLOYER: ['WORKPLACE_REHAB', 'FOLLOW_UP'],
  OCCUPATIONAL_HEALTH: ['WORKPLACE_REHAB', 'FOLLOW_UP'],
  CARE: ['FOLLOW_UP'],
  FK: ['AVSTAMNINGSMOTE', 'SASSAM', 'GEMENSAM_KARTLAGGNING', 'OMSTALLNINGSMOTE', 'FOLLOW_UP'],
  AF: ['GEMENSAM_KARTLAGGNING', 'OMSTALLNINGSMOTE', 'FOLLOW_UP'],
};

/**
 * Whom a party brings into the case: colleagues of its own party, and the employer engages
 * occupational health, FK brings in AF for joint assessment (gemensam kartläggning); the
 * employer and care ask each other in (the manager inviting the doctor's care unit, the
 * rehabilitation coordinator the employer). The patient invites any party. AF and
 * occupational health are brought in by others. Any organisation other than the inviter's
 * own joins only once the patient approves (invitations.service.ts).
 */
const INVITABLE_BY_PARTY: Readonly<Record<Party, readonly Party[]>> = {
  PATIENT: ['EMPLOYER', 'CARE', 'FK', 'AF', 'OCCUPATIONAL_HEALTH'],
  EMPLOYER: ['EMPLOYER', 'OCCUPATIONAL_HEALTH', 'CARE'],
  CARE: ['CARE', 'EMPLOYER'],
  FK: ['FK', 'AF'],
  AF: [],
  OCCUPATIONAL_HEALTH: [],
};

// ---------------------------------------------------------------------------------------
// Reading: the visibility rules of domain.md, as conditions over facets (facets.ts)
// ---------------------------------------------------------------------------------------

/**
 * What a participant other than the patient reads:
 * - case-level items (who takes part) everyone;
 * - what its own party authored or owns, always;
 * - tasks assigned to its party or to the person, and meetings the person is invited to,
 *   unless they are medical: assignment never reveals medical information;
 * - anything else only while a consent in force grants the item's category to the party;
 *   a medical item's category is MEDICAL, so it needs MEDICAL whoever it is assigned to;
 * - a task made from a meeting note's next step carries the note: by consent it needs
 *   MEETING_NOTES as well as TASKS;
 * - what is addressed to its party: a request for an avstämningsmöte is FK's to answer,
 *   so FK reads every one (the asker's own party reads its own as the author; any other
 *   party only by MEETINGS consent);
 * - what the party obtains by law, beside consent (statutory-rights.ts): FK the plan handed
 *   to it, the employer FK's requests for its plan.
 */
export function readConditions(input: AbilityInput): FacetCondition[] {
  const { party, participantId, grantedCategories: granted } = input;
  const conditions: FacetCondition[] = [
    { category: null },
    { authorParty: party },
    { category: 'TASKS', assigneeParty: party },
    // Only a meeting request carries a MEETINGS item's addressee (facets.ts).
    { category: 'MEETINGS', assigneeParty: party },
  ];
  if (participantId !== null) {
    conditions.push(
      { category: 'TASKS', assigneeParticipantId: participantId },
      { category: 'MEETINGS', invitee: participantId },
    );
  }
  for (const category of CATEGORIES) {
    if (!granted.has(category)) continue;
    if (category === 'TASKS') {
      conditions.push({ category, viaNote: false });
      if (granted.has('MEETING_NOTES')) conditions.push({ category, viaNote: true });
    } else {
      conditions.push({ category });
    }
  }
  conditions.push(...STATUTORY_READS[party]);
  return conditions;
}

type Can = AbilityBuilder<WorkspaceAbility>['can'];

function grantReads(can: Can, input: AbilityInput): void {
  can('read', 'Workspace');
  can('read', 'Participant');
  // The case's facts and its timeline (periods, degrees, changes): every participant, as
  // the period and degree of a certificate are what the employer's AG7804 shows.
  can('read', 'CaseFacts');
  if (input.isPatient) {
    // The patient sees everything in her own case, the access log included.
    can('read', 'all');
    return;
  }
  // Consents that concern the caller's own party (so a party knows what it may see).
  can('read', 'Consent', { party: input.party });
  for (const condition of readConditions(input)) {
    for (const model of FACET_SUBJECTS) {
      const where = compileCondition(model, condition);
      if (!where) continue;
      // A condition every row of the model meets (a meeting's category is always MEETINGS)
      // compiles to `{}`: it must be a rule without conditions, since Prisma matches nothing
      // with `OR: [{}]`. Otherwise a facet-compiled `where` is a plain Prisma condition.
      if (Object.keys(where).length === 0) can('read', model);
      else can('read', model, where as never);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Writing: a party writes what is its own, in the categories its role may author
// ---------------------------------------------------------------------------------------

/** What may still be done in a closed case: reopen it, and the patient's consents. */
function grantClosedCaseWrites(can: Can, input: AbilityInput): void {
  if (capabilitiesOf(input).closesCase) can('reopen', 'Workspace');
  // Her consents stay hers: she may still withdraw what a party may see of the record.
  if (input.isPatient) can('manage', 'Consent');
}

function grantWrites(can: Can, input: AbilityInput): void {
  const { party, participantId } = input;
  const capabilities = capabilitiesOf(input);
  if (input.caseClosed === true) {
    grantClosedCaseWrites(can, input);
    return;
  }

  // The case's facts: certificates by the treating doctor, the other facts by field.
  if (capabilities.decidesSickLeave) can('create', 'Certificate', { authorParty: party });
  if (capabilities.keepsCaseFacts.length > 0) {
    can('update', 'CaseFacts', [...capabilities.keepsCaseFacts]);
  }
  // Reopening an open case is allowed and answered 409 CASE_NOT_CLOSED: the rule is the
  // role's, the state is the case's.
  if (capabilities.closesCase) can(['close', 'reopen'], 'Workspace');

  const authored: Category[] = capabilities.authorsMedical ? ['MEDICAL'] : [];
  const itemCategories = (ordinary: Category) => ({ in: [ordinary, ...authored] });

  // The plan: the shared fields by owner and role, measures by their owner party.
  // Signing: what a sign-off decides is the signer's field of the plan.
  if (input.isPatient) {
    can('update', 'Plan', planFieldsOwnedBy('PATIENT'));
    can('sign', 'Plan', [...SIGNOFF_DECISIONS_OF.patient]);
  }
  if (party === 'EMPLOYER' && capabilities.keepsEmployerPlan) {
    can('update', 'Plan', planFieldsOwnedBy('EMPLOYER'));
    can('sign', 'Plan', [...SIGNOFF_DECISIONS_OF.employer]);
  }
  if (party === 'CARE' && capabilities.decidesSickLeave) {
    can('update', 'Plan', planFieldsOwnedBy('CARE'));
  }
  // The plan leaving the case (issue 17): the party that establishes it sends a version to
  // FK, or to care (which must also be allowed to read it: Authorization.recipientMayRead);
  // the receiving party acknowledges what was handed to it; FK's case officer asks the
  // employer for its plan.
  if (party === 'EMPLOYER' && capabilities.keepsEmployerPlan) {
    can('create', 'PlanHandover', { senderParty: party, recipientParty: { in: ['FK', 'CARE'] } });
  }
  can('acknowledge', 'PlanHandover', { recipientParty: party });
  if (capabilities.requestsEmployerPlan) {
    can('create', 'PlanRequest', { requestedByParty: party, askedParty: 'EMPLOYER' });
  }
  const measureCategories = {
    in: ['PLAN' as const, ...(capabilities.authorsMedical ? ['MEDICAL' as const] : [])],
  };
  can(['create', 'update', 'delete'], 'PlanMeasure', {
    ownerParty: party,
    category: measureCategories,
  });

  // Tasks: created for the caller's party; its creators change every field, the assignee
  // (party or person) only the status: what others asked of you is not yours to rewrite.
  can(['create', 'update'], 'Task', { createdByParty: party, category: itemCategories('TASKS') });
  can('update', 'Task', ['status'], { assigneeParty: party });
  if (participantId !== null) {
    can('update', 'Task', ['status'], { assigneeParticipantId: participantId });
  }

  // Meetings: the kinds the party arranges; the organising party fixes the time, cancels,
  // moves it (new times) or opens a cancelled one again: the party that called a meeting
  // answers for it (FK for its avstämningsmöte); invitees answer; notes by the organising
  // party and the invited.
  can('create', 'Meeting', { kind: { in: [...MEETING_KINDS_BY_PARTY[party]] } });
  can(['arrange', 'move'], 'Meeting', { organiserParty: party });
  can('takeNotes', 'Meeting', { organiserParty: party });
  if (participantId !== null) {
    const invited = { invitees: { some: { participantId } } };
    can('respond', 'Meeting', invited);
    can('takeNotes', 'Meeting', invited);
  }
  can('create', 'MeetingNote', { authorParty: party, category: itemCategories('MEETING_NOTES') });
  // A note is corrected by its author's party, in the categories the caller's role writes (a
  // medical note by a medical author); the earlier text is kept as the note's history.
  can('update', 'MeetingNote', { authorParty: party, category: itemCategories('MEETING_NOTES') });
  // Avstämningsmöte requests (issue 15): FK calls the meeting and decides whether it is held,
  // so it does not ask itself; the roles that may ask do so for their own party; FK's case
  // officer answers (the request's open state is the service's to check, not the role's).
  if (capabilities.asksForAvstamningsmote) {
    can('request', 'MeetingRequest', { requestedByParty: party });
  }
  if (capabilities.answersMeetingRequests) can('answer', 'MeetingRequest');

  // Documents: uploaded for the caller's party; new versions and deletion by that party.
  can('create', 'Document', { uploaderParty: party, category: itemCategories('DOCUMENTS') });
  can(['update', 'delete'], 'Document', { uploaderParty: party });

  // Who takes part, and the consents: the patient's decisions.
  // Invitations are seen and withdrawn by the party that issued them; the patient sees,
  // approves and withdraws every one (nobody comes in without her knowing).
  const invitable = INVITABLE_BY_PARTY[party];
  if (invitable.length > 0) can('invite', 'Participant', { party: { in: [...invitable] } });
  if (input.isPatient) {
    can('remove', 'Participant', { party: { not: 'PATIENT' } });
    can('manage', 'Consent');
    can(['read', 'approve', 'delete'], 'CaseInvitation');
  } else {
    // Not a table: a plain condition on the subject object (like PlanSection's).
    can(['read', 'delete'], 'CaseInvitation', { inviterParty: party } as never);
    // A participant in a case role hands their own place to a colleague (holiday, new job).
    can('handOver', 'Participant', { party });
  }
}

/**
 * The ability of one participant in one case, built once per request (and per live
 * follower) from their participation and the patient's consents in force. Consent only
 * narrows what is read; it never lets a party write what its role may not.
 */
export function buildWorkspaceAbility(input: AbilityInput): WorkspaceAbility {
  const { can, build } = new AbilityBuilder<WorkspaceAbility>(createPrismaAbility);
  grantReads(can, input);
  grantWrites(can, input);
  return build();
}
