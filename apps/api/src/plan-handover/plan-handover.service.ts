import { Injectable } from '@nestjs/common';
import {
  type AuditAction,
  type PlanHandoversView,
  type PlanHandoverView,
  type PlanRequestView,
  planSchema,
  type RequestPlanRequest,
  sendPlanRequestSchema,
  type SendPlanRequest,
} from '@atergang/contracts';
import { addDays } from '@atergang/domain';
import type { WorkspaceAccess } from '../access/access.types';
import { allows, Authorization, isAuditedRefusal } from '../access/authorization';
import { HANDED_OVER_PLAN_CATEGORIES } from '../access/statutory-rights';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { fromIsoDate, stockholmToday } from '../common/calendar';
import { ChangeRecorder } from '../events/change-recorder';
import { planDocument } from '../plan-export/plan-document';
import { renderPdf } from '../plan-export/pdf-renderer';
import { PlanService } from '../plan/plan.service';
import { TransactionRunner } from '../prisma/transaction';
import { TasksService } from '../tasks/tasks.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import {
  alreadyAcknowledged,
  handoverNotFound,
  notEmployer,
  notRecipient,
  recipientNotAllowed,
  recipientNotInCase,
  requestNotAllowed,
  requestOpen,
  versionNotFound,
} from './plan-handover.errors';
import { toHandoverView, toRequestView } from './plan-handover.mapper';
import { type HandoverRow, PlanHandoverRepository } from './plan-handover.repository';

/** How long the employer has to answer FK's request, unless FK says otherwise. */
const REQUEST_DAYS = 14;

export interface HandedOverPdf {
  readonly version: number;
  readonly filename: string;
  readonly content: Buffer;
}

const handedOver = new Set<string>(HANDED_OVER_PLAN_CATEGORIES);

/**
 * The plan leaving the case (issue 17, item 2). The employer sends a version of its plan to
 * FK (FK's statutory right, access/statutory-rights.ts) or to care (only while the patient's
 * consent lets care see the plan); the recipient acknowledges; FK asks for the plan, which
 * gives the employer a task that the next hand-over to FK answers and closes. Each change is
 * one transaction with its event and audit row (ChangeRecorder); what is sent is stored as
 * sent, so the recipient's copy never changes afterwards.
 */
@Injectable()
export class PlanHandoverService {
  constructor(
    private readonly repository: PlanHandoverRepository,
    private readonly transactions: TransactionRunner,
    private readonly changes: ChangeRecorder,
    private readonly authorization: Authorization,
    private readonly audit: AuditService,
    private readonly plan: PlanService,
    private readonly tasks: TasksService,
    private readonly workspaces: WorkspacesService,
  ) {}

