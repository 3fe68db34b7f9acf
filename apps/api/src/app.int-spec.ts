import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from './testing/test-app';

describe('the application wiring', () => {
  let testApp: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'atergang-web-'));
    await writeFile(
      join(webDir, 'index.html'),
      '<!doctype html><html lang="sv"><title>Återgång</title></html>',
    );
    await writeFile(join(webDir, 'app.js'), 'console.log("hej")');
    testApp = await createTestApp({ WEB_DIST_DIR: webDir });
  });

  afterAll(async () => {
    await testApp.close();
  });

  const http = () => request(testApp.app.getHttpServer());

  it('answers liveness without a database round trip', async () => {
    const response = await http().get('/api/health/live').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers and every shipped migration is applied', async () => {
    const response = await http().get('/api/health/ready').expect(200);
    expect(response.body.database).toBe('up');
    expect(response.body.migrations.pending).toEqual([]);
    expect(response.body.migrations.applied).toBeGreaterThan(0);
    expect(response.body.migrations.applied).toBe(response.body.migrations.expected);
  });

  it('answers an unknown API route with a problem+json 404', async () => {
    const response = await http().get('/api/no-such-thing?x=1').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'https://atergang.se/problems/not-found',
      title: 'Not Found',
      status: 404,
      code: 'NOT_FOUND',
      instance: '/api/no-such-thing',
    });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers an unknown method with problem+json too', async () => {
    const response = await http().delete('/api/health/live').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await http().get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths as Record<string, unknown>)).toEqual(
      expect.arrayContaining(['/api/health/live', '/api/health/ready']),
    );
    const ui = await http().get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('serves the web client and falls back to index.html for client routes', async () => {
    const asset = await http().get('/app.js').expect(200);
    expect(asset.text).toContain('hej');
    const page = await http().get('/workspaces/123').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('lang="sv"');
    const root = await http().get('/').expect(200);
    expect(root.text).toContain('Återgång');
  });

  it('always uses its own request id, whatever the client sends', async () => {
    for (const sent of ['abc-123', '<script>alert(1)</script>']) {
      const response = await http().get('/api/nope').set('x-request-id', sent).expect(404);
      expect(response.headers['x-request-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(response.body.requestId).toBe(response.headers['x-request-id']);
    }
  });
});

describe('readiness', () => {
  it('is not ready while a shipped migration is missing from the database', async () => {
    const migrationsDir = await mkdtemp(join(tmpdir(), 'atergang-migrations-'));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(migrationsDir, '99990101000000_not_applied'));
    const testApp = await createTestApp({ MIGRATIONS_DIR: migrationsDir });
    try {
      const response = await request(testApp.app.getHttpServer())
        .get('/api/health/ready')
        .expect(503);
      expect(response.body).toMatchObject({ code: 'NOT_READY', status: 503 });
      expect(response.body.readiness.migrations.pending).toEqual(['99990101000000_not_applied']);
    } finally {
      await testApp.close();
    }
  });
});
