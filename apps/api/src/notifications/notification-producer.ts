import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  type Category,
  categorySchema,
  type NotificationKind,
  type Party,
  partySchema,
} from '@atergang/contracts';
import { EventsRepository, type RangeRow } from '../events/events.repository';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { JobQueue } from './job-queue';
import { NotificationDelivery, type MailRecipient } from './notification-delivery';
import type { NotificationSubjectType } from './notification-kinds';
import { type CaseMember, NotificationRecipients } from './notification-recipients';
import { NotificationReminders } from './notification-reminders';
import type { NotificationParams } from './notification-text';
import { NotificationVisibility } from './notification-visibility';

/** Jobs this producer adds and handles. */
export const PRODUCER_JOBS = {
  /** A unit's events of one case: { workspaceId, after, upTo }. */
  events: 'notify-events',
  /** The patient changed what a party may see: { workspaceId, party, categories, change, consentId }. */
  consent: 'notify-consent',
} as const;

const eventsJobSchema = z.object({
  workspaceId: z.uuid(),
  after: z.number().int().min(0),
  upTo: z.number().int().min(1),
});

const consentJobSchema = z.object({
  workspaceId: z.uuid(),
  consentId: z.uuid(),
  party: partySchema,
  categories: z.array(categorySchema),
  change: z.enum(['granted', 'revoked']),
});

/** Who to tell about one event, and what. */
interface Told {
  readonly kind: NotificationKind;
  readonly subjectType: NotificationSubjectType;
  readonly subjectId: string;
  readonly recipients: readonly MailRecipient[];
  readonly params?: NotificationParams;
  /** Defaults to one per event and person. */
  readonly dedupeKey?: (recipient: MailRecipient) => string;
}

/**
 * Turns what happened in a case into notifications. Every unit of work that appended events
 * adds, in its own transaction, one job naming them; the job reads them back, finds who
 * must know (an assignee, the invitees, the organiser, the patient), judges each person
 * with NotificationVisibility at that moment, and delivers. It also moves the reminders the
 * change affects (a task's due date, a meeting's time). The patient's consent changes come
 * the same way, from the consents service, since they are not in the shared event log.
 */
@Injectable()
export class NotificationProducer {
  constructor(
    private readonly queue: JobQueue,
    private readonly transactions: TransactionRunner,
    private readonly events: EventsRepository,
    private readonly recipients: NotificationRecipients,
    private readonly visibility: NotificationVisibility,
    private readonly delivery: NotificationDelivery,
    private readonly reminders: NotificationReminders,
  ) {
    transactions.onFinishing(async (unit) => {
      for (const [workspaceId, range] of unit.appendedEvents) {
        await queue.add(unit.tx, PRODUCER_JOBS.events, {
          workspaceId,
          after: range.first - 1,
          upTo: range.last,
        });
      }
    });
    queue.register(PRODUCER_JOBS.events, (payload) =>
      this.onEvents(eventsJobSchema.parse(payload)),
    );
    queue.register(PRODUCER_JOBS.consent, (payload) =>
      this.onConsent(consentJobSchema.parse(payload)),
    );
  }

  /** In the consent change's unit: the party concerned is told once it commits. */
  async consentChanged(
    unit: UnitOfWork,
    change: {
      readonly workspaceId: string;
      readonly consentId: string;
      readonly party: Party;
      readonly categories: readonly Category[];
      readonly change: 'granted' | 'revoked';
    },
  ): Promise<void> {
    await this.queue.add(unit.tx, PRODUCER_JOBS.consent, change);
  }

  private async onEvents(job: z.infer<typeof eventsJobSchema>): Promise<void> {
    const events = await this.events.range(job.workspaceId, job.after, job.upTo);
    await this.transactions.run(async (unit) => {
      const members = await this.recipients.members(unit.tx, job.workspaceId);
      for (const event of events) {
        const told = await this.whoToTell(unit, event, members);
        for (const item of told) {
          await this.tell(unit, event, item);
        }
        await this.reminders.reconcileFor(unit, event);
      }
    });
  }

  private async onConsent(job: z.infer<typeof consentJobSchema>): Promise<void> {
    await this.transactions.run(async (unit) => {
      const members = await this.recipients.members(unit.tx, job.workspaceId);
      const kind: NotificationKind =
        job.change === 'granted' ? 'consent.granted' : 'consent.revoked';
      for (const member of members.filter((candidate) => candidate.party === job.party)) {
        const subject = {
          type: 'Consent' as const,
          id: job.consentId,
          workspaceId: job.workspaceId,
        };
        const verdict = await this.visibility.judge(member, subject, unit.tx);
        if (!verdict.visible) continue;
        await this.delivery.deliver(
          unit,
          {
            recipient: member,
            kind,
            subject,
            params: { party: job.party, categories: job.categories },
            dedupeKey: `${kind}:${job.consentId}:${member.userId}`,
          },
          verdict,
        );
      }
    });
  }

