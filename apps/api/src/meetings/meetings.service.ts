import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import type {
  CancelMeetingRequest,
  CreateMeetingRequest,
  MeetingList,
  MeetingView,
  RecordResponseRequest,
  ScheduleMeetingRequest,
} from '@atergang/contracts';
import { consentRequired, forbidden } from '../access/access.errors';
import type { WorkspaceAccess } from '../access/access.types';
import { hasPermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import type { ApiError } from '../common/api-error';
import { EventsService } from '../events/events.service';
import { TransactionRunner, type Tx } from '../prisma/transaction';
import {
  avstamningsmoteCalledByFk,
  avstamningsmoteParticipants,
  meetingCancelled,
  meetingNotFound,
  onlyInviteesAnswer,
  onlyOrganiser,
  participantsNotInWorkspace,
  slotNotInMeeting,
} from './meetings.errors';
import { buildMeetingInvite } from './meetings.ics';
import { toIcsMeeting, toMeetingView } from './meetings.mapper';
import { MeetingsRepository, type MeetingRow } from './meetings.repository';
import { missingAvstamningsmoteParties } from './meetings.rules';

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
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  async list(access: WorkspaceAccess): Promise<MeetingList> {
    const rows = await this.repository.list(access.workspaceId, access.ability);
    await this.audit.record(access, {
      action: 'meeting.read',
      resourceType: 'Meeting',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return {
      meetings: rows.map(toMeetingView),
      withheld: access.isPatient || access.grantedCategories.has('MEETINGS') ? [] : ['MEETINGS'],
    };
  }

  async get(access: WorkspaceAccess, meetingId: string): Promise<MeetingView> {
    const row = await this.readable(access, meetingId, 'meeting.read');
    await this.auditRead(access, row.id);
    return toMeetingView(row);
  }

  async invite(access: WorkspaceAccess, meetingId: string): Promise<MeetingInvite> {
    const row = await this.readable(access, meetingId, 'meeting.read');
    await this.auditRead(access, row.id);
    return { filename: `meeting-${row.id}.ics`, content: buildMeetingInvite(toIcsMeeting(row)) };
  }

  async create(access: WorkspaceAccess, request: CreateMeetingRequest): Promise<MeetingView> {
    if (!hasPermission(access.party, 'meeting:create')) {
      throw await this.deny(
        access,
        'meeting.created',
        null,
        forbidden('Your party cannot arrange meetings.'),
      );
    }
    // FK calls an avstämningsmöte and decides whether it is held; the others ask FK for one.
    if (request.kind === 'AVSTAMNINGSMOTE' && access.party !== 'FK') {
      throw await this.deny(access, 'meeting.created', null, avstamningsmoteCalledByFk());
    }
    const found = await this.repository.activeParticipants(
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

    const row = await this.transactions.run(async (tx) => {
      const created = await this.repository.create(tx, {
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
      await this.recordChange(tx, access, created, 'meeting.created');
      return created;
    });
    return toMeetingView(row);
  }

  async respond(
    access: WorkspaceAccess,
    meetingId: string,
    request: RecordResponseRequest,
  ): Promise<MeetingView> {
    const current = await this.readable(access, meetingId, 'meeting.response.recorded');
    if (!current.invitees.some((invitee) => invitee.participantId === access.participantId)) {
      throw await this.deny(access, 'meeting.response.recorded', current.id, onlyInviteesAnswer());
    }
    this.requireOpen(current);
    this.requireSlot(current, request.slotId);
    const row = await this.transactions.run(async (tx) => {
      const updated = await this.repository.recordResponse(tx, {
        workspaceId: access.workspaceId,
        meetingId: current.id,
        slotId: request.slotId,
        participantId: access.participantId,
        answer: request.answer,
      });
      if (!updated) {
        throw meetingCancelled();
      }
      await this.recordChange(tx, access, updated, 'meeting.response.recorded');
      return updated;
    });
    return toMeetingView(row);
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
      return toMeetingView(current);
    }
    const row = await this.transactions.run(async (tx) => {
      const updated = await this.repository.schedule(tx, current.id, request.slotId);
      if (!updated) {
        throw meetingCancelled();
      }
      await this.recordChange(tx, access, updated, 'meeting.scheduled');
      return updated;
    });
    return toMeetingView(row);
  }

  async cancel(
    access: WorkspaceAccess,
    meetingId: string,
    request: CancelMeetingRequest,
  ): Promise<MeetingView> {
    const current = await this.readable(access, meetingId, 'meeting.cancelled');
    await this.requireOrganiser(access, current, 'meeting.cancelled', 'cancel');
    this.requireOpen(current);
    const row = await this.transactions.run(async (tx) => {
      const updated = await this.repository.cancel(tx, current.id, request.reason ?? null);
      if (!updated) {
        throw meetingCancelled();
      }
      await this.recordChange(tx, access, updated, 'meeting.cancelled');
      return updated;
    });
    return toMeetingView(row);
  }

  /**
   * For the meeting's notes: the meeting must be in this workspace (404) and visible to the
   * caller (403 consent-required), since its notes would reveal it.
   */
  async requireReadable(
    access: WorkspaceAccess,
    meetingId: string,
    action: string,
  ): Promise<{ readonly id: string; readonly cancelled: boolean }> {
    const row = await this.readable(access, meetingId, action);
    return { id: row.id, cancelled: row.status === 'CANCELLED' };
  }

  /** A meeting of this workspace the caller may read: 404 if not here, 403 if not shared. */
  private async readable(
    access: WorkspaceAccess,
    meetingId: string,
    action: string,
  ): Promise<MeetingRow> {
    const row = await this.repository.findInWorkspace(access.workspaceId, meetingId);
    if (!row) {
      throw meetingNotFound();
    }
    // The ability's invitee rule reads `invitees: { some: { participantId } }`: the row
    // carries its invitees for exactly that.
    if (!access.ability.can('read', subject('Meeting', row))) {
      throw await this.deny(access, action, row.id, consentRequired(['MEETINGS']));
    }
    return row;
  }

  private async requireOrganiser(
    access: WorkspaceAccess,
    meeting: MeetingRow,
    action: string,
    what: string,
  ): Promise<void> {
    if (access.userId === meeting.organiserId || access.party === meeting.organiserParty) {
      return;
    }
    throw await this.deny(access, action, meeting.id, onlyOrganiser(what));
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

  /** The change's event (category MEETINGS, authored by the organiser's party) and audit row. */
  private async recordChange(
    tx: Tx,
    access: WorkspaceAccess,
    meeting: MeetingRow,
    type: string,
  ): Promise<void> {
    await this.events.append(tx, {
      workspaceId: access.workspaceId,
      type,
      category: 'MEETINGS',
      actorUserId: access.userId,
      actorParty: access.party,
      subjectType: 'Meeting',
      subjectId: meeting.id,
      authorParty: meeting.organiserParty,
      payload: { id: meeting.id, version: meeting.version },
    });
    await this.audit.record(
      access,
      {
        action: type,
        resourceType: 'Meeting',
        resourceId: meeting.id,
        workspaceId: access.workspaceId,
        outcome: 'ALLOWED',
      },
      tx,
    );
  }

  private async auditRead(access: WorkspaceAccess, meetingId: string): Promise<void> {
    await this.audit.record(access, {
      action: 'meeting.read',
      resourceType: 'Meeting',
      resourceId: meetingId,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
  }

  private async deny(
    access: WorkspaceAccess,
    action: string,
    resourceId: string | null,
    error: ApiError,
  ): Promise<ApiError> {
    await this.audit.record(access, {
      action,
      resourceType: 'Meeting',
      resourceId,
      workspaceId: access.workspaceId,
      outcome: 'DENIED',
      reason: error.code,
    });
    return error;
  }
}
