import { Injectable } from '@nestjs/common';
import type { MeetingKind, Party, Prisma, SlotAnswer } from '@prisma/client';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

const meetingSelect = {
  id: true,
  workspaceId: true,
  kind: true,
  title: true,
  agenda: true,
  status: true,
  organiserId: true,
  organiserParty: true,
  location: true,
  videoUrl: true,
  scheduledSlotId: true,
  icsSequence: true,
  icsUid: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  cancelledAt: true,
  cancelReason: true,
  changeKind: true,
  changedAt: true,
  changeReason: true,
  previousStart: true,
  previousEnd: true,
  organiser: { select: { id: true, name: true, email: true } },
  slots: {
    orderBy: [{ start: 'asc' }, { id: 'asc' }],
    select: { id: true, start: true, end: true },
  },
  invitees: {
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      participantId: true,
      participant: {
        select: {
          party: true,
          user: { select: { id: true, name: true, email: true } },
          organisation: { select: { name: true } },
        },
      },
    },
  },
  responses: {
    orderBy: [{ answeredAt: 'asc' }, { id: 'asc' }],
    select: { slotId: true, participantId: true, answer: true, answeredAt: true },
  },
} as const satisfies Prisma.MeetingSelect;

export type MeetingRow = Prisma.MeetingGetPayload<{ select: typeof meetingSelect }>;

export interface NewMeeting {
  readonly workspaceId: string;
  readonly kind: MeetingKind;
  readonly title: string;
  readonly agenda: string | null;
  readonly organiserId: string;
  readonly organiserParty: Party;
  readonly location: string | null;
  readonly videoUrl: string | null;
  readonly slots: readonly { readonly start: Date; readonly end: Date }[];
  readonly inviteeIds: readonly string[];
}

@Injectable()
export class MeetingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The meetings the caller may read (scoped in SQL by the ability), newest first. */
  list(workspaceId: string, ability: WorkspaceAbility) {
    return this.prisma.meeting.findMany({
      where: { AND: [{ workspaceId }, readableWhere(ability, 'Meeting')] },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      select: meetingSelect,
    });
  }

  /** A meeting of this workspace, whoever may read it (the service checks that). */
  findInWorkspace(workspaceId: string, meetingId: string, client: Tx = this.prisma) {
    return client.meeting.findFirst({
      where: { id: meetingId, workspaceId },
      select: meetingSelect,
    });
  }

  /** Which of these ids are active (not removed) participants of this workspace. */
  activeParticipants(client: Tx, workspaceId: string, participantIds: readonly string[]) {
    return client.participant.findMany({
      where: { workspaceId, id: { in: [...participantIds] }, removedAt: null },
      select: { id: true, party: true },
    });
  }

  async create(tx: Tx, meeting: NewMeeting): Promise<MeetingRow> {
    const { slots, inviteeIds, ...fields } = meeting;
    const created = await tx.meeting.create({ data: fields, select: { id: true } });
    await tx.meetingSlot.createMany({
      data: slots.map((slot) => ({
        workspaceId: meeting.workspaceId,
        meetingId: created.id,
        start: slot.start,
        end: slot.end,
      })),
    });
    await tx.meetingInvitee.createMany({
      data: inviteeIds.map((participantId) => ({
        workspaceId: meeting.workspaceId,
        meetingId: created.id,
        participantId,
      })),
    });
    return tx.meeting.findUniqueOrThrow({ where: { id: created.id }, select: meetingSelect });
  }

  /**
   * One answer per (slot, participant): a new answer replaces the earlier one. Null when
   * the meeting was cancelled in the meantime (the check and the write are one statement).
   */
  async recordResponse(
    tx: Tx,
    response: {
      workspaceId: string;
      meetingId: string;
      slotId: string;
      participantId: string;
      answer: SlotAnswer;
    },
  ): Promise<MeetingRow | null> {
    if (!(await this.changeOpenMeeting(tx, response.meetingId, {}))) {
      return null;
    }
    await tx.slotResponse.upsert({
      where: {
        slotId_participantId: { slotId: response.slotId, participantId: response.participantId },
      },
      create: response,
      update: { answer: response.answer, answeredAt: new Date() },
    });
    return tx.meeting.findUniqueOrThrow({
      where: { id: response.meetingId },
      select: meetingSelect,
    });
  }

  /** Fixes the time; null when the meeting was cancelled in the meantime. */
  async schedule(tx: Tx, meetingId: string, slotId: string): Promise<MeetingRow | null> {
    const changed = await this.changeOpenMeeting(tx, meetingId, {
      status: 'SCHEDULED',
      scheduledSlotId: slotId,
      icsSequence: { increment: 1 },
    });
    return changed
      ? tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: meetingSelect })
      : null;
  }

  /** Cancels; null when the meeting was already cancelled. */
  async cancel(tx: Tx, meetingId: string, reason: string | null): Promise<MeetingRow | null> {
    const changed = await this.changeOpenMeeting(tx, meetingId, {
      status: 'CANCELLED',
      cancelledAt: new Date(),
      cancelReason: reason,
      icsSequence: { increment: 1 },
    });
    return changed
      ? tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: meetingSelect })
      : null;
  }

  /**
   * New proposed times replace the old ones (their answers go with them: reset), in the
   * caller's transaction. MOVED applies to an open meeting, REOPENED to a cancelled one; the
   * status is checked in the same statement as the write, and `version` guards against a
   * change made since the caller read the meeting. Null when either no longer holds.
   */
  async replaceTimes(
    tx: Tx,
    change: {
      readonly workspaceId: string;
      readonly meetingId: string;
      readonly version: number;
      readonly kind: 'MOVED' | 'REOPENED';
      readonly reason: string | null;
      readonly previous: { readonly start: Date; readonly end: Date } | null;
      readonly slots: readonly { readonly start: Date; readonly end: Date }[];
    },
  ): Promise<MeetingRow | null> {
    const { count } = await tx.meeting.updateMany({
      where: {
        id: change.meetingId,
        version: change.version,
        status: change.kind === 'MOVED' ? { not: 'CANCELLED' } : 'CANCELLED',
      },
      data: {
        status: 'PROPOSED',
        scheduledSlotId: null,
        cancelledAt: null,
        cancelReason: null,
        changeKind: change.kind,
        changedAt: new Date(),
        changeReason: change.reason,
        previousStart: change.previous?.start ?? null,
        previousEnd: change.previous?.end ?? null,
        icsSequence: { increment: 1 },
        version: { increment: 1 },
      },
    });
    if (count !== 1) return null;
    // The old times and, by cascade, every answer to them.
    await tx.meetingSlot.deleteMany({ where: { meetingId: change.meetingId } });
    await tx.meetingSlot.createMany({
      data: change.slots.map((slot) => ({
        workspaceId: change.workspaceId,
        meetingId: change.meetingId,
        start: slot.start,
        end: slot.end,
      })),
    });
    return tx.meeting.findUniqueOrThrow({ where: { id: change.meetingId }, select: meetingSelect });
  }

  /** Applies a change (and a new version) unless the meeting is cancelled. */
  private async changeOpenMeeting(
    tx: Tx,
    meetingId: string,
    data: Prisma.MeetingUncheckedUpdateManyInput,
  ): Promise<boolean> {
    const { count } = await tx.meeting.updateMany({
      where: { id: meetingId, status: { not: 'CANCELLED' } },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1;
  }
}
