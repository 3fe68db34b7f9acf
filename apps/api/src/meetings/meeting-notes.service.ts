import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type CorrectNoteRequest,
  type CreatedNote,
  type CreateNoteRequest,
  type MeetingNoteList,
  type MeetingNoteRevisionList,
  type MeetingNoteView,
  type NextStepInput,
  type NextStepView,
  nextStepSchema,
  type NoteReach,
  type Party,
} from '@atergang/contracts';
import { z } from 'zod';
import type { WorkspaceAccess } from '../access/access.types';
import { allows, Authorization } from '../access/authorization';
import { taskCategory } from '../access/classification';
import { AuditService } from '../audit/audit.service';
import { ChangeRecorder } from '../events/change-recorder';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { TasksService } from '../tasks/tasks.service';
import { toMeetingNoteView, toRevisionViews } from './meeting-notes.mapper';
import {
  type MeetingNoteRow,
  MeetingNotesRepository,
  type NoteCorrection,
} from './meeting-notes.repository';
import {
  attendeesNotInvited,
  medicalNoteNotAllowed,
  meetingCancelled,
  noteNotFound,
  noteVersionConflict,
  notNoteAuthor,
} from './meetings.errors';
import { MeetingsService, type NoteMeeting } from './meetings.service';
import { withheldOf } from '../access/consent-rules';

/** A note is MEDICAL when its author marks it as holding medical information. */
const noteCategoryOf = (request: CreateNoteRequest): 'MEETING_NOTES' | 'MEDICAL' =>
  request.medical === true ? 'MEDICAL' : 'MEETING_NOTES';

/** A next step as sent, and as the note records it. */
interface Step {
  readonly input: NextStepInput;
  readonly view: NextStepView;
}

/** Task ids are allocated first so the note records which task each step became. */
const stepsOf = (inputs: readonly NextStepInput[]): Step[] =>
  inputs.map((step) => ({
    input: step,
    view: {
      title: step.title,
      assigneeParticipantId: step.assigneeParticipantId ?? null,
      assigneeParty: step.assigneeParty ?? null,
      dueDate: step.dueDate ?? null,
      taskId: step.createTask ? randomUUID() : null,
    },
  }));

const storedSteps = z.array(nextStepSchema);
const storedDecisions = z.array(z.string());

/** Who attended must have been invited to the meeting: 422 naming each entry that was not. */
function requireInvited(meeting: NoteMeeting, attendeeIds: readonly string[]): void {
  const invited = new Set(meeting.inviteeIds);
  const refused = attendeeIds.flatMap((id, index) => (invited.has(id) ? [] : [index]));
  if (refused.length > 0) {
    throw attendeesNotInvited(refused);
  }
}

/**
 * The fields of the correction that differ from the note as it stands, and only those: a
 * field not sent is never part of it. The steps that became tasks are kept first, as they
 * are; the steps sent replace the others.
 */
function changedFields(
  current: MeetingNoteRow,
  request: CorrectNoteRequest,
  steps: readonly Step[] | null,
): NoteCorrection {
  const correction: {
    -readonly [K in keyof NoteCorrection]: NoteCorrection[K];
  } = {};
  for (const field of ['situation', 'workCapacity', 'rehabilitationNeeds'] as const) {
    const value = request[field];
    if (value !== undefined && value !== current[field]) correction[field] = value;
  }
  const decisions = storedDecisions.safeParse(current.decisions);
  const currentDecisions = decisions.success ? decisions.data : [];
  if (
    request.decisions !== undefined &&
    JSON.stringify(request.decisions) !== JSON.stringify(currentDecisions)
  ) {
    correction.decisions = request.decisions;
  }
  if (steps) {
    const parsed = storedSteps.safeParse(current.nextSteps);
    const currentSteps = parsed.success ? parsed.data : [];
    const next = [
      ...currentSteps.filter((step) => step.taskId !== null),
      ...steps.map((step) => step.view),
    ];
    if (JSON.stringify(next) !== JSON.stringify(currentSteps)) correction.nextSteps = next;
  }
  if (request.attendeeParticipantIds !== undefined) {
    const sorted = (ids: readonly string[]) => JSON.stringify([...ids].sort());
    const currentIds = current.attendees.map((attendee) => attendee.participantId);
    if (sorted(request.attendeeParticipantIds) !== sorted(currentIds)) {
      correction.attendeeParticipantIds = request.attendeeParticipantIds;
    }
  }
  return correction;
}

