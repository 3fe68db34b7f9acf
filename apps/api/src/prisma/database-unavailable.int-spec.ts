import { createServer, type Server, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig } from '../config/app-config';
import { createApp } from '../configure-app';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import type { TestApp } from '../testing/test-app';

/**
 * A TCP relay between the API and PostgreSQL that the test can cut and restore: to the API
 * it looks exactly like the database server going away and coming back.
 */
class DatabaseRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server)
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
  }
}

describe('when the database goes away', () => {
  let database: TestDatabase;
  let relay: DatabaseRelay;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    relay = new DatabaseRelay(target.hostname, Number(target.port || 5432));
    await relay.start();
    const viaRelay = new URL(database.url);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: viaRelay.toString(),
      // Requests only: the job queue's own retries while the database is away would hold
      // this instance's shutdown open past the hook's timeout.
      JOB_WORKER: 'off',
    });
    const app = await createApp(config);
    await app.getHttpAdapter().getInstance().ready();
    testApp = { app, config, database, close: () => app.close() };
    const { prisma } = await seedDemo(testApp);
    await prisma.$disconnect();
  });

  afterAll(async () => {
    await relay.cut();
    await testApp.close();
    await database.drop();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After instead of a 500, and recovers by itself', async () => {
    const http = () => request(testApp.app.getHttpServer());
    const token = await loginAs(testApp, 'employer');
    await http().get('/api/workspaces').set('authorization', `Bearer ${token}`).expect(200);

    await relay.cut();
    for (const pending of [
      http().get('/api/workspaces').set('authorization', `Bearer ${token}`),
      http().post('/api/auth/login').send({ email: 'chef@atergang.test', password: 'demo-2026' }),
    ]) {
      const response = await pending;
      expect({
        status: response.status,
        code: response.body.code,
        retryAfter: response.headers['retry-after'],
        type: response.headers['content-type'],
      }).toEqual({
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
        retryAfter: '5',
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
    await http().get('/api/health/ready').expect(503);

    await relay.start();
    await http().get('/api/workspaces').set('authorization', `Bearer ${token}`).expect(200);
    await http().get('/api/health/ready').expect(200);
  });
});
