import { Injectable } from '@nestjs/common';
import { type Party, Prisma, type SignoffDecision } from '@prisma/client';
import type { PlanDiffEntry } from '@atergang/contracts';
import { readableSql } from '../access/ability-sql';
import type { WorkspaceAbility } from '../access/workspace-ability';
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

/** A measure as `measureSelect` gives it. */
type MeasureRow = Prisma.PlanMeasureGetPayload<{ select: typeof measureSelect }>;

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
  userId: true,
  party: true,
  decision: true,
  comment: true,
  signedAt: true,
  user: { select: { name: true } },
} as const;

/** A sign-off as the plan's statements return it (instants as epoch ms). */
interface SignoffJson {
  readonly userId: string;
  readonly party: Party;
  readonly decision: SignoffDecision;
  readonly comment: string | null;
  readonly signedAtMs: number;
  readonly name: string;
}

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
  /** The case has certificates: its sick-leave steps are theirs. */
  readonly stepsFromCertificates: boolean;
  readonly id: string | null;
  /** How many revisions the reader may see: the version as the reader knows it. */
  readonly visibleVersion: number;
  /** The number of the newest revision the reader may see, and when it was saved. */
  readonly latestVisible: number | null;
  readonly latestVisibleAt: Date | null;
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
  /**
   * Each signer's newest sign-off; `holds` while no later revision changed anything the
   * signer could see, and `ordinal` the signed revision in the reader's numbering.
   */
  readonly signoffs: readonly (SignoffJson & {
    readonly holds: boolean;
    readonly ordinal: number;
  })[];
}

/** Revisions with an entry whose every part is among the reader's readable keys. */
const visibleRevision = (keys: readonly string[]) => Prisma.sql`
  EXISTS (SELECT 1 FROM unnest(r.touched) AS k WHERE string_to_array(k, '+') <@ ${[...keys]}::text[])`;

/** A revision row, numbered as the reader sees the plan's history (1, 2, … of theirs). */
interface RevisionRow {
  readonly id: string;
  readonly ordinal: number;
  readonly number: number;
  readonly createdAt: Date;
  readonly authorParty: Party;
  readonly authorName: string;
  readonly diff: Prisma.JsonValue;
  readonly snapshot?: Prisma.JsonValue;
  /** The sign-offs of this revision as the reader numbers it (see revisionSignoffs). */
  readonly signoffs: readonly SignoffJson[];
}

/**
 * The sign-offs of the reader's revision `visible`: those of its number up to (not
 * including) the reader's next revision, since a signer signs the newest revision it can
 * see, which may be one this reader cannot (it then belongs to the reader's previous one).
 */
const revisionSignoffs = Prisma.sql`
  coalesce((
    SELECT json_agg(json_build_object(
             'userId', s.user_id,
             'party', s.party,
             'decision', s.decision,
             'comment', s.comment,
             'signedAtMs', (extract(epoch FROM s.signed_at) * 1000)::bigint,
             'name', su.name
           ) ORDER BY s.signed_at)
    FROM plan_signoffs s
    JOIN users su ON su.id = s.user_id
    WHERE s.plan_id = visible.plan_id AND s.version >= visible.number
      AND (visible.next_number IS NULL OR s.version < visible.next_number)
  ), '[]'::json) AS signoffs`;

