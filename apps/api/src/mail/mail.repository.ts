import { Injectable } from '@nestjs/common';
import { type MailStatus, Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';
import type { MailAttachment } from './mail.types';

export interface NewMailMessage {
  readonly kind: string;
  readonly toAddress: string;
  readonly language: string;
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody: string;
  readonly attachments?: readonly MailAttachment[];
}

/** A message a worker has claimed: its lease runs until it is marked, or the lease ends. */
export interface ClaimedMail {
  readonly id: string;
  readonly toAddress: string;
  readonly language: string;
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody: string;
  readonly attachments: readonly MailAttachment[] | null;
  /** Attempts including this one: marking checks it, so an expired lease cannot mark twice. */
  readonly attempts: number;
}

export interface OutboxRow {
  readonly id: string;
  readonly kind: string;
  readonly toAddress: string;
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody: string;
  readonly status: MailStatus;
  readonly createdAt: Date;
}

/**
 * The mail outbox (mail_outbox). Times come from the database's clock (now()), so every
 * instance agrees on what is due whatever its own clock says.
 */
@Injectable()
export class MailRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** In the caller's transaction: the message exists exactly when the change commits. */
  async insert(tx: Tx, message: NewMailMessage): Promise<void> {
    const { attachments, ...fields } = message;
    await tx.mailMessage.create({
      data: {
        ...fields,
        attachments: attachments?.length
          ? [...attachments.map((file) => ({ ...file }))]
          : Prisma.DbNull,
      },
      select: { id: true },
    });
  }

  /**
   * Claims the oldest due message: counts the attempt and moves next_attempt_at a lease ahead,
   * in one statement. SKIP LOCKED lets concurrent workers (any instance) each take a
   * different row without waiting; the lease keeps a claimed row from every other worker
   * until this one marks it. A worker that dies before marking leaves the row to be claimed
   * again when the lease ends: delivery is at least once, never lost.
   */
  async claimDue(leaseSeconds: number): Promise<ClaimedMail | undefined> {
    const [row] = await this.prisma.$queryRaw<ClaimedMail[]>`
      UPDATE mail_outbox
         SET attempts = attempts + 1,
             next_attempt_at = now() + make_interval(secs => ${leaseSeconds}::double precision)
       WHERE id = (
               SELECT id
                 FROM mail_outbox
                WHERE status = 'PENDING' AND next_attempt_at <= now()
                ORDER BY next_attempt_at, created_at
                LIMIT 1
                  FOR UPDATE SKIP LOCKED
             )
      RETURNING id::text AS id,
                to_address AS "toAddress",
                language,
                subject,
                text_body AS "textBody",
                html_body AS "htmlBody",
                attachments,
                attempts`;
    return row;
  }

  /**
   * Sent. The bodies are cleared: they hold the link's token, which the token tables keep only
   * as a hash so that a read of the database opens no link. False when the claim was lost
   * (its lease ran out and another worker claimed the row again).
   */
  async markSent(claim: ClaimedMail): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE mail_outbox
         SET status = 'SENT', sent_at = now(), last_error = NULL, text_body = '', html_body = '',
             attachments = NULL
       WHERE id = ${claim.id}::uuid AND status = 'PENDING' AND attempts = ${claim.attempts}`;
    return count === 1;
  }

  /**
   * The attempt failed: keep the error and try again after `retryInSeconds`, or give up
   * (FAILED, bodies cleared as for a sent message) when `retryInSeconds` is undefined.
   */
  async markAttemptFailed(
    claim: ClaimedMail,
    error: string,
    retryInSeconds: number | undefined,
  ): Promise<boolean> {
    const count =
      retryInSeconds === undefined
        ? await this.prisma.$executeRaw`
            UPDATE mail_outbox
               SET status = 'FAILED', last_error = ${error}, text_body = '', html_body = ''
             WHERE id = ${claim.id}::uuid AND status = 'PENDING' AND attempts = ${claim.attempts}`
        : await this.prisma.$executeRaw`
            UPDATE mail_outbox
               SET last_error = ${error},
                   next_attempt_at =
                     now() + make_interval(secs => ${retryInSeconds}::double precision)
             WHERE id = ${claim.id}::uuid AND status = 'PENDING' AND attempts = ${claim.attempts}`;
    return count === 1;
  }

  /** The newest messages, newest first (the demo's Utkorg). */
  newest(take: number): Promise<OutboxRow[]> {
    return this.prisma.mailMessage.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
      select: {
        id: true,
        kind: true,
        toAddress: true,
        subject: true,
        textBody: true,
        htmlBody: true,
        status: true,
        createdAt: true,
      },
    });
  }
}
