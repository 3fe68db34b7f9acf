import { Injectable } from '@nestjs/common';
import type { Party, Prisma } from '@prisma/client';
import type { PlanDiffEntry } from '@atergang/contracts';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { fromIsoDate } from '../common/calendar';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';
import type {
  FollowUpState,
  MeasureState,
  PlanSnapshot,
  SharedFields,
  SickLeaveStepState,
} from './plan-state';

const measureSelect = {
  id: true,
  ownerParty: true,
  kind: true,
  category: true,
  title: true,
  description: true,
  responsibleName: true,
  startDate: true,
  endDate: true,
  status: true,
  followUpDate: true,
  position: true,
} as const;

const planSelect = {
  id: true,
  version: true,
  goal: true,
  expectedReturnDate: true,
  expectedReturnBasis: true,
  contactArrangements: true,
  patientView: true,
  updatedAt: true,
} as const;

const signoffSelect = {
  version: true,
  party: true,
  signedAt: true,
  user: { select: { name: true } },
} as const;

const taskEventSelect = {
  id: true,
  status: true,
  version: true,
  category: true,
  assigneeParty: true,
  assigneeParticipantId: true,
  createdByParty: true,
} as const;

const dateOrNull = (value: string | null): Date | null => (value ? fromIsoDate(value) : null);

const measureData = (measure: MeasureState) => ({
  ownerParty: measure.ownerParty,
  kind: measure.kind,
  category: measure.category,
  title: measure.title,
  description: measure.description,
  responsibleName: measure.responsibleName,
  startDate: dateOrNull(measure.startDate),
  endDate: dateOrNull(measure.endDate),
  status: measure.status,
  followUpDate: dateOrNull(measure.followUpDate),
});

/** The workspace's "not needed" reason; the plan's fields and parts (null before the first save). */
interface PlanHeadRow {
  readonly planNotNeededReason: string | null;
  readonly id: string | null;
  readonly version: number | null;
  readonly goal: string | null;
  readonly expectedReturnDate: Date | null;
  readonly expectedReturnBasis: string | null;
  readonly contactArrangements: string | null;
  readonly patientView: string | null;
  readonly updatedAt: Date | null;
  readonly sickLeaveSteps: readonly {
    readonly degree: number;
    readonly fromDate: string;
    readonly toDate: string | null;
  }[];
  readonly followUps: readonly {
    readonly date: string;
    readonly description: string;
    readonly ownerParty: Party | null;
    readonly done: boolean;
  }[];
  readonly signoffs: readonly {
    readonly version: number;
    readonly party: Party;
    readonly signedAtMs: number;
    readonly name: string;
  }[];
}

