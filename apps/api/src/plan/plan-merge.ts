import type {
  MeasureCategory,
  Party,
  PlanMeasureInput,
  UpdatePlanRequest,
} from '@atergang/contracts';
import {
  type FollowUpState,
  MEASURE_FIELDS,
  type MeasureState,
  type PlanState,
  SHARED_FIELDS,
  type SharedFields,
  type SickLeaveStepState,
} from './plan-state';

// Merging a save into the plan. Who may read and write which part is the policy's to say
// (apps/api/src/access: the plan's fields by owner and role, measures by owner party and
// category); the merge only asks, through the editor's predicates, and applies:
// - a part the caller may not read may come back only as GET showed it (withheld: empty),
//   so a client can send back what it was given but cannot probe a hidden value;
// - a part the caller may read but not write may come back unchanged; a change is refused;
// - a measure given without some of its fields keeps what it had in them (a save never
//   erases what the client did not send); a new measure gets the defaults;
// - the caller's own measures left out of the list are deleted; nobody else's are, and
//   measures the caller may not read are carried over untouched.

type Measure = Pick<MeasureState, 'ownerParty' | 'category'>;

/** Who is saving, as far as merging needs to know: questions the policy answers. */
export interface PlanEditor {
  readonly party: Party;
  readonly mayReadField: (field: PlanPart) => boolean;
  readonly mayWriteField: (field: PlanPart) => boolean;
  readonly mayReadMeasure: (measure: Measure) => boolean;
  readonly mayWriteMeasure: (action: 'create' | 'update' | 'delete', measure: Measure) => boolean;
}

/** The parts of the plan a save may send: the shared fields and the two lists. */
export type PlanPart = (typeof SHARED_FIELDS)[number] | 'sickLeaveSteps' | 'followUps';

export type MergeRejection =
  | { readonly code: 'FIELD_NOT_READABLE'; readonly path: PlanPart }
  | { readonly code: 'FIELD_NOT_OWNED'; readonly path: PlanPart }
  | { readonly code: 'MEASURE_NOT_FOUND'; readonly path: string; readonly index: number }
  | {
      readonly code: 'MEASURE_NOT_READABLE';
      readonly path: string;
      readonly index: number;
      readonly category: MeasureCategory;
    }
  | {
      readonly code: 'MEASURE_NOT_OWNED';
      readonly path: string;
      readonly index: number;
      readonly ownerParty: Party;
    }
  | { readonly code: 'MEDICAL_MEASURE_NOT_ALLOWED'; readonly path: string; readonly index: number };

export type MergeResult =
  | {
      readonly ok: true;
      readonly plan: PlanState;
      readonly created: readonly MeasureState[];
      readonly updated: readonly MeasureState[];
      readonly deleted: readonly MeasureState[];
    }
  | { readonly ok: false; readonly rejection: MergeRejection };

type MeasureFields = Omit<MeasureState, 'id' | 'position'>;

/** A new measure as the body states it, with the defaults filled in. */
function newMeasureFields(input: PlanMeasureInput, editor: PlanEditor): MeasureFields {
  return {
    ownerParty: input.ownerParty ?? editor.party,
    kind: input.kind,
    category: input.category ?? 'PLAN',
    title: input.title,
    description: input.description ?? null,
    responsibleName: input.responsibleName ?? null,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    status: input.status ?? 'PLANNED',
    followUpDate: input.followUpDate ?? null,
  };
}

/** An existing measure with the fields the body gives; the others keep their values. */
function editedMeasureFields(input: PlanMeasureInput, existing: MeasureState): MeasureFields {
  const given = <K extends keyof MeasureFields>(field: K): MeasureFields[K] =>
    (input[field] === undefined ? existing[field] : input[field]) as MeasureFields[K];
  return {
    ownerParty: given('ownerParty'),
    kind: input.kind,
    category: given('category'),
    title: input.title,
    description: given('description'),
    responsibleName: given('responsibleName'),
    startDate: given('startDate'),
    endDate: given('endDate'),
    status: given('status'),
    followUpDate: given('followUpDate'),
  };
}

