import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { createApp } from '../configure-app';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { connectLive } from '../testing/live-client';
import { newPersonnummer } from '../testing/personnummer-factory';
import { createTestApp, type TestApp } from '../testing/test-app';
import { MAX_SOCKETS_PER_USER } from '../live/live.gateway';
import { RATE_LIMITS } from './rate-limits';

// Rate limits where work is expensive or data is probed (issue 19, item 2): before, a caller
// could open cases, upload, invite, renew sessions and read the history without any limit.

describe('rate limits', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  const http = () => request(testApp.app.getHttpServer());

  it('stops a user opening case after case with a 429 problem and Retry-After', async () => {
    const token = await loginAs(testApp, 'coordinator');
    const open = () =>
      http()
        .post('/api/workspaces')
        .set('authorization', `Bearer ${token}`)
        .send({
          patientPersonnummer: newPersonnummer(),
          patientName: 'Ny Patient',
          patientEmail: `p-${Math.random().toString(36).slice(2)}@atergang.test`,
          sickPeriodStart: '2026-11-01',
        });
    const budget = RATE_LIMITS.caseOpening.user.limit;
    for (let i = 0; i < budget; i += 1) await open().expect(202);
    const before = await prisma.caseOpening.count();
    const limited = await open().expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await prisma.caseOpening.count()).toBe(before);
    // Another user is not affected.
    const other = await loginAs(testApp, 'fk');
    await http()
      .post('/api/workspaces')
      .set('authorization', `Bearer ${other}`)
      .send({
        patientPersonnummer: newPersonnummer(),
        patientName: 'Annan Patient',
        patientEmail: `q-${Math.random().toString(36).slice(2)}@atergang.test`,
        sickPeriodStart: '2026-11-01',
      })
      .expect(202);
  });

  it('limits session renewals by address, the caller being unknown', async () => {
    const budget = RATE_LIMITS.sessionRefresh.user.limit;
    for (let i = 0; i < budget; i += 1) await http().post('/api/auth/refresh').expect(204);
    const limited = await http().post('/api/auth/refresh').expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });

  it('limits large reads of a case’s history, and shares the count with another instance', async () => {
    const token = await loginAs(testApp, 'patient');
    const read = (app: TestApp['app']) =>
      request(app.getHttpServer())
        .get(`/api/workspaces/${workspaceId}/events?after=0`)
        .set('authorization', `Bearer ${token}`);
    const budget = RATE_LIMITS.largeRead.user.limit;
    // A second instance on the same database (as behind the proxy).
    const second = await createApp(testApp.config);
    await second.getHttpAdapter().getInstance().ready();
    try {
      for (let i = 0; i < budget; i += 1) {
        await read(i % 2 === 0 ? testApp.app : second).expect(200);
      }
      await read(second).expect(429);
      await read(testApp.app).expect(429);
    } finally {
      await second.close();
    }
    // Ordinary reads are not counted at all.
    await http()
      .get(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
  });

  it('caps the sockets one user holds open', async () => {
    await testApp.app.listen(0, '127.0.0.1');
    const address = testApp.app.getHttpServer().address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const token = await loginAs(testApp, 'employer');
    const clients = [];
    try {
      for (let i = 0; i < MAX_SOCKETS_PER_USER; i += 1) {
        clients.push(await connectLive(url, token));
      }
      await expect(connectLive(url, token)).rejects.toThrow(/TOO_MANY_CONNECTIONS/);
      clients.pop()?.close();
      // One closed, one more may open.
      await new Promise((resolve) => setTimeout(resolve, 200));
      clients.push(await connectLive(url, token));
    } finally {
      for (const client of clients) client.close();
    }
  });
});
