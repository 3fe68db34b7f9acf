import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { DEMO_PASSWORD } from '../demo/demo-case.seed';
import { DEMO_EMAILS, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';

// Sign-in limits as an attacker meets them (issue 19, item 1). Before: X-Forwarded-For was
// always believed (a new fake address reset the per-address limit, and the audit stored it);
// the account check ran before the attempt was counted (13 of 20 concurrent guesses were
// verified against a limit of 5); five wrong guesses from anyone locked the owner out.

const login = (app: TestApp, email: string, password: string, forwardedFor?: string) => {
  const pending = request(app.app.getHttpServer())
    .post('/api/auth/login')
    .send({ email, password });
  return forwardedFor ? pending.set('x-forwarded-for', forwardedFor) : pending;
};

describe('sign-in limits with no trusted proxy', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ prisma } = await seedDemo(testApp));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('does not let a forged X-Forwarded-For reset the per-address limit, nor reach the audit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const response = await login(testApp, `nobody-${i}@atergang.test`, 'guess', `203.0.113.${i}`);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    const audited = await prisma.auditLog.findMany({
      where: { action: 'auth.login', outcome: 'DENIED' },
      select: { ip: true },
    });
    expect(audited.length).toBeGreaterThan(0);
    expect(audited.some((row) => row.ip?.startsWith('203.0.113.'))).toBe(false);
  });
});

describe('sign-in limits behind a trusted proxy', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;

  beforeAll(async () => {
    testApp = await createTestApp({ TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1' });
    ({ prisma } = await seedDemo(testApp));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('counts every one of 20 concurrent guesses before verifying: only the free ones are checked', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        login(testApp, DEMO_EMAILS.fk, `wrong-${i}`, '198.51.100.7'),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    expect(Number(responses.find((r) => r.status === 429)?.headers['retry-after'])).toBeGreaterThan(
      0,
    );
  });

  it('takes the client address from the proxy for the audit trail', async () => {
    await login(testApp, DEMO_EMAILS.af, 'wrong', '198.51.100.99').expect(401);
    const row = await prisma.auditLog.findFirst({
      where: { action: 'auth.login', outcome: 'DENIED' },
      orderBy: { id: 'desc' },
    });
    expect(row?.ip).toBe('198.51.100.99');
  });

  it('does not let a stranger lock the doctor out of the computer she signs in from', async () => {
    const home = '192.0.2.10';
    await login(testApp, DEMO_EMAILS.doctor, DEMO_PASSWORD, home).expect(200);
    // A distributed guesser: one wrong password from each of 30 addresses.
    for (let i = 0; i < 30; i += 1) {
      await login(testApp, DEMO_EMAILS.doctor, 'guess', `192.0.2.${100 + i}`);
    }
    // From an address the account never signed in from, attempts are slowed now …
    const stranger = await login(testApp, DEMO_EMAILS.doctor, DEMO_PASSWORD, '192.0.2.200');
    expect(stranger.status).toBe(429);
    // … but the doctor signs in from her own at once.
    await login(testApp, DEMO_EMAILS.doctor, DEMO_PASSWORD, home).expect(200);
  });
});