  async list(access: WorkspaceAccess): Promise<PlanHandoversView> {
    const [handovers, requests] = await Promise.all([
      this.repository.listReadable(access.workspaceId, access.ability),
      this.repository.listReadableRequests(access.workspaceId, access.ability),
    ]);
    await this.audit.record(access, {
      action: 'plan.handovers.read',
      resourceType: 'PlanHandover',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return {
      handovers: handovers.map((row) => this.view(access, row)),
      requests: requests.map(toRequestView),
    };
  }

  async send(access: WorkspaceAccess, input: SendPlanRequest): Promise<PlanHandoverView> {
    const request = sendPlanRequestSchema.parse(input);
    const candidate = { senderParty: access.party, recipientParty: request.recipient };
    await this.authorization.require(access, 'create', 'PlanHandover', candidate, {
      audit: 'plan.handed-over',
      resourceType: 'PlanHandover',
      error: notEmployer,
    });
    return this.auditingRefusals(access, 'plan.handed-over', () =>
      this.transactions.run(async (unit) => {
        const { tx } = unit;
        const { workspaceId } = access;
        const recipients = await this.repository.recipientsOf(tx, workspaceId, request.recipient);
        if (recipients.length === 0) throw recipientNotInCase('recipient');
        // FK reads what is handed to it by law; care only by the patient's consent. The
        // policy decides both, for the recipient party as a whole.
        const mayRead = await this.authorization.recipientMayRead(
          tx,
          workspaceId,
          { party: request.recipient, participantId: null },
          'PlanHandover',
          candidate,
        );
        if (!mayRead) throw recipientNotAllowed();
        const planId = await this.repository.planId(tx, workspaceId);
        const version = planId
          ? await this.plan.versionAsPlan(access, request.version, (measure) =>
              handedOver.has(measure.category),
            )
          : null;
        if (!planId || !version) throw versionNotFound();
        const organisationId =
          recipients.find((recipient) => recipient.organisationId !== null)?.organisationId ?? null;
        const row = await this.repository.create(tx, {
          workspaceId,
          planId,
          version: version.plan.version,
          revisionNumber: version.revisionNumber,
          content: version.plan,
          sentById: access.userId,
          senderParty: access.party,
          recipientParty: request.recipient,
          recipientOrganisationId: organisationId,
        });
        await this.changes.record(unit, access, {
          type: 'plan.handed-over',
          resource: { type: 'PlanHandover', id: row.id },
          visibleAs: [{ subject: 'PlanHandover', row }],
          data: { version: row.version },
        });
        // A hand-over to FK answers FK's open requests for the plan and closes their tasks.
        if (request.recipient === 'FK') {
          const open = await this.repository.lockOpenRequests(tx, workspaceId, access.party);
          await this.repository.answer(
            tx,
            workspaceId,
            open.map((asked) => asked.id),
            row.id,
            row.sentAt,
          );
          for (const asked of open) {
            if (asked.taskId) await this.tasks.completeInUnit(unit, access, asked.taskId);
          }
          if (open.length > 0) {
            return this.view(access, { ...row, _count: { answers: open.length } });
          }
        }
        return this.view(access, row);
      }),
    );
  }

  async acknowledge(access: WorkspaceAccess, handoverId: string): Promise<PlanHandoverView> {
    const row = await this.readable(access, handoverId, 'plan.handover-acknowledged');
    await this.authorization.require(access, 'acknowledge', 'PlanHandover', row, {
      audit: 'plan.handover-acknowledged',
      resourceType: 'PlanHandover',
      resourceId: row.id,
      error: notRecipient,
    });
    return this.auditingRefusals(access, 'plan.handover-acknowledged', () =>
      this.transactions.run(async (unit) => {
        const at = new Date();
        if (row.acknowledgedAt) throw alreadyAcknowledged(row.acknowledgedAt);
        const done = await this.repository.acknowledge(
          unit.tx,
          access.workspaceId,
          row.id,
          access.userId,
          at,
        );
        const fresh = await this.repository.find(access.workspaceId, row.id, unit.tx);
        if (!fresh) throw handoverNotFound();
        if (!done) throw alreadyAcknowledged(fresh.acknowledgedAt ?? at);
        await this.changes.record(unit, access, {
          type: 'plan.handover-acknowledged',
          resource: { type: 'PlanHandover', id: fresh.id },
          visibleAs: [{ subject: 'PlanHandover', row: fresh }],
        });
        return this.view(access, fresh);
      }),
    );
  }

  async request(access: WorkspaceAccess, input: RequestPlanRequest): Promise<PlanRequestView> {
    const candidate = { requestedByParty: access.party, askedParty: 'EMPLOYER' as const };
    await this.authorization.require(access, 'create', 'PlanRequest', candidate, {
      audit: 'plan.requested',
      resourceType: 'PlanRequest',
      error: requestNotAllowed,
    });
    const dueDate = input.dueDate ?? addDays(stockholmToday(), REQUEST_DAYS);
    return this.auditingRefusals(access, 'plan.requested', () =>
      this.transactions.run(async (unit) => {
        const { tx } = unit;
        const { workspaceId } = access;
        const employer = await this.repository.recipientsOf(tx, workspaceId, 'EMPLOYER');
        if (employer.length === 0) throw recipientNotInCase('askedParty');
        const [open] = await this.repository.lockOpenRequests(tx, workspaceId, 'EMPLOYER');
        if (open) throw requestOpen(open.id);
        const task = await this.tasks.createInTransaction(unit, access, {
          title: 'Skicka planen för återgång i arbete till Försäkringskassan',
          description:
            'Försäkringskassan har begärt arbetsgivarens plan (socialförsäkringsbalken 110 kap. ' +
            '14 och 31 §§). Skicka den från planen i Återgång: uppgiften blir klar när planen ' +
            'är skickad.',
          dueDate,
          assigneeParty: 'EMPLOYER',
        });
        const row = await this.repository.createRequest(tx, {
          workspaceId,
          requestedById: access.userId,
          requestedByParty: access.party,
          askedParty: 'EMPLOYER',
          taskId: task.id,
          dueDate: fromIsoDate(dueDate),
        });
        await this.changes.record(unit, access, {
          type: 'plan.requested',
          resource: { type: 'PlanRequest', id: row.id },
          visibleAs: [{ subject: 'PlanRequest', row }],
          data: { taskId: task.id },
        });
        return toRequestView(row);
      }),
    );
  }

  /** The handed-over version as a PDF: what was sent, in FK's order, audited as opened. */
  async pdf(access: WorkspaceAccess, handoverId: string): Promise<HandedOverPdf> {
    const row = await this.readable(access, handoverId, 'plan.handover.downloaded');
    const plan = planSchema.parse(row.content);
    // The overview's names and dates are what every participant sees.
    const overview = await this.workspaces.overviewOf(access, false);
    const content = await renderPdf(
      planDocument({
        plan,
        overview,
        printedAt: new Date().toISOString(),
        handover: {
          recipient: row.recipientParty,
          sentAt: row.sentAt.toISOString(),
          sentBy: `${row.sentBy.name} (arbetsgivaren)`,
        },
      }),
    );
    await this.audit.record(access, {
      action: 'plan.handover.downloaded',
      resourceType: 'PlanHandover',
      resourceId: row.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return {
      version: row.version,
      filename: `plan-for-atergang-version-${row.version}-skickad.pdf`,
      content,
    };
  }

  /** A hand-over of this case the caller may read: 404 if none, 403 consent-required if hidden. */
  private async readable(
    access: WorkspaceAccess,
    handoverId: string,
    action: AuditAction,
  ): Promise<HandoverRow> {
    const row = await this.repository.find(access.workspaceId, handoverId);
    if (!row) throw handoverNotFound();
    await this.authorization.requireReadable(access, 'PlanHandover', row, action);
    return row;
  }

  private view(access: WorkspaceAccess, row: HandoverRow): PlanHandoverView {
    return toHandoverView(row, allows(access.ability, 'acknowledge', 'PlanHandover', row));
  }

  /** A refusal decided inside the unit (rolled back) is audited before the caller hears it. */
  private async auditingRefusals<T>(
    access: WorkspaceAccess,
    audit: AuditAction,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError && !isAuditedRefusal(error)) {
        throw await this.authorization.deny(access, {
          audit,
          resourceType: audit === 'plan.requested' ? 'PlanRequest' : 'PlanHandover',
          error: () => error,
        });
      }
      throw error;
    }
  }
}
