import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DEMO_PASSWORD } from '../demo/demo-case.seed';
import { DEMO_EMAILS, loginAs, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';

function refreshCookieOf(response: request.Response): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = cookies.find((value) => value.startsWith('atergang_refresh='));
  if (!cookie) throw new Error('no refresh cookie');
  return cookie;
}

describe('sign-in with e-mail and password', () => {
  let testApp: TestApp;
  const http = () => request(testApp.app.getHttpServer());

  beforeAll(async () => {
    testApp = await createTestApp();
    await seedDemo(testApp);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it.each(Object.entries(DEMO_EMAILS))('lets the demo user %s sign in', async (_role, email) => {
    const response = await http()
      .post('/api/auth/login')
      .send({ email, password: DEMO_PASSWORD })
      .expect(200);
    expect(response.body.user.email).toBe(email);
    expect(response.body.accessToken.split('.')).toHaveLength(3);
    expect(response.body.expiresIn).toBe(900);
    const cookie = refreshCookieOf(response);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
  });

  it('answers a wrong password and an unknown account with the same 401', async () => {
    const wrong = await http()
      .post('/api/auth/login')
      .send({ email: DEMO_EMAILS.af, password: 'nope' })
      .expect(401);
    const unknown = await http()
      .post('/api/auth/login')
      .send({ email: 'nobody@atergang.test', password: 'nope' })
      .expect(401);
    expect(wrong.headers['content-type']).toMatch(/problem\+json/);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('names the field of a malformed login body', async () => {
    const response = await http()
      .post('/api/auth/login')
      .send({ email: 'not-an-email' })
      .expect(400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'email',
      'password',
    ]);
  });

  it('rate limits repeated failures for one account with 429 and Retry-After', async () => {
    const email = DEMO_EMAILS.coordinator;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await http()
        .post('/api/auth/login')
        .send({ email, password: `wrong-${attempt}` })
        .expect(401);
    }
    const limited = await http()
      .post('/api/auth/login')
      .send({ email, password: DEMO_PASSWORD })
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
  });

  it('returns the caller with organisations, roles and parties from /api/me', async () => {
    const token = await loginAs(testApp, 'doctor');
    const me = await http().get('/api/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(me.body.user.email).toBe(DEMO_EMAILS.doctor);
    expect(me.body.organisations).toEqual([
      expect.objectContaining({
        name: 'Vårdcentralen Linden',
        kind: 'CARE_UNIT',
        roles: ['DOCTOR'],
      }),
    ]);
    expect(me.body.parties).toEqual([expect.objectContaining({ party: 'CARE' })]);
  });

  it('refuses /api/me without a valid token', async () => {
    await http().get('/api/me').expect(401);
    const bad = await http().get('/api/me').set('authorization', 'Bearer not.a.token').expect(401);
    expect(bad.body.code).toBe('UNAUTHENTICATED');

    // Well-formed tokens for a real user: signed with another secret, or expired.
    const valid = await loginAs(testApp, 'employer');
    const claims = new JwtService().decode<Record<string, unknown>>(valid);
    const { exp: _exp, iat: _iat, ...rest } = claims;
    const forged = await new JwtService({ secret: 'x'.repeat(48) }).signAsync(rest, {
      expiresIn: 900,
    });
    const expired = await testApp.app
      .get(JwtService)
      .signAsync({ ...rest, exp: Math.floor(Date.now() / 1000) - 60 }, {});
    for (const token of [forged, expired]) {
      await http().get('/api/me').set('authorization', `Bearer ${token}`).expect(401);
    }
    await http().get('/api/me').set('authorization', `Bearer ${valid}`).expect(200);
  });

  it('rotates the refresh token and treats reuse of an old one as theft', async () => {
    const login = await http()
      .post('/api/auth/login')
      .send({ email: DEMO_EMAILS.fk, password: DEMO_PASSWORD });
    const first = refreshCookieOf(login).split(';')[0]!;
    const refreshed = await http().post('/api/auth/refresh').set('cookie', first).expect(200);
    expect(refreshed.body.user.email).toBe(DEMO_EMAILS.fk);
    const second = refreshCookieOf(refreshed).split(';')[0]!;
    expect(second).not.toBe(first);

    // Presenting the first token again revokes the whole family, the second one included.
    await http().post('/api/auth/refresh').set('cookie', first).expect(401);
    await http().post('/api/auth/refresh').set('cookie', second).expect(401);
  });

  it('answers a refresh without a session cookie with 204 and issues nothing', async () => {
    // A first visit: no cookie, so no session to renew. Not an error (the page logs none).
    const none = await http().post('/api/auth/refresh').expect(204);
    expect(none.text).toBe('');
    expect(none.headers['set-cookie']).toBeUndefined();
    // An empty cookie value counts as none.
    await http().post('/api/auth/refresh').set('cookie', 'atergang_refresh=').expect(204);
    // A cookie that is sent but not a live session is still refused, and cleared.
    const forged = await http()
      .post('/api/auth/refresh')
      .set('cookie', 'atergang_refresh=not-a-session')
      .expect(401);
    expect(forged.body.accessToken).toBeUndefined();
    expect(String(forged.headers['set-cookie'])).toMatch(/atergang_refresh=;/);
    // From another site it is refused before anything else, with or without a cookie.
    await http().post('/api/auth/refresh').set('sec-fetch-site', 'cross-site').expect(403);
  });

  it('logs out by revoking the refresh token', async () => {
    const login = await http()
      .post('/api/auth/login')
      .send({ email: DEMO_EMAILS.af, password: DEMO_PASSWORD });
    const cookie = refreshCookieOf(login).split(';')[0]!;
    await http().post('/api/auth/logout').set('cookie', cookie).expect(204);
    await http().post('/api/auth/refresh').set('cookie', cookie).expect(401);
  });
});