/** The 409 for a stale version, naming who saved the version the note is at now. */
function conflictWith(note: MeetingNoteRow) {
  const latest = note.revisions[0];
  return noteVersionConflict(
    note.version,
    latest
      ? {
          name: latest.changedBy.name,
          party: latest.changedByParty,
          at: latest.changedAt.toISOString(),
        }
      : {
          name: note.author.name,
          party: note.authorParty,
          at: note.createdAt.toISOString(),
        },
  );
}

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
    return { notes: rows.map((row) => this.view(access, row)), withheld };
  }

  /**
   * Corrects a note (issue 15): by its author's party (the policy's `update`), against the
   * version read, changing only the fields sent. The fields as they were are kept as a
   * revision, and the change, its event and its audit row are written in one transaction.
   * Next steps that became tasks stay as they are; new steps with createTask become tasks.
   */
  correct(
    access: WorkspaceAccess,
    meetingId: string,
    noteId: string,
    request: CorrectNoteRequest,
  ): Promise<CreatedNote> {
    return this.transactions.run(async (unit) => {
      const meeting = await this.meetings.requireReadable(
        access,
        meetingId,
        'note.corrected',
        unit.tx,
      );
      const current = await this.readableNote(unit, access, meeting.id, noteId, 'note.corrected');
      await this.authorization.require(access, 'update', 'MeetingNote', current, {
        audit: 'note.corrected',
        resourceType: 'MeetingNote',
        resourceId: current.id,
        error: notNoteAuthor,
      });
      if (request.version !== current.version) {
        throw conflictWith(current);
      }
      if (request.attendeeParticipantIds) {
        requireInvited(meeting, request.attendeeParticipantIds);
      }
      const steps = request.nextSteps ? stepsOf(request.nextSteps) : null;
      const correction = changedFields(current, request, steps);
      if (Object.keys(correction).length === 0) {
        // Nothing differs from the note as it stands: no new version, nothing recorded.
        return { note: this.view(access, current), taskIds: [] };
      }
      const updated = await this.repository.correct(unit.tx, current, correction, {
        workspaceId: access.workspaceId,
        noteId: current.id,
        version: current.version,
        situation: current.situation,
        workCapacity: current.workCapacity,
        rehabilitationNeeds: current.rehabilitationNeeds,
        decisions: current.decisions ?? [],
        nextSteps: current.nextSteps ?? [],
        attendeeParticipantIds: current.attendees.map((attendee) => attendee.participantId),
        changedById: access.userId,
        changedByParty: access.party,
        reason: request.reason ?? null,
      });
      if (!updated) {
        const now = await this.repository.findInMeeting(
          unit.tx,
          access.workspaceId,
          meeting.id,
          noteId,
        );
        throw now ? conflictWith(now) : noteNotFound();
      }
      await this.changes.record(unit, access, {
        type: 'note.corrected',
        resource: { type: 'MeetingNote', id: updated.id, version: updated.version },
        visibleAs: [{ subject: 'MeetingNote', row: updated }],
      });
      const taskIds = steps
        ? await this.createStepTasks(unit, access, meeting.id, updated, steps)
        : [];
      return { note: this.view(access, updated), taskIds };
    });
  }

  /** A note's earlier versions, to those who may read the note (same consent rule). */
  async revisions(
    access: WorkspaceAccess,
    meetingId: string,
    noteId: string,
  ): Promise<MeetingNoteRevisionList> {
    const meeting = await this.meetings.requireReadable(access, meetingId, 'note.revisions.read');
    const note = await this.transactions.run((unit) =>
      this.readableNote(unit, access, meeting.id, noteId, 'note.revisions.read'),
    );
    const revisions = await this.repository.revisions(access.workspaceId, note.id);
    const people = await this.repository.people(access.workspaceId, [
      ...new Set(revisions.flatMap((revision) => revision.attendeeParticipantIds)),
    ]);
    await this.audit.record(access, {
      action: 'note.revisions.read',
      resourceType: 'MeetingNote',
      resourceId: note.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return {
      noteId: note.id,
      currentVersion: note.version,
      revisions: toRevisionViews(note, revisions, people),
    };
  }

  /** A note of this meeting (404 otherwise) the caller may read (403 consent-required). */
  private async readableNote(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    meetingId: string,
    noteId: string,
    action: 'note.corrected' | 'note.revisions.read',
  ): Promise<MeetingNoteRow> {
    const note = await this.repository.findInMeeting(
      unit.tx,
      access.workspaceId,
      meetingId,
      noteId,
    );
    if (!note) {
      throw noteNotFound();
    }
    await this.authorization.requireReadable(access, 'MeetingNote', note, action);
    return note;
  }

  /** The note as read, with what the caller may do with it (the policy's update). */
  private view(access: WorkspaceAccess, row: MeetingNoteRow): MeetingNoteView {
    return toMeetingNoteView(row, {
      correct: allows(access.ability, 'update', 'MeetingNote', row),
    });
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
    const attendeeParticipantIds = request.attendeeParticipantIds ?? [];
    requireInvited(meeting, attendeeParticipantIds);
    const noteId = randomUUID();
    const steps = stepsOf(request.nextSteps);

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
      attendeeParticipantIds,
    });
    await this.changes.record(unit, access, {
      type: 'note.created',
      resource: { type: 'MeetingNote', id: note.id, version: note.version },
      visibleAs: [{ subject: 'MeetingNote', row: note }],
    });
    const taskIds = await this.createStepTasks(unit, access, meeting.id, note, steps);
    return { note: this.view(access, note), taskIds };
  }

  /** The tasks of the steps marked createTask, linked to the note and its meeting. */
  private async createStepTasks(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    meetingId: string,
    note: MeetingNoteRow,
    steps: readonly Step[],
  ): Promise<string[]> {
    const category = note.category === 'MEDICAL' ? 'MEDICAL' : 'MEETING_NOTES';
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
          meetingId,
          note: { id: note.id, category },
        },
        { fieldPrefix: `nextSteps.${index}.` },
      );
      taskIds.push(task.id);
    }
    return taskIds;
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
