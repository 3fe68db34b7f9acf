import type { Category, Party } from '@atergang/contracts';

// Who may read an item of a case is decided by a few properties of the item, its facets:
// its category, the party that authored or owns it, the party or person it is assigned to,
// the people invited to it, and whether it came out of a meeting note. The read rules of
// the policy (workspace-ability.ts) are written once, as conditions over these facets, and
// compiled from here to every place an item is judged: the Prisma `where` of each model
// (lists scoped in the database), the same conditions in memory (single items, CASL), and
// the columns of the workspace event that describes a change to the item (REST `/events`
// and live delivery). An event's facet columns are extracted from the changed row with the
// same table, so an event is visible to exactly those who may read its item.

export interface Facets {
  /** Null only for case-level items every participant sees (a participant joining). */
  readonly category: Category | null;
  /** The party that authored or owns the item. */
  readonly authorParty: Party | null;
  readonly assigneeParty: Party | null;
  readonly assigneeParticipantId: string | null;
  readonly inviteeParticipantIds: readonly string[];
  /** The item was made from a meeting note's next step: it carries the note's content. */
  readonly viaNote: boolean;
}

/** A condition over facets: every facet it names must match. */
export interface FacetCondition {
  readonly category?: Category | null;
  readonly authorParty?: Party;
  readonly assigneeParty?: Party;
  readonly assigneeParticipantId?: string;
  /** The participant is among the invitees. */
  readonly invitee?: string;
  readonly viaNote?: boolean;
}

/** Where a facet comes from in one model. */
type FacetSource =
  /**
   * A scalar column holding the facet's value; `values`, when given, are all it can hold
   * (a condition on another value cannot match, and is not sent to the database).
   */
  | { readonly column: string; readonly nullable?: boolean; readonly values?: readonly unknown[] }
  /** The facet has this value for every row of the model. */
  | { readonly constant: unknown }
  /** A boolean facet: the column is set. */
  | { readonly setColumn: string }
  /** Membership: rows of a to-many relation, by one of their columns. */
  | { readonly relation: string; readonly relationColumn: string }
  /** Membership: an array column. */
  | { readonly arrayColumn: string };

type FacetName = keyof Facets;
export type FacetSpec = Readonly<Record<FacetName, FacetSource>>;

const NONE = {
  assigneeParty: { constant: null },
  assigneeParticipantId: { constant: null },
  inviteeParticipantIds: { constant: [] },
  viaNote: { constant: false },
} as const satisfies Partial<FacetSpec>;

/** The models whose rows are judged by facets, and where each facet lives in them. */
export const FACET_SPECS = {
  PlanMeasure: {
    category: { column: 'category', values: ['PLAN', 'MEDICAL'] },
    authorParty: { column: 'ownerParty' },
    ...NONE,
  },
  Task: {
    category: { column: 'category', values: ['TASKS', 'MEDICAL'] },
    authorParty: { column: 'createdByParty', nullable: true },
    assigneeParty: { column: 'assigneeParty', nullable: true },
    assigneeParticipantId: { column: 'assigneeParticipantId', nullable: true },
    inviteeParticipantIds: { constant: [] },
    viaNote: { setColumn: 'noteId' },
  },
  Meeting: {
    category: { constant: 'MEETINGS' },
    authorParty: { column: 'organiserParty' },
    assigneeParty: { constant: null },
    assigneeParticipantId: { constant: null },
    inviteeParticipantIds: { relation: 'invitees', relationColumn: 'participantId' },
    viaNote: { constant: false },
  },
  MeetingNote: {
    category: { column: 'category', values: ['MEETING_NOTES', 'MEDICAL'] },
    authorParty: { column: 'authorParty' },
    ...NONE,
  },
  Document: {
    category: { column: 'category', values: ['DOCUMENTS', 'MEDICAL'] },
    authorParty: { column: 'uploaderParty' },
    ...NONE,
  },
  /** A läkarintyg: medical whatever it says (its period and degree are case facts). */
  Certificate: {
    category: { constant: 'MEDICAL' },
    authorParty: { column: 'authorParty' },
    ...NONE,
  },
  /** A part of the plan's shared fields, owned by one party (plan-fields.ts). */
  PlanSection: {
    category: { constant: 'PLAN' },
    authorParty: { column: 'ownerParty' },
    ...NONE,
  },
  /**
   * The plan handed over (issue 17): plan content, authored by the sender and addressed to
   * the recipient, which reads it by law (FK, statutory-rights.ts) or by consent (care).
   */
  PlanHandover: {
    category: { constant: 'PLAN' },
    authorParty: { column: 'senderParty' },
    assigneeParty: { column: 'recipientParty' },
    assigneeParticipantId: { constant: null },
    inviteeParticipantIds: { constant: [] },
    viaNote: { constant: false },
  },
  /** FK's request for the plan, by FK and addressed to the employer. */
  PlanRequest: {
    category: { constant: 'PLAN' },
    authorParty: { column: 'requestedByParty' },
    assigneeParty: { column: 'askedParty' },
    assigneeParticipantId: { constant: null },
    inviteeParticipantIds: { constant: [] },
    viaNote: { constant: false },
  },
  /**
   * A request for an avstämningsmöte (issue 15): about meetings, by the asking party and
   * addressed to FK, which calls the meeting (workspace-ability.ts reads it as addressed).
   */
  MeetingRequest: {
    category: { constant: 'MEETINGS' },
    authorParty: { column: 'requestedByParty' },
    assigneeParty: { constant: 'FK' },
    assigneeParticipantId: { constant: null },
    inviteeParticipantIds: { constant: [] },
    viaNote: { constant: false },
  },
  /** The event log: one column per facet, filled from the changed item's facets. */
  WorkspaceEvent: {
    category: { column: 'category', nullable: true },
    authorParty: { column: 'authorParty', nullable: true },
    assigneeParty: { column: 'assigneeParty', nullable: true },
    assigneeParticipantId: { column: 'assigneeParticipantId', nullable: true },
    inviteeParticipantIds: { arrayColumn: 'inviteeParticipantIds' },
    viaNote: { column: 'viaNote' },
  },
} as const satisfies Readonly<Record<string, FacetSpec>>;