  private async tell(unit: UnitOfWork, event: RangeRow, told: Told): Promise<void> {
    const subject = { type: told.subjectType, id: told.subjectId, workspaceId: event.workspaceId };
    const seen = new Set<string>();
    for (const recipient of told.recipients) {
      // Nobody is told about their own change, nor twice about one.
      if (recipient.userId === event.actorUserId || seen.has(recipient.userId)) continue;
      seen.add(recipient.userId);
      const verdict = await this.visibility.judge(recipient, subject, unit.tx);
      if (!verdict.visible) continue;
      await this.delivery.deliver(
        unit,
        {
          recipient,
          kind: told.kind,
          subject,
          params: told.params ?? {},
          eventSeq: event.seq,
          dedupeKey:
            told.dedupeKey?.(recipient) ??
            `${told.kind}:${event.workspaceId}:${event.seq}:${recipient.userId}`,
        },
        verdict,
      );
    }
  }

  private async whoToTell(
    unit: UnitOfWork,
    event: RangeRow,
    members: readonly CaseMember[],
  ): Promise<Told[]> {
    const { tx } = unit;
    const id = subjectIdOf(event);
    if (!id) return [];
    switch (event.type) {
      case 'task.created': {
        const task = await tx.task.findUnique({ where: { id } });
        if (!task) return [];
        const recipients = task.assigneeParticipantId
          ? members.filter((member) => member.participantId === task.assigneeParticipantId)
          : task.assigneeParty
            ? members.filter((member) => member.party === task.assigneeParty)
            : [];
        return [{ kind: 'task.assigned', subjectType: 'Task', subjectId: id, recipients }];
      }
      case 'meeting.created':
      case 'meeting.response.recorded':
      case 'meeting.scheduled':
      case 'meeting.cancelled':
      case 'meeting.moved':
      case 'meeting.reopened':
        return this.aboutMeeting(unit, event, id, members);
      case 'plan.signed': {
        const signoff = event.actorUserId
          ? await tx.planSignoff.findFirst({
              where: { workspaceId: event.workspaceId, userId: event.actorUserId },
              orderBy: { signedAt: 'desc' },
            })
          : null;
        if (signoff?.decision !== 'ESTABLISHED') return [];
        const workspace = await tx.workspace.findUnique({
          where: { id: event.workspaceId },
          select: { patientUserId: true },
        });
        const answered = await tx.planSignoff.count({
          where: {
            workspaceId: event.workspaceId,
            version: signoff.version,
            userId: workspace?.patientUserId,
          },
        });
        if (!workspace || answered > 0) return [];
        return [
          {
            kind: 'plan.signoff-requested',
            subjectType: 'Plan',
            subjectId: signoff.planId,
            recipients: members.filter((member) => member.userId === workspace.patientUserId),
            params: { planVersion: signoff.version },
            dedupeKey: (recipient) =>
              `plan.signoff-requested:${event.workspaceId}:${signoff.version}:${recipient.userId}`,
          },
        ];
      }
      case 'document.uploaded':
        return [
          { kind: 'document.added', subjectType: 'Document', subjectId: id, recipients: members },
        ];
      case 'participant.invited':
      case 'invitation.approved':
        return this.aboutInvitation(unit, event, id, members);
      case 'meeting.request-answered':
        return this.aboutMeetingRequestAnswer(unit, id, members);
      // Nobody needs to act on these: they show in the case's history, not in the bell. The
      // case's facts included: what follows from them (a deadline task) is told on its own.
      // A plan handed over shows on the plan of its readers; FK's request for it reaches the
      // employer as the task it creates (told as task.assigned), and a request for an
      // avstämningsmöte reaches FK the same way.
      case 'meeting.requested':
      case 'document.deleted':
      case 'invitation.withdrawn':
      case 'note.created':
      case 'note.corrected':
      case 'participant.added':
      case 'participant.handed-over':
      case 'participant.removed':
      case 'plan.not-needed.recorded':
      case 'plan.updated':
      case 'plan.handed-over':
      case 'plan.handover-acknowledged':
      case 'plan.requested':
      case 'task.updated':
      case 'workspace.created':
      case 'certificate.added':
      case 'case.facts-changed':
      case 'case.closed':
      case 'case.reopened':
        return [];
    }
  }

