import { Injectable } from '@nestjs/common';
import type {
  CaseFactField,
  CaseTimeline,
  CloseCaseRequest,
  ReopenCaseRequest,
  UpdateCaseFactsRequest,
  WorkspaceOverview,
} from '@atergang/contracts';
import {
  type CaseFacts,
  daysBetween,
  joinedEarlierSickDays,
  lastJoiningStart,
  SickPeriodError,
} from '@atergang/domain';
import type { WorkspaceAccess } from '../access/access.types';
import { AccessService } from '../access/access.service';
import { Authorization } from '../access/authorization';
import { AuditService } from '../audit/audit.service';
import { fromIsoDate, stockholmToday, toIsoDate } from '../common/calendar';
import { type ChangeActor, ChangeRecorder } from '../events/change-recorder';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { TasksService } from '../tasks/tasks.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { workspaceNotFound } from '../access/access.errors';
import {
  caseNotClosed,
  closingDateInvalid,
  invalidSickPeriod,
  reopenWindowPassed,
} from './case-facts.errors';
import { closingReasonText, toRevisionView } from './case-facts.mapper';
import { CaseFactsRepository, type FactColumns, type StoredFacts } from './case-facts.repository';

/** The facts a revision compares, as plain values (dates as 'YYYY-MM-DD'). */
type FactValues = Readonly<Record<CaseFactField, unknown>>;

function valuesOf(facts: StoredFacts): FactValues {
  return {
    sickPeriodStart: toIsoDate(facts.sickPeriodStart),
    earlierPeriods: facts.earlierPeriods.map((period) => ({
      from: toIsoDate(period.fromDate),
      to: toIsoDate(period.toDate),
    })),
    earlierSickDays: facts.earlierSickDays,
    employmentStatus: facts.employmentStatus,
    expectedLengthDays: facts.expectedLengthDays,
    expectedLengthBasis: facts.expectedLengthBasis,
    sickLeaveDegree: facts.sickLeaveDegree,
    status: facts.status,
  };
}

/** What the chain and its deadline tasks are computed from. */
export function chainFactsOf(facts: StoredFacts): CaseFacts {
  return {
    sickPeriodStart: toIsoDate(facts.sickPeriodStart),
    earlierSickDays: facts.earlierSickDays,
    expectedLengthDays: facts.expectedLengthDays,
    employmentStatus: facts.employmentStatus,
  };
}

/** A change of facts to make: the columns, the periods (when replaced) and why. */
export interface FactChange {
  readonly columns: FactColumns;
  readonly earlierPeriods?: readonly { readonly fromDate: Date; readonly toDate: Date }[];
  readonly reason: string;
  readonly certificateId?: string;
}

/**
 * The one writer of a case's facts. Every change (a certificate, a corrected start, earlier
 * periods, employment, the expected length, closing, reopening) goes through `revise`: the
 * workspace row, a revision with author, reason and each field from -> to, one event every
 * participant sees, and the deadline tasks brought in step with the new facts.
 */
