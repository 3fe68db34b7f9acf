import type { MeasureCategory, MeasureKind, MeasureStatus, Party } from '@atergang/contracts';

// The whole plan as plain data (dates as 'YYYY-MM-DD'), unfiltered: what a save merges
// into, what a revision snapshots and what the diff compares. It holds MEDICAL measures, so
// it never leaves the service unfiltered.

export interface MeasureState {
  readonly id: string;
  readonly ownerParty: Party;
  readonly kind: MeasureKind;
  readonly category: MeasureCategory;
  readonly title: string;
  readonly description: string | null;
  readonly responsibleName: string | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly status: MeasureStatus;
  readonly followUpDate: string | null;
  /** Order in the plan; new measures go last. */
  readonly position: number;
}

export interface SickLeaveStepState {
  readonly degree: number;
  readonly fromDate: string;
  readonly toDate: string | null;
}

export interface FollowUpState {
  readonly date: string;
  readonly description: string;
  readonly ownerParty: Party | null;
  readonly done: boolean;
}

export interface SharedFields {
  readonly goal: string | null;
  readonly expectedReturnDate: string | null;
  readonly expectedReturnBasis: string | null;
  readonly contactArrangements: string | null;
  readonly patientView: string | null;
}

export interface PlanState extends SharedFields {
  readonly measures: readonly MeasureState[];
  readonly sickLeaveSteps: readonly SickLeaveStepState[];
  readonly followUps: readonly FollowUpState[];
}

/** A revision's snapshot: the plan state and the version it became. */
export interface PlanSnapshot extends PlanState {
  readonly version: number;
}

/** The plan's shared text and date fields (category PLAN). */
export const SHARED_FIELDS = [
  'goal',
  'expectedReturnDate',
  'expectedReturnBasis',
  'contactArrangements',
  'patientView',
] as const satisfies readonly (keyof SharedFields)[];

/** The fields of a measure its owner edits. */
export const MEASURE_FIELDS = [
  'ownerParty',
  'kind',
  'category',
  'title',
  'description',
  'responsibleName',
  'startDate',
  'endDate',
  'status',
  'followUpDate',
] as const satisfies readonly (keyof MeasureState)[];

export const EMPTY_PLAN: PlanState = {
  goal: null,
  expectedReturnDate: null,
  expectedReturnBasis: null,
  contactArrangements: null,
  patientView: null,
  measures: [],
  sickLeaveSteps: [],
  followUps: [],
};