export function sameMeasure(a: MeasureFields, b: MeasureFields): boolean {
  return MEASURE_FIELDS.every((field) => a[field] === b[field]);
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What GET shows of a part the caller may not read. */
const WITHHELD: Readonly<Record<PlanPart, unknown>> = {
  goal: null,
  expectedReturnDate: null,
  expectedReturnBasis: null,
  contactArrangements: null,
  patientView: null,
  sickLeaveSteps: [],
  followUps: [],
};

/**
 * Whether the part may take `next` (the value the save sends), by the rules at the top:
 * the verdict, and whether it changes anything.
 */
function judgePart(
  part: PlanPart,
  current: unknown,
  next: unknown,
  editor: PlanEditor,
): { ok: true; changes: boolean } | { ok: false; rejection: MergeRejection } {
  if (!editor.mayReadField(part)) {
    return sameJson(next, WITHHELD[part])
      ? { ok: true, changes: false }
      : { ok: false, rejection: { code: 'FIELD_NOT_READABLE', path: part } };
  }
  if (sameJson(next, current)) return { ok: true, changes: false };
  if (!editor.mayWriteField(part)) {
    return { ok: false, rejection: { code: 'FIELD_NOT_OWNED', path: part } };
  }
  return { ok: true, changes: true };
}

function mergeShared(
  current: PlanState,
  request: UpdatePlanRequest,
  editor: PlanEditor,
): { ok: true; plan: PlanState } | { ok: false; rejection: MergeRejection } {
  const shared: { -readonly [K in keyof SharedFields]: SharedFields[K] } = {
    goal: current.goal,
    expectedReturnDate: current.expectedReturnDate,
    expectedReturnBasis: current.expectedReturnBasis,
    contactArrangements: current.contactArrangements,
    patientView: current.patientView,
  };
  for (const field of SHARED_FIELDS) {
    const value = request[field];
    if (value === undefined) continue;
    const verdict = judgePart(field, current[field], value, editor);
    if (!verdict.ok) return verdict;
    if (verdict.changes) shared[field] = value;
  }

  let sickLeaveSteps: readonly SickLeaveStepState[] = current.sickLeaveSteps;
  if (request.sickLeaveSteps !== undefined) {
    const next = request.sickLeaveSteps.map((step) => ({
      degree: step.degree,
      fromDate: step.fromDate,
      toDate: step.toDate ?? null,
    }));
    const verdict = judgePart('sickLeaveSteps', current.sickLeaveSteps, next, editor);
    if (!verdict.ok) return verdict;
    if (verdict.changes) sickLeaveSteps = next;
  }
  let followUps: readonly FollowUpState[] = current.followUps;
  if (request.followUps !== undefined) {
    const next = request.followUps.map((followUp) => ({
      date: followUp.date,
      description: followUp.description,
      ownerParty: followUp.ownerParty ?? null,
      done: followUp.done ?? false,
    }));
    const verdict = judgePart('followUps', current.followUps, next, editor);
    if (!verdict.ok) return verdict;
    if (verdict.changes) followUps = next;
  }
  return { ok: true, plan: { ...current, ...shared, sickLeaveSteps, followUps } };
}

/**
 * The plan after `request`, or why the caller may not save it. `newId` names new measures
 * (the snapshot needs their ids before they are inserted).
 */
export function mergePlan(
  current: PlanState,
  request: UpdatePlanRequest,
  editor: PlanEditor,
  newId: () => string,
): MergeResult {
  const shared = mergeShared(current, request, editor);
  if (!shared.ok) return shared;
  if (request.measures === undefined) {
    return { ok: true, plan: shared.plan, created: [], updated: [], deleted: [] };
  }

  const existingById = new Map(current.measures.map((measure) => [measure.id, measure]));
  const referenced = new Set<string>();
  const replaced = new Map<string, MeasureState>();
  const created: MeasureState[] = [];
  const updated: MeasureState[] = [];
  let nextPosition = Math.max(-1, ...current.measures.map((measure) => measure.position)) + 1;

  for (const [index, input] of request.measures.entries()) {
    const path = `measures.${index}`;
    if (input.id === undefined) {
      const fields = newMeasureFields(input, editor);
      if (!editor.mayWriteMeasure('create', fields)) {
        return refusedMeasure(editor, 'create', path, index, fields);
      }
      created.push({ ...fields, id: newId(), position: nextPosition++ });
      continue;
    }

    const existing = existingById.get(input.id);
    if (!existing) {
      return { ok: false, rejection: { code: 'MEASURE_NOT_FOUND', path: `${path}.id`, index } };
    }
    if (!editor.mayReadMeasure(existing)) {
      return {
        ok: false,
        rejection: {
          code: 'MEASURE_NOT_READABLE',
          path: `${path}.id`,
          index,
          category: existing.category,
        },
      };
    }
    referenced.add(existing.id);
    const fields = editedMeasureFields(input, existing);
    if (sameMeasure(existing, fields)) continue;
    // Another party's measure may come back in the body, but only exactly as it is; and
    // handing a measure to another party would be writing that party's measure.
    if (!editor.mayWriteMeasure('update', existing)) {
      return refusedMeasure(editor, 'update', path, index, existing);
    }
    if (!editor.mayWriteMeasure('update', fields)) {
      return refusedMeasure(editor, 'update', path, index, fields);
    }
    const next: MeasureState = { ...existing, ...fields };
    replaced.set(existing.id, next);
    updated.push(next);
  }

  // The measures the caller may delete (its party's own) left out of the list are deleted;
  // every other measure stays as it is.
  const deleted = current.measures.filter(
    (measure) =>
      !referenced.has(measure.id) &&
      editor.mayReadMeasure(measure) &&
      editor.mayWriteMeasure('delete', measure),
  );
  const deletedIds = new Set(deleted.map((measure) => measure.id));
  const measures = [
    ...current.measures
      .filter((measure) => !deletedIds.has(measure.id))
      .map((measure) => replaced.get(measure.id) ?? measure),
    ...created,
  ];
  return { ok: true, plan: { ...shared.plan, measures }, created, updated, deleted };
}

function notOwned(path: string, index: number, ownerParty: Party): MergeResult {
  return { ok: false, rejection: { code: 'MEASURE_NOT_OWNED', path, index, ownerParty } };
}

/**
 * Why the policy refused a measure: its medical category when the same measure as ordinary
 * plan content would be allowed (the role may not author MEDICAL), else its owner.
 */
function refusedMeasure(
  editor: PlanEditor,
  action: 'create' | 'update',
  path: string,
  index: number,
  measure: Measure,
): MergeResult {
  const medicalOnly =
    measure.category === 'MEDICAL' &&
    editor.mayWriteMeasure(action, { ownerParty: measure.ownerParty, category: 'PLAN' });
  return medicalOnly
    ? {
        ok: false,
        rejection: { code: 'MEDICAL_MEASURE_NOT_ALLOWED', path: `${path}.category`, index },
      }
    : notOwned(path, index, measure.ownerParty);
}
