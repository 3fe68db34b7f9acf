import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  api,
  createDatabase,
  type Database,
  Follower,
  freePort,
  type Instance,
  login,
  restEvents,
  root,
  startInstance,
  stopInstance,
} from './cluster';

// REDIS_URL set but nothing answers there (Redis down or unreachable): the instance must
// keep serving HTTP and its own sockets, a revoke must still return, and the process must
// not crash on the adapter's failed publishes. Needs no Redis, so it runs everywhere.

describe('one API instance whose Redis is unreachable', () => {
  let database: Database | undefined;
  let instance: Instance | undefined;
  let workspaceId: string;
  const tokens = new Map<string, string>();
  const followers: Follower[] = [];
  const token = (who: string): string => tokens.get(who) ?? '';

  beforeAll(async () => {
    const seedModule = join(root, 'dist/api/apps/api/src/demo/demo-case.seed.js');
    const { DEMO_PASSWORD } = (await import(pathToFileURL(seedModule).href)) as {
      DEMO_PASSWORD: string;
    };
    database = await createDatabase();
    instance = await startInstance({
      name: 'lonely',
      databaseUrl: database.url,
      jwtSecret: randomBytes(48).toString('base64url'),
      redisUrl: `redis://127.0.0.1:${await freePort()}`,
      demo: true,
    });
    for (const [who, email] of [
      ['patient', 'anna@atergang.test'],
      ['employer', 'chef@atergang.test'],
      ['fk', 'fk@atergang.test'],
    ] as const) {
      tokens.set(who, await login(instance.url, email, DEMO_PASSWORD));
    }
    const list = await api(instance.url, token('patient'), 'GET', '/api/workspaces');
    const first = (list.body as { id: string }[])[0];
    if (!first) throw new Error('no demo workspace');
    workspaceId = first.id;
  }, 120_000);

  afterAll(async () => {
    for (const each of followers) each.close();
    if (instance) await stopInstance(instance);
    await database?.drop();
  });

  it('keeps delivering to its own sockets, lets a revoke return, and does not crash', async () => {
    const server = instance;
    if (!server) throw new Error('no instance');
    const start = (await restEvents(server.url, token('patient'), workspaceId, 0)).at(-1)?.seq ?? 0;
    const employer = new Follower(token('employer'), workspaceId, start);
    followers.push(employer);
    expect(await employer.connect(server.url)).toMatchObject({ ok: true });

    const task = await api(
      server.url,
      token('fk'),
      'POST',
      `/api/workspaces/${workspaceId}/tasks`,
      {
        title: 'Utan Redis',
        assigneeParty: 'EMPLOYER',
      },
    );
    expect(task.status).toBe(201);
    const id = (task.body as { id: string }).id;
    await employer.until(() => employer.received.some((event) => event.data.id === id), 'task');

    const consents = await api(
      server.url,
      token('patient'),
      'GET',
      `/api/workspaces/${workspaceId}/consents`,
    );
    const consent = (consents.body as { id: string; party: string; active: boolean }[]).find(
      (each) => each.party === 'EMPLOYER' && each.active,
    );
    if (!consent) throw new Error('no employer consent');
    const revoked = await api(
      server.url,
      token('patient'),
      'DELETE',
      `/api/workspaces/${workspaceId}/consents/${consent.id}`,
    );
    expect(revoked.status).toBe(200);
    await employer.until(() => employer.accessChanged.length === 1, 'access-changed');
    const invitation = await api(
      server.url,
      token('patient'),
      'POST',
      `/api/workspaces/${workspaceId}/invitations`,
      { email: `x-${randomUUID()}@atergang.test`, party: 'EMPLOYER' },
    );
    expect(invitation.status).toBe(201);
    const log = await restEvents(server.url, token('employer'), workspaceId, start);
    const last = log.at(-1)?.seq ?? -1;
    await employer.until(() => employer.received.some((event) => event.seq === last), 'marker');
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);
    expect(server.output()).toContain('Redis unreachable');

    // SIGTERM still ends it cleanly, Redis or not.
    server.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      server.exited(),
      new Promise<string>((late) => {
        timer = setTimeout(() => {
          late('still running 10 s after SIGTERM');
        }, 10_000);
      }),
    ]);
    clearTimeout(timer);
    expect(code).toBe(0);
  });
});
