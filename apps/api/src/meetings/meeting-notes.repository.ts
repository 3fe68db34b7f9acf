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
} as const satisfies Prisma.MeetingNoteSelect;

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

  create(tx: Tx, note: NewMeetingNote) {
    return tx.meetingNote.create({
      data: { ...note, decisions: [...note.decisions], nextSteps: [...note.nextSteps] },
      select: noteSelect,
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
