import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { openPrisma } from '../testing/demo-fixture';
import { connectLive, type LiveClient } from '../testing/live-client';
import { createTestApp, type TestApp } from '../testing/test-app';
import { RATE_LIMITS, PASSWORD_RESETS_PER_ACCOUNT } from '../limits/rate-limits';
import { PasswordHasher } from './password-hasher';

// Issue 12, item 6: changing a password, and resetting a forgotten one by an e-mailed link
// (no account enumeration, rate limited), each ending the sessions a leaked password may
// have opened.

const OLD_PASSWORD = 'kaffe-fjäll-cykel-92';
const NEW_PASSWORD = 'blåbär-segelbåt-lykta-7';
const RESET_LINK = /\/konto\/aterstall#([A-Za-z0-9_-]{20,})/;

let addressCount = 0;
/** A client address of its own per test (the app trusts loopback's X-Forwarded-For). */
const newAddress = (): string => {
  addressCount += 1;
  return `10.12.${Math.floor(addressCount / 250)}.${(addressCount % 250) + 1}`;
};

interface Session {
  readonly token: string;
  readonly cookie: string;
}

describe('passwords: change and reset', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let url: string;
  const clients: LiveClient[] = [];

  /** A request from `address` (so the tests' rate-limit budgets do not meet). */
  const http = (address: string) => {
    const agent = request(testApp.app.getHttpServer());
    const from =
      (method: 'get' | 'post') =>
      (path: string): request.Test =>
        agent[method](path).set('x-forwarded-for', address);
    return { get: from('get'), post: from('post') };
  };

  async function newUser(): Promise<{ id: string; email: string }> {
    const email = `pw-${randomUUID()}@atergang.test`;
    const passwordHash = await testApp.app.get(PasswordHasher).hash(OLD_PASSWORD);
    return prisma.user.create({
      data: { email, name: 'Petra Lösen', passwordHash },
      select: { id: true, email: true },
    });
  }

  async function login(address: string, email: string, password: string): Promise<Session> {
    const response = await http(address)
      .post('/api/auth/login')
      .send({ email, password })
      .expect(200);
    const cookie = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((value) => value.startsWith('atergang_refresh='))
      ?.split(';')[0];
    if (!cookie) throw new Error('no refresh cookie');
    return { token: (response.body as { accessToken: string }).accessToken, cookie };
  }

  const me = (address: string, session: Session) =>
    http(address).get('/api/me').set('authorization', `Bearer ${session.token}`);

  const mails = (to: string, kind: string) =>
    prisma.mailMessage.findMany({ where: { toAddress: to, kind }, orderBy: { createdAt: 'asc' } });

  /** The token of the newest reset link mailed to `to`. */
  async function mailedToken(to: string): Promise<string> {
    const last = (await mails(to, 'password-reset')).at(-1);
    const token = last ? RESET_LINK.exec(last.textBody)?.[1] : undefined;
    if (!token) throw new Error(`no reset link mailed to ${to}`);
    return decodeURIComponent(token);
  }

  beforeAll(async () => {
    testApp = await createTestApp({ TRUSTED_PROXIES: 'loopback' });
    prisma = openPrisma(testApp.database.url);
    await testApp.app.listen(0, '127.0.0.1');
    url = await testApp.app.getUrl();
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  describe('changing the password', () => {
    it('refuses a wrong current password with 422 naming currentPassword', async () => {
      const address = newAddress();
      const user = await newUser();
      const session = await login(address, user.email, OLD_PASSWORD);
      const response = await http(address)
        .post('/api/auth/password')
        .set('authorization', `Bearer ${session.token}`)
        .send({ currentPassword: 'not-my-password', newPassword: NEW_PASSWORD })
        .expect(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('WRONG_CURRENT_PASSWORD');
      expect(response.body.errors).toEqual([
        { path: 'currentPassword', message: expect.any(String) },
      ]);
      await login(address, user.email, OLD_PASSWORD);
      const denied = await prisma.auditLog.findMany({
        where: { actorUserId: user.id, action: 'auth.password-changed' },
        select: { outcome: true, reason: true },
      });
      expect(denied).toEqual([{ outcome: 'DENIED', reason: 'WRONG_CURRENT_PASSWORD' }]);
    });

    it('counts wrong current passwords like failed sign-ins', async () => {
      const address = newAddress();
      const user = await newUser();
      const session = await login(address, user.email, OLD_PASSWORD);
      const attempt = () =>
        http(address)
          .post('/api/auth/password')
          .set('authorization', `Bearer ${session.token}`)
          .send({ currentPassword: 'a-wrong-guess', newPassword: NEW_PASSWORD });
      for (let i = 0; i < 5; i += 1) await attempt().expect(422);
      const limited = await attempt().expect(429);
      expect(limited.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    });

    it('refuses a new password that is too short or too easy to guess, naming newPassword', async () => {
      const address = newAddress();
      const user = await newUser();
      const session = await login(address, user.email, OLD_PASSWORD);
      for (const [newPassword, message] of [
        ['k7#Qz!p2', 'must be at least 10 characters'],
        ['password123', 'is too easy to guess'],
        [user.email, 'is too easy to guess'],
      ] as const) {
        const response = await http(address)
          .post('/api/auth/password')
          .set('authorization', `Bearer ${session.token}`)
          .send({ currentPassword: OLD_PASSWORD, newPassword })
          .expect(422);
        expect(response.body.code).toBe('PASSWORD_NOT_ACCEPTABLE');
        expect(response.body.errors).toEqual([{ path: 'newPassword', message }]);
      }
      await login(address, user.email, OLD_PASSWORD);
    });

    it('changes it: other sessions end, this one goes on, only the new password signs in', async () => {
      const address = newAddress();
      const user = await newUser();
      const mine = await login(address, user.email, OLD_PASSWORD);
      const other = await login(address, user.email, OLD_PASSWORD);
      const otherSocket = await connectLive(url, other.token);
      clients.push(otherSocket);
      const closed = new Promise<string>((resolve) => {
        otherSocket.socket.once('disconnect', resolve);
      });

      await http(address)
        .post('/api/auth/password')
        .set('authorization', `Bearer ${mine.token}`)
        .send({ currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD })
        .expect(204);

      expect(await closed).toBe('io server disconnect');
      await me(address, other).expect(401);
      await http(address).post('/api/auth/refresh').set('cookie', other.cookie).expect(401);
      await me(address, mine).expect(200);
      await http(address).post('/api/auth/refresh').set('cookie', mine.cookie).expect(200);
      await http(address)
        .post('/api/auth/login')
        .send({ email: user.email, password: OLD_PASSWORD })
        .expect(401);
      await login(address, user.email, NEW_PASSWORD);
      const audited = await prisma.auditLog.findMany({
        where: { actorUserId: user.id, action: 'auth.password-changed' },
        select: { outcome: true },
      });
      expect(audited).toEqual([{ outcome: 'ALLOWED' }]);
      const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await mails(user.email, 'password-changed')).toHaveLength(1);
    });

    it('needs a signed-in caller', async () => {
      await http(newAddress())
        .post('/api/auth/password')
        .send({ currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD })
        .expect(401);
    });
  });

  describe('resetting a forgotten password', () => {
    it('answers an unknown and a known address alike, and mails a link only to the account', async () => {
      const address = newAddress();
      const user = await newUser();
      const unknownEmail = `nobody-${randomUUID()}@atergang.test`;
      const known = await http(address)
        .post('/api/auth/password-reset')
        .send({ email: user.email })
        .expect(202);
      const unknown = await http(address)
        .post('/api/auth/password-reset')
        .send({ email: unknownEmail })
        .expect(202);
      expect(unknown.body).toEqual(known.body);
      expect(unknown.text).toBe(known.text);
      expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
      expect(await mails(user.email, 'password-reset')).toHaveLength(1);
      expect(await prisma.mailMessage.count({ where: { toAddress: unknownEmail } })).toBe(0);
      const reset = await prisma.passwordReset.findFirstOrThrow({ where: { userId: user.id } });
      // Stored as a hash only: the mailed token is not in the database.
      const token = await mailedToken(user.email);
      expect(reset.tokenHash).not.toContain(token);
      expect(reset.expiresAt.getTime() - reset.createdAt.getTime()).toBe(60 * 60_000);
    });

    it('sets the new password once: every session ends, the link cannot be used again', async () => {
      const address = newAddress();
      const user = await newUser();
      const sessions = [
        await login(address, user.email, OLD_PASSWORD),
        await login(address, user.email, OLD_PASSWORD),
      ];
      const socket = await connectLive(url, sessions[0]?.token);
      clients.push(socket);
      const closed = new Promise<string>((resolve) => {
        socket.socket.once('disconnect', resolve);
      });
      await http(address).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      const token = await mailedToken(user.email);

      // The policy applies here too, and a refused password leaves the link usable.
      const weak = await http(address)
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: 'password123' })
        .expect(422);
      expect(weak.body.errors).toEqual([{ path: 'password', message: 'is too easy to guess' }]);

      await http(address)
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: NEW_PASSWORD })
        .expect(204);

      expect(await closed).toBe('io server disconnect');
      for (const session of sessions) {
        await me(address, session).expect(401);
        await http(address).post('/api/auth/refresh').set('cookie', session.cookie).expect(401);
      }
      await http(address)
        .post('/api/auth/login')
        .send({ email: user.email, password: OLD_PASSWORD })
        .expect(401);
      await login(address, user.email, NEW_PASSWORD);
      expect(await mails(user.email, 'password-changed')).toHaveLength(1);
      // The request is anonymous (anyone can type an address), naming the account; the
      // completion is the owner's own.
      const audited = await prisma.auditLog.findMany({
        where: { resourceId: user.id, action: { startsWith: 'auth.password-reset' } },
        orderBy: { id: 'asc' },
        select: { action: true, outcome: true, actorUserId: true },
      });
      expect(audited).toEqual([
        { action: 'auth.password-reset-requested', outcome: 'ALLOWED', actorUserId: null },
        { action: 'auth.password-reset-completed', outcome: 'ALLOWED', actorUserId: user.id },
      ]);

      const again = await http(address)
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: 'ett-helt-annat-lösenord-3' })
        .expect(422);
      expect(again.body.code).toBe('INVALID_RESET_TOKEN');
      expect(again.body.errors).toEqual([{ path: 'token', message: expect.any(String) }]);
      await login(address, user.email, NEW_PASSWORD);
    });

    it('gives an expired, a superseded and an unknown link the same answer', async () => {
      const address = newAddress();
      const user = await newUser();
      const reset = () =>
        http(address).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      const confirm = (token: string) =>
        http(address)
          .post('/api/auth/password-reset/confirm')
          .send({ token, password: NEW_PASSWORD })
          .expect(422);

      await reset();
      const superseded = await mailedToken(user.email);
      await reset();
      const expired = await mailedToken(user.email);
      await prisma.passwordReset.updateMany({
        where: { userId: user.id, usedAt: null },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });

      const answers = [
        await confirm(superseded),
        await confirm(expired),
        await confirm('x'.repeat(43)),
      ].map((response) => ({
        code: response.body.code,
        detail: response.body.detail,
        errors: response.body.errors,
      }));
      expect(answers[0]?.code).toBe('INVALID_RESET_TOKEN');
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      await login(address, user.email, OLD_PASSWORD);
    });

    it('mails no link for a disabled account, and refuses a link it was sent before', async () => {
      const address = newAddress();
      const user = await newUser();
      await http(address).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      const token = await mailedToken(user.email);
      await prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
      await http(address).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      expect(await mails(user.email, 'password-reset')).toHaveLength(1);
      const refused = await http(address)
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: NEW_PASSWORD })
        .expect(422);
      expect(refused.body.code).toBe('INVALID_RESET_TOKEN');
    });

    it('sends one account only a few links an hour, whoever asks, and answers alike', async () => {
      const user = await newUser();
      const answers: string[] = [];
      for (let i = 0; i <= PASSWORD_RESETS_PER_ACCOUNT.limit; i += 1) {
        const response = await http(newAddress())
          .post('/api/auth/password-reset')
          .send({ email: user.email })
          .expect(202);
        answers.push(response.text);
      }
      expect(new Set(answers).size).toBe(1);
      expect(await mails(user.email, 'password-reset')).toHaveLength(
        PASSWORD_RESETS_PER_ACCOUNT.limit,
      );
    });

    it('rate limits requests from one address with 429', async () => {
      const address = newAddress();
      const budget = RATE_LIMITS.passwordReset.address.limit;
      for (let i = 0; i < budget; i += 1) {
        await http(address)
          .post('/api/auth/password-reset')
          .send({ email: `probe-${i}@atergang.test` })
          .expect(202);
      }
      const limited = await http(address)
        .post('/api/auth/password-reset')
        .send({ email: 'probe-last@atergang.test' })
        .expect(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      // Another address is not affected.
      await http(newAddress())
        .post('/api/auth/password-reset')
        .send({ email: 'probe-last@atergang.test' })
        .expect(202);
    });

    it('names the field of a malformed request', async () => {
      const address = newAddress();
      const bad = await http(address)
        .post('/api/auth/password-reset')
        .send({ email: 'not-an-e-mail' })
        .expect(400);
      expect(bad.body.errors.map((error: { path: string }) => error.path)).toEqual(['email']);
      const short = await http(address)
        .post('/api/auth/password-reset/confirm')
        .send({ token: 'short', password: NEW_PASSWORD })
        .expect(400);
      expect(short.body.errors.map((error: { path: string }) => error.path)).toEqual(['token']);
    });
  });
});
