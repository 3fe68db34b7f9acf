import { Inject, Injectable } from '@nestjs/common';
import type { NotificationKind, NotificationPreferences } from '@atergang/contracts';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { addressOf } from '../mail/mail-address';
import { appLink, MAIL_LINKS } from '../mail/mail-links';
import { MailOutbox } from '../mail/mail-outbox';
import type { MailAttachment, MailLanguage } from '../mail/mail.types';
import { buildMeetingInvite, meetingInviteFileName } from '../meetings/meetings.ics';
import { toIcsMeeting } from '../meetings/meetings.mapper';
import { MeetingsRepository } from '../meetings/meetings.repository';
import type { Tx, UnitOfWork } from '../prisma/transaction';
import { JobQueue } from './job-queue';
import { NOTIFICATION_KIND_SPECS } from './notification-kinds';
import { NotificationPreferencesService } from './notification-preferences';
import { afterQuietHours, inQuietHours, nextDigestAt } from './notification-schedule';
import { NotificationSignals } from './notification-signals';
import {
  caseLabelInMail,
  notificationHeadline,
  type NotificationParams,
} from './notification-text';
import type { NotificationSubject, Recipient, Verdict } from './notification-visibility';
import { type NotificationRow, NotificationsRepository } from './notifications.repository';

/** Jobs this module adds (handlers in notification-mail.ts). */
export const MAIL_JOBS = {
  /** An e-mail held through quiet hours: { notificationId }. */
  deferred: 'notification-email',
  /** A person's daily digest: { userId }. */
  digest: 'notification-digest',
} as const;

/** A person to tell, with what the mail needs of them. */
export interface MailRecipient extends Recipient {
  readonly language: MailLanguage;
}

export interface NewNotification {
  readonly recipient: MailRecipient;
  readonly kind: NotificationKind;
  readonly subject: NotificationSubject;
  readonly params: NotificationParams;
  readonly eventSeq?: number;
  /** One notification per reason and person: the key a repeated job finds taken. */
  readonly dedupeKey: string;
}

/**
 * Makes a notification and sends its e-mail the way the person chose: at once (unless in
 * their quiet hours: then when they end), in the daily digest, or not at all. Everything in
 * the caller's transaction, so a job that runs twice makes and mails it once.
 */
@Injectable()
export class NotificationDelivery {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly preferences: NotificationPreferencesService,
    private readonly outbox: MailOutbox,
    private readonly queue: JobQueue,
    private readonly signals: NotificationSignals,
    private readonly meetings: MeetingsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The caller has judged the recipient may be told (`verdict.visible`). */
  async deliver(unit: UnitOfWork, notification: NewNotification, verdict: Verdict): Promise<void> {
    const { tx } = unit;
    const { recipient, subject } = notification;
    const id = await this.repository.insertIfNew(tx, {
      userId: recipient.userId,
      workspaceId: subject.workspaceId,
      kind: notification.kind,
      subjectType: subject.type,
      subjectId: subject.id,
      params: notification.params,
      eventSeq: notification.eventSeq ?? null,
      dedupeKey: notification.dedupeKey,
    });
    if (!id) return;
    const preferences = await this.preferences.effective(recipient.userId, tx);
    await this.routeEmail(unit, id, notification, verdict, preferences);
    unit.afterCommit(async () => {
      await this.signals.changed(recipient.userId, {
        unreadCount: await this.repository.unreadCount(recipient.userId),
        notificationId: id,
      });
    });
  }

  /** Sends a notification's e-mail now (the caller has judged it still visible). */
  async mailNow(
    unit: UnitOfWork,
    notification: NotificationRow,
    recipient: MailRecipient,
  ): Promise<void> {
    const { tx } = unit;
    const kind = notification.kind as NotificationKind;
    const params = notification.params as NotificationParams;
    await this.outbox.enqueue(tx, {
      kind: 'notification',
      to: recipient.email,
      language: recipient.language,
      params: {
        headline: notificationHeadline(kind, params, recipient.language),
        caseLabel: await this.mailCaseLabel(tx, notification.workspaceId, recipient),
        link: this.linkOf(notification),
      },
      attachments: await this.calendarFor(tx, notification, recipient),
    });
    await this.repository.setEmail(tx, notification.id, 'QUEUED');
    // In the recipient's own trail and the case's log: the case reached their mailbox.
    await this.audit.record(
      {
        userId: recipient.userId,
        name: recipient.name,
        requestId: 'job-queue',
        ip: null,
        party: null,
        organisationId: null,
      },
      {
        action: 'notification.mailed',
        resourceType: 'Notification',
        resourceId: notification.id,
        workspaceId: notification.workspaceId,
        outcome: 'ALLOWED',
      },
      unit,
    );
  }

