import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { outboxMessageSchema } from '@atergang/contracts';
import { TransactionRunner } from '../prisma/transaction';
import { loginAs, openPrisma } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';
import { appLink, MAIL_LINKS } from './mail-links';
import { MailOutbox } from './mail-outbox';
import { MailWorker } from './mail-worker';
import type { MailRequest } from './mail.types';

function caseOpening(to: string, token: string): MailRequest {
  return {
    kind: 'case-opening',
    to,
    language: 'en',
    params: {
      openerName: 'Karin <b>Chef</b>',
      organisationName: 'Solbacka kommun',
      link: appLink(MAIL_LINKS.caseOpening, token),
      expiresAt: new Date('2026-12-20T09:00:00Z'),
    },
  };
}

async function enqueue(testApp: TestApp, ...requests: MailRequest[]): Promise<void> {
  const outbox = testApp.app.get(MailOutbox);
  await testApp.app.get(TransactionRunner).run(async (unit) => {
    for (const mail of requests) await outbox.enqueue(unit.tx, mail);
  });
}

describe('GET /api/demo/outbox (the Utkorg)', () => {
  describe('outside demo mode', () => {
    let testApp: TestApp;
    let owner: PrismaClient;
    let token: string;

    beforeAll(async () => {
      testApp = await createTestApp();
      owner = openPrisma(testApp.database.url);
      await owner.user.create({
        data: {
          email: 'staff@outbox.test',
          name: 'Staff Member',
          passwordHash: await hash('outbox-test-2026'),
        },
      });
      const login = await request(testApp.app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: 'staff@outbox.test', password: 'outbox-test-2026' });
      expect(login.status).toBe(200);
      token = (login.body as { accessToken: string }).accessToken;
    });

    afterAll(async () => {
      await owner.$disconnect();
      await testApp.close();
    });

    it('is not there for a signed-in user, though mail is waiting', async () => {
      await enqueue(testApp, caseOpening('someone@example.test', 'tok-hidden'));
      const response = await request(testApp.app.getHttpServer())
        .get('/api/demo/outbox')
        .set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.text).not.toContain('tok-hidden');
    });

    it('asks an anonymous caller to sign in', async () => {
      const response = await request(testApp.app.getHttpServer()).get('/api/demo/outbox');
      expect(response.status).toBe(401);
    });
  });

  describe('in demo mode, without SMTP_URL', () => {
    let testApp: TestApp;
    let owner: PrismaClient;

    // Demo mode seeds the demo case at boot, through the real services: it takes a while.
    beforeAll(async () => {
      testApp = await createTestApp({ DEMO: 'true', PUBLIC_URL: 'http://localhost:3000' });
      owner = openPrisma(testApp.database.url);
    }, 120_000);

    afterAll(async () => {
      await owner.$disconnect();
      await testApp.close();
    });

    it('shows any signed-in user what would have been sent, newest first', async () => {
      // Addresses are kept lower-cased, like every address the product stores.
      await enqueue(testApp, caseOpening(' First@Example.TEST ', 'tok-first'));
      await enqueue(testApp, caseOpening('second@example.test', 'tok-second'));
      const token = await loginAs(testApp, 'outsider');

      const response = await request(testApp.app.getHttpServer())
        .get('/api/demo/outbox')
        .set('authorization', `Bearer ${token}`);

      expect(response.status).toBe(200);
      const messages = outboxMessageSchema.array().parse(response.body);
      const ours = messages.filter((m) => m.to.endsWith('@example.test'));
      expect(ours.map((m) => m.to)).toEqual(['second@example.test', 'first@example.test']);
      expect(ours[0]).toMatchObject({
        kind: 'case-opening',
        status: 'PENDING',
        subject: 'Karin <b>Chef</b> wants to open a case with you in Återgång',
      });
      expect(ours[0]!.text).toContain('http://localhost:3000/arende/svar#tok-second');
      expect(ours[0]!.html).toContain('Karin &lt;b&gt;Chef&lt;/b&gt;');
    });

    it('keeps the mail in the outbox: nothing is delivered without SMTP_URL', async () => {
      await enqueue(testApp, caseOpening('kept@example.test', 'tok-kept'));
      await testApp.app.get(MailWorker).wake();
      expect(
        await owner.mailMessage.findFirstOrThrow({ where: { toAddress: 'kept@example.test' } }),
      ).toMatchObject({ status: 'PENDING', attempts: 0, sentAt: null });
    });

    it('lists the newest 50', async () => {
      await enqueue(
        testApp,
        ...Array.from({ length: 55 }, (_, i) => caseOpening(`bulk-${i}@example.test`, `t${i}`)),
      );
      const token = await loginAs(testApp, 'patient');
      const response = await request(testApp.app.getHttpServer())
        .get('/api/demo/outbox')
        .set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
      expect(response.body).toHaveLength(50);
      // All from the last transaction: the older messages are past the first 50.
      expect((response.body as { to: string }[]).every((m) => m.to.startsWith('bulk-'))).toBe(true);
    });
  });
});