@Injectable()
export class PlanRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The workspace's plan as the reader may see it: the measures scoped by the ability in
   * the query (hidden ones never leave the database), and the version, time and sign-offs
   * of the newest revision the reader may see (`readable`: plan-visibility.ts), so hidden
   * changes are not counted. `plan` is null before the first save. `db` lets a save read
   * its own result inside its transaction.
   *
   * One query after another, never in parallel (a transaction has one connection).
   */
  async findVisible(
    workspaceId: string,
    ability: WorkspaceAbility,
    readable: readonly string[],
    db: Tx = this.prisma,
  ) {
    // The workspace's "not needed" reason, the plan's head, the reader's view of its
    // history, its schedule, its follow-ups and the sign-offs of the reader's newest
    // revision (with the signers' names) in one statement, so all are of one snapshot; dates
    // travel as 'YYYY-MM-DD', instants as epoch ms.
    const [head] = await db.$queryRaw<PlanHeadRow[]>`
      SELECT w.plan_not_needed_reason AS "planNotNeededReason",
             EXISTS (
               SELECT 1 FROM certificates c WHERE c.workspace_id = w.id
             ) AS "stepsFromCertificates",
             p.id::text AS id,
             coalesce(v.count, 0)::int AS "visibleVersion",
             v.latest AS "latestVisible",
             v.latest_at AS "latestVisibleAt",
             p.goal,
             p.expected_return_date AS "expectedReturnDate",
             p.expected_return_basis AS "expectedReturnBasis",
             p.contact_arrangements AS "contactArrangements",
             p.patient_view AS "patientView",
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
                        'userId', g.user_id,
                        'party', g.party,
                        'decision', g.decision,
                        'comment', g.comment,
                        'signedAtMs', (extract(epoch FROM g.signed_at) * 1000)::bigint,
                        'name', u.name,
                        -- It holds while no later revision changed anything the signer
                        -- could see when signing.
                        'holds', NOT EXISTS (
                          SELECT 1 FROM plan_revisions later
                          WHERE later.plan_id = p.id AND later.number > g.version
                            AND EXISTS (
                              SELECT 1 FROM unnest(later.touched) AS k
                              WHERE string_to_array(k, '+') <@ g.readable
                            )
                        ),
                        'ordinal', (
                          SELECT count(*) FROM plan_revisions r
                          WHERE r.plan_id = p.id AND r.number <= g.version
                            AND ${visibleRevision(readable)}
                        )
                      ) ORDER BY g.signed_at)
               FROM (
                 -- Each signer's newest sign-off.
                 SELECT DISTINCT ON (s.user_id) s.*
                 FROM plan_signoffs s
                 WHERE s.plan_id = p.id AND s.workspace_id = w.id
                 ORDER BY s.user_id, s.version DESC
               ) g
               JOIN users u ON u.id = g.user_id
             ), '[]'::json) AS signoffs
      FROM workspaces w
      LEFT JOIN plans p ON p.workspace_id = w.id
      LEFT JOIN LATERAL (
        SELECT count(*) AS count, max(r.number) AS latest, max(r.created_at) AS latest_at
        FROM plan_revisions r
        WHERE r.plan_id = p.id AND ${visibleRevision(readable)}
      ) v ON true
      WHERE w.id = ${workspaceId}::uuid`;
    if (!head || head.id === null) {
      return {
        planNotNeededReason: head?.planNotNeededReason ?? null,
        stepsFromCertificates: head?.stepsFromCertificates ?? false,
        plan: null,
      };
    }
    const plan = {
      id: head.id,
      visibleVersion: head.visibleVersion,
      latestVisible: head.latestVisible,
      latestVisibleAt: head.latestVisibleAt,
      goal: head.goal,
      expectedReturnDate: head.expectedReturnDate,
      expectedReturnBasis: head.expectedReturnBasis,
      contactArrangements: head.contactArrangements,
      patientView: head.patientView,
    };
    // The measures the reader may read: the ability's read rules compiled to SQL
    // (access/ability-sql.ts), in one statement with the fields of `measureSelect`.
    const measures = await db.$queryRaw<MeasureRow[]>`
      SELECT m.id::text AS id,
             m.owner_party::text AS "ownerParty",
             m.kind::text AS kind,
             m.category::text AS category,
             m.title,
             m.description,
             m.responsible_name AS "responsibleName",
             m.start_date AS "startDate",
             m.end_date AS "endDate",
             m.status::text AS status,
             m.follow_up_date AS "followUpDate",
             m.position
      FROM plan_measures m
      WHERE m.plan_id = ${plan.id}::uuid AND m.workspace_id = ${workspaceId}::uuid
        AND ${readableSql(ability, 'PlanMeasure', 'm')}
      ORDER BY m.position ASC`;
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
      userId: signoff.userId,
      party: signoff.party,
      decision: signoff.decision,
      comment: signoff.comment,
      signedAt: new Date(signoff.signedAtMs),
      user: { name: signoff.name },
      holds: signoff.holds,
      ordinal: signoff.ordinal,
    }));
    return {
      planNotNeededReason: head.planNotNeededReason,
      stepsFromCertificates: head.stepsFromCertificates,
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

  /** Whether the case has a certificate (its sick-leave steps are then theirs). */
  async hasCertificates(tx: Tx, workspaceId: string): Promise<boolean> {
    return (await tx.certificate.count({ where: { workspaceId }, take: 1 })) > 0;
  }

  /**
   * The workspace's plan row, locked until commit (created if there is none): saves and
   * sign-offs of one plan are serialised, and each judges the plan as it now stands.
   * `revisions` counts every revision so far (the reader's share: `visibleCount`). A plan
   * created here holds version 1 already (the CHECK allows no 0); its save makes revision 1,
   * and a save that then changes nothing rolls the row back with it.
   */
  async lockOrCreate(
    tx: Tx,
    workspaceId: string,
    userId: string,
  ): Promise<{ id: string; revisions: number }> {
    const locked = () => tx.$queryRaw<{ id: string; version: number }[]>`
      SELECT id::text AS id, version FROM plans WHERE workspace_id = ${workspaceId}::uuid FOR UPDATE`;
    const [existing] = await locked();
    if (existing) return { id: existing.id, revisions: existing.version };
    const [created] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO plans (id, workspace_id, version, created_by_id, updated_by_id, updated_at)
      VALUES (gen_random_uuid(), ${workspaceId}::uuid, 1, ${userId}::uuid, ${userId}::uuid, now())
      ON CONFLICT (workspace_id) DO NOTHING
      RETURNING id::text AS id`;
    if (created) return { id: created.id, revisions: 0 };
    // Another save created it meanwhile and has committed: wait for nothing, lock it.
    const [raced] = await locked();
    if (!raced) throw new Error(`the plan of ${workspaceId} vanished inside its own transaction`);
    return { id: raced.id, revisions: raced.version };
  }

  /** How many revisions of the plan the reader may see, and the newest one's number. */
  async visibleCount(
    db: Tx,
    planId: string,
    readable: readonly string[],
  ): Promise<{ count: number; latest: number | null }> {
    const [row] = await db.$queryRaw<{ count: number; latest: number | null }[]>`
      SELECT count(*)::int AS count, max(r.number) AS latest
      FROM plan_revisions r
      WHERE r.plan_id = ${planId}::uuid AND ${visibleRevision(readable)}`;
    return row ?? { count: 0, latest: null };
  }

  /** The plan's next version, by whom and when. */
  async setVersion(tx: Tx, planId: string, version: number, userId: string): Promise<void> {
    await tx.plan.update({
      where: { id: planId },
      data: { version, updatedById: userId, updatedAt: new Date() },
    });
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

  /** Deletes measures (their tasks were unlinked first, by the tasks feature). */
  async deleteMeasures(tx: Tx, workspaceId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.planMeasure.deleteMany({ where: { workspaceId, id: { in: [...ids] } } });
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
      touched: readonly string[];
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
        touched: [...revision.touched],
      },
    });
  }

  // --- revisions ------------------------------------------------------------------------

  /** The revisions the reader may see, newest first, numbered as the reader sees them. */
  listRevisions(workspaceId: string, readable: readonly string[]): Promise<RevisionRow[]> {
    return this.prisma.$queryRaw<RevisionRow[]>`
      SELECT visible.id, visible.ordinal, visible.number, visible."createdAt",
             visible."authorParty", visible."authorName", visible.diff, ${revisionSignoffs}
      FROM (
        SELECT r.id::text AS id,
               r.plan_id,
               (row_number() OVER (ORDER BY r.number))::int AS ordinal,
               r.number,
               lead(r.number) OVER (ORDER BY r.number) AS next_number,
               r.created_at AS "createdAt",
               r.author_party::text AS "authorParty",
               u.name AS "authorName",
               r.diff
        FROM plan_revisions r
        JOIN users u ON u.id = r.author_id
        WHERE r.workspace_id = ${workspaceId}::uuid AND ${visibleRevision(readable)}
      ) AS visible
      ORDER BY ordinal DESC`;
  }

  /** The reader's revision `ordinal` (their n-th visible one), with its snapshot. */
  async findRevision(
    workspaceId: string,
    readable: readonly string[],
    ordinal: number,
  ): Promise<Required<RevisionRow> | null> {
    const [row] = await this.prisma.$queryRaw<Required<RevisionRow>[]>`
      SELECT visible.id, visible.ordinal, visible.number, visible."createdAt",
             visible."authorParty", visible."authorName", visible.diff, visible.snapshot,
             ${revisionSignoffs}
      FROM (
        SELECT r.id::text AS id,
               r.plan_id,
               (row_number() OVER (ORDER BY r.number))::int AS ordinal,
               r.number,
               lead(r.number) OVER (ORDER BY r.number) AS next_number,
               r.created_at AS "createdAt",
               r.author_party::text AS "authorParty",
               u.name AS "authorName",
               r.diff,
               r.snapshot
        FROM plan_revisions r
        JOIN users u ON u.id = r.author_id
        WHERE r.workspace_id = ${workspaceId}::uuid AND ${visibleRevision(readable)}
      ) AS visible
      WHERE visible.ordinal = ${ordinal}`;
    return row ?? null;
  }

  // --- sign-off -------------------------------------------------------------------------

  /**
   * Records the signer's decision on a version, once per (version, user): a repeat of the
   * same decision changes nothing (`changed` false); another decision on the same version
   * replaces it (the patient changed her mind). The caller holds the plan's row lock.
   */
  async signOff(
    tx: Tx,
    data: {
      workspaceId: string;
      planId: string;
      version: number;
      userId: string;
      party: Party;
      decision: SignoffDecision;
      comment: string | null;
      /** What the signer could see of the plan (plan-visibility.ts keys): what it signed. */
      readable: readonly string[];
    },
  ) {
    const key = {
      planId_version_userId: { planId: data.planId, version: data.version, userId: data.userId },
    };
    const existing = await tx.planSignoff.findUnique({ where: key, select: signoffSelect });
    if (existing && existing.decision === data.decision && existing.comment === data.comment) {
      return { changed: false, row: existing };
    }
    const row = await tx.planSignoff.upsert({
      where: key,
      create: { ...data, readable: [...data.readable] },
      update: {
        decision: data.decision,
        comment: data.comment,
        readable: [...data.readable],
        signedAt: new Date(),
      },
      select: signoffSelect,
    });
    return { changed: true, row };
  }

  // --- "plan not needed" ----------------------------------------------------------------

  async recordNotNeeded(tx: Tx, workspaceId: string, reason: string): Promise<void> {
    await tx.workspace.update({
      where: { id: workspaceId },
      data: { planNotNeededReason: reason },
    });
  }
}
