import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { minimalPdf } from '../testing/test-files';
import { createTestApp, type TestApp } from '../testing/test-app';

// A lone UTF-16 surrogate or a bidirectional control in any text field: a 400 problem naming
// the field, nothing written (before: a lone surrogate gave a 500, and bidi controls were kept
// so names displayed spoofed).

describe('unsafe text in request bodies', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let token: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    token = await loginAs(testApp, 'coordinator');
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it.each([
    ['a lone surrogate in a task title', { title: 'Ring \uD800 Anna' }, 'title', 'lone surrogate'],
    [
      'a right-to-left override in a description',
      { title: 'Ring Anna', description: 'se bilaga\u202Efdp.exe' },
      'description',
      'bidirectional',
    ],
  ])(
    'refuses %s with a 400 naming the field and writes nothing',
    async (_name, body, path, why) => {
      const before = await prisma.task.count({ where: { workspaceId } });
      const response = await request(testApp.app.getHttpServer())
        .post(`/api/workspaces/${workspaceId}/tasks`)
        .set('authorization', `Bearer ${token}`)
        .set('content-type', 'application/json')
        // Sent as raw JSON with escapes: the lone surrogate reaches the API as it would from a client.
        .send(JSON.stringify({ assigneeParty: 'CARE', ...body }))
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual([
        { path, message: expect.stringContaining(why), code: 'unsafe_text' },
      ]);
      expect(await prisma.task.count({ where: { workspaceId } })).toBe(before);
    },
  );

  it.each([
    ['a file name with a right-to-left override', { fileName: 'plan\u202Efdp.exe.pdf' }, 'file'],
    // (A multipart body is UTF-8 bytes: a lone surrogate cannot arrive in one.)
    ['a title with a left-to-right embedding', { title: 'Plan \u202A2026' }, 'title'],
  ])(
    'refuses %s in an upload with a 400 naming the field and stores nothing',
    async (_n, spec, path) => {
      const before = await prisma.document.count({ where: { workspaceId } });
      let pending = request(testApp.app.getHttpServer())
        .post(`/api/workspaces/${workspaceId}/documents`)
        .set('authorization', `Bearer ${token}`);
      if ('title' in spec) pending = pending.field('title', spec.title);
      const response = await pending
        .attach('file', minimalPdf('Plan'), 'fileName' in spec ? spec.fileName : 'plan.pdf')
        .expect(400);
      // The file's name is judged by the upload's own rule (code custom), fields by the text rule.
      expect(response.body.errors).toEqual([
        { path, message: expect.any(String), code: path === 'file' ? 'custom' : 'unsafe_text' },
      ]);
      expect(await prisma.document.count({ where: { workspaceId } })).toBe(before);
    },
  );
});
