import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';
import { verifyAuditChain } from './audit-chain.repository';
import { auditRowHash, GENESIS_HASH } from './audit-hash';

describe('the audit log', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ prisma, workspaceId } = await seedDemo(testApp));
    // Concurrent reads by several parties: the chain must still link row to row.
    const tokens = await Promise.all(
      (['patient', 'employer', 'doctor', 'fk', 'af', 'outsider'] as const).map((role) =>
        loginAs(testApp, role),
      ),
    );
    await Promise.all(
      tokens.flatMap((token) =>
        [0, 1, 2].map(() =>
          request(testApp.app.getHttpServer())
            .get(`/api/workspaces/${workspaceId}/plan`)
            .set('authorization', `Bearer ${token}`),
        ),
      ),
    );
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('is one intact hash chain after concurrent writers', async () => {
    const verdict = await verifyAuditChain(prisma);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.rows).toBeGreaterThanOrEqual(6 + 18);
  });

  it('links rows in the database exactly as the verifier hashes them, whatever the text', async () => {
    // The trigger hashes in SQL, audit:verify in TypeScript: quotes, backslashes, control
    // characters and non-ASCII text must serialise the same on both sides.
    const awkward = ['"citat" \\ snedstreck', 'rad\nny\trad\u0001', 'Åsa Öberg – 🙂', ''];
    for (const text of awkward) {
      await prisma.auditLog.create({
        data: {
          at: new Date('2026-11-23T12:34:56.789Z'),
          requestId: text,
          action: 'plan.read',
          resourceType: 'Plan',
          reason: text,
          ip: null,
          outcome: 'DENIED',
        },
      });
    }
    const rows = await prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    rows.forEach((row, index) => {
      expect(row.prevHash).toBe(index === 0 ? GENESIS_HASH : rows[index - 1]?.hash);
      expect(row.hash).toBe(auditRowHash(row.prevHash, row));
    });
    expect(rows.slice(-awkward.length).map((row) => row.reason)).toEqual(awkward);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(prisma.$executeRaw`UPDATE audit_log SET action = 'x'`).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.$executeRaw`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRaw`TRUNCATE audit_log`).rejects.toThrow(/append-only/);
  });

  it('reports the first row whose content no longer matches its hash', async () => {
    const victim = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'plan.read' },
      orderBy: { id: 'asc' },
    });
    // A maintenance transaction with superuser rights is the only way around the trigger.
    await prisma.$transaction([
      prisma.$executeRaw`ALTER TABLE audit_log DISABLE TRIGGER USER`,
      prisma.$executeRaw`UPDATE audit_log SET action = 'plan.updated' WHERE id = ${victim.id}`,
      prisma.$executeRaw`ALTER TABLE audit_log ENABLE TRIGGER USER`,
    ]);
    const verdict = await verifyAuditChain(prisma);
    expect(verdict).toMatchObject({
      ok: false,
      brokenAt: victim.id,
      reason: 'its content does not match its hash',
    });
  });
});
