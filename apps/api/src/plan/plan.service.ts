import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { SickLeaveStep } from '@atergang/domain';
import {
  type Category,
  SIGNOFF_DECISIONS,
  sickLeaveStepInputSchema,
  type PlanDiffEntry,
  type PlanMeasureView,
  type PlanNotNeededRequest,
  type PlanNotNeededView,
  type PlanRevisionSummary,
  type PlanRevisionView,
  type PlanSignoffView,
  type PlanView,
  type SignPlanRequest,
  type UpdatePlanRequest,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { allows, Authorization } from '../access/authorization';
import { PLAN_FIELD_OWNERS, PLAN_FIELDS } from '../access/plan-fields';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { ChangeRecorder, type VisibleItem } from '../events/change-recorder';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { TasksService } from '../tasks/tasks.service';
import { diffPlans } from './plan-diff';
import { mergePlan } from './plan-merge';
import { planEditor, planFieldReader } from './plan-policy';
import { SHARED_FIELDS } from './plan-state';
import { expectedVersion } from './plan-version';
import { partsTouched, readableKeys, touchedKeys, visibleEntries } from './plan-visibility';
import {
  invalidIfMatch,
  mergeRejected,
  onlyEmployerRecordsNotNeeded,
  planRevisionNotFound,
  planVersionConflict,
  planVersionRequired,
  onlyEmployerAndPatientSign,
  signoffDecisionNotYours,
  stepsFromCertificates,
  versionMismatch,
} from './plan.errors';
import {
  parseDiff,
  parseSnapshot,
  showsNothing,
  type PlanReader,
  toPlanState,
  toPlanView,
  toRevisionSummary,
  toRevisionView,
  toSignoffView,
  toSnapshot,
} from './plan.mapper';
import { PlanRepository } from './plan.repository';
import { withheldOf } from '../access/consent-rules';

// The categories a plan's content falls under.
const PLAN_CATEGORIES: readonly Category[] = ['PLAN', 'MEDICAL'];

/** The rehab-chain deadline the employer's plan (or its "not needed") settles. */
const PLAN_DEADLINE_KEY = 'RETURN_TO_WORK_PLAN';

/** Thrown inside a transaction to roll it back: the version read is no longer current. */
class StaleVersion extends Error {}
/** Thrown inside a transaction to roll it back: the save changes nothing. */
class NothingToSave extends Error {}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The shared plan: read per caller, saved with optimistic concurrency, every save a
 * revision with a readable diff, signed off by the employer and the patient. What each
 * caller may read and write of it is the policy's (access/): owners write their parts,
 * consent decides what the others see, and versions count only what the reader may see.
 */
@Injectable()
export class PlanService {
  constructor(
    private readonly repository: PlanRepository,
    private readonly transactions: TransactionRunner,
    private readonly changes: ChangeRecorder,
    private readonly authorization: Authorization,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
  ) {}

  async read(access: WorkspaceAccess): Promise<PlanView> {
    const view = await this.view(access);
    await this.audit.record(access, {
      // A plan of nothing but "withheld" was not read: the patient is told it was tried.
      action: showsNothing(view, 'PLAN') ? 'plan.read-withheld' : 'plan.read',
      resourceType: 'Plan',
      resourceId: view.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return view;
  }

  /**
   * The same plan `read` returns, for a document made from it (the PDF): one home for what
   * a reader may see. Audited as a download unless it showed nothing (then as `read` does).
   */
  async readForExport(access: WorkspaceAccess): Promise<PlanView> {
    const view = await this.view(access);
    await this.audit.record(access, {
      action: showsNothing(view, 'PLAN') ? 'plan.read-withheld' : 'plan.pdf.downloaded',
      resourceType: 'Plan',
      resourceId: view.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return view;
  }

  async update(
    access: WorkspaceAccess,
    request: UpdatePlanRequest,
    ifMatch: string | undefined,
  ): Promise<PlanView> {
    const precondition = expectedVersion(request.version, ifMatch);
    if (!precondition.ok) {
      const error =
        precondition.reason === 'missing'
          ? planVersionRequired()
          : precondition.reason === 'invalid'
            ? invalidIfMatch()
            : versionMismatch();
      throw await this.authorization.deny(access, {
        audit: 'plan.updated',
        resourceType: 'Plan',
        error: () => error,
      });
    }
    try {
      return await this.transactions.run((unit) =>
        this.saveInUnit(unit, access, request, precondition.version),
      );
    } catch (error) {
      if (error instanceof NothingToSave) {
        return this.view(access);
      }
      if (error instanceof StaleVersion) {
        const conflict = await this.versionConflict(access);
        throw await this.authorization.deny(access, {
          audit: 'plan.updated',
          resourceType: 'Plan',
          error: () => conflict,
        });
      }
      if (error instanceof ApiError) {
        await this.authorization.deny(access, {
          audit: 'plan.updated',
          resourceType: 'Plan',
          error: () => error,
        });
      }
      throw error;
    }
  }

  /**
   * The plan's sick-leave steps as the case's certificates now state them, saved as the
   * doctor who entered the certificate (the steps' owner), in the certificate's unit: a
   * revision like any other, and a plan.updated event to the steps' readers.
   */
  async setCertifiedSteps(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    steps: readonly SickLeaveStep[],
  ): Promise<void> {
    const locked = await this.repository.lockOrCreate(unit.tx, access.workspaceId, access.userId);
    const seen = await this.repository.visibleCount(
      unit.tx,
      locked.id,
      readableKeys(access.ability),
    );
    try {
      await this.saveInUnit(
        unit,
        access,
        // Certificates hold only the degrees a step may have (25–100 %).
        { sickLeaveSteps: steps.map((step) => sickLeaveStepInputSchema.parse(step)) },
        seen.count,
        { fromCertificates: true },
      );
    } catch (error) {
      // A certificate that repeats what the others said leaves the plan as it is.
      if (!(error instanceof NothingToSave)) throw error;
    }
  }

  /**
   * Saves in the caller's unit (the demo case is built this way too). `expected` is the
   * version the caller read: the number of revisions it may see. Throws StaleVersion or
   * NothingToSave to roll the unit back. Only the certificates set the steps of a case
   * that has them (`fromCertificates`).
   */
  async saveInUnit(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    request: UpdatePlanRequest,
    expected: number,
    options: { readonly fromCertificates?: boolean } = {},
  ): Promise<PlanView> {
    const { tx } = unit;
    const { workspaceId } = access;
    const readable = readableKeys(access.ability);
    // From here on this unit holds the plan row: saves of one plan are serialised.
    const locked = await this.repository.lockOrCreate(tx, workspaceId, access.userId);
    const seen = await this.repository.visibleCount(tx, locked.id, readable);
    if (seen.count !== expected) {
      // Someone changed what this caller can see since it read the plan.
      throw new StaleVersion();
    }
    const row = await this.repository.loadForSave(tx, workspaceId);
    const current = toPlanState(row);
    const merged = mergePlan(
      current,
      request,
      planEditor(access.ability, access.party),
      randomUUID,
    );
    if (!merged.ok) {
      throw mergeRejected(merged.rejection);
    }
    const diff = diffPlans(current, merged.plan);
    if (diff.length === 0) {
      throw new NothingToSave();
    }
    const stepsChanged = !sameJson(current.sickLeaveSteps, merged.plan.sickLeaveSteps);
    if (
      stepsChanged &&
      !options.fromCertificates &&
      (await this.repository.hasCertificates(tx, workspaceId))
    ) {
      throw stepsFromCertificates();
    }
    const version = locked.revisions + 1;
    const ids = { workspaceId, planId: locked.id };

    await this.repository.setVersion(tx, locked.id, version, access.userId);
    if (SHARED_FIELDS.some((field) => current[field] !== merged.plan[field])) {
      await this.repository.saveSharedFields(tx, locked.id, merged.plan);
    }
    await this.repository.createMeasures(tx, { ...ids, userId: access.userId }, merged.created);
    for (const measure of merged.updated) {
      await this.repository.updateMeasure(tx, workspaceId, measure);
    }
    const deletedIds = merged.deleted.map((measure) => measure.id);
    // The tasks that carried out deleted measures stay, unlinked (the tasks feature's change).
    await this.tasks.unlinkMeasures(unit, access, deletedIds);
    await this.repository.deleteMeasures(tx, workspaceId, deletedIds);
    if (stepsChanged) {
      await this.repository.replaceSickLeaveSteps(tx, ids, merged.plan.sickLeaveSteps);
    }
    if (!sameJson(current.followUps, merged.plan.followUps)) {
      await this.repository.replaceFollowUps(tx, ids, merged.plan.followUps);
    }
    await this.repository.createRevision(tx, {
      ...ids,
      number: version,
      snapshot: toSnapshot(version, merged.plan),
      diff,
      touched: touchedKeys(diff),
      authorId: access.userId,
      authorParty: access.party,
    });
    // One event per part the save touched, each visible to that part's readers. No version
    // in it: the plan's version counts changes some readers may not see.
    await this.changes.record(unit, access, {
      type: 'plan.updated',
      resource: { type: 'Plan', id: locked.id },
      visibleAs: partsTouched(diff),
    });
    return toPlanView(
      await this.repository.findVisible(workspaceId, access.ability, readable, tx),
      readerOf(access),
    );
  }

  async revisions(access: WorkspaceAccess): Promise<PlanRevisionSummary[]> {
    const readable = readableKeys(access.ability);
    const rows = await this.repository.listRevisions(access.workspaceId, readable);
    await this.audit.record(access, {
      action: 'plan.revisions.read',
      resourceType: 'PlanRevision',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    const visible = new Set(readable);
    const reader = { mayReadField: planFieldReader(access.ability), userId: access.userId };
    return rows.map((row) =>
      toRevisionSummary(row, visibleEntries(parseDiff(row.diff), visible), reader),
    );
  }

  /** The caller's revision `number`: their n-th, counting only the revisions they may see. */
  async revision(access: WorkspaceAccess, number: number): Promise<PlanRevisionView> {
    const readable = readableKeys(access.ability);
    const row = await this.repository.findRevision(access.workspaceId, readable, number);
    if (!row) {
      throw planRevisionNotFound();
    }
    await this.audit.record(access, {
      action: 'plan.revisions.read',
      resourceType: 'PlanRevision',
      resourceId: row.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    const visible: PlanDiffEntry[] = visibleEntries(parseDiff(row.diff), new Set(readable));
    return toRevisionView(row, parseSnapshot(row.snapshot), visible, {
      mayReadField: planFieldReader(access.ability),
      userId: access.userId,
      mayReadMeasure: (measure) => allows(access.ability, 'read', 'PlanMeasure', measure),
    });
  }

  /**
   * The caller's version `number` of the plan (their n-th visible revision) as a whole plan,
   * for a document handed over from the case (plan-handover): the snapshot that revision
   * saved, filtered for the caller like the live plan, with only the measures `keep` lets
   * through, and the sign-offs of that version. Null when the caller has no such version.
   * Not audited here: the hand-over records its own change.
   */
  async versionAsPlan(
    access: WorkspaceAccess,
    number: number,
    keep: (measure: PlanMeasureView) => boolean,
  ): Promise<{ readonly plan: PlanView; readonly revisionNumber: number } | null> {
    const row = await this.repository.findRevision(
      access.workspaceId,
      readableKeys(access.ability),
      number,
    );
    if (!row) return null;
    const mayReadField = planFieldReader(access.ability);
    const revision = toRevisionView(row, parseSnapshot(row.snapshot), [], {
      mayReadField,
      userId: access.userId,
      mayReadMeasure: (measure) => allows(access.ability, 'read', 'PlanMeasure', measure),
    });
    const current = await this.view(access);
    const { snapshot } = revision;
    return {
      revisionNumber: row.number,
      plan: {
        id: current.id,
        version: snapshot.version,
        goal: snapshot.goal,
        expectedReturnDate: snapshot.expectedReturnDate,
        expectedReturnBasis: snapshot.expectedReturnBasis,
        contactArrangements: snapshot.contactArrangements,
        patientView: snapshot.patientView,
        measures: snapshot.measures.filter(keep),
        sickLeaveSteps: snapshot.sickLeaveSteps,
        stepsFromCertificates: current.stepsFromCertificates,
        followUps: snapshot.followUps,
        notNeededReason: null,
        signoffs: revision.signoffs,
        earlierSignoffs: [],
        quality: [],
        updatedAt: revision.createdAt,
        withheld: [],
        withheldParts: PLAN_FIELDS.filter((field) => !mayReadField(field)),
      },
    };
  }

  /**
   * The caller's decision on the version it read: the employer establishes its plan, the
   * patient agrees or records that she does not. A later save that changes anything the
   * signer saw makes it an earlier sign-off, and the signer is asked again.
   */
  async signOff(access: WorkspaceAccess, request: SignPlanRequest): Promise<PlanSignoffView> {
    await this.authorization.require(access, 'sign', 'Plan', undefined, {
      audit: 'plan.signed',
      resourceType: 'Plan',
      error: onlyEmployerAndPatientSign,
    });
    const decision =
      request.decision ??
      SIGNOFF_DECISIONS.find((candidate) =>
        allows(access.ability, 'sign', 'Plan', undefined, candidate),
      ) ??
      'AGREED';
    await this.authorization.require(
      access,
      'sign',
      'Plan',
      undefined,
      {
        audit: 'plan.signed',
        resourceType: 'Plan',
        error: () => signoffDecisionNotYours(decision),
      },
      decision,
    );
    try {
      return await this.transactions.run(async (unit) => {
        const readable = readableKeys(access.ability);
        const plan = await this.repository.lockOrCreate(unit.tx, access.workspaceId, access.userId);
        const seen = await this.repository.visibleCount(unit.tx, plan.id, readable);
        if (seen.latest === null || seen.count !== request.version) {
          throw new StaleVersion();
        }
        // The sign-off is of the newest revision the signer could see.
        const { changed, row } = await this.repository.signOff(unit.tx, {
          workspaceId: access.workspaceId,
          planId: plan.id,
          version: seen.latest,
          userId: access.userId,
          party: access.party,
          decision,
          comment: request.comment ?? null,
          readable,
        });
        // Signing the same version the same way again changes nothing and says nothing new.
        if (changed) {
          await this.changes.record(unit, access, {
            type: 'plan.signed',
            resource: { type: 'Plan', id: plan.id },
            visibleAs: [employerSection],
          });
          // The employer has its plan: the day-30 duty (SFB 30 kap. 6 §) is met.
          if (decision === 'ESTABLISHED') {
            await this.tasks.completeDeadline(unit, access, PLAN_DEADLINE_KEY);
          }
        }
        return toSignoffView(row, seen.count, access.userId);
      });
    } catch (error) {
      if (error instanceof StaleVersion) {
        const conflict = await this.versionConflict(access);
        throw await this.authorization.deny(access, {
          audit: 'plan.signed',
          resourceType: 'Plan',
          error: () => conflict,
        });
      }
      throw error;
    }
  }

  /**
   * The employer's documented assessment that no plan för återgång i arbete is needed
   * (Socialförsäkringsbalken 30 kap. 6 §: e.g. back at work within 60 days). It settles the
   * day-30 deadline task as a plan would.
   */
  async recordNotNeeded(
    access: WorkspaceAccess,
    request: PlanNotNeededRequest,
  ): Promise<PlanNotNeededView> {
    await this.authorization.require(
      access,
      'update',
      'Plan',
      undefined,
      {
        audit: 'plan.not-needed.recorded',
        resourceType: 'Plan',
        error: onlyEmployerRecordsNotNeeded,
      },
      'notNeededReason',
    );
    const { workspaceId } = access;
    return this.transactions.run(async (unit) => {
      await this.repository.recordNotNeeded(unit.tx, workspaceId, request.reason);
      await this.changes.record(unit, access, {
        type: 'plan.not-needed.recorded',
        resource: { type: 'Workspace', id: workspaceId },
        visibleAs: [employerSection],
      });
      const task = await this.tasks.completeDeadline(unit, access, PLAN_DEADLINE_KEY);
      return {
        reason: request.reason,
        deadlineTask: task ? { id: task.id, status: task.status, version: task.version } : null,
      };
    });
  }

  /** The version of the plan the caller knows: how many revisions it may see. */
  async versionSeenBy(access: WorkspaceAccess, unit: UnitOfWork): Promise<number> {
    return (await this.view(access, unit)).version;
  }

  /**
   * The 409 for a stale version: the plan as the caller may read it now, and who saved the
   * version they now see (the author of their newest visible revision), so they are told who.
   */
  private async versionConflict(access: WorkspaceAccess): Promise<ApiError> {
    const current = await this.view(access);
    const latest =
      current.version > 0
        ? await this.repository.findRevision(
            access.workspaceId,
            readableKeys(access.ability),
            current.version,
          )
        : null;
    return planVersionConflict(
      current.version,
      current,
      latest ? { name: latest.authorName, party: latest.authorParty } : null,
    );
  }

  private async view(access: WorkspaceAccess, unit?: UnitOfWork): Promise<PlanView> {
    const row = await this.repository.findVisible(
      access.workspaceId,
      access.ability,
      readableKeys(access.ability),
      unit?.tx,
    );
    return toPlanView(row, readerOf(access));
  }
}

/** Changes to the employer's plan as a whole (sign-off, "not needed") reach its readers. */
const employerSection: VisibleItem = {
  subject: 'PlanSection',
  row: { ownerParty: PLAN_FIELD_OWNERS.goal },
};

function readerOf(access: WorkspaceAccess): PlanReader {
  return {
    mayReadField: planFieldReader(access.ability),
    withheld: withheldOf(access, PLAN_CATEGORIES),
    userId: access.userId,
  };
}