export type FacetSubject = keyof typeof FACET_SPECS;
export const FACET_SUBJECTS = Object.keys(FACET_SPECS) as FacetSubject[];

type Where = Record<string, unknown>;

/** One facet's test in a model: a `where` fragment, or true/false when it is decided. */
function facetWhere(source: FacetSource, value: unknown): Where | boolean {
  if ('constant' in source) {
    const constant = source.constant;
    return Array.isArray(constant) ? constant.includes(value) : constant === value;
  }
  if ('column' in source) {
    if (value === null && source.nullable !== true) return false;
    if (value !== null && source.values && !source.values.includes(value)) return false;
    return { [source.column]: value };
  }
  if ('setColumn' in source) {
    return { [source.setColumn]: value === true ? { not: null } : null };
  }
  if ('relation' in source) {
    return { [source.relation]: { some: { [source.relationColumn]: value } } };
  }
  return { [source.arrayColumn]: { has: value } };
}

const CONDITION_FACETS: Readonly<Record<keyof FacetCondition, FacetName>> = {
  category: 'category',
  authorParty: 'authorParty',
  assigneeParty: 'assigneeParty',
  assigneeParticipantId: 'assigneeParticipantId',
  invitee: 'inviteeParticipantIds',
  viaNote: 'viaNote',
};

/**
 * The condition as a Prisma `where` on the model (also what CASL checks in memory), or
 * null when no row of the model can match it (the rule does not apply to the model).
 */
export function compileCondition(subject: FacetSubject, condition: FacetCondition): Where | null {
  const spec: FacetSpec = FACET_SPECS[subject];
  const where: Where = {};
  for (const [key, value] of Object.entries(condition) as [keyof FacetCondition, unknown][]) {
    if (value === undefined) continue;
    const test = facetWhere(spec[CONDITION_FACETS[key]], value);
    if (test === false) return null;
    if (test !== true) Object.assign(where, test);
  }
  return where;
}

function extract(source: FacetSource, row: Readonly<Record<string, unknown>>): unknown {
  if ('constant' in source) return source.constant;
  if ('column' in source) return row[source.column] ?? null;
  if ('setColumn' in source) return row[source.setColumn] != null;
  if ('relation' in source) {
    const related = row[source.relation];
    return Array.isArray(related)
      ? related.map((item: Readonly<Record<string, unknown>>) => item[source.relationColumn])
      : [];
  }
  const values = row[source.arrayColumn];
  return Array.isArray(values) ? values : [];
}

/** The facets of one row of a model, as its events carry them. */
export function facetsOf(subject: FacetSubject, row: object): Facets {
  const spec: FacetSpec = FACET_SPECS[subject];
  const record = row as Readonly<Record<string, unknown>>;
  return {
    category: extract(spec.category, record) as Category | null,
    authorParty: extract(spec.authorParty, record) as Party | null,
    assigneeParty: extract(spec.assigneeParty, record) as Party | null,
    assigneeParticipantId: extract(spec.assigneeParticipantId, record) as string | null,
    inviteeParticipantIds: extract(spec.inviteeParticipantIds, record) as string[],
    viaNote: extract(spec.viaNote, record) as boolean,
  };
}

/** Facets of a case-level change every participant sees (joins, invitations, a new case). */
export const CASE_FACETS: Facets = {
  category: null,
  authorParty: null,
  assigneeParty: null,
  assigneeParticipantId: null,
  inviteeParticipantIds: [],
  viaNote: false,
};
