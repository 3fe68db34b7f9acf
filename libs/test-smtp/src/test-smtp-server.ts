import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free loopback port that parses what arrives (mailparser). */
export class TestSmtpServer {
  readonly received: ParsedMail[] = [];
  /** While set, every recipient is refused with this temporary (4xx) error. */
  refuse: string | undefined;
  /**
   * Asked before each message is accepted: 'hold' leaves it unanswered (not received: the
   * sender never hears the 250), for a test that kills the sender mid-delivery.
   */
  beforeAccept: ((mail: ParsedMail) => 'accept' | 'hold') | undefined;
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (_address, _session, callback) => {
      if (this.refuse === undefined) {
        callback();
      } else {
        callback(Object.assign(new Error(this.refuse), { responseCode: 451 }));
      }
    },
    onData: (stream, _session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          if (this.beforeAccept?.(mail) === 'hold') return;
          this.received.push(mail);
          for (const waiter of this.waiters.filter((w) => this.received.length >= w.count)) {
            waiter.resolve();
          }
          callback();
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  /** Resolves once `count` messages in all have arrived. */
  async arrived(count: number): Promise<ParsedMail[]> {
    if (this.received.length < count) {
      await new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
    }
    return this.received;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(resolve);
    });
  }
}
