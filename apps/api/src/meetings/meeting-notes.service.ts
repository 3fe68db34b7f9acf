import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  Category,
  CreatedNote,
  CreateNoteRequest,
  MeetingNoteList,
  NextStepView,
} from '@atergang/contracts';
import { forbidden } from '../access/access.errors';
import type { WorkspaceAccess } from '../access/access.types';
import { hasPermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { EventsService } from '../events/events.service';
import { TransactionRunner } from '../prisma/transaction';
import { TasksService } from '../tasks/tasks.service';
import { toMeetingNoteView } from './meeting-notes.mapper';
import { MeetingNotesRepository } from './meeting-notes.repository';
import { meetingCancelled } from './meetings.errors';
import { MeetingsService } from './meetings.service';

/**
 * Meeting notes (the protocol): situation, work capacity, rehabilitation needs, decisions
 * and next steps. Category MEETING_NOTES, or MEDICAL when the author marks the note as
 * holding medical information (anyone who may write notes may do so). Next steps marked
 * createTask become tasks in the same transaction, linked to the note and the meeting.
 */
@Injectable()
export class MeetingNotesService {
  constructor(
    private readonly repository: MeetingNotesRepository,
    private readonly meetings: MeetingsService,
    private readonly tasks: TasksService,
    private readonly transactions: TransactionRunner,
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  async list(access: WorkspaceAccess, meetingId: string): Promise<MeetingNoteList> {
    const meeting = await this.meetings.requireReadable(access, meetingId, 'note.read');
    const rows = await this.repository.list(access.workspaceId, meeting.id, access.ability);
    await this.audit.record(access, {
      action: 'note.read',
      resourceType: 'MeetingNote',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    const withheld: Category[] = access.isPatient
      ? []
      : (['MEETING_NOTES', 'MEDICAL'] as const).filter(
          (category) => !access.grantedCategories.has(category),
        );
    return { notes: rows.map(toMeetingNoteView), withheld };
  }

  async create(
    access: WorkspaceAccess,
    meetingId: string,
    request: CreateNoteRequest,
  ): Promise<CreatedNote> {
    if (!hasPermission(access.party, 'note:create')) {
      const error = forbidden('Your party cannot write meeting notes.');
      await this.audit.record(access, {
        action: 'note.created',
        resourceType: 'MeetingNote',
        workspaceId: access.workspaceId,
        outcome: 'DENIED',
        reason: error.code,
      });
      throw error;
    }
    const meeting = await this.meetings.requireReadable(access, meetingId, 'note.created');
    if (meeting.cancelled) {
      throw meetingCancelled();
    }
    const category = request.medical === true ? 'MEDICAL' : 'MEETING_NOTES';
    const noteId = randomUUID();
    // Task ids are allocated first so the note records which task each step became.
    const steps = request.nextSteps.map((step) => ({
      input: step,
      view: {
        title: step.title,
        assigneeParticipantId: step.assigneeParticipantId ?? null,
        assigneeParty: step.assigneeParty ?? null,
        dueDate: step.dueDate ?? null,
        taskId: step.createTask ? randomUUID() : null,
      } satisfies NextStepView,
    }));

    return this.transactions.run(async (tx) => {
      const note = await this.repository.create(tx, {
        id: noteId,
        workspaceId: access.workspaceId,
        meetingId: meeting.id,
        authorId: access.userId,
        authorParty: access.party,
        category,
        situation: request.situation ?? null,
        workCapacity: request.workCapacity ?? null,
        rehabilitationNeeds: request.rehabilitationNeeds ?? null,
        decisions: request.decisions,
        nextSteps: steps.map((step) => step.view),
      });
      await this.events.append(tx, {
        workspaceId: access.workspaceId,
        type: 'note.created',
        category,
        actorUserId: access.userId,
        actorParty: access.party,
        subjectType: 'MeetingNote',
        subjectId: note.id,
        authorParty: access.party,
        payload: { id: note.id, version: note.version },
      });
      await this.audit.record(
        access,
        {
          action: 'note.created',
          resourceType: 'MeetingNote',
          resourceId: note.id,
          workspaceId: access.workspaceId,
          outcome: 'ALLOWED',
        },
        tx,
      );
      const taskIds: string[] = [];
      for (const [index, step] of steps.entries()) {
        if (!step.view.taskId) continue;
        // A step from a medical note may carry medical information: its task is MEDICAL too.
        const task = await this.tasks.createInTransaction(
          tx,
          access,
          {
            id: step.view.taskId,
            title: step.input.title,
            dueDate: step.input.dueDate ?? null,
            assigneeParticipantId: step.input.assigneeParticipantId ?? null,
            assigneeParty: step.input.assigneeParty ?? null,
            meetingId: meeting.id,
            noteId: note.id,
            category: category === 'MEDICAL' ? 'MEDICAL' : 'TASKS',
          },
          { fieldPrefix: `nextSteps.${index}.` },
        );
        taskIds.push(task.id);
      }
      return { note: toMeetingNoteView(note), taskIds };
    });
  }
}
