import { Inject, Injectable } from '@nestjs/common';
import type {
  CancelMeetingRequest,
  CreateMeetingRequest,
  MeetingKind,
  MeetingList,
  MeetingView,
  MoveMeetingRequest,
  RecordResponseRequest,
  ReopenMeetingRequest,
  ScheduleMeetingRequest,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { allows, Authorization } from '../access/authorization';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { ChangeRecorder } from '../events/change-recorder';
import { TransactionRunner, type Tx, type UnitOfWork } from '../prisma/transaction';
import {
  avstamningsmoteParticipants,
  meetingCancelled,
  meetingChangedMeanwhile,
  meetingKindNotYours,
  meetingNotCancelled,
  meetingNotFound,
  moveReasonRequired,
  notAtMeeting,
  onlyInviteesAnswer,
  onlyOrganiser,
  participantsNotInWorkspace,
  slotNotInMeeting,
} from './meetings.errors';
import { addressOf } from '../mail/mail-address';
import { buildMeetingInvite, meetingInviteFileName } from './meetings.ics';
import { toIcsMeeting, toMeetingView } from './meetings.mapper';
import { MeetingsRepository, type MeetingRow } from './meetings.repository';
import { missingAvstamningsmoteParties, moveNeedsReason } from './meetings.rules';
import { withheldOf } from '../access/consent-rules';

/** Audited actions on one existing note (its correction, its history). */
type NoteChangeAction = 'note.corrected' | 'note.revisions.read';

/** A meeting as its notes need it: whether it is cancelled, and who was invited. */
export interface NoteMeeting {
  readonly id: string;
  readonly cancelled: boolean;
  readonly inviteeIds: readonly string[];
}

const noteMeetingOf = (row: MeetingRow): NoteMeeting => ({
  id: row.id,
  cancelled: row.status === 'CANCELLED',
  inviteeIds: row.invitees.map((invitee) => invitee.participantId),
});

/** The calendar invitation of a meeting, ready to send. */
export interface MeetingInvite {
  readonly filename: string;
  readonly content: string;
}

/**
 * Meetings: the organiser proposes times and invites participants, invitees answer per
 * time, the organiser fixes one (or cancels), and everyone who may see the meeting gets a
 * calendar invitation. A party sees the meetings it organises or is invited to, and all of
 * them when the patient granted MEETINGS.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly repository: MeetingsRepository,
    private readonly transactions: TransactionRunner,
    private readonly changes: ChangeRecorder,
    private readonly authorization: Authorization,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(access: WorkspaceAccess): Promise<MeetingList> {
    const rows = await this.repository.list(access.workspaceId, access.ability);
    const withheld = withheldOf(access, ['MEETINGS']);
    await this.audit.record(access, {
      // An empty list because the meetings were not shared was not a read of them.
      action:
        rows.length === 0 && withheld.includes('MEETINGS')
          ? 'meeting.read-withheld'
          : 'meeting.read',
      resourceType: 'Meeting',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return { meetings: rows.map((row) => this.view(access, row)), withheld };
  }

  async get(access: WorkspaceAccess, meetingId: string): Promise<MeetingView> {
    const row = await this.readable(access, meetingId, 'meeting.read');
    await this.auditRead(access, row.id);
    return this.view(access, row);
  }

  async invite(access: WorkspaceAccess, meetingId: string): Promise<MeetingInvite> {
    const row = await this.readable(access, meetingId, 'meeting.calendar.downloaded');
    await this.auditRead(access, row.id, 'meeting.calendar.downloaded');
    const ics = toIcsMeeting(row);
    return {
      filename: meetingInviteFileName(ics),
      content: buildMeetingInvite(ics, {
        userId: access.userId,
        serviceAddress: addressOf(this.config.mail.from),
        language: 'sv',
      }),
    };
  }

  create(access: WorkspaceAccess, request: CreateMeetingRequest): Promise<MeetingView> {
    return this.transactions.run((unit) => this.createInUnit(unit, access, request));
  }

  /** Arranges a meeting in the caller's unit (the demo case is built this way too). */
  async createInUnit(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    request: CreateMeetingRequest,
  ): Promise<MeetingView> {
    await this.authorization.require(
      access,
      'create',
      'Meeting',
      { kind: request.kind },
      {
        audit: 'meeting.created',
        resourceType: 'Meeting',
        error: () => meetingKindNotYours(request.kind),
      },
    );
    const found = await this.repository.activeParticipants(
      unit.tx,
      access.workspaceId,
      request.participantIds,
    );
    const partyOf = new Map(found.map((participant) => [participant.id, participant.party]));
    const unknown = request.participantIds.flatMap((id, index) => (partyOf.has(id) ? [] : [index]));
    if (unknown.length > 0) {
      throw participantsNotInWorkspace(unknown);
    }
    // The organiser is invited automatically.
    const inviteeIds = [...new Set([access.participantId, ...request.participantIds])];
    if (request.kind === 'AVSTAMNINGSMOTE') {
      const missing = missingAvstamningsmoteParties([access.party, ...partyOf.values()]);
      if (missing.length > 0) {
        throw avstamningsmoteParticipants(missing);
      }
    }
    const created = await this.repository.create(unit.tx, {
      workspaceId: access.workspaceId,
      kind: request.kind,
      title: request.title,
      agenda: request.agenda ?? null,
      organiserId: access.userId,
      organiserParty: access.party,
      location: request.location ?? null,
      videoUrl: request.videoUrl ?? null,
      slots: request.slots.map((slot) => ({
        start: new Date(slot.start),
        end: new Date(slot.end),
      })),
      inviteeIds,
    });
    await this.recordChange(unit, access, created, 'meeting.created');
    return this.view(access, created);
  }

  async respond(
    access: WorkspaceAccess,
    meetingId: string,
    request: RecordResponseRequest,
  ): Promise<MeetingView> {
    const current = await this.readable(access, meetingId, 'meeting.response.recorded');
    await this.authorization.require(access, 'respond', 'Meeting', current, {
      audit: 'meeting.response.recorded',
      resourceType: 'Meeting',
      resourceId: current.id,
      error: onlyInviteesAnswer,
    });
    this.requireOpen(current);
    this.requireSlot(current, request.slotId);
    const row = await this.transactions.run(async (unit) => {
      const updated = await this.repository.recordResponse(unit.tx, {
        workspaceId: access.workspaceId,
        meetingId: current.id,
        slotId: request.slotId,
        participantId: access.participantId,
        answer: request.answer,
      });
      if (!updated) {
        throw meetingCancelled();
      }
      await this.recordChange(unit, access, updated, 'meeting.response.recorded');
      return updated;
    });
    return this.view(access, row);
  }

  async schedule(
    access: WorkspaceAccess,
    meetingId: string,
    request: ScheduleMeetingRequest,
  ): Promise<MeetingView> {
    const current = await this.readable(access, meetingId, 'meeting.scheduled');
    await this.requireOrganiser(access, current, 'meeting.scheduled', 'fix the time of');
    this.requireOpen(current);
    this.requireSlot(current, request.slotId);
    if (current.status === 'SCHEDULED' && current.scheduledSlotId === request.slotId) {
      // Already fixed at that time: nothing changes, nothing is sent out again.
      return this.view(access, current);
    }
    const row = await this.transactions.run(async (unit) => {
      const updated = await this.repository.schedule(unit.tx, current.id, request.slotId);
      if (!updated) {
        throw meetingCancelled();
      }
      await this.recordChange(unit, access, updated, 'meeting.scheduled');
      return updated;
    });
    return this.view(access, row);
  }

  async cancel(
    access: WorkspaceAccess,
    meetingId: string,
    request: CancelMeetingRequest,
  ): Promise<MeetingView> {
    const current = await this.readable(access, meetingId, 'meeting.cancelled');
    await this.requireOrganiser(access, current, 'meeting.cancelled', 'cancel');
    this.requireOpen(current);
    const row = await this.transactions.run(async (unit) => {
      const updated = await this.repository.cancel(unit.tx, current.id, request.reason ?? null);
      if (!updated) {
        throw meetingCancelled();
      }
      await this.recordChange(unit, access, updated, 'meeting.cancelled');
      return updated;
    });
    return this.view(access, row);
  }

  /**
   * Moves a meeting: new proposed times replace the old ones, everyone's answers are reset,
   * and everyone invited is told (the event, its notification and the audit row in the
   * same transaction as the change). A booked meeting needs a reason (422 naming `reason`).
   */
  async move(
    access: WorkspaceAccess,
    meetingId: string,
    request: MoveMeetingRequest,
  ): Promise<MeetingView> {
    const current = await this.readable(access, meetingId, 'meeting.moved');
    await this.requireMover(access, current, 'meeting.moved', 'move');
    this.requireOpen(current);
    if (moveNeedsReason(current.status, request.reason)) {
      throw moveReasonRequired();
    }
    return this.replaceTimes(access, current, 'MOVED', request);
  }

  /** Opens a cancelled meeting again with new proposed times (answered anew). */
  async reopen(
    access: WorkspaceAccess,
    meetingId: string,
    request: ReopenMeetingRequest,
  ): Promise<MeetingView> {
    const current = await this.readable(access, meetingId, 'meeting.reopened');
    await this.requireMover(access, current, 'meeting.reopened', 'reopen');
    if (current.status !== 'CANCELLED') {
      throw meetingNotCancelled();
    }
    return this.replaceTimes(access, current, 'REOPENED', request);
  }

  private async replaceTimes(
    access: WorkspaceAccess,
    current: MeetingRow,
    kind: 'MOVED' | 'REOPENED',
    request: MoveMeetingRequest,
  ): Promise<MeetingView> {
    const booked = current.slots.find((slot) => slot.id === current.scheduledSlotId);
    const reason = request.reason?.trim() || null;
    const row = await this.transactions.run(async (unit) => {
      const updated = await this.repository.replaceTimes(unit.tx, {
        workspaceId: access.workspaceId,
        meetingId: current.id,
        version: current.version,
        kind,
        reason,
        previous:
          kind === 'MOVED' && current.status === 'SCHEDULED' && booked
            ? { start: booked.start, end: booked.end }
            : null,
        slots: request.slots.map((slot) => ({
          start: new Date(slot.start),
          end: new Date(slot.end),
        })),
      });
      if (!updated) {
        throw meetingChangedMeanwhile();
      }
      await this.recordChange(
        unit,
        access,
        updated,
        kind === 'MOVED' ? 'meeting.moved' : 'meeting.reopened',
      );
      return updated;
    });
    return this.view(access, row);
  }

  /**
   * For the meeting's notes: the meeting must be in this workspace (404) and visible to the
   * caller (403 consent-required), since its notes would reveal it.
   */
  async requireReadable(
    access: WorkspaceAccess,
    meetingId: string,
    action: 'note.read' | 'note.created' | 'note.reach.checked' | NoteChangeAction,
    db?: Tx,
  ): Promise<NoteMeeting> {
    const row = await this.readable(access, meetingId, action, db);
    return noteMeetingOf(row);
  }

  /**
   * For writing notes: the meeting as `requireReadable`, and one the caller's party arranged
   * or the caller was invited to (403 otherwise).
   */
  async requireNoteTaker(
    access: WorkspaceAccess,
    meetingId: string,
    action: 'note.created' | 'note.reach.checked',
    db?: Tx,
  ): Promise<NoteMeeting> {
    const row = await this.readable(access, meetingId, action, db);
    await this.authorization.require(access, 'takeNotes', 'Meeting', row, {
      audit: action,
      resourceType: 'Meeting',
      resourceId: row.id,
      error: notAtMeeting,
    });
    return noteMeetingOf(row);
  }

  /**
   * A meeting of this workspace the caller may read, as another feature names it (FK's
   * answer to a request for an avstämningsmöte), or null when there is none to the caller:
   * that feature answers for the id it was given (a 422 naming its field).
   */
  async findReadable(
    access: WorkspaceAccess,
    meetingId: string,
    db?: Tx,
  ): Promise<{
    readonly id: string;
    readonly kind: MeetingKind;
    readonly cancelled: boolean;
  } | null> {
    const row = await this.repository.findInWorkspace(access.workspaceId, meetingId, db);
    if (!row || !allows(access.ability, 'read', 'Meeting', row)) return null;
    return { id: row.id, kind: row.kind, cancelled: row.status === 'CANCELLED' };
  }

  /** A meeting of this workspace the caller may read: 404 if not here, 403 if not shared. */
  private async readable(
    access: WorkspaceAccess,
    meetingId: string,
    action:
      | 'meeting.read'
      | 'meeting.calendar.downloaded'
      | 'meeting.response.recorded'
      | 'meeting.scheduled'
      | 'meeting.cancelled'
      | 'meeting.moved'
      | 'meeting.reopened'
      | 'note.read'
      | 'note.created'
      | 'note.reach.checked'
      | NoteChangeAction,
    db?: Tx,
  ): Promise<MeetingRow> {
    const row = await this.repository.findInWorkspace(access.workspaceId, meetingId, db);
    if (!row) {
      throw meetingNotFound();
    }
    // The ability's invitee rule reads `invitees: { some: { participantId } }`: the row
    // carries its invitees for exactly that.
    await this.authorization.requireReadable(access, 'Meeting', row, action);
    return row;
  }

  private async requireOrganiser(
    access: WorkspaceAccess,
    meeting: MeetingRow,
    action: 'meeting.scheduled' | 'meeting.cancelled',
    what: string,
  ): Promise<void> {
    await this.authorization.require(access, 'arrange', 'Meeting', meeting, {
      audit: action,
      resourceType: 'Meeting',
      resourceId: meeting.id,
      error: () => onlyOrganiser(what),
    });
  }

  private async requireMover(
    access: WorkspaceAccess,
    meeting: MeetingRow,
    action: 'meeting.moved' | 'meeting.reopened',
    what: string,
  ): Promise<void> {
    await this.authorization.require(access, 'move', 'Meeting', meeting, {
      audit: action,
      resourceType: 'Meeting',
      resourceId: meeting.id,
      error: () => onlyOrganiser(what),
    });
  }

  /** The meeting as read, with what the caller may do with it (the policy's arrange, move). */
  private view(access: WorkspaceAccess, row: MeetingRow): MeetingView {
    const open = row.status !== 'CANCELLED';
    const arrange = allows(access.ability, 'arrange', 'Meeting', row);
    const move = allows(access.ability, 'move', 'Meeting', row);
    return toMeetingView(row, {
      cancel: open && arrange,
      schedule: open && arrange,
      move: open && move,
      reopen: !open && move,
    });
  }

  private requireOpen(meeting: MeetingRow): void {
    if (meeting.status === 'CANCELLED') {
      throw meetingCancelled();
    }
  }

  private requireSlot(meeting: MeetingRow, slotId: string): void {
    if (!meeting.slots.some((slot) => slot.id === slotId)) {
      throw slotNotInMeeting();
    }
  }

  /** The change's event (visible as the meeting: its invitees and readers) and audit row. */
  private recordChange(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    meeting: MeetingRow,
    type:
      | 'meeting.created'
      | 'meeting.response.recorded'
      | 'meeting.scheduled'
      | 'meeting.cancelled'
      | 'meeting.moved'
      | 'meeting.reopened',
  ): Promise<void> {
    return this.changes.record(unit, access, {
      type,
      resource: { type: 'Meeting', id: meeting.id, version: meeting.version },
      visibleAs: [{ subject: 'Meeting', row: meeting }],
    });
  }

  private async auditRead(
    access: WorkspaceAccess,
    meetingId: string,
    action: 'meeting.read' | 'meeting.calendar.downloaded' = 'meeting.read',
  ): Promise<void> {
    await this.audit.record(access, {
      action,
      resourceType: 'Meeting',
      resourceId: meetingId,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
  }
}