  private async aboutMeeting(
    unit: UnitOfWork,
    event: RangeRow,
    meetingId: string,
    members: readonly CaseMember[],
  ): Promise<Told[]> {
    const meeting = await unit.tx.meeting.findUnique({
      where: { id: meetingId },
      include: { invitees: true, slots: true, responses: true },
    });
    if (!meeting) return [];
    const inviteeIds = new Set(meeting.invitees.map((invitee) => invitee.participantId));
    const invitees = members.filter((member) => inviteeIds.has(member.participantId));
    const fixed = meeting.slots.find((slot) => slot.id === meeting.scheduledSlotId);
    const start = fixed?.start.toISOString();
    const base = { subjectType: 'Meeting' as const, subjectId: meeting.id };
    switch (event.type) {
      case 'meeting.created':
        return [{ ...base, kind: 'meeting.proposed', recipients: invitees }];
      case 'meeting.scheduled':
        // Moved or cancelled before this was told: the later change tells instead.
        if (meeting.status !== 'SCHEDULED') return [];
        // The first fixed time raises the calendar sequence to 1; a move raises it again.
        return [
          {
            ...base,
            kind: meeting.icsSequence > 1 ? 'meeting.changed' : 'meeting.scheduled',
            recipients: invitees,
            params: { ...(start ? { start } : {}) },
          },
        ];
      case 'meeting.moved':
        // New times to answer: everyone invited but the one who moved it (their answers were
        // reset too); "moved" with the time it was booked for, if it was.
        return [
          {
            ...base,
            kind: 'meeting.changed',
            recipients: invitees.filter((member) => member.userId !== event.actorUserId),
            params: meeting.previousStart
              ? { previousStart: meeting.previousStart.toISOString(), newTimes: true }
              : { newTimes: true },
          },
        ];
      case 'meeting.reopened':
        // Proposed again: like a new proposal, a time to answer.
        return [
          {
            ...base,
            kind: 'meeting.proposed',
            recipients: invitees.filter((member) => member.userId !== event.actorUserId),
          },
        ];
      case 'meeting.cancelled':
        return [
          {
            ...base,
            kind: 'meeting.cancelled',
            recipients: invitees,
            params: start ? { start } : {},
          },
        ];
      case 'meeting.response.recorded': {
        const organiser = members.find((member) => member.userId === meeting.organiserId);
        if (!organiser || meeting.status !== 'PROPOSED') return [];
        const answering = meeting.invitees.filter(
          (invitee) => invitee.participantId !== organiser.participantId,
        );
        const complete = answering.every((invitee) =>
          meeting.slots.every((slot) =>
            meeting.responses.some(
              (response) =>
                response.participantId === invitee.participantId && response.slotId === slot.id,
            ),
          ),
        );
        if (!complete || answering.length === 0) return [];
        return [
          {
            ...base,
            kind: 'meeting.answers-complete',
            recipients: [organiser],
            // Once per round of proposals, however many answers change afterwards.
            dedupeKey: (recipient) =>
              `meeting.answers-complete:${meeting.id}:${meeting.icsSequence}:${recipient.userId}`,
          },
        ];
      }
      // Not meeting events: whoToTell routes only meeting.* here (a meeting request's own).
      case 'meeting.requested':
      case 'meeting.request-answered':
      case 'document.deleted':
      case 'document.uploaded':
      case 'invitation.approved':
      case 'invitation.withdrawn':
      case 'note.created':
      case 'note.corrected':
      case 'participant.added':
      case 'participant.handed-over':
      case 'participant.invited':
      case 'participant.removed':
      case 'plan.not-needed.recorded':
      case 'plan.signed':
      case 'plan.updated':
      case 'plan.handed-over':
      case 'plan.handover-acknowledged':
      case 'plan.requested':
      case 'task.created':
      case 'task.updated':
      case 'workspace.created':
      case 'certificate.added':
      case 'case.facts-changed':
      case 'case.closed':
      case 'case.reopened':
        return [];
    }
  }

  /** FK answered a request for an avstämningsmöte: the person who asked is told which way. */
  private async aboutMeetingRequestAnswer(
    unit: UnitOfWork,
    requestId: string,
    members: readonly CaseMember[],
  ): Promise<Told[]> {
    const row = await unit.tx.meetingRequest.findUnique({ where: { id: requestId } });
    if (!row?.decision) return [];
    return [
      {
        kind: 'meeting.request-answered',
        subjectType: 'MeetingRequest',
        subjectId: row.id,
        recipients: members.filter((member) => member.userId === row.requestedById),
        params: { decision: row.decision },
      },
    ];
  }

  private async aboutInvitation(
    unit: UnitOfWork,
    event: RangeRow,
    invitationId: string,
    members: readonly CaseMember[],
  ): Promise<Told[]> {
    const invitation = await unit.tx.invitation.findUnique({
      where: { id: invitationId },
      include: {
        organisation: { select: { name: true } },
        workspace: { select: { patientUserId: true } },
      },
    });
    if (!invitation) return [];
    const base = {
      kind: 'invitation.received' as const,
      subjectType: 'Invitation' as const,
      subjectId: invitation.id,
    };
    const organisationName = invitation.organisation?.name;
    if (invitation.approvalRequired && !invitation.approvedAt) {
      return [
        {
          ...base,
          recipients: members.filter(
            (member) => member.userId === invitation.workspace.patientUserId,
          ),
          params: { forApproval: true, ...(organisationName ? { organisationName } : {}) },
        },
      ];
    }
    const invitee = await this.recipients.user(unit.tx, { email: invitation.email });
    return invitee
      ? [{ ...base, recipients: [invitee], params: organisationName ? { organisationName } : {} }]
      : [];
  }
}

/** The changed item's id, from the event's data (every event carries it). */
function subjectIdOf(event: RangeRow): string | null {
  const payload = event.payload;
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
    const id = (payload as Record<string, unknown>)['id'];
    return typeof id === 'string' ? id : null;
  }
  return null;
}
