import {
  type Category,
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
import { stockholmToday, toIsoDate } from '../common/calendar';
import { summarizeDiff } from './plan-diff';
import { checkPlanQuality } from './plan-quality';
import { PLAN_FIELDS, type PlanField } from '../access/plan-fields';
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

/** The plan's stored content, as both a reader's read and a save's load return it. */
type ContentRow = Pick<
  SaveRow,
  | 'goal'
  | 'expectedReturnDate'
  | 'expectedReturnBasis'
  | 'contactArrangements'
  | 'patientView'
  | 'sickLeaveSteps'
  | 'followUps'
> & { readonly measures: readonly MeasureRow[] };

function contentOf(row: ContentRow): PlanState {
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

/** A sign-off of the version the reader knows as `version`. */
export const toSignoffView = (
  row: SignoffRow,
  version: number,
  userId: string,
): PlanSignoffView => ({
  version,
  party: row.party,
  name: row.user.name,
  decision: row.decision,
  comment: row.comment,
  signedAt: row.signedAt.toISOString(),
  byMe: row.userId === userId,
});

type SignoffJson = RevisionListRow['signoffs'][number];

const fromSignoffJson = (
  signoff: SignoffJson,
  version: number,
  userId: string,
): PlanSignoffView => ({
  version,
  party: signoff.party,
  name: signoff.name,
  decision: signoff.decision,
  comment: signoff.comment,
  signedAt: new Date(signoff.signedAtMs).toISOString(),
  byMe: signoff.userId === userId,
});

export interface PlanReader {
  /** Whether the policy lets the reader read this part of the plan (plan-fields.ts). */
  readonly mayReadField: (field: PlanField) => boolean;
  readonly withheld: Category[];
  /** Who is reading: their own sign-offs are marked. */
  readonly userId: string;
}

/**
 * The plan as the caller may see it: each shared part only when its owner's section is
 * readable (else empty, and `withheld` says why); the measures were already scoped by the
 * query; version, time and sign-offs are those of the newest revision the reader may see.
 * Before the reader may see any revision it is an empty plan at version 0 without an id.
 */
export function toPlanView(row: VisibleRow, reader: PlanReader): PlanView {
  const plan = row.plan;
  const content = plan ? contentOf(plan) : null;
  const field = <T>(name: PlanField, value: T, withheld: T): T =>
    reader.mayReadField(name) ? value : withheld;
  const measures = (content?.measures ?? []).map(toMeasureView);
  const goal = field('goal', content?.goal ?? null, null);
  const followUps = field('followUps', [...(content?.followUps ?? [])], []);
  const version = plan?.visibleVersion ?? 0;
  return {
    id: plan && version > 0 ? plan.id : null,
    version,
    goal,
    expectedReturnDate: field('expectedReturnDate', content?.expectedReturnDate ?? null, null),
    expectedReturnBasis: field('expectedReturnBasis', content?.expectedReturnBasis ?? null, null),
    contactArrangements: field('contactArrangements', content?.contactArrangements ?? null, null),
    patientView: field('patientView', content?.patientView ?? null, null),
    measures,
    sickLeaveSteps: field('sickLeaveSteps', [...(content?.sickLeaveSteps ?? [])], []),
    stepsFromCertificates: row.stepsFromCertificates,
    followUps,
    notNeededReason: field('notNeededReason', row.planNotNeededReason, null),
    // Sign-offs are of the employer's plan: shown with the employer's part.
    signoffs: field(
      'goal',
      (plan?.signoffs ?? [])
        .filter((signoff) => signoff.holds)
        .map((signoff) => toSignoffView(signoff, version, reader.userId)),
      [],
    ),
    earlierSignoffs: field(
      'goal',
      (plan?.signoffs ?? [])
        .filter((signoff) => !signoff.holds)
        .map((signoff) => toSignoffView(signoff, signoff.ordinal, reader.userId)),
      [],
    ),
    quality: checkPlanQuality(
      {
        goal,
        expectedReturnDate: field('expectedReturnDate', content?.expectedReturnDate ?? null, null),
        expectedReturnBasis: field(
          'expectedReturnBasis',
          content?.expectedReturnBasis ?? null,
          null,
        ),
        notNeededReason: field('notNeededReason', row.planNotNeededReason, null),
        followUps,
        measures,
      },
      { includeShared: reader.mayReadField('goal'), today: stockholmToday() },
    ),
    updatedAt: plan?.latestVisibleAt?.toISOString() ?? null,
    withheld: reader.withheld,
    withheldParts: PLAN_FIELDS.filter((part) => !reader.mayReadField(part)),
  };
}

/** What a plan view says about itself rather than of the plan's content. */
const PLAN_VIEW_META: ReadonlySet<string> = new Set<keyof PlanView>([
  'id',
  'version',
  'stepsFromCertificates',
  'quality',
  'updatedAt',
  'withheld',
  'withheldParts',
]);

/**
 * Whether the caller got nothing of the plan but the markers of what was withheld from it
 * (`category` among them): every content field empty. Such a read is audited as an
 * attempt, so the patient's log does not say they read the plan. Judged over every field
 * but the view's own metadata, so a part added to the plan later counts without an edit.
 */
export function showsNothing(view: PlanView, category: Category): boolean {
  return (
    view.withheld.includes(category) &&
    Object.entries(view).every(
      ([key, value]: [string, unknown]) =>
        PLAN_VIEW_META.has(key) ||
        value === null ||
        value === undefined ||
        (Array.isArray(value) && value.length === 0),
    )
  );
}

// --- revisions ------------------------------------------------------------------------

const storedSnapshotSchema = planSnapshotSchema.extend({
  measures: z.array(
    planSnapshotSchema.shape.measures.element.extend({ position: z.number().int() }),
  ),
});
const storedDiffSchema = z.array(planDiffEntrySchema);

/** A stored snapshot back as plan state; throws on a corrupt row (a bug, not bad input). */
export const parseSnapshot = (json: unknown): PlanSnapshot => storedSnapshotSchema.parse(json);

/** A stored diff; throws on a corrupt row (a bug, not bad input). */
export const parseDiff = (json: unknown): PlanDiffEntry[] => storedDiffSchema.parse(json);

export function toSnapshot(version: number, state: PlanState): PlanSnapshot {
  return { version, ...state };
}

export function toRevisionSummary(
  row: RevisionListRow | RevisionRow,
  visible: readonly PlanDiffEntry[],
  reader: Pick<PlanReader, 'mayReadField' | 'userId'>,
): PlanRevisionSummary {
  const summary = summarizeDiff(visible, row.number === 1);
  return {
    number: row.ordinal,
    authorName: row.authorName,
    authorParty: row.authorParty,
    createdAt: row.createdAt.toISOString(),
    summary: summary.sv,
    summaryEn: summary.en,
    // Sign-offs are of the employer's plan: shown with the employer's part.
    signoffs: reader.mayReadField('goal')
      ? row.signoffs.map((signoff) => fromSignoffJson(signoff, row.ordinal, reader.userId))
      : [],
  };
}

/** A revision as the reader may see it: its snapshot filtered like the live plan. */
export function toRevisionView(
  row: RevisionRow,
  snapshot: PlanSnapshot,
  visible: readonly PlanDiffEntry[],
  reader: Pick<PlanReader, 'mayReadField' | 'userId'> & {
    readonly mayReadMeasure: (measure: MeasureState) => boolean;
  },
): PlanRevisionView {
  const field = <T>(name: PlanField, value: T, withheld: T): T =>
    reader.mayReadField(name) ? value : withheld;
  const filtered: PlanSnapshotView = {
    version: row.ordinal,
    goal: field('goal', snapshot.goal, null),
    expectedReturnDate: field('expectedReturnDate', snapshot.expectedReturnDate, null),
    expectedReturnBasis: field('expectedReturnBasis', snapshot.expectedReturnBasis, null),
    contactArrangements: field('contactArrangements', snapshot.contactArrangements, null),
    patientView: field('patientView', snapshot.patientView, null),
    measures: snapshot.measures.filter(reader.mayReadMeasure).map(toMeasureView),
    sickLeaveSteps: field('sickLeaveSteps', [...snapshot.sickLeaveSteps], []),
    followUps: field('followUps', [...snapshot.followUps], []),
  };
  return {
    ...toRevisionSummary(row, visible, reader),
    snapshot: filtered,
    diff: [...visible],
  };
}
