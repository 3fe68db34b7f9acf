import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  CreatedNote,
  CreateNoteRequest,
  MeetingNoteList,
  NextStepView,
  NoteReach,
  Party,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { Authorization } from '../access/authorization';
import { taskCategory } from '../access/classification';
import { AuditService } from '../audit/audit.service';
import { ChangeRecorder } from '../events/change-recorder';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { TasksService } from '../tasks/tasks.service';
import { toMeetingNoteView } from './meeting-notes.mapper';
import { MeetingNotesRepository } from './meeting-notes.repository';
import { medicalNoteNotAllowed, meetingCancelled } from './meetings.errors';
import { MeetingsService } from './meetings.service';
import { withheldOf } from '../access/consent-rules';

/** A note is MEDICAL when its author marks it as holding medical information. */
const noteCategoryOf = (request: CreateNoteRequest): 'MEETING_NOTES' | 'MEDICAL' =>
  request.medical === true ? 'MEDICAL' : 'MEETING_NOTES';

/**
 * Meeting notes (the protocol): situation, work capacity, rehabilitation needs, decisions
 * and next steps, written by the party that arranged the meeting and by those invited to it.
 * Category MEETING_NOTES, or MEDICAL when the author (care's clinical staff, the patient)
 * marks the note as holding medical information. Next steps marked createTask become tasks
 * in the same transaction, linked to the note and the meeting; such a task carries the
 * note, so it reaches only its assignee and those who may read the note.
 */
@Injectable()
export class MeetingNotesService {
  constructor(
    private readonly repository: MeetingNotesRepository,
    private readonly meetings: MeetingsService,
    private readonly tasks: TasksService,
    private readonly transactions: TransactionRunner,
    private readonly changes: ChangeRecorder,
    private readonly authorization: Authorization,
    private readonly audit: AuditService,
  ) {}

  async list(access: WorkspaceAccess, meetingId: string): Promise<MeetingNoteList> {
    const meeting = await this.meetings.requireReadable(access, meetingId, 'note.read');
    const rows = await this.repository.list(access.workspaceId, meeting.id, access.ability);
    const withheld = withheldOf(access, ['MEETING_NOTES', 'MEDICAL']);
    await this.audit.record(access, {
      // An empty list because the notes were not shared was not a read of them.
      action:
        rows.length === 0 && withheld.includes('MEETING_NOTES')
          ? 'note.read-withheld'
          : 'note.read',
      resourceType: 'MeetingNote',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return { notes: rows.map(toMeetingNoteView), withheld };
  }

  create(
    access: WorkspaceAccess,
    meetingId: string,
    request: CreateNoteRequest,
  ): Promise<CreatedNote> {
    return this.transactions.run((unit) => this.createInUnit(unit, access, meetingId, request));
  }

  /** Writes the note and its next steps' tasks in the caller's unit. */
  async createInUnit(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    meetingId: string,
    request: CreateNoteRequest,
  ): Promise<CreatedNote> {
    const meeting = await this.meetings.requireNoteTaker(
      access,
      meetingId,
      'note.created',
      unit.tx,
    );
    if (meeting.cancelled) {
      throw meetingCancelled();
    }
    const category = noteCategoryOf(request);
    await this.requireAuthor(access, category, 'note.created');
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

    const note = await this.repository.create(unit.tx, {
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
    await this.changes.record(unit, access, {
      type: 'note.created',
      resource: { type: 'MeetingNote', id: note.id, version: note.version },
      visibleAs: [{ subject: 'MeetingNote', row: note }],
    });
    const taskIds: string[] = [];
    for (const [index, step] of steps.entries()) {
      if (!step.view.taskId) continue;
      const task = await this.tasks.createInTransaction(
        unit,
        access,
        {
          id: step.view.taskId,
          title: step.input.title,
          dueDate: step.input.dueDate ?? null,
          assigneeParticipantId: step.input.assigneeParticipantId ?? null,
          assigneeParty: step.input.assigneeParty ?? null,
          meetingId: meeting.id,
          note: { id: note.id, category },
        },
        { fieldPrefix: `nextSteps.${index}.` },
      );
      taskIds.push(task.id);
    }
    return { note: toMeetingNoteView(note), taskIds };
  }

  /**
   * Which parties the note and each of its next steps would reach, judged by the policy
   * with each party's consents in force now, without saving anything.
   */
  async reach(
    access: WorkspaceAccess,
    meetingId: string,
    request: CreateNoteRequest,
  ): Promise<NoteReach> {
    await this.meetings.requireNoteTaker(access, meetingId, 'note.reach.checked');
    const category = noteCategoryOf(request);
    await this.requireAuthor(access, category, 'note.reach.checked');
    const result = await this.transactions.run(async (unit) => {
      const parties = await this.repository.partiesOf(unit.tx, access.workspaceId);
      const noteReaders = await this.authorization.partiesThatMayRead(
        unit.tx,
        access.workspaceId,
        parties,
        'MeetingNote',
        { authorParty: access.party, category },
      );
      const nextSteps: NoteReach['nextSteps'] = [];
      for (const step of request.nextSteps) {
        if (!step.createTask) {
          nextSteps.push({ parties: noteReaders, assigneeMayRead: true });
          continue;
        }
        const task = {
          createdByParty: access.party,
          category: taskCategory({
            markedMedical: false,
            measureCategory: null,
            noteCategory: category,
          }),
          assigneeParty: step.assigneeParty ?? (await this.partyOf(unit, access, step)),
          assigneeParticipantId: step.assigneeParticipantId ?? null,
          noteId: randomUUID(),
        };
        nextSteps.push({
          parties: await this.tasks.partiesReached(unit, access, parties, task),
          assigneeMayRead: await this.tasks.assigneeMayRead(unit, access, task),
        });
      }
      return { note: { parties: noteReaders }, nextSteps };
    });
    await this.audit.record(access, {
      action: 'note.reach.checked',
      resourceType: 'MeetingNote',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return result;
  }

  /** The party of a step's assigned participant, or null (a foreign id reaches nobody). */
  private async partyOf(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    step: CreateNoteRequest['nextSteps'][number],
  ): Promise<Party | null> {
    if (!step.assigneeParticipantId) return null;
    return this.repository.participantParty(
      unit.tx,
      access.workspaceId,
      step.assigneeParticipantId,
    );
  }

  private async requireAuthor(
    access: WorkspaceAccess,
    category: 'MEETING_NOTES' | 'MEDICAL',
    action: 'note.created' | 'note.reach.checked',
  ): Promise<void> {
    await this.authorization.require(
      access,
      'create',
      'MeetingNote',
      { authorParty: access.party, category },
      { audit: action, resourceType: 'MeetingNote', error: medicalNoteNotAllowed },
    );
  }
}