@Injectable()
export class PlanRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The workspace's plan with only the measures the caller may read: the ability becomes
   * part of the query, so hidden measures never leave the database. `plan` is null before
   * the first save. `db` lets a save read its own result inside its transaction.
   *
   * One query after another, never in parallel (a transaction has one connection). The
   * version is read first: content newer than it only makes a save based on it stale.
   */
  async findVisible(workspaceId: string, ability: WorkspaceAbility, db: Tx = this.prisma) {
    // The workspace's "not needed" reason, the plan's head (its version), its schedule, its
    // follow-ups and this version's sign-offs (with the signers' names) in one statement, so
    // all of them are of one snapshot; dates travel as 'YYYY-MM-DD', instants as epoch ms.
    const [head] = await db.$queryRaw<PlanHeadRow[]>`
      SELECT w.plan_not_needed_reason AS "planNotNeededReason",
             p.id::text AS id,
             p.version,
             p.goal,
             p.expected_return_date AS "expectedReturnDate",
             p.expected_return_basis AS "expectedReturnBasis",
             p.contact_arrangements AS "contactArrangements",
             p.patient_view AS "patientView",
             p.updated_at AS "updatedAt",
             coalesce((
               SELECT json_agg(json_build_object(
                        'degree', s.degree,
                        'fromDate', to_char(s.from_date, 'YYYY-MM-DD'),
                        'toDate', to_char(s.to_date, 'YYYY-MM-DD')
                      ) ORDER BY s.position)
               FROM sick_leave_steps s
               WHERE s.plan_id = p.id
             ), '[]'::json) AS "sickLeaveSteps",
             coalesce((
               SELECT json_agg(json_build_object(
                        'date', to_char(f.date, 'YYYY-MM-DD'),
                        'description', f.description,
                        'ownerParty', f.owner_party,
                        'done', f.done
                      ) ORDER BY f.position, f.date)
               FROM plan_follow_ups f
               WHERE f.plan_id = p.id
             ), '[]'::json) AS "followUps",
             coalesce((
               SELECT json_agg(json_build_object(
                        'version', g.version,
                        'party', g.party,
                        'signedAtMs', (extract(epoch FROM g.signed_at) * 1000)::bigint,
                        'name', u.name
                      ) ORDER BY g.signed_at)
               FROM plan_signoffs g
               JOIN users u ON u.id = g.user_id
               WHERE g.plan_id = p.id AND g.workspace_id = w.id AND g.version = p.version
             ), '[]'::json) AS signoffs
      FROM workspaces w
      LEFT JOIN plans p ON p.workspace_id = w.id
      WHERE w.id = ${workspaceId}::uuid`;
    if (!head || head.id === null || head.version === null || head.updatedAt === null) {
      return { planNotNeededReason: head?.planNotNeededReason ?? null, plan: null };
    }
    const plan = {
      id: head.id,
      version: head.version,
      goal: head.goal,
      expectedReturnDate: head.expectedReturnDate,
      expectedReturnBasis: head.expectedReturnBasis,
      contactArrangements: head.contactArrangements,
      patientView: head.patientView,
      updatedAt: head.updatedAt,
    };
    const measures = await db.planMeasure.findMany({
      where: { AND: [{ planId: plan.id, workspaceId }, readableWhere(ability, 'PlanMeasure')] },
      orderBy: { position: 'asc' },
      select: measureSelect,
    });
    const sickLeaveSteps = head.sickLeaveSteps.map((step) => ({
      degree: step.degree,
      fromDate: fromIsoDate(step.fromDate),
      toDate: dateOrNull(step.toDate),
    }));
    const followUps = head.followUps.map((followUp) => ({
      date: fromIsoDate(followUp.date),
      description: followUp.description,
      ownerParty: followUp.ownerParty,
      done: followUp.done,
    }));
    const signoffs = head.signoffs.map((signoff) => ({
      version: signoff.version,
      party: signoff.party,
      signedAt: new Date(signoff.signedAtMs),
      user: { name: signoff.name },
    }));
    return {
      planNotNeededReason: head.planNotNeededReason,
      plan: { ...plan, measures, sickLeaveSteps, followUps, signoffs },
    };
  }

  private async stepsAndFollowUps(db: Tx, planId: string) {
    const sickLeaveSteps = await db.sickLeaveStep.findMany({
      where: { planId },
      orderBy: { position: 'asc' },
      select: { degree: true, fromDate: true, toDate: true },
    });
    const followUps = await db.planFollowUp.findMany({
      where: { planId },
      orderBy: [{ position: 'asc' }, { date: 'asc' }],
      select: { date: true, description: true, ownerParty: true, done: true },
    });
    return { sickLeaveSteps, followUps };
  }

  // --- saving -------------------------------------------------------------------------

  /** Creates the plan at version 1 unless one exists: null when another save got there first. */
  async createIfAbsent(tx: Tx, workspaceId: string, userId: string): Promise<string | null> {
    const [row] = await tx.plan.createManyAndReturn({
      data: [{ workspaceId, version: 1, createdById: userId, updatedById: userId }],
      skipDuplicates: true,
      select: { id: true },
    });
    return row?.id ?? null;
  }

  /**
   * Optimistic concurrency: one conditional UPDATE (`WHERE version = expected`). Of two
   * racing saves the second blocks on the row lock, re-checks the condition after the first
   * commits and matches nothing. Returns whether this save claimed the next version.
   */
  async claimVersion(
    tx: Tx,
    workspaceId: string,
    expected: number,
    userId: string,
  ): Promise<boolean> {
    const { count } = await tx.plan.updateMany({
      where: { workspaceId, version: expected },
      data: { version: { increment: 1 }, updatedById: userId, updatedAt: new Date() },
    });
    return count === 1;
  }

  async currentVersion(workspaceId: string): Promise<number> {
    const row = await this.prisma.plan.findUnique({
      where: { workspaceId },
      select: { version: true },
    });
    return row?.version ?? 0;
  }

  /** The whole plan, every measure included: only for merging a save, never for a reader. */
  async loadForSave(tx: Tx, workspaceId: string) {
    const plan = await tx.plan.findUniqueOrThrow({ where: { workspaceId }, select: planSelect });
    const measures = await tx.planMeasure.findMany({
      where: { planId: plan.id, workspaceId },
      orderBy: { position: 'asc' },
      select: measureSelect,
    });
    return { ...plan, measures, ...(await this.stepsAndFollowUps(tx, plan.id)) };
  }

  async saveSharedFields(tx: Tx, planId: string, fields: SharedFields): Promise<void> {
    await tx.plan.update({
      where: { id: planId },
      data: {
        goal: fields.goal,
        expectedReturnDate: dateOrNull(fields.expectedReturnDate),
        expectedReturnBasis: fields.expectedReturnBasis,
        contactArrangements: fields.contactArrangements,
        patientView: fields.patientView,
      },
    });
  }

  async createMeasures(
    tx: Tx,
    ids: { workspaceId: string; planId: string; userId: string },
    measures: readonly MeasureState[],
  ): Promise<void> {
    if (measures.length === 0) return;
    await tx.planMeasure.createMany({
      data: measures.map((measure) => ({
        id: measure.id,
        workspaceId: ids.workspaceId,
        planId: ids.planId,
        position: measure.position,
        createdById: ids.userId,
        ...measureData(measure),
      })),
    });
  }

  async updateMeasure(tx: Tx, workspaceId: string, measure: MeasureState): Promise<void> {
    await tx.planMeasure.updateMany({
      where: { id: measure.id, workspaceId },
      data: measureData(measure),
    });
  }

  /**
   * Deletes measures. Tasks linked to one keep existing, unlinked (the task is still
   * somebody's job); they get a new version, returned for their events.
   */
  async deleteMeasures(tx: Tx, workspaceId: string, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const unlinked = await tx.task.updateManyAndReturn({
      where: { workspaceId, measureId: { in: [...ids] } },
      data: { measureId: null, version: { increment: 1 } },
      select: taskEventSelect,
    });
    await tx.planMeasure.deleteMany({ where: { workspaceId, id: { in: [...ids] } } });
    return unlinked;
  }

  async replaceSickLeaveSteps(
    tx: Tx,
    ids: { workspaceId: string; planId: string },
    steps: readonly SickLeaveStepState[],
  ): Promise<void> {
    await tx.sickLeaveStep.deleteMany({
      where: { planId: ids.planId, workspaceId: ids.workspaceId },
    });
    await tx.sickLeaveStep.createMany({
      data: steps.map((step, position) => ({
        ...ids,
        degree: step.degree,
        fromDate: fromIsoDate(step.fromDate),
        toDate: dateOrNull(step.toDate),
        position,
      })),
    });
  }

  async replaceFollowUps(
    tx: Tx,
    ids: { workspaceId: string; planId: string },
    followUps: readonly FollowUpState[],
  ): Promise<void> {
    await tx.planFollowUp.deleteMany({
      where: { planId: ids.planId, workspaceId: ids.workspaceId },
    });
    await tx.planFollowUp.createMany({
      data: followUps.map((followUp, position) => ({
        ...ids,
        date: fromIsoDate(followUp.date),
        description: followUp.description,
        ownerParty: followUp.ownerParty,
        done: followUp.done,
        position,
      })),
    });
  }

  async createRevision(
    tx: Tx,
    revision: {
      workspaceId: string;
      planId: string;
      number: number;
      snapshot: PlanSnapshot;
      diff: readonly PlanDiffEntry[];
      authorId: string;
      authorParty: Party;
    },
  ): Promise<void> {
    await tx.planRevision.create({
      data: {
        ...revision,
        // Plain data built by the service (strings, numbers, booleans, nulls, arrays).
        snapshot: revision.snapshot as unknown as Prisma.InputJsonObject,
        diff: revision.diff as unknown as Prisma.InputJsonArray,
      },
    });
  }

  // --- revisions ------------------------------------------------------------------------

  listRevisions(workspaceId: string) {
    return this.prisma.planRevision.findMany({
      where: { workspaceId },
      orderBy: { number: 'desc' },
      select: {
        id: true,
        number: true,
        createdAt: true,
        authorParty: true,
        diff: true,
        author: { select: { name: true } },
      },
    });
  }

  findRevision(workspaceId: string, number: number) {
    return this.prisma.planRevision.findFirst({
      where: { workspaceId, number },
      select: {
        id: true,
        number: true,
        createdAt: true,
        authorParty: true,
        snapshot: true,
        diff: true,
        author: { select: { name: true } },
      },
    });
  }

  async revisionSnapshot(workspaceId: string, number: number): Promise<unknown> {
    const row = await this.prisma.planRevision.findFirst({
      where: { workspaceId, number },
      select: { snapshot: true },
    });
    return row?.snapshot ?? null;
  }

  // --- sign-off -------------------------------------------------------------------------

  /**
   * The plan's id and version, share-locked until commit: a save waits for the sign-off,
   * and a sign-off waiting for a save sees the new version and is refused as stale.
   */
  async lockVersion(tx: Tx, workspaceId: string): Promise<{ id: string; version: number } | null> {
    const [row] = await tx.$queryRaw<{ id: string; version: number }[]>`
      SELECT id::text AS id, version FROM plans WHERE workspace_id = ${workspaceId}::uuid FOR SHARE`;
    return row ?? null;
  }

  /** Records the sign-off once per (version, user); `created` is false for a repeat. */
  async signOff(
    tx: Tx,
    data: { workspaceId: string; planId: string; version: number; userId: string; party: Party },
  ) {
    const { count } = await tx.planSignoff.createMany({ data: [data], skipDuplicates: true });
    const row = await tx.planSignoff.findUniqueOrThrow({
      where: {
        planId_version_userId: { planId: data.planId, version: data.version, userId: data.userId },
      },
      select: signoffSelect,
    });
    return { created: count === 1, row };
  }

  // --- "plan not needed" ----------------------------------------------------------------

  async recordNotNeeded(tx: Tx, workspaceId: string, reason: string): Promise<void> {
    await tx.workspace.update({
      where: { id: workspaceId },
      data: { planNotNeededReason: reason },
    });
  }

  /**
   * Marks the workspace's deadline task with `deadlineKey` done, if it is still open.
   * `changed` says whether this call closed it; `task` is null when the case has none.
   */
  async completeDeadlineTask(tx: Tx, workspaceId: string, deadlineKey: string) {
    const [closed] = await tx.task.updateManyAndReturn({
      where: { workspaceId, deadlineKey, status: { in: ['OPEN', 'IN_PROGRESS'] } },
      data: { status: 'DONE', completedAt: new Date(), version: { increment: 1 } },
      select: taskEventSelect,
    });
    if (closed) return { changed: true, task: closed };
    const task = await tx.task.findFirst({
      where: { workspaceId, deadlineKey },
      select: taskEventSelect,
    });
    return { changed: false, task };
  }
}
