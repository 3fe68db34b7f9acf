import { Injectable } from '@nestjs/common';
import {
  type AnswerMeetingRequestRequest,
  answerMeetingRequestRequestSchema,
  type AuditAction,
  type CreateMeetingRequestRequest,
  createMeetingRequestRequestSchema,
  type MeetingRequestList,
  type MeetingRequestView,
} from '@atergang/contracts';
import { addDays } from '@atergang/domain';
import type { WorkspaceAccess } from '../access/access.types';
import { allows, Authorization, isAuditedRefusal } from '../access/authorization';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { fromIsoDate, stockholmToday } from '../common/calendar';
import { ChangeRecorder } from '../events/change-recorder';
import { MeetingsService } from '../meetings/meetings.service';
import { TransactionRunner } from '../prisma/transaction';
import { TasksService } from '../tasks/tasks.service';
import {
  alreadyAnswered,
  fkNotInCase,
  meetingInvalid,
  messageRequired,
  notFk,
  requestNotAllowed,
  requestNotFound,
  requestOpen,
} from './meeting-requests.errors';
import { toMeetingRequestView } from './meeting-requests.mapper';
import { type MeetingRequestRow, MeetingRequestsRepository } from './meeting-requests.repository';

/**
 * How long FK has to answer. No statute sets FK a time to answer a request for an
 * avstämningsmöte; two weeks is the product's choice, the same as FK gives the employer for
 * the plan: an answer within it leaves time to hold the meeting early in the case, when it
 * does most (meetings held earlier brought the employer's measures earlier, FK PM 2020:1).
 */
const ANSWER_DAYS = 14;

/**
 * Asking Försäkringskassan for an avstämningsmöte (issue 15, item 1). FK calls the meeting
 * and decides whether it is held (domain.md, "Meetings"); the patient, care's doctor and
 * rehabilitation coordinator, and the employer's manager and HR may ask it for one, one
 * open request per party at a time. A request is a task for FK that closes when FK answers
 * it: accepted (naming the avstämningsmöte it arranged, if it has) or declined with a
 * message; the asker is told (notifications, meeting.request-answered). Each change is one
 * transaction with its event, audit row and task (ChangeRecorder, TasksService).
 */
@Injectable()
export class MeetingRequestsService {
  constructor(
    private readonly repository: MeetingRequestsRepository,
    private readonly transactions: TransactionRunner,
    private readonly changes: ChangeRecorder,
    private readonly authorization: Authorization,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly meetings: MeetingsService,
  ) {}

