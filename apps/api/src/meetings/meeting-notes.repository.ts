import { Injectable } from '@nestjs/common';
import type { Party, Prisma } from '@prisma/client';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

const noteSelect = {
  id: true,
  workspaceId: true,
  meetingId: true,
  authorParty: true,
  category: true,
  situation: true,
  workCapacity: true,
  rehabilitationNeeds: true,
  decisions: true,
  nextSteps: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  attendees: {
    select: {
      participantId: true,
      participant: { select: { party: true, user: { select: { name: true } } } },
    },
  },
  /** The latest correction: who saved the version the note is at, when and why. */
  revisions: {
    orderBy: { version: 'desc' },
    take: 1,
    select: {
      changedAt: true,
      changedByParty: true,
      reason: true,
      changedBy: { select: { name: true } },
    },
  },
} as const satisfies Prisma.MeetingNoteSelect;

const revisionSelect = {
  version: true,
  situation: true,
  workCapacity: true,
  rehabilitationNeeds: true,
  decisions: true,
  nextSteps: true,
  attendeeParticipantIds: true,
  changedAt: true,
  changedByParty: true,
  reason: true,
  changedBy: { select: { name: true } },
} as const satisfies Prisma.MeetingNoteRevisionSelect;

export type MeetingNoteRevisionRow = Prisma.MeetingNoteRevisionGetPayload<{
  select: typeof revisionSelect;
}>;

/** A participant as a note's attendee list names them (kept after they leave the case). */
export interface NotePerson {
  readonly participantId: string;
  readonly name: string;
  readonly party: Party;
}

/** The fields a correction sets (only those sent), and the attendees if they were sent. */
export interface NoteCorrection {
  readonly situation?: string | null;
  readonly workCapacity?: string | null;
  readonly rehabilitationNeeds?: string | null;
  readonly decisions?: readonly string[];
  readonly nextSteps?: readonly Prisma.InputJsonObject[];
  readonly attendeeParticipantIds?: readonly string[];
}

/** A note's fields as they were before a correction, and who replaced them. */
export interface NewNoteRevision {
  readonly workspaceId: string;
  readonly noteId: string;
  readonly version: number;
  readonly situation: string | null;
  readonly workCapacity: string | null;
  readonly rehabilitationNeeds: string | null;
  readonly decisions: Prisma.InputJsonValue;
  readonly nextSteps: Prisma.InputJsonValue;
  readonly attendeeParticipantIds: readonly string[];
  readonly changedById: string;
  readonly changedByParty: Party;
  readonly reason: string | null;
}

export type MeetingNoteRow = Prisma.MeetingNoteGetPayload<{ select: typeof noteSelect }>;

export interface NewMeetingNote {
  readonly id: string;
  readonly workspaceId: string;
  readonly meetingId: string;
  readonly authorId: string;
  readonly authorParty: Party;
  readonly category: 'MEETING_NOTES' | 'MEDICAL';
  readonly situation: string | null;
  readonly workCapacity: string | null;
  readonly rehabilitationNeeds: string | null;
  readonly decisions: readonly string[];
  readonly nextSteps: readonly Prisma.InputJsonObject[];
  readonly attendeeParticipantIds: readonly string[];
}

@Injectable()
export class MeetingNotesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The meeting's notes the caller may read (scoped in SQL by the ability), oldest first. */
  list(workspaceId: string, meetingId: string, ability: WorkspaceAbility) {
    return this.prisma.meetingNote.findMany({
      where: { AND: [{ workspaceId, meetingId }, readableWhere(ability, 'MeetingNote')] },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: noteSelect,
    });
  }

  async create(tx: Tx, note: NewMeetingNote) {
    const { attendeeParticipantIds, ...fields } = note;
    await tx.meetingNote.create({
      data: { ...fields, decisions: [...note.decisions], nextSteps: [...note.nextSteps] },
      select: { id: true },
    });
    await this.setAttendees(tx, note.workspaceId, note.id, attendeeParticipantIds);
    return tx.meetingNote.findUniqueOrThrow({ where: { id: note.id }, select: noteSelect });
  }

  /** One note of a meeting of this workspace (any the caller may or may not read), or null. */
  findInMeeting(client: Tx, workspaceId: string, meetingId: string, noteId: string) {
    return client.meetingNote.findFirst({
      where: { id: noteId, workspaceId, meetingId },
      select: noteSelect,
    });
  }

  /**
   * Writes a correction if the note is still at `version` (optimistic concurrency: a
   * conditional update, so two correctors of the same version cannot both win) and raises
   * its version. Only the fields in `correction` are set; `revision` (the fields as they
   * were) is kept beside it. Null when the version was stale, and nothing is written.
   */
  async correct(
    tx: Tx,
    note: { readonly id: string; readonly workspaceId: string; readonly version: number },
    correction: NoteCorrection,
    revision: NewNoteRevision,
  ) {
    const { attendeeParticipantIds, decisions, nextSteps, ...text } = correction;
    const { count } = await tx.meetingNote.updateMany({
      where: { id: note.id, workspaceId: note.workspaceId, version: note.version },
      data: {
        ...text,
        ...(decisions !== undefined ? { decisions: [...decisions] } : {}),
        ...(nextSteps !== undefined ? { nextSteps: [...nextSteps] } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) return null;
    if (attendeeParticipantIds !== undefined) {
      await tx.meetingNoteAttendee.deleteMany({
        where: { noteId: note.id, workspaceId: note.workspaceId },
      });
      await this.setAttendees(tx, note.workspaceId, note.id, attendeeParticipantIds);
    }
    await tx.meetingNoteRevision.create({
      data: { ...revision, attendeeParticipantIds: [...revision.attendeeParticipantIds] },
      select: { id: true },
    });
    return tx.meetingNote.findUniqueOrThrow({ where: { id: note.id }, select: noteSelect });
  }

  /** A note's earlier versions, newest first. */
  revisions(workspaceId: string, noteId: string) {
    return this.prisma.meetingNoteRevision.findMany({
      where: { workspaceId, noteId },
      orderBy: { version: 'desc' },
      select: revisionSelect,
    });
  }

  /** Participants of this workspace by id (removed ones too: history names them). */
  async people(workspaceId: string, participantIds: readonly string[]): Promise<NotePerson[]> {
    if (participantIds.length === 0) return [];
    const rows = await this.prisma.participant.findMany({
      where: { workspaceId, id: { in: [...participantIds] } },
      select: { id: true, party: true, user: { select: { name: true } } },
    });
    return rows.map((row) => ({ participantId: row.id, name: row.user.name, party: row.party }));
  }

  private async setAttendees(
    tx: Tx,
    workspaceId: string,
    noteId: string,
    participantIds: readonly string[],
  ): Promise<void> {
    if (participantIds.length === 0) return;
    await tx.meetingNoteAttendee.createMany({
      data: participantIds.map((participantId) => ({ workspaceId, noteId, participantId })),
    });
  }

  /** The parties taking part in the workspace now (each once). */
  async partiesOf(client: Tx, workspaceId: string): Promise<Party[]> {
    const rows = await client.participant.findMany({
      where: { workspaceId, removedAt: null },
      distinct: ['party'],
      select: { party: true },
    });
    return rows.map((row) => row.party);
  }

  /** The party of an active participant of this workspace, or null. */
  async participantParty(
    client: Tx,
    workspaceId: string,
    participantId: string,
  ): Promise<Party | null> {
    const row = await client.participant.findFirst({
      where: { id: participantId, workspaceId, removedAt: null },
      select: { party: true },
    });
    return row?.party ?? null;
  }
}