@Injectable()
export class CaseFactsService {
  constructor(
    private readonly repository: CaseFactsRepository,
    private readonly transactions: TransactionRunner,
    private readonly authorization: Authorization,
    private readonly changes: ChangeRecorder,
    private readonly tasks: TasksService,
    private readonly workspaces: WorkspacesService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  /**
   * The overview after a change, as the caller now sees it: closing or reopening changes
   * what they may do, so their access is built again from the changed case.
   */
  private async overviewAfter(
    unit: UnitOfWork,
    access: WorkspaceAccess,
  ): Promise<WorkspaceOverview> {
    const now = await this.access.forWorkspace(
      access.workspaceId,
      { id: access.userId, name: access.name },
      { requestId: access.requestId, ip: access.ip },
      unit.tx,
    );
    return this.workspaces.overviewOf(now ?? access, false, unit.tx);
  }

  /** Locks and reads the facts for a change in this unit. */
  async factsForChange(unit: UnitOfWork, workspaceId: string): Promise<StoredFacts> {
    const facts = await this.repository.factsForUpdate(unit.tx, workspaceId);
    if (!facts) throw workspaceNotFound();
    return facts;
  }

  /** Applies a change to the facts read by `factsForChange`; false when nothing differed. */
  async revise(
    unit: UnitOfWork,
    actor: ChangeActor & { readonly party: NonNullable<ChangeActor['party']> },
    before: StoredFacts,
    change: FactChange,
    eventType: 'case.facts-changed' | 'case.closed' | 'case.reopened' = 'case.facts-changed',
  ): Promise<boolean> {
    const after: StoredFacts = {
      ...before,
      ...change.columns,
      earlierPeriods: change.earlierPeriods ?? before.earlierPeriods,
    };
    const was = valuesOf(before);
    const now = valuesOf(after);
    const changed = (Object.keys(now) as CaseFactField[])
      .filter((field) => JSON.stringify(was[field]) !== JSON.stringify(now[field]))
      .map((field) => ({ field, from: was[field], to: now[field] }));
    if (changed.length === 0 && !change.certificateId) return false;

    await this.repository.writeFacts(unit.tx, actor.workspaceId, change.columns);
    if (change.earlierPeriods) {
      await this.repository.replaceEarlierPeriods(
        unit.tx,
        actor.workspaceId,
        change.earlierPeriods,
      );
    }
    const revision = await this.repository.addRevision(unit.tx, {
      workspaceId: actor.workspaceId,
      authorUserId: actor.userId,
      authorParty: actor.party,
      reason: change.reason,
      changes: changed as never,
      certificateId: change.certificateId ?? null,
    });
    await this.changes.record(unit, actor, {
      type: eventType,
      resource: { type: 'Workspace', id: actor.workspaceId },
      visibleAs: 'case',
      data: { revisionId: revision.id },
    });
    if (after.status === 'ACTIVE') {
      await this.tasks.reconcileDeadlines(unit, actor, chainFactsOf(after));
    }
    return true;
  }

  /** PATCH /facts: the fields the caller's role keeps, each checked by the policy. */
  updateFacts(
    access: WorkspaceAccess,
    request: UpdateCaseFactsRequest,
  ): Promise<WorkspaceOverview> {
    return this.transactions.run(async (unit) => {
      const fields = (Object.keys(request) as (keyof UpdateCaseFactsRequest)[]).filter(
        (key) => key !== 'reason' && request[key] !== undefined,
      );
      for (const field of fields) {
        await this.authorization.require(
          access,
          'update',
          'CaseFacts',
          undefined,
          {
            audit: 'case.facts-changed',
            resourceType: 'Workspace',
            resourceId: access.workspaceId,
          },
          field,
        );
      }
      const before = await this.factsForChange(unit, access.workspaceId);
      const start = request.sickPeriodStart ?? toIsoDate(before.sickPeriodStart);
      const columns: { -readonly [K in keyof FactColumns]: FactColumns[K] } = {};
      if (request.sickPeriodStart !== undefined) columns.sickPeriodStart = fromIsoDate(start);
      if (request.employmentStatus !== undefined)
        columns.employmentStatus = request.employmentStatus;
      if (request.expectedLengthDays !== undefined) {
        columns.expectedLengthDays = request.expectedLengthDays;
      }
      if (request.expectedLengthBasis !== undefined) {
        columns.expectedLengthBasis = request.expectedLengthBasis;
      }
      let earlierPeriods: { fromDate: Date; toDate: Date }[] | undefined;
      // Periods with dates decide the counted days; a start moved against known periods
      // recounts them. Without periods a count given at opening stands.
      const periods =
        request.earlierPeriods ??
        (request.sickPeriodStart !== undefined && before.earlierPeriods.length > 0
          ? before.earlierPeriods.map((p) => ({
              from: toIsoDate(p.fromDate),
              to: toIsoDate(p.toDate),
            }))
          : undefined);
      if (periods) {
        try {
          columns.earlierSickDays = joinedEarlierSickDays(start, periods).days;
        } catch (error) {
          if (error instanceof SickPeriodError) throw invalidSickPeriod(error);
          throw error;
        }
        if (request.earlierPeriods) {
          earlierPeriods = periods.map((p) => ({
            fromDate: fromIsoDate(p.from),
            toDate: fromIsoDate(p.to),
          }));
        }
      }
      await this.revise(unit, access, before, { columns, earlierPeriods, reason: request.reason });
      return this.overviewAfter(unit, access);
    });
  }

  /** POST /close: the case ends with a reason; read-only from now, reminders stop. */
  close(access: WorkspaceAccess, request: CloseCaseRequest): Promise<WorkspaceOverview> {
    return this.transactions.run(async (unit) => {
      await this.authorization.require(access, 'close', 'Workspace', undefined, {
        audit: 'case.closed',
        resourceType: 'Workspace',
        resourceId: access.workspaceId,
      });
      const before = await this.factsForChange(unit, access.workspaceId);
      const today = stockholmToday();
      const closedOn = request.closedOn ?? today;
      if (closedOn > today || closedOn < toIsoDate(before.sickPeriodStart))
        throw closingDateInvalid();
      await this.revise(
        unit,
        access,
        before,
        {
          columns: {
            status: 'CLOSED',
            closedAt: new Date(),
            closedOn: fromIsoDate(closedOn),
            closingReason: request.reason,
            closingNote: request.note ?? null,
            closedById: access.userId,
          },
          reason: closingReasonText(request.reason, request.note),
        },
        'case.closed',
      );
      return this.overviewAfter(unit, access);
    });
  }

  /**
   * POST /reopen: a new sick period starting fewer than 90 days after the closing day joins
   * the chain, so the case continues: the ended period counts as an earlier one and the day
   * count goes on. Later than that the periods do not join, and a new case is opened.
   */
  reopen(access: WorkspaceAccess, request: ReopenCaseRequest): Promise<WorkspaceOverview> {
    return this.transactions.run(async (unit) => {
      await this.authorization.require(access, 'reopen', 'Workspace', undefined, {
        audit: 'case.reopened',
        resourceType: 'Workspace',
        resourceId: access.workspaceId,
      });
      const before = await this.factsForChange(unit, access.workspaceId);
      if (before.status !== 'CLOSED' || !before.closedOn) throw caseNotClosed();
      const closedOn = toIsoDate(before.closedOn);
      const lastStart = lastJoiningStart(closedOn);
      if (request.newPeriodStart <= closedOn || request.newPeriodStart > lastStart) {
        throw reopenWindowPassed(lastStart);
      }
      const ended = { fromDate: before.sickPeriodStart, toDate: before.closedOn };
      const endedDays = daysBetween(toIsoDate(before.sickPeriodStart), closedOn) + 1;
      await this.revise(
        unit,
        access,
        before,
        {
          columns: {
            status: 'ACTIVE',
            sickPeriodStart: fromIsoDate(request.newPeriodStart),
            // Everything that counted before still does, and the ended period joins it.
            earlierSickDays: before.earlierSickDays + endedDays,
            closedAt: null,
            closedOn: null,
            closingReason: null,
            closingNote: null,
            closedById: null,
          },
          earlierPeriods: [...before.earlierPeriods, ended],
          reason: request.reason,
        },
        'case.reopened',
      );
      return this.overviewAfter(unit, access);
    });
  }

  /** GET /timeline: periods and degrees, earlier periods and every revision of the facts. */
  async timeline(access: WorkspaceAccess): Promise<CaseTimeline> {
    const [facts, certificates, revisions] = await Promise.all([
      this.repository.facts(access.workspaceId),
      this.repository.certificates(access.workspaceId),
      this.repository.revisions(access.workspaceId),
    ]);
    if (!facts) throw workspaceNotFound();
    await this.audit.record(access, {
      action: 'case.timeline.read',
      resourceType: 'Workspace',
      resourceId: access.workspaceId,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return {
      status: facts.status,
      periods: certificates.map((certificate) => ({
        from: toIsoDate(certificate.periodFrom),
        to: toIsoDate(certificate.periodTo),
        degree: certificate.degree,
      })),
      earlierPeriods: facts.earlierPeriods.map((period) => ({
        from: toIsoDate(period.fromDate),
        to: toIsoDate(period.toDate),
      })),
      revisions: revisions.map(toRevisionView),
    };
  }
}
