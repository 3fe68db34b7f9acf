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

// Merging a save into the plan. The rules (issue 4, "the shared plan"):
// - each party creates, edits and deletes only the measures it owns; the patient is a
//   party too and owns the PATIENT measures;
// - treatment details (category MEDICAL) are written only by care and the patient;
// - the shared fields (goal, dates, schedule, follow-ups, contact) only by someone who can
//   read them (PLAN granted, or the patient); the patient's own view only by the patient;
// - saving never drops what the saver cannot see: measures the caller may not read are
//   carried over untouched, and other parties' measures stay as they are.

/** Who is saving, as far as merging needs to know. */
export interface PlanEditor {
  readonly party: Party;
  readonly isPatient: boolean;
  /** May read, and so change, the shared fields: PLAN granted, or the patient. */
  readonly canReadShared: boolean;
  readonly canReadMeasure: (measure: {
    readonly ownerParty: Party;
    readonly category: MeasureCategory;
  }) => boolean;
}

/** The parties that may record treatment details as MEDICAL measures. */
const MEDICAL_AUTHORS: readonly Party[] = ['CARE', 'PATIENT'];

export type MergeRejection =
  | { readonly code: 'SHARED_FIELD_NOT_READABLE'; readonly path: string }
  | { readonly code: 'PATIENT_VIEW_PATIENT_ONLY'; readonly path: 'patientView' }
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

/** A measure as the body states it, with the defaults of a full replacement filled in. */
function fieldsOf(input: PlanMeasureInput, editor: PlanEditor): MeasureFields {
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

export function sameMeasure(a: MeasureFields, b: MeasureFields): boolean {
  return MEASURE_FIELDS.every((field) => a[field] === b[field]);
}

const mayWriteMedical = (editor: PlanEditor): boolean => MEDICAL_AUTHORS.includes(editor.party);

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
    // Presence alone is refused without PLAN: comparing with a value the caller cannot see
    // would let them probe it.
    if (!editor.canReadShared) return { ok: false, rejection: notReadable(field) };
    if (field === 'patientView' && !editor.isPatient && value !== current.patientView) {
      return { ok: false, rejection: { code: 'PATIENT_VIEW_PATIENT_ONLY', path: 'patientView' } };
    }
    shared[field] = value;
  }

  let sickLeaveSteps: readonly SickLeaveStepState[] = current.sickLeaveSteps;
  if (request.sickLeaveSteps !== undefined) {
    if (!editor.canReadShared) return { ok: false, rejection: notReadable('sickLeaveSteps') };
    sickLeaveSteps = request.sickLeaveSteps.map((step) => ({
      degree: step.degree,
      fromDate: step.fromDate,
      toDate: step.toDate ?? null,
    }));
  }
  let followUps: readonly FollowUpState[] = current.followUps;
  if (request.followUps !== undefined) {
    if (!editor.canReadShared) return { ok: false, rejection: notReadable('followUps') };
    followUps = request.followUps.map((followUp) => ({
      date: followUp.date,
      description: followUp.description,
      ownerParty: followUp.ownerParty ?? null,
      done: followUp.done ?? false,
    }));
  }
  return { ok: true, plan: { ...current, ...shared, sickLeaveSteps, followUps } };
}

const notReadable = (path: string): MergeRejection => ({ code: 'SHARED_FIELD_NOT_READABLE', path });

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
    const fields = fieldsOf(input, editor);
    if (input.id === undefined) {
      if (fields.ownerParty !== editor.party) {
        return notOwned(path, index, fields.ownerParty);
      }
      if (fields.category === 'MEDICAL' && !mayWriteMedical(editor)) {
        return medicalNotAllowed(path, index);
      }
      created.push({ ...fields, id: newId(), position: nextPosition++ });
      continue;
    }

    const existing = existingById.get(input.id);
    if (!existing) {
      return { ok: false, rejection: { code: 'MEASURE_NOT_FOUND', path: `${path}.id`, index } };
    }
    if (!editor.canReadMeasure(existing)) {
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
    if (existing.ownerParty !== editor.party) {
      // Another party's measure may come back in the body, but only exactly as it is.
      if (!sameMeasure(existing, fields)) return notOwned(path, index, existing.ownerParty);
      continue;
    }
    if (fields.ownerParty !== editor.party) {
      // Handing a measure to another party would be writing that party's measure.
      return notOwned(path, index, existing.ownerParty);
    }
    if (
      fields.category === 'MEDICAL' &&
      existing.category !== 'MEDICAL' &&
      !mayWriteMedical(editor)
    ) {
      return medicalNotAllowed(path, index);
    }
    if (!sameMeasure(existing, fields)) {
      const next: MeasureState = { ...existing, ...fields };
      replaced.set(existing.id, next);
      updated.push(next);
    }
  }

  // The caller's own measures left out of the list are deleted; nobody else's are.
  const deleted = current.measures.filter(
    (measure) =>
      measure.ownerParty === editor.party &&
      editor.canReadMeasure(measure) &&
      !referenced.has(measure.id),
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

function medicalNotAllowed(path: string, index: number): MergeResult {
  return {
    ok: false,
    rejection: { code: 'MEDICAL_MEASURE_NOT_ALLOWED', path: `${path}.category`, index },
  };
}
