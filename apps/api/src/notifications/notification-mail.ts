import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { NotificationKind } from '@atergang/contracts';
import { appLink, MAIL_LINKS } from '../mail/mail-links';
import { MailOutbox } from '../mail/mail-outbox';
import { TransactionRunner } from '../prisma/transaction';
import { JobQueue } from './job-queue';
import { MAIL_JOBS, NotificationDelivery } from './notification-delivery';
import type { NotificationSubjectType } from './notification-kinds';
import { NotificationPreferencesService } from './notification-preferences';
import { NotificationRecipients } from './notification-recipients';
import { afterQuietHours, inQuietHours } from './notification-schedule';
import { notificationHeadline, type NotificationParams } from './notification-text';
import { NotificationVisibility } from './notification-visibility';
import { type NotificationRow, NotificationsRepository } from './notifications.repository';

const deferredJobSchema = z.object({ notificationId: z.uuid() });
const digestJobSchema = z.object({ userId: z.uuid() });

/**
 * The e-mail that is not sent at once: one held through quiet hours, and the daily digest.
 * Both judge each notification again when they send (consent holds at send time): what the
 * person may no longer see is WITHHELD, and a digest with nothing left is not sent.
 */
@Injectable()
export class NotificationMail {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: NotificationsRepository,
    private readonly recipients: NotificationRecipients,
    private readonly visibility: NotificationVisibility,
    private readonly delivery: NotificationDelivery,
    private readonly preferences: NotificationPreferencesService,
    private readonly outbox: MailOutbox,
    private readonly jobs: JobQueue,
  ) {
    jobs.register(MAIL_JOBS.deferred, (payload) =>
      this.sendDeferred(deferredJobSchema.parse(payload)),
    );
    jobs.register(MAIL_JOBS.digest, (payload) => this.sendDigest(digestJobSchema.parse(payload)));
  }

  private async sendDeferred(job: z.infer<typeof deferredJobSchema>): Promise<void> {
    await this.transactions.run(async (unit) => {
      const notification = await this.repository.findForUpdate(unit.tx, job.notificationId);
      if (notification?.email !== 'DEFERRED') return;
      const recipient = await this.recipients.user(unit.tx, { id: notification.userId });
      if (!recipient) {
        await this.repository.setEmail(unit.tx, notification.id, 'WITHHELD');
        return;
      }
      // The person may have changed their quiet hours meanwhile.
      const { quietHours } = await this.preferences.effective(recipient.userId, unit.tx);
      const now = new Date();
      if (inQuietHours(now, quietHours)) {
        await this.jobs.add(unit.tx, MAIL_JOBS.deferred, job, {
          runAt: afterQuietHours(now, quietHours),
          jobKey: `email:${notification.id}`,
        });
        return;
      }
      const verdict = await this.visibility.judge(recipient, subjectOf(notification), unit.tx);
      if (!verdict.visible) {
        await this.repository.setEmail(unit.tx, notification.id, 'WITHHELD');
        return;
      }
      await this.delivery.mailNow(unit, notification, recipient);
    });
  }

  private async sendDigest(job: z.infer<typeof digestJobSchema>): Promise<void> {
    await this.transactions.run(async (unit) => {
      const recipient = await this.recipients.user(unit.tx, { id: job.userId });
      const waiting = await this.repository.waitingForDigest(unit.tx, job.userId);
      if (waiting.length === 0) return;
      if (!recipient) {
        await this.repository.markEmails(
          unit.tx,
          waiting.map((row) => row.id),
          'WITHHELD',
        );
        return;
      }
      const shown: NotificationRow[] = [];
      const withheld: string[] = [];
      for (const notification of waiting) {
        const verdict = await this.visibility.judge(recipient, subjectOf(notification), unit.tx);
        if (verdict.visible) shown.push(notification);
        else withheld.push(notification.id);
      }
      await this.repository.markEmails(unit.tx, withheld, 'WITHHELD');
      if (shown.length === 0) return;
      const byCase = new Map<string | null, string[]>();
      for (const notification of shown) {
        const headlines = byCase.get(notification.workspaceId) ?? [];
        headlines.push(
          notificationHeadline(
            notification.kind as NotificationKind,
            notification.params as NotificationParams,
            recipient.language,
          ),
        );
        byCase.set(notification.workspaceId, headlines);
      }
      const cases = [];
      for (const [workspaceId, headlines] of byCase) {
        cases.push({
          caseLabel: await this.delivery.mailCaseLabel(unit.tx, workspaceId, recipient),
          headlines,
        });
      }
      await this.outbox.enqueue(unit.tx, {
        kind: 'notification-digest',
        to: recipient.email,
        language: recipient.language,
        params: { cases, link: appLink(MAIL_LINKS.notifications) },
      });
      await this.repository.markEmails(
        unit.tx,
        shown.map((row) => row.id),
        'DIGESTED',
      );
    });
  }
}

/** What a stored notification is about, for judging it again. */
export function subjectOf(notification: NotificationRow): {
  type: NotificationSubjectType;
  id: string;
  workspaceId: string | null;
} {
  return {
    type: notification.subjectType as NotificationSubjectType,
    id: notification.subjectId,
    workspaceId: notification.workspaceId,
  };
}
