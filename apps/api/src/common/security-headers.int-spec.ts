import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_EMAILS, seedDemo } from '../testing/demo-fixture';
import { DEMO_PASSWORD } from '../demo/demo-case.seed';
import { createTestApp, type TestApp } from '../testing/test-app';

// Browser security headers (issue 19, item 4). Before: no CSP, no frame-ancestors, no
// nosniff, no Referrer-Policy and no Cache-Control on case data, so a page on another port
// of the same host could frame the patient's consent page.

describe('browser security headers', () => {
  let testApp: TestApp;
  let workspaceId: string;
  let token: string;

  beforeAll(async () => {
    const webDir = await mkdtemp(join(tmpdir(), 'atergang-web-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><html lang="sv"></html>');
    // Behind a trusted proxy on loopback, which says whether the browser used TLS.
    testApp = await createTestApp({ WEB_DIST_DIR: webDir, TRUSTED_PROXIES: 'loopback' });
    const seeded = await seedDemo(testApp);
    workspaceId = seeded.workspaceId;
    await seeded.prisma.$disconnect();
    const login = await http()
      .post('/api/auth/login')
      .send({ email: DEMO_EMAILS.patient, password: DEMO_PASSWORD })
      .expect(200);
    token = (login.body as { accessToken: string }).accessToken;
  });

  afterAll(async () => {
    await testApp.close();
  });

  const http = () => request(testApp.app.getHttpServer());

  it('forbids framing, sniffing, referrers and anything from elsewhere on the web client', async () => {
    const page = await http().get('/workspaces/x/samtycken').expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('lets no browser or proxy store case data', async () => {
    const plan = await http()
      .get(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(plan.headers['cache-control']).toBe('no-store');
    const problem = await http().get(`/api/workspaces/${workspaceId}/plan`).expect(401);
    expect(problem.headers['cache-control']).toBe('no-store');
  });

  it('sends HSTS only over TLS (a trusted proxy’s X-Forwarded-Proto)', async () => {
    const plain = await http().get('/api/health/live').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await http().get('/api/health/live').set('x-forwarded-proto', 'https').expect(200);
    expect(tls.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  });

  it('refuses to renew or end a session from another origin', async () => {
    for (const path of ['/api/auth/refresh', '/api/auth/logout']) {
      const bySite = await http().post(path).set('sec-fetch-site', 'same-site').expect(403);
      expect(bySite.body.code).toBe('CROSS_ORIGIN_REFUSED');
      const byOrigin = await http()
        .post(path)
        .set('origin', 'http://localhost:4444')
        .set('host', 'localhost:3000')
        .expect(403);
      expect(byOrigin.body.code).toBe('CROSS_ORIGIN_REFUSED');
    }
    // From the application's own pages it goes on as before.
    await http().post('/api/auth/logout').set('sec-fetch-site', 'same-origin').expect(204);
    await http().post('/api/auth/refresh').set('sec-fetch-site', 'same-origin').expect(204);
  });

  it('lets the OpenAPI UI run its inline start-up, there only', async () => {
    const docs = await http().get('/api/docs').redirects(1);
    expect(docs.status).toBe(200);
    expect(String(docs.headers['content-security-policy'])).toContain("'unsafe-inline'");
  });
});
