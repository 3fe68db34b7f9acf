import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { Client } from 'pg';
import request from 'supertest';
import { PrismaService } from '../prisma/prisma.service';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';
import { parseAnchors } from './audit-anchor';
import { AuditAnchorService } from './audit-anchor.service';
import { verifyAuditChain } from './audit-chain.repository';
import { AuditPrivilegesCheck } from './audit-privileges';

// Issue 19, item 8: the API's database role cannot rewrite the audit log, and rows removed
// behind its back (by the owner, with the triggers disabled) are found by the verifier
// through the anchors written outside the database.

const KEY = 'anchor-key-'.repeat(4);

describe('audit log tamper evidence', () => {
  let testApp: TestApp;
  let owner: PrismaClient;
  let workspaceId: string;
  let anchorDir: string;
  let anchorFile: string;

  beforeAll(async () => {
    anchorDir = await mkdtemp(join(tmpdir(), 'atergang-anchors-'));
    anchorFile = join(anchorDir, 'anchors.jsonl');
    testApp = await createTestApp({
      AUDIT_ANCHOR_FILE: anchorFile,
      AUDIT_ANCHOR_KEY: KEY,
      // Anchored by hand below, not by the clock.
      AUDIT_ANCHOR_INTERVAL_SECONDS: '86400',
    });
    ({ prisma: owner, workspaceId } = await seedDemo(testApp));
  });

  afterAll(async () => {
    await owner.$disconnect();
    await testApp.close();
    await rm(anchorDir, { recursive: true, force: true });
  });

  async function readPlanAs(role: 'patient' | 'doctor'): Promise<void> {
    const token = await loginAs(testApp, role);
    await request(testApp.app.getHttpServer())
      .get(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
  }

  async function anchors() {
    return parseAnchors(await readFile(anchorFile, 'utf8'), KEY);
  }

  describe("the API's database role", () => {
    let asApi: Client;

    beforeAll(async () => {
      asApi = new Client({ connectionString: testApp.database.appUrl });
      await asApi.connect();
    });

    afterAll(async () => {
      await asApi.end();
    });

    it('is the one the API itself runs as, and it knows it cannot rewrite the log', async () => {
      const [{ user } = { user: '' }] = await testApp.app.get(PrismaService).$queryRaw<
        { user: string }[]
      >`SELECT current_user::text AS "user"`;
      expect(user).toBe(process.env.ATERGANG_TEST_APP_USER);
      await expect(testApp.app.get(AuditPrivilegesCheck).mayRewrite()).resolves.toEqual({
        name: user,
        mayRewrite: false,
      });
    });

    it.each([
      ['UPDATE', `UPDATE audit_log SET reason = 'x'`],
      ['DELETE', 'DELETE FROM audit_log'],
      ['TRUNCATE', 'TRUNCATE audit_log'],
      ['disable its triggers', 'ALTER TABLE audit_log DISABLE TRIGGER USER'],
      ['drop it', 'DROP TABLE audit_log'],
      ['rewrite the migration history', 'DELETE FROM _prisma_migrations'],
    ])('may not %s', async (_name, sql) => {
      await expect(asApi.query(sql)).rejects.toMatchObject({
        code: expect.stringMatching(/^42501$/) as string,
      });
    });

    it('may add rows (linked by the trigger) and read them', async () => {
      const before = await owner.auditLog.count();
      await readPlanAs('patient');
      expect(await owner.auditLog.count()).toBeGreaterThan(before);
      await expect(verifyAuditChain(owner)).resolves.toMatchObject({ ok: true });
    });

    it('is told apart from the owner, who may rewrite the log', async () => {
      const asOwner = new Client({ connectionString: testApp.database.url });
      await asOwner.connect();
      try {
        const { rows } = await asOwner.query<{ may: boolean }>(
          `SELECT has_table_privilege('audit_log', 'DELETE') AS may`,
        );
        expect(rows[0]?.may).toBe(true);
      } finally {
        await asOwner.end();
      }
    });
  });

  describe('anchors', () => {
    it('record the head of the chain, signed, once per change', async () => {
      const service = testApp.app.get(AuditAnchorService);
      await readPlanAs('doctor');
      await service.anchorNow();
      await service.anchorNow();
      const { anchors: written, problems } = await anchors();
      expect(problems).toEqual([]);
      const last = await owner.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
      expect(written.at(-1)).toMatchObject({
        lastId: last.id,
        hash: last.hash,
        rows: await owner.auditLog.count(),
      });
      // The second call found the same head and wrote nothing.
      expect(written.filter((anchor) => anchor.lastId === last.id)).toHaveLength(1);
      await readPlanAs('patient');
      await service.anchorNow();
      const after = (await anchors()).anchors;
      expect(after).toHaveLength(written.length + 1);
      expect(after.at(-1)?.rows).toBe(await owner.auditLog.count());
      await expect(verifyAuditChain(owner, after)).resolves.toMatchObject({
        ok: true,
        anchors: after.length,
      });
    });

    it('reveal rows the owner removed from the end, which the chain alone does not', async () => {
      const { anchors: written } = await anchors();
      const anchored = written.at(-1);
      if (!anchored) throw new Error('no anchor written');
      // The owner is the only one who can get round the append-only triggers.
      await owner.$transaction([
        owner.$executeRaw`ALTER TABLE audit_log DISABLE TRIGGER USER`,
        owner.$executeRaw`DELETE FROM audit_log WHERE id >= ${anchored.lastId - 1n}`,
        owner.$executeRaw`ALTER TABLE audit_log ENABLE TRIGGER USER`,
      ]);
      await expect(verifyAuditChain(owner)).resolves.toMatchObject({ ok: true });
      await expect(verifyAuditChain(owner, written)).resolves.toMatchObject({
        ok: false,
        brokenAt: anchored.lastId,
        reason: expect.stringMatching(/removed from its end/) as string,
      });
    });

    it('are not written over a head that went back, and a forged line is refused', async () => {
      const before = await readFile(anchorFile, 'utf8');
      await testApp.app.get(AuditAnchorService).anchorNow();
      expect(await readFile(anchorFile, 'utf8')).toBe(before);

      const forged = JSON.parse(before.trim().split('\n').at(-1) ?? '{}') as { rows: number };
      forged.rows -= 2;
      await writeFile(anchorFile, `${before}${JSON.stringify(forged)}\n`);
      expect((await anchors()).problems).toEqual([
        { line: before.trim().split('\n').length + 1, reason: expect.stringMatching(/signature/) },
      ]);
    });
  });
});