  /** The web page a notification leads to. */
  linkOf(notification: Pick<NotificationRow, 'kind' | 'workspaceId'>): string {
    const spec = NOTIFICATION_KIND_SPECS[notification.kind as NotificationKind];
    if (notification.kind === 'invitation.received' && notification.workspaceId) {
      return appLink(MAIL_LINKS.notifications);
    }
    return notification.workspaceId
      ? appLink(MAIL_LINKS.casePage(notification.workspaceId, spec.page))
      : appLink(MAIL_LINKS.notifications);
  }

  /** The case as e-mail names it to this person. */
  async mailCaseLabel(
    db: Tx,
    workspaceId: string | null,
    recipient: MailRecipient,
  ): Promise<string | null> {
    if (!workspaceId) return null;
    const workspace = await db.workspace.findUnique({
      where: { id: workspaceId },
      select: { patientUserId: true, patient: { select: { name: true } } },
    });
    if (!workspace) return null;
    return caseLabelInMail(
      workspace.patient.name,
      workspace.patientUserId === recipient.userId,
      recipient.language,
    );
  }

  private async routeEmail(
    unit: UnitOfWork,
    id: string,
    notification: NewNotification,
    verdict: Verdict,
    preferences: NotificationPreferences,
  ): Promise<void> {
    const spec = NOTIFICATION_KIND_SPECS[notification.kind];
    const { tx } = unit;
    const delivery = spec.email ? preferences.kinds[notification.kind] : 'OFF';
    if (delivery === 'OFF' || !verdict.visible) return;
    const now = new Date();
    if (delivery === 'DAILY') {
      await this.repository.setEmail(tx, id, 'IN_DIGEST');
      // One digest job per person: the first notification of the day sets its time.
      await this.queue.add(
        tx,
        MAIL_JOBS.digest,
        { userId: notification.recipient.userId },
        {
          runAt: nextDigestAt(now, preferences.digestHour),
          jobKey: `digest:${notification.recipient.userId}`,
          jobKeyMode: 'preserve_run_at',
        },
      );
      return;
    }
    if (inQuietHours(now, preferences.quietHours)) {
      await this.repository.setEmail(tx, id, 'DEFERRED');
      await this.queue.add(
        tx,
        MAIL_JOBS.deferred,
        { notificationId: id },
        { runAt: afterQuietHours(now, preferences.quietHours), jobKey: `email:${id}` },
      );
      return;
    }
    const row = await tx.notification.findUniqueOrThrow({ where: { id } });
    await this.mailNow(unit, row, notification.recipient);
  }

  /**
   * The meeting's .ics for the kinds that carry one: its time, place and status under the
   * meeting's kind as title, addressed as every copy is (buildMeetingInvite: the recipient's
   * own address only) and without the agenda (free text that may hold more than a mailbox
   * should).
   */
  private async calendarFor(
    tx: Tx,
    notification: NotificationRow,
    recipient: MailRecipient,
  ): Promise<MailAttachment[] | undefined> {
    const spec = NOTIFICATION_KIND_SPECS[notification.kind as NotificationKind];
    if (!spec.calendar || !notification.workspaceId) return undefined;
    const row = await this.meetings.findInWorkspace(
      notification.workspaceId,
      notification.subjectId,
      tx,
    );
    if (!row) return undefined;
    const ics = toIcsMeeting(row);
    const forMail = {
      ...ics,
      title: MEETING_KIND_TITLES[recipient.language][row.kind],
      agenda: null,
    };
    const content = buildMeetingInvite(forMail, {
      userId: recipient.userId,
      serviceAddress: addressOf(this.config.mail.from),
      language: recipient.language,
    });
    return [
      {
        filename: meetingInviteFileName(forMail),
        contentType: 'text/calendar; charset=utf-8',
        content,
      },
    ];
  }
}

const MEETING_KIND_TITLES = {
  sv: {
    AVSTAMNINGSMOTE: 'Avstämningsmöte',
    SASSAM: 'SASSAM-kartläggning',
    GEMENSAM_KARTLAGGNING: 'Gemensam kartläggning',
    OMSTALLNINGSMOTE: 'Omställningsmöte',
    WORKPLACE_REHAB: 'Möte om arbetsplatsinriktad rehabilitering',
    FOLLOW_UP: 'Uppföljningsmöte',
  },
  en: {
    AVSTAMNINGSMOTE: 'Avstämningsmöte (joint meeting)',
    SASSAM: 'SASSAM assessment',
    GEMENSAM_KARTLAGGNING: 'Joint assessment (gemensam kartläggning)',
    OMSTALLNINGSMOTE: 'Omställningsmöte (transition meeting)',
    WORKPLACE_REHAB: 'Workplace rehabilitation meeting',
    FOLLOW_UP: 'Follow-up meeting',
  },
} as const;