  async list(access: WorkspaceAccess): Promise<MeetingRequestList> {
    const [rows, fkTakesPart, ownOpen] = await Promise.all([
      this.repository.listReadable(access.workspaceId, access.ability),
      this.repository.fkTakesPart(access.workspaceId),
      this.repository.findOpen(access.workspaceId, access.party),
    ]);
    await this.audit.record(access, {
      action: 'meeting.requests.read',
      resourceType: 'MeetingRequest',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return {
      requests: rows.map((row) => this.view(access, row)),
      fkTakesPart,
      ownOpenRequestId: ownOpen?.id ?? null,
    };
  }

  async create(
    access: WorkspaceAccess,
    input: CreateMeetingRequestRequest,
  ): Promise<MeetingRequestView> {
    const request = createMeetingRequestRequestSchema.parse(input);
    await this.authorization.require(
      access,
      'request',
      'MeetingRequest',
      { requestedByParty: access.party },
      { audit: 'meeting.requested', resourceType: 'MeetingRequest', error: requestNotAllowed },
    );
    return this.auditingRefusals(access, 'meeting.requested', () =>
      this.transactions.run(async (unit) => {
        const { tx } = unit;
        const { workspaceId } = access;
        if (!(await this.repository.fkTakesPart(workspaceId, tx))) throw fkNotInCase();
        await this.repository.lockAsking(tx, workspaceId, access.party);
        const open = await this.repository.findOpen(workspaceId, access.party, tx);
        if (open) throw requestOpen(open.id);
        const dueDate = addDays(stockholmToday(), ANSWER_DAYS);
        // The task says who asked, never why: its readers (TASKS) are not the request's.
        const task = await this.tasks.createInTransaction(unit, access, {
          title: 'Svara på önskemål om avstämningsmöte',
          description:
            `${access.name} har bett Försäkringskassan om ett avstämningsmöte. Läs önskemålet ` +
            'under Möten i Återgång och ordna mötet eller avböj med ett meddelande. Uppgiften ' +
            'blir klar när du har svarat.',
          dueDate,
          assigneeParty: 'FK',
        });
        const row = await this.repository.create(tx, {
          workspaceId,
          requestedById: access.userId,
          requestedByParty: access.party,
          reason: request.reason,
          topics: request.topics?.trim() || null,
          preferredFrom: request.preferredFrom ? fromIsoDate(request.preferredFrom) : null,
          preferredTo: request.preferredTo ? fromIsoDate(request.preferredTo) : null,
          taskId: task.id,
          dueDate: fromIsoDate(dueDate),
        });
        await this.changes.record(unit, access, {
          type: 'meeting.requested',
          resource: { type: 'MeetingRequest', id: row.id, version: row.version },
          visibleAs: [{ subject: 'MeetingRequest', row }],
          data: { taskId: task.id },
        });
        return this.view(access, row);
      }),
    );
  }

  async answer(
    access: WorkspaceAccess,
    requestId: string,
    input: AnswerMeetingRequestRequest,
  ): Promise<MeetingRequestView> {
    const answer = answerMeetingRequestRequestSchema.parse(input);
    const current = await this.repository.find(access.workspaceId, requestId);
    if (!current) throw requestNotFound();
    await this.authorization.requireReadable(
      access,
      'MeetingRequest',
      current,
      'meeting.request-answered',
    );
    await this.authorization.require(access, 'answer', 'MeetingRequest', current, {
      audit: 'meeting.request-answered',
      resourceType: 'MeetingRequest',
      resourceId: current.id,
      error: notFk,
    });
    const message = answer.message?.trim() || null;
    const meetingId = answer.meetingId ?? null;
    return this.auditingRefusals(
      access,
      'meeting.request-answered',
      () =>
        this.transactions.run(async (unit) => {
          const { tx } = unit;
          if (answer.decision === 'DECLINED' && !message) throw messageRequired();
          if (answer.decision === 'DECLINED' && meetingId) {
            throw meetingInvalid('only an accepted request names a meeting');
          }
          const row = await this.repository.lock(tx, access.workspaceId, current.id);
          if (!row) throw requestNotFound();
          if (row.answeredAt) throw alreadyAnswered(row.answeredAt);
          if (meetingId) {
            const meeting = await this.meetings.findReadable(access, meetingId, tx);
            if (!meeting) throw meetingInvalid('is not a meeting of this case');
            if (meeting.kind !== 'AVSTAMNINGSMOTE')
              throw meetingInvalid('is not an avstämningsmöte');
            if (meeting.cancelled) throw meetingInvalid('is cancelled');
          }
          const answered = await this.repository.answer(tx, access.workspaceId, row.id, {
            decision: answer.decision,
            answerMessage: message,
            answeredById: access.userId,
            answeredAt: new Date(),
            meetingId,
          });
          if (!answered) throw alreadyAnswered(new Date());
          // FK's task is done once it has answered, whichever way.
          if (answered.taskId) await this.tasks.completeInUnit(unit, access, answered.taskId);
          await this.changes.record(unit, access, {
            type: 'meeting.request-answered',
            resource: { type: 'MeetingRequest', id: answered.id, version: answered.version },
            visibleAs: [{ subject: 'MeetingRequest', row: answered }],
            data: { decision: answered.decision, meetingId: answered.meetingId },
          });
          return this.view(access, answered);
        }),
      current.id,
    );
  }

  private view(access: WorkspaceAccess, row: MeetingRequestRow): MeetingRequestView {
    return toMeetingRequestView(row, {
      mayAnswer: allows(access.ability, 'answer', 'MeetingRequest', row),
      // FK's task as the tasks feature stores it (TasksService.createInTransaction).
      mayReadTask: allows(access.ability, 'read', 'Task', {
        category: 'TASKS',
        createdByParty: row.requestedByParty,
        assigneeParty: 'FK',
        assigneeParticipantId: null,
        noteId: null,
      }),
    });
  }

  /** A refusal decided inside the unit (rolled back) is audited before the caller hears it. */
  private async auditingRefusals<T>(
    access: WorkspaceAccess,
    audit: AuditAction,
    work: () => Promise<T>,
    resourceId: string | null = null,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError && !isAuditedRefusal(error)) {
        throw await this.authorization.deny(access, {
          audit,
          resourceType: 'MeetingRequest',
          resourceId,
          error: () => error,
        });
      }
      throw error;
    }
  }
}
