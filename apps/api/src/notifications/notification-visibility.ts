import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import type { WorkspaceAccess } from '../access/access.types';
import { allows } from '../access/authorization';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';
import type { NotificationSubjectType } from './notification-kinds';

/** A person a notification may go to. */
export interface Recipient {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
}

/** What a notification is about. */
export interface NotificationSubject {
  readonly type: NotificationSubjectType;
  readonly id: string;
  readonly workspaceId: string | null;
}

/** The verdict for one reader: whether they may be told, and what they may read of the item. */
export interface Verdict {
  readonly visible: boolean;
  /** The item's title when the reader may read it (tasks, meetings, documents); never mailed. */
  readonly detail: string | null;
  /** The reader's access to the case, when they take part in it. */
  readonly access: WorkspaceAccess | null;
}

const HIDDEN: Verdict = { visible: false, detail: null, access: null };

/** The job queue has no request; the audit trail and access reads get this origin. */
const JOB_ORIGIN = { requestId: 'job-queue', ip: null } as const;

/**
 * Whether a person may be told about an item, asked the moment a notification is made, the
 * moment its e-mail is sent (a deferred one, a digest) and each time the bell lists it. The
 * answer is the REST one: the reader's access to the case (AccessService, as the guard
 * builds it) and the policy's read rule for the item's own row (`allows`), so a party that
 * lost consent, or left the case, is told nothing.
 */
@Injectable()
export class NotificationVisibility {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
  ) {}

  /** The reader's access to the case, or null when they do not take part (any more). */
  async accessOf(
    recipient: Recipient,
    workspaceId: string,
    db?: Tx,
    cache?: Map<string, WorkspaceAccess | null>,
  ): Promise<WorkspaceAccess | null> {
    const cached = cache?.get(workspaceId);
    if (cached !== undefined) return cached;
    const access = await this.access.forWorkspace(
      workspaceId,
      { id: recipient.userId, name: recipient.name },
      JOB_ORIGIN,
      db,
    );
    cache?.set(workspaceId, access);
    return access;
  }

  /** `cache` keeps each case's access for one pass over several notifications. */
  async judge(
    recipient: Recipient,
    subject: NotificationSubject,
    db?: Tx,
    cache?: Map<string, WorkspaceAccess | null>,
  ): Promise<Verdict> {
    if (subject.type === 'Invitation') {
      return (await this.invitationStillOpen(recipient, subject.id, db))
        ? { visible: true, detail: null, access: null }
        : HIDDEN;
    }
    if (!subject.workspaceId) return HIDDEN;
    const access = await this.accessOf(recipient, subject.workspaceId, db, cache);
    if (!access) return HIDDEN;
    const client = db ?? this.prisma;
    switch (subject.type) {
      case 'Task': {
        const row = await client.task.findFirst({
          where: { id: subject.id, workspaceId: subject.workspaceId },
        });
        return row && allows(access.ability, 'read', 'Task', row)
          ? { visible: true, detail: row.title, access }
          : HIDDEN;
      }
      case 'Meeting': {
        // The invitee rule reads `invitees: { some: { participantId } }`.
        const row = await client.meeting.findFirst({
          where: { id: subject.id, workspaceId: subject.workspaceId },
          include: { invitees: { select: { participantId: true } } },
        });
        return row && allows(access.ability, 'read', 'Meeting', row)
          ? { visible: true, detail: row.title, access }
          : HIDDEN;
      }
      case 'MeetingRequest': {
        // Its reason may hold what the asker wrote about her health: never a detail.
        const row = await client.meetingRequest.findFirst({
          where: { id: subject.id, workspaceId: subject.workspaceId },
        });
        return row && allows(access.ability, 'read', 'MeetingRequest', row)
          ? { visible: true, detail: null, access }
          : HIDDEN;
      }
      case 'Document': {
        const row = await client.document.findFirst({
          where: { id: subject.id, workspaceId: subject.workspaceId, deletedAt: null },
        });
        return row && allows(access.ability, 'read', 'Document', row)
          ? { visible: true, detail: row.title, access }
          : HIDDEN;
      }
      case 'Plan':
        return allows(access.ability, 'read', 'Plan')
          ? { visible: true, detail: null, access }
          : HIDDEN;
      case 'Consent':
      case 'Milestone':
        // About the case itself and the reader's own party: every participant may be told.
        return { visible: true, detail: null, access };
    }
  }

  /** An invitation still waiting: for its invitee, or for the patient's approval. */
  private async invitationStillOpen(
    recipient: Recipient,
    invitationId: string,
    db?: Tx,
  ): Promise<boolean> {
    const row = await (db ?? this.prisma).invitation.findUnique({
      where: { id: invitationId },
      include: { workspace: { select: { patientUserId: true } } },
    });
    if (!row || row.acceptedAt || row.revokedAt || row.expiresAt.getTime() <= Date.now()) {
      return false;
    }
    if (row.workspace.patientUserId === recipient.userId) {
      return row.approvalRequired && !row.approvedAt;
    }
    return (
      row.email.toLowerCase() === recipient.email.toLowerCase() &&
      (!row.approvalRequired || row.approvedAt !== null)
    );
  }
}
