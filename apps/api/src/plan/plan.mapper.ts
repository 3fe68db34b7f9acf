import {
  type Category,
  type MeasureCategory,
  type Party,
  type PlanDiffEntry,
  planDiffEntrySchema,
  type PlanMeasureView,
  type PlanRevisionSummary,
  type PlanRevisionView,
  type PlanSignoffView,
  planSnapshotSchema,
  type PlanSnapshotView,
  type PlanView,
} from '@atergang/contracts';
import { z } from 'zod';
import { toIsoDate } from '../common/calendar';
import { summarizeDiff } from './plan-diff';
import { checkPlanQuality } from './plan-quality';
import type { MeasureState, PlanSnapshot, PlanState } from './plan-state';
import type { PlanRepository } from './plan.repository';

type VisibleRow = Awaited<ReturnType<PlanRepository['findVisible']>>;
type SaveRow = Awaited<ReturnType<PlanRepository['loadForSave']>>;
type MeasureRow = SaveRow['measures'][number];
type SignoffRow = Awaited<ReturnType<PlanRepository['signOff']>>['row'];
type RevisionListRow = Awaited<ReturnType<PlanRepository['listRevisions']>>[number];
type RevisionRow = NonNullable<Awaited<ReturnType<PlanRepository['findRevision']>>>;

const isoOrNull = (date: Date | null): string | null => (date ? toIsoDate(date) : null);

function toMeasureState(row: MeasureRow): MeasureState {
  return {
    ...row,
    startDate: isoOrNull(row.startDate),
    endDate: isoOrNull(row.endDate),
    followUpDate: isoOrNull(row.followUpDate),
  };
}

const toMeasureView = ({ position: _position, ...measure }: MeasureState): PlanMeasureView =>
  measure;

function contentOf(row: Omit<SaveRow, 'measures'> & { measures: MeasureRow[] }): PlanState {
  return {
    goal: row.goal,
    expectedReturnDate: isoOrNull(row.expectedReturnDate),
    expectedReturnBasis: row.expectedReturnBasis,
    contactArrangements: row.contactArrangements,
    patientView: row.patientView,
    measures: row.measures.map(toMeasureState),
    sickLeaveSteps: row.sickLeaveSteps.map((step) => ({
      degree: step.degree,
      fromDate: toIsoDate(step.fromDate),
      toDate: isoOrNull(step.toDate),
    })),
    followUps: row.followUps.map((followUp) => ({
      date: toIsoDate(followUp.date),
      description: followUp.description,
      ownerParty: followUp.ownerParty,
      done: followUp.done,
    })),
  };
}

/** The whole plan (unfiltered) as the merge and the diff work on it. */
export const toPlanState = (row: SaveRow): PlanState => contentOf(row);

export const toSignoffView = (row: SignoffRow): PlanSignoffView => ({
  version: row.version,
  party: row.party,
  name: row.user.name,
  signedAt: row.signedAt.toISOString(),
});

export interface PlanReader {
  /** PLAN granted, or the patient: the goal, dates, schedule and follow-ups. */
  readonly canReadShared: boolean;
  readonly withheld: Category[];
}

/**
 * The plan as the caller may see it. Without PLAN the shared fields (goal, dates, sick-leave
 * schedule, follow-ups, sign-offs) are withheld; the measures were already scoped by the
 * query. Before the first save it is an empty plan at version 0.
 */
export function toPlanView(row: VisibleRow, reader: PlanReader): PlanView {
  const plan = row.plan;
  const shared = reader.canReadShared;
  const content = plan ? contentOf(plan) : null;
  const measures = (content?.measures ?? []).map(toMeasureView);
  const view = {
    goal: shared ? (content?.goal ?? null) : null,
    followUps: shared ? (content?.followUps ?? []) : [],
    measures,
  };
  return {
    id: plan?.id ?? null,
    version: plan?.version ?? 0,
    goal: view.goal,
    expectedReturnDate: shared ? (content?.expectedReturnDate ?? null) : null,
    expectedReturnBasis: shared ? (content?.expectedReturnBasis ?? null) : null,
    contactArrangements: shared ? (content?.contactArrangements ?? null) : null,
    patientView: shared ? (content?.patientView ?? null) : null,
    measures,
    sickLeaveSteps: shared ? [...(content?.sickLeaveSteps ?? [])] : [],
    followUps: [...view.followUps],
    notNeededReason: shared ? row.planNotNeededReason : null,
    signoffs: shared && plan ? plan.signoffs.map(toSignoffView) : [],
    quality: checkPlanQuality(view, { includeShared: shared }),
    updatedAt: plan ? plan.updatedAt.toISOString() : null,
    withheld: reader.withheld,
  };
}

// --- revisions ------------------------------------------------------------------------

/** What a revision's snapshot holds (the demo seed's revision 1 adds a measure `position`). */
const storedSnapshotSchema = planSnapshotSchema.extend({
  measures: z.array(
    planSnapshotSchema.shape.measures.element.extend({ position: z.number().int().optional() }),
  ),
});
const storedDiffSchema = z.array(planDiffEntrySchema);

/** A stored snapshot back as plan state; throws on a corrupt row (a bug, not bad input). */
export function parseSnapshot(json: unknown): PlanSnapshot {
  const parsed = storedSnapshotSchema.parse(json);
  return {
    ...parsed,
    measures: parsed.measures.map((measure, index) => ({
      ...measure,
      position: measure.position ?? index,
    })),
  };
}

/** The stored diff, or null when the row predates the entry format (computed again then). */
export function parseDiff(json: unknown): PlanDiffEntry[] | null {
  const parsed = storedDiffSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function toSnapshot(version: number, state: PlanState): PlanSnapshot {
  return { version, ...state };
}

export interface RevisionReader {
  readonly canReadMeasure: (measure: { ownerParty: Party; category: MeasureCategory }) => boolean;
}

export function toRevisionSummary(
  row: RevisionListRow | RevisionRow,
  visible: readonly PlanDiffEntry[] | null,
): PlanRevisionSummary {
  // A diff in an older format is summarised as a whole (it only exists for revision 1).
  const summary = summarizeDiff(visible ?? [], row.number === 1);
  return {
    number: row.number,
    authorName: row.author.name,
    authorParty: row.authorParty,
    createdAt: row.createdAt.toISOString(),
    summary: visible === null && row.number !== 1 ? 'Ändrade planen' : summary.sv,
    summaryEn: visible === null && row.number !== 1 ? 'Changed the plan' : summary.en,
  };
}

export function toRevisionView(
  row: RevisionRow,
  snapshot: PlanSnapshot,
  visible: readonly PlanDiffEntry[],
  reader: RevisionReader,
): PlanRevisionView {
  const filtered: PlanSnapshotView = {
    version: snapshot.version,
    goal: snapshot.goal,
    expectedReturnDate: snapshot.expectedReturnDate,
    expectedReturnBasis: snapshot.expectedReturnBasis,
    contactArrangements: snapshot.contactArrangements,
    patientView: snapshot.patientView,
    measures: snapshot.measures.filter(reader.canReadMeasure).map(toMeasureView),
    sickLeaveSteps: [...snapshot.sickLeaveSteps],
    followUps: [...snapshot.followUps],
  };
  return {
    ...toRevisionSummary(row, visible),
    snapshot: filtered,
    diff: [...visible],
  };
}
