import { randomUUID } from 'node:crypto';
import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import type {
  Category,
  MeasureCategory,
  Party,
  Permission,
  PlanNotNeededRequest,
  PlanNotNeededView,
  PlanRevisionSummary,
  PlanRevisionView,
  PlanSignoffView,
  PlanView,
  SignPlanRequest,
  UpdatePlanRequest,
} from '@atergang/contracts';
import { consentRequired, forbidden } from '../access/access.errors';
import type { WorkspaceAccess } from '../access/access.types';
import { hasPermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { EventsService } from '../events/events.service';
import { taskEvent } from '../tasks/task-event';
import { TransactionRunner, type Tx } from '../prisma/transaction';
import { categoriesTouched, diffPlans, visibleDiff } from './plan-diff';
import { mergePlan, type PlanEditor } from './plan-merge';
import { EMPTY_PLAN, type PlanState, SHARED_FIELDS } from './plan-state';
import { expectedVersion } from './plan-version';
import {
  invalidIfMatch,
  mergeRejected,
  onlyEmployerRecordsNotNeeded,
  planRevisionNotFound,
  planVersionConflict,
  planVersionRequired,
  versionMismatch,
} from './plan.errors';
import {
  parseDiff,
  parseSnapshot,
  type PlanReader,
  toPlanState,
  toPlanView,
  toRevisionSummary,
  toRevisionView,
  toSignoffView,
  toSnapshot,
} from './plan.mapper';
import { PlanRepository } from './plan.repository';

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
 * revision with a readable diff, signed off by the employer and the patient.
 */
@Injectable()
export class PlanService {
  constructor(
    private readonly repository: PlanRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  async read(access: WorkspaceAccess): Promise<PlanView> {
    const row = await this.repository.findVisible(access.workspaceId, access.ability);
    const view = toPlanView(row, readerOf(access));
    await this.audit.record(access, {
      action: 'plan.read',
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
    await this.requirePermission(access, 'plan:update', 'plan.updated');
    const precondition = expectedVersion(request.version, ifMatch);
    if (!precondition.ok) {
      const error =
        precondition.reason === 'missing'
          ? planVersionRequired()
          : precondition.reason === 'invalid'
            ? invalidIfMatch()
            : versionMismatch();
      await this.deny(access, 'plan.updated', error.code);
      throw error;
    }
    const expected = precondition.version;
    try {
      return await this.transactions.run((tx) => this.save(tx, access, request, expected));
    } catch (error) {
      if (error instanceof NothingToSave) {
        return this.read(access);
      }
      if (error instanceof StaleVersion) {
        await this.deny(access, 'plan.updated', 'PLAN_VERSION_CONFLICT');
        const current = await this.read(access);
        throw planVersionConflict(current.version, current);
      }
      if (error instanceof ApiError) {
        await this.deny(access, 'plan.updated', error.code);
      }
      throw error;
    }
  }

  private async save(
    tx: Tx,
    access: WorkspaceAccess,
    request: UpdatePlanRequest,
    expected: number,
  ): Promise<PlanView> {
    const { workspaceId } = access;
    // Claim the next version first: from here on this transaction holds the plan row.
    const claimed =
      expected === 0
        ? (await this.repository.createIfAbsent(tx, workspaceId, access.userId)) !== null
        : await this.repository.claimVersion(tx, workspaceId, expected, access.userId);
    if (!claimed) {
      throw new StaleVersion();
    }
    const row = await this.repository.loadForSave(tx, workspaceId);
    const current = toPlanState(row);
    const merged = mergePlan(current, request, editorOf(access), randomUUID);
    if (!merged.ok) {
      throw mergeRejected(merged.rejection);
    }
    const diff = diffPlans(current, merged.plan);
    if (diff.length === 0) {
      throw new NothingToSave();
    }
    const version = expected + 1;
    const ids = { workspaceId, planId: row.id };

    if (SHARED_FIELDS.some((field) => current[field] !== merged.plan[field])) {
      await this.repository.saveSharedFields(tx, row.id, merged.plan);
    }
    await this.repository.createMeasures(tx, { ...ids, userId: access.userId }, merged.created);
    for (const measure of merged.updated) {
      await this.repository.updateMeasure(tx, workspaceId, measure);
    }
    const unlinkedTasks = await this.repository.deleteMeasures(
      tx,
      workspaceId,
      merged.deleted.map((measure) => measure.id),
    );
    if (!sameJson(current.sickLeaveSteps, merged.plan.sickLeaveSteps)) {
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
      authorId: access.userId,
      authorParty: access.party,
    });

    // One event per category the change touched: a change to MEDICAL measures only reaches
    // those who may read MEDICAL, and the payload is just enough to refetch.
    for (const category of categoriesTouched(diff)) {
      await this.events.append(tx, {
        workspaceId,
        type: 'plan.updated',
        category,
        actorUserId: access.userId,
        actorParty: access.party,
        subjectType: 'Plan',
        subjectId: row.id,
        authorParty: access.party,
        payload: { id: row.id, version },
      });
    }
    for (const task of unlinkedTasks) {
      await this.events.append(tx, taskEvent('task.updated', access, task));
    }
    await this.audit.record(
      access,
      {
        action: 'plan.updated',
        resourceType: 'Plan',
        resourceId: row.id,
        workspaceId,
        outcome: 'ALLOWED',
      },
      tx,
    );
    return toPlanView(
      await this.repository.findVisible(workspaceId, access.ability, tx),
      readerOf(access),
    );
  }

  async revisions(access: WorkspaceAccess): Promise<PlanRevisionSummary[]> {
    await this.requirePlanReader(access);
    const rows = await this.repository.listRevisions(access.workspaceId);
    await this.audit.record(access, {
      action: 'plan.read',
      resourceType: 'PlanRevision',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    const reader = diffReaderOf(access);
    return rows.map((row) => {
      const diff = parseDiff(row.diff);
      return toRevisionSummary(row, diff && visibleDiff(diff, reader));
    });
  }

  async revision(access: WorkspaceAccess, number: number): Promise<PlanRevisionView> {
    await this.requirePlanReader(access);
    const row = await this.repository.findRevision(access.workspaceId, number);
    if (!row) {
      throw planRevisionNotFound();
    }
    const snapshot = parseSnapshot(row.snapshot);
    const diff =
      parseDiff(row.diff) ?? (await this.recomputedDiff(access.workspaceId, snapshot, number));
    await this.audit.record(access, {
      action: 'plan.read',
      resourceType: 'PlanRevision',
      resourceId: row.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    const reader = diffReaderOf(access);
    return toRevisionView(row, snapshot, visibleDiff(diff, reader), reader);
  }

  /** For a revision stored before diffs had entries (the demo's first): against the one before. */
  private async recomputedDiff(workspaceId: string, snapshot: PlanState, number: number) {
    const previous =
      number > 1 ? await this.repository.revisionSnapshot(workspaceId, number - 1) : null;
    return diffPlans(previous ? parseSnapshot(previous) : EMPTY_PLAN, snapshot);
  }

  /** "Jag har tagit del av planen" for the version the caller read. */
  async signOff(access: WorkspaceAccess, request: SignPlanRequest): Promise<PlanSignoffView> {
    await this.requirePermission(access, 'plan:sign', 'plan.signed');
    await this.requirePlanReader(access, 'plan.signed');
    try {
      return await this.transactions.run(async (tx) => {
        const plan = await this.repository.lockVersion(tx, access.workspaceId);
        if (!plan || plan.version !== request.version) {
          throw new StaleVersion();
        }
        const { created, row } = await this.repository.signOff(tx, {
          workspaceId: access.workspaceId,
          planId: plan.id,
          version: plan.version,
          userId: access.userId,
          party: access.party,
        });
        // Signing the same version again changes nothing and says nothing new.
        if (created) {
          await this.events.append(tx, {
            workspaceId: access.workspaceId,
            type: 'plan.signed',
            category: 'PLAN',
            actorUserId: access.userId,
            actorParty: access.party,
            subjectType: 'Plan',
            subjectId: plan.id,
            authorParty: access.party,
            payload: { id: plan.id, version: plan.version },
          });
          await this.audit.record(
            access,
            {
              action: 'plan.signed',
              resourceType: 'Plan',
              resourceId: plan.id,
              workspaceId: access.workspaceId,
              outcome: 'ALLOWED',
            },
            tx,
          );
        }
        return toSignoffView(row);
      });
    } catch (error) {
      if (error instanceof StaleVersion) {
        await this.deny(access, 'plan.signed', 'PLAN_VERSION_CONFLICT');
        const current = await this.read(access);
        throw planVersionConflict(current.version, current);
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
    if (access.party !== 'EMPLOYER' || !hasPermission(access.party, 'plan:update')) {
      await this.deny(access, 'plan.not-needed.recorded', 'FORBIDDEN');
      throw onlyEmployerRecordsNotNeeded();
    }
    const { workspaceId } = access;
    return this.transactions.run(async (tx) => {
      await this.repository.recordNotNeeded(tx, workspaceId, request.reason);
      const deadline = await this.repository.completeDeadlineTask(
        tx,
        workspaceId,
        PLAN_DEADLINE_KEY,
      );
      await this.events.append(tx, {
        workspaceId,
        type: 'plan.not-needed.recorded',
        category: 'PLAN',
        actorUserId: access.userId,
        actorParty: access.party,
        subjectType: 'Workspace',
        subjectId: workspaceId,
        authorParty: access.party,
        payload: { id: workspaceId },
      });
      const task = deadline.task;
      if (deadline.changed && task) {
        await this.events.append(tx, taskEvent('task.updated', access, task));
      }
      await this.audit.record(
        access,
        {
          action: 'plan.not-needed.recorded',
          resourceType: 'Workspace',
          resourceId: workspaceId,
          workspaceId,
          outcome: 'ALLOWED',
        },
        tx,
      );
      return {
        reason: request.reason,
        deadlineTask: task ? { id: task.id, status: task.status, version: task.version } : null,
      };
    });
  }

  // --- checks ---------------------------------------------------------------------------

  private async requirePermission(
    access: WorkspaceAccess,
    permission: Permission,
    action: string,
  ): Promise<void> {
    if (hasPermission(access.party, permission)) {
      return;
    }
    await this.deny(access, action, 'FORBIDDEN');
    throw forbidden(
      permission === 'plan:sign'
        ? 'Only the employer and the patient sign the plan off.'
        : 'Your party cannot change the plan.',
    );
  }

  /** Revisions hold the shared fields: they are for those who may read the plan (PLAN). */
  private async requirePlanReader(access: WorkspaceAccess, action = 'plan.read'): Promise<void> {
    if (access.ability.can('read', 'Plan')) {
      return;
    }
    await this.deny(access, action, 'CONSENT_REQUIRED');
    throw consentRequired(['PLAN']);
  }

  private async deny(access: WorkspaceAccess, action: string, reason: string): Promise<void> {
    await this.audit.record(access, {
      action,
      resourceType: 'Plan',
      workspaceId: access.workspaceId,
      outcome: 'DENIED',
      reason,
    });
  }
}

/** The ability's PlanMeasure rules look at the owner party and the category only. */
function canReadMeasure(access: WorkspaceAccess) {
  return (measure: { ownerParty: Party; category: MeasureCategory }): boolean =>
    access.ability.can(
      'read',
      subject('PlanMeasure', {
        ownerParty: measure.ownerParty,
        category: measure.category,
      } as never),
    );
}

function readerOf(access: WorkspaceAccess): PlanReader {
  return {
    canReadShared: access.ability.can('read', 'Plan'),
    withheld: access.isPatient
      ? []
      : PLAN_CATEGORIES.filter((category) => !access.grantedCategories.has(category)),
  };
}

function diffReaderOf(access: WorkspaceAccess) {
  return {
    canReadShared: access.ability.can('read', 'Plan'),
    canReadMeasure: canReadMeasure(access),
  };
}

function editorOf(access: WorkspaceAccess): PlanEditor {
  return {
    party: access.party,
    isPatient: access.isPatient,
    canReadShared: access.ability.can('read', 'Plan'),
    canReadMeasure: canReadMeasure(access),
  };
}
