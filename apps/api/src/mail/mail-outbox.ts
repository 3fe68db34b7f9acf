import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { TransactionRunner, type Tx } from '../prisma/transaction';
import { renderMail } from './mail-render';
import { MailRepository } from './mail.repository';
import type { MailRequest } from './mail.types';

/** After the events' fan-out (order 10): a nudge is the least urgent post-commit work. */
const MAIL_COMMIT_ORDER = 20;

/**
 * Where a change puts the mail it causes: rendered now (the recipient's language; subject,
 * text and HTML) and inserted in the change's own transaction, so a rolled-back change sends
 * nothing and a committed one's mail survives a crash. The MailWorker delivers it.
 *
 * When the transaction came from the TransactionRunner, the worker of this process is nudged
 * right after the commit. A nudge is only a shortcut: a lost one (a bare Prisma transaction,
 * another instance's worker) leaves the message to the next poll.
 */
@Injectable()
export class MailOutbox {
  /** Transactions that enqueued mail and have not committed yet. */
  private readonly enqueuedIn = new WeakSet<Tx>();
  private readonly committedListeners = new Set<() => void>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MailRepository,
    transactions: TransactionRunner,
  ) {
    transactions.onCommitted(MAIL_COMMIT_ORDER, (unit) => {
      if (this.enqueuedIn.delete(unit.tx)) {
        for (const listener of this.committedListeners) listener();
      }
      return Promise.resolve();
    });
  }

  /** Renders the message and writes it to the outbox inside `tx`. */
  async enqueue(tx: Tx, request: MailRequest): Promise<void> {
    // Lower-cased like every address the product stores (users, invitations).
    const to = request.to.trim().toLowerCase();
    // The callers pass addresses they have validated; this only keeps a broken one out of
    // the SMTP envelope (a line break there would be a command of its own).
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(to)) {
      throw new Error(`MailOutbox: "${request.kind}" has no usable recipient address`);
    }
    const rendered = renderMail(request, this.config.mail.publicUrl);
    await this.repository.insert(tx, {
      kind: request.kind,
      toAddress: to,
      language: rendered.language,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      ...(request.attachments ? { attachments: request.attachments } : {}),
    });
    this.enqueuedIn.add(tx);
  }

  /** Calls `listener` after each commit of a TransactionRunner unit that enqueued mail. */
  onMailCommitted(listener: () => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }
}
