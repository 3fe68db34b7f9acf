import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { addressOf } from './mail-address';
import { MailOutbox } from './mail-outbox';
import { MAIL_SMTP_TIMEOUTS, retryDelaySeconds } from './mail-retry';
import { type ClaimedMail, MailRepository } from './mail.repository';

/** How often the outbox is looked at without a nudge (another instance's mail, retries). */
const POLL_INTERVAL_MS = 5_000;
/** How long shutdown waits for the send under way before cutting the connection. */
const STOP_GRACE_MS = 3_000;
/** Longest error text kept in last_error. */
const MAX_ERROR_LENGTH = 1_000;

type Transport = ReturnType<typeof createTransport>;

/**
 * Delivers the outbox through SMTP_URL (nodemailer), when it is set. Without it nothing is
 * sent: mail stays PENDING in the outbox, which demo mode shows as the Utkorg.
 *
 * One pass claims due messages one at a time and sends each; a pass starts every
 * POLL_INTERVAL_MS and right after a commit of this process enqueued mail. Any number of
 * instances may run one: a claim is a leased row (MailRepository.claimDue), so two workers
 * never send one message at the same time. Delivery is at least once: a process that dies
 * after the SMTP server took a message but before marking it SENT sends it again when the
 * lease ends (the Message-ID stays the same, so a mail client can tell the copy).
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailWorker.name);
  private transport: Transport | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private nextPass: Promise<void> | undefined;
  private stopping = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MailRepository,
    private readonly outbox: MailOutbox,
  ) {}

  onApplicationBootstrap(): void {
    const { smtpUrl } = this.config.mail;
    if (!smtpUrl) {
      if (this.config.env === 'production') {
        this.logger.warn('SMTP_URL is not set: e-mail is kept in the outbox and not sent');
      }
      return;
    }
    this.transport = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 1,
      ...MAIL_SMTP_TIMEOUTS,
    });
    this.unsubscribe = this.outbox.onMailCommitted(() => void this.wake());
    void this.wake();
  }

  /**
   * Starts a pass now (or right after the one under way) and resolves when it has found
   * nothing more that is due. Never rejects. Without SMTP_URL it does nothing.
   */
  wake(): Promise<void> {
    if (!this.transport || this.stopping) return Promise.resolve();
    if (this.nextPass) return this.nextPass;
    if (this.pass) {
      // Something may have become due after the running pass last looked: one more follows.
      this.nextPass = this.pass.then(() => {
        this.nextPass = undefined;
        return this.startPass();
      });
      return this.nextPass;
    }
    return this.startPass();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    const running = this.nextPass ?? this.pass;
    if (running) {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        running,
        new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS))),
      ]);
      clearTimeout(grace);
    }
    // Ends the pool's connections: a send still under way fails, and its message is sent
    // again when its lease ends (at least once).
    this.transport?.close();
    await running;
  }

  private startPass(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    clearTimeout(this.timer);
    this.pass = this.deliverDue().finally(() => {
      this.pass = undefined;
      if (!this.stopping) {
        this.timer = setTimeout(() => void this.wake(), POLL_INTERVAL_MS);
        this.timer.unref();
      }
    });
    return this.pass;
  }

  private async deliverDue(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    while (!this.stopping) {
      let claim: ClaimedMail | undefined;
      try {
        claim = await this.repository.claimDue(this.config.mail.leaseSeconds);
      } catch (error) {
        this.logger.warn(`could not read the mail outbox: ${describe(error)}`);
        return;
      }
      if (!claim) return;
      await this.deliver(transport, claim);
    }
  }

  private async deliver(transport: Transport, claim: ClaimedMail): Promise<void> {
    try {
      await transport.sendMail({
        from: this.config.mail.from,
        to: claim.toAddress,
        subject: claim.subject,
        text: claim.textBody,
        html: claim.htmlBody,
        attachments: (claim.attachments ?? []).map((file) => ({
          filename: file.filename,
          contentType: file.contentType,
          content: file.content,
        })),
        // Stable across attempts: a copy sent again after a crash is recognisably the same.
        messageId: `<${claim.id}@${senderDomain(this.config.mail.from)}>`,
        headers: {
          // RFC 3834: no vacation replies to a machine's message.
          'Auto-Submitted': 'auto-generated',
          'Content-Language': claim.language,
        },
      });
    } catch (error) {
      const message = describe(error).slice(0, MAX_ERROR_LENGTH);
      const retryIn = retryDelaySeconds(claim.attempts);
      try {
        await this.repository.markAttemptFailed(claim, message, retryIn);
      } catch (markError) {
        // The lease ends and the message is tried again: nothing is lost.
        this.logger.warn(`could not record a failed mail attempt: ${describe(markError)}`);
      }
      const outcome =
        retryIn === undefined
          ? `given up after ${claim.attempts} attempts`
          : `retrying in ${retryIn} s`;
      this.logger.warn(`mail ${claim.id} not delivered (${outcome}): ${message}`);
      return;
    }
    try {
      if (!(await this.repository.markSent(claim))) {
        this.logger.warn(`mail ${claim.id} was sent after its claim had ended`);
      }
    } catch (error) {
      // Sent but not marked: it is sent again when the lease ends (at least once).
      this.logger.warn(`mail ${claim.id} sent but not marked: ${describe(error)}`);
    }
  }
}

/** The domain of the From address, for Message-IDs. */
function senderDomain(from: string): string {
  const address = addressOf(from);
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'atergang.local';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
