import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PrismaClient } from '@prisma/client';
import { createApp } from '../configure-app';
import { TransactionRunner } from '../prisma/transaction';
import { openPrisma } from '../testing/demo-fixture';
import { TestSmtpServer } from '@atergang/test-smtp';
import { createTestApp, type TestApp } from '../testing/test-app';
import { appLink, MAIL_LINKS } from './mail-links';
import { MailOutbox } from './mail-outbox';
import { MailWorker } from './mail-worker';
import type { MailRequest } from './mail.types';

function invitation(to: string, token: string): MailRequest {
  return {
    kind: 'case-invitation',
    to,
    language: 'sv',
    params: {
      inviterName: 'Anna Andersson',
      inviterOrganisationName: null,
      organisationName: 'Vårdcentralen Linden',
      link: appLink(MAIL_LINKS.caseInvitation, token),
      expiresAt: new Date('2026-12-20T09:00:00Z'),
    },
  };
}

describe('mail delivery through SMTP', () => {
  let smtp: TestSmtpServer;
  let testApp: TestApp;
  let owner: PrismaClient;
  let outbox: MailOutbox;
  let worker: MailWorker;
  let transactions: TransactionRunner;

  const enqueueCommitted = (...requests: MailRequest[]) =>
    transactions.run(async (unit) => {
      for (const request of requests) await outbox.enqueue(unit.tx, request);
    });

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const port = await smtp.listen();
    testApp = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Återgång <no-reply@atergang.example>',
      PUBLIC_URL: 'https://atergang.example',
    });
    owner = openPrisma(testApp.database.url);
    outbox = testApp.app.get(MailOutbox);
    worker = testApp.app.get(MailWorker);
    transactions = testApp.app.get(TransactionRunner);
  });

  afterAll(async () => {
    await owner.$disconnect();
    await testApp.close();
    await smtp.close();
  });

  beforeEach(() => {
    smtp.received.length = 0;
    smtp.refuse = undefined;
  });

  it('delivers mail enqueued in a committed transaction, with text and HTML parts', async () => {
    await enqueueCommitted(invitation('ny.kollega@example.test', 'tok-commit'));

    // The commit nudged the worker; no poll interval is waited for.
    const [mail] = await smtp.arrived(1);
    expect(mail!.subject).toBe('Inbjudan att delta i ett ärende i Återgång');
    expect(mail!.from?.value).toEqual([{ address: 'no-reply@atergang.example', name: 'Återgång' }]);
    expect(mail!.to).toMatchObject({ value: [{ address: 'ny.kollega@example.test' }] });
    expect(mail!.text).toContain('Anna Andersson bjuder in dig att delta i ett ärende');
    expect(mail!.text).toContain('https://atergang.example/inbjudan#tok-commit');
    expect(mail!.html).toContain('href="https://atergang.example/inbjudan#tok-commit"');
    expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');

    await worker.wake();
    const row = await owner.mailMessage.findFirstOrThrow({
      where: { toAddress: 'ny.kollega@example.test' },
    });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(mail!.messageId).toBe(`<${row.id}@atergang.example>`);
    // The token left with the message: the database keeps no working link.
    expect(row.textBody).toBe('');
    expect(row.htmlBody).toBe('');
  });

  it('sends nothing for a rolled-back transaction', async () => {
    await expect(
      transactions.run(async (unit) => {
        await outbox.enqueue(unit.tx, invitation('aldrig@example.test', 'tok-rollback'));
        throw new Error('the change fails after the mail was enqueued');
      }),
    ).rejects.toThrow('the change fails');

    // A whole pass of the worker finds nothing to send.
    await worker.wake();
    expect(await owner.mailMessage.count({ where: { toAddress: 'aldrig@example.test' } })).toBe(0);
    expect(smtp.received).toEqual([]);
  });

  it('keeps a refused message pending with its error and retries it later', async () => {
    smtp.refuse = 'Mailbox busy, try again later';
    await enqueueCommitted(invitation('upptagen@example.test', 'tok-retry'));
    await worker.wake();

    const [refused] = await owner.$queryRaw<
      { status: string; attempts: number; lastError: string | null; waitSeconds: number }[]
    >`SELECT status::text, attempts, last_error AS "lastError",
             extract(epoch FROM next_attempt_at - now())::float8 AS "waitSeconds"
        FROM mail_outbox WHERE to_address = 'upptagen@example.test'`;
    expect(refused).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(refused!.lastError).toContain('451');
    expect(refused!.lastError).toContain('Mailbox busy');
    // First retry after 30 s (less the moments this test took).
    expect(refused!.waitSeconds).toBeGreaterThan(20);
    expect(refused!.waitSeconds).toBeLessThanOrEqual(30);
    expect(smtp.received).toEqual([]);

    // Not due yet: another pass leaves it alone.
    await worker.wake();
    expect(
      await owner.mailMessage.findFirstOrThrow({ where: { toAddress: 'upptagen@example.test' } }),
    ).toMatchObject({ attempts: 1 });

    // The server takes mail again and the retry is due (time moved by the row, not a sleep).
    smtp.refuse = undefined;
    await owner.$executeRaw`UPDATE mail_outbox SET next_attempt_at = now() - interval '1 second'
                             WHERE to_address = 'upptagen@example.test'`;
    await worker.wake();

    const [mail] = await smtp.arrived(1);
    expect(mail!.text).toContain('https://atergang.example/inbjudan#tok-retry');
    expect(
      await owner.mailMessage.findFirstOrThrow({ where: { toAddress: 'upptagen@example.test' } }),
    ).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('gives a message up after the last attempt', async () => {
    smtp.refuse = 'Still busy';
    await enqueueCommitted(invitation('borta@example.test', 'tok-give-up'));
    await worker.wake();
    // Nine attempts failed already: the next failure is the last.
    await owner.$executeRaw`UPDATE mail_outbox
                               SET attempts = 9, next_attempt_at = now() - interval '1 second'
                             WHERE to_address = 'borta@example.test'`;
    await worker.wake();

    const row = await owner.mailMessage.findFirstOrThrow({
      where: { toAddress: 'borta@example.test' },
    });
    expect(row).toMatchObject({ status: 'FAILED', attempts: 10, textBody: '', htmlBody: '' });
    expect(row.lastError).toContain('Still busy');
    expect(smtp.received).toEqual([]);
  });

  it('delivers each message exactly once with two instances on one database', async () => {
    // A second API instance: the same configuration, so the same database and SMTP server.
    const second: NestFastifyApplication = await createApp(testApp.config);
    try {
      const count = 20;
      const addresses = Array.from({ length: count }, (_, i) => `many-${i}@example.test`);
      await enqueueCommitted(...addresses.map((to, i) => invitation(to, `tok-many-${i}`)));
      // Both workers drain at once (the second one without waiting for its poll).
      await Promise.all([worker.wake(), second.get(MailWorker).wake()]);

      const received = await smtp.arrived(count);
      expect(received).toHaveLength(count);
      expect(new Set(received.map((mail) => mail.messageId)).size).toBe(count);
      expect(
        received
          .flatMap((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]))
          .flatMap((to) => to?.value.map((address) => address.address) ?? [])
          .sort(),
      ).toEqual([...addresses].sort());
      // Every row was claimed once: one attempt each, all sent.
      const rows = await owner.mailMessage.findMany({
        where: { toAddress: { in: addresses } },
        select: { status: true, attempts: true },
      });
      expect(rows).toHaveLength(count);
      expect(rows.every((row) => row.status === 'SENT' && row.attempts === 1)).toBe(true);
    } finally {
      await second.close();
    }
  });
});
