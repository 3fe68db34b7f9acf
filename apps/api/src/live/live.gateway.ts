import type { IncomingMessage } from 'node:http';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import type { SocketClosing, SocketTarget } from '../auth/session-sockets';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import type { CommittedEvent } from '../events/committed-events';
import { CommittedEvents } from '../events/committed-events';
import { NotificationSignals } from '../notifications/notification-signals';
import { LiveHub, type LiveServer, type LiveSocket } from './live-hub';
import {
  type JoinAck,
  joinRequestSchema,
  type JoinRequest,
  LIVE_EVENTS,
  LIVE_PATH,
  leaveRequestSchema,
} from './live.contract';

/**
 * The room of every socket of a user (the bell reaches it on every instance). A session's
 * sockets have no room of their own: ending one session is rare, and finding its sockets
 * among this instance's costs less than a room per socket kept for it.
 */
const userRoom = (userId: string): string => `user:${userId}`;

/** How long a revoke waits for the other instances to confirm before it gives up on them. */
const CROSS_INSTANCE_TIMEOUT_MS = 3_000;
/** Members' access is re-read this often as well, so a consent that expires takes effect. */
const ACCESS_REVALIDATE_MS = 60_000;
/** Sockets one user may hold open on one instance (a tab or two per device is plenty). */
export const MAX_SOCKETS_PER_USER = 20;
const TOO_MANY_CONNECTIONS = 'TOO_MANY_CONNECTIONS';
/**
 * The periodic re-read is spread over this share of the interval, a slice of the followed
 * workspaces at a time, so that it never holds every member's events at once.
 */
const REVALIDATE_SPREAD = 0.8;
const REVALIDATE_SLICE_MS = 1_000;
/** How often followed workspaces are compared with the log's head (missed publishes). */
const RECONCILE_MS = 5_000;
/** How often sockets whose token has expired are closed (one timer for all of them). */
const EXPIRY_SWEEP_MS = 1_000;

/** The address a connection came from: the proxy's X-Forwarded-For first hop, else the peer. */
function clientIp(request: IncomingMessage): string | null {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first ?? request.socket.remoteAddress ?? null;
}

/**
 * Browsers always send Origin on a WebSocket or XHR; it must be our own host (the web
 * client is served on the API's origin). Non-browser clients send none.
 */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const host = request.headers['x-forwarded-host'] ?? request.headers.host;
    return new URL(origin).host === (Array.isArray(host) ? host[0] : host);
  } catch {
    return false;
  }
}

/** Seconds-since-epoch `exp` of a token that has already been verified. */
function expiryOf(token: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp : null;
  } catch {
    return null;
  }
}

/**
 * The Redis channel prefix: instances on the same database share fan-out, and instances
 * of another database (another deployment or test run on the same Redis) never see it.
 */
export function redisChannelKey(databaseUrl: string): string {
  let database = 'default';
  try {
    database = new URL(databaseUrl).pathname.replace(/^\//, '') || database;
  } catch {
    // the config schema already checked the URL; keep the default
  }
  return `atergang-live:${database}`;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} timed out after ${ms} ms`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/**
 * The socket.io server on the API's own HTTP server at /socket.io. Nest guards do not run
 * on sockets, so the handshake is authenticated here with the HTTP code's token verifier;
 * joins are authorised by the hub with the HTTP guard's AccessService.
 *
 * With REDIS_URL, instances share work through the classic Redis pub/sub adapter: each
 * committed event is published once (`serverSideEmit`) and every instance delivers it to
 * its own sockets after its own ability check; access refreshes are request/response
 * (`serverSideEmitWithAck`) so a revoke returns only after every instance applied it.
 */
@Injectable()
export class LiveGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private io: LiveServer | null = null;
  private redis: { pub: Redis; sub: Redis } | null = null;
  private revalidateTimer: NodeJS.Timeout | null = null;
  private revalidating = false;
  private reconcileTimer: NodeJS.Timeout | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;
  private readonly ips = new WeakMap<object, string | null>();
  /** Open sockets per user on this instance. */
  private readonly socketsPerUser = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: AccessTokenVerifier,
    private readonly hub: LiveHub,
    private readonly committed: CommittedEvents,
    private readonly notifications: NotificationSignals,
  ) {}

  get server(): LiveServer | null {
    return this.io;
  }

  onApplicationBootstrap(): void {
    const httpServer: unknown = this.adapterHost.httpAdapter.getHttpServer();
    const io: LiveServer = new Server(httpServer as never, {
      path: LIVE_PATH,
      serveClient: false,
      // WebSocket first; long-polling stays for networks that block WebSockets (it needs
      // sticky sessions behind a proxy, see docker-compose.yml).
      transports: ['websocket', 'polling'],
      // Clients only send small join/leave requests.
      maxHttpBufferSize: 16 * 1024,
      allowRequest: (request, callback) => {
        callback(null, sameOrigin(request));
      },
      // Clients only send small join/leave requests and receive small events: no
      // per-message deflate (engine.io's default too, said here so it stays off: each
      // socket's zlib context would cost far more memory than the bytes it saves).
      perMessageDeflate: false,
      httpCompression: false,
    });
    // Keep no per-socket copy of the HTTP upgrade request (about 4 KB each): note the
    // client address, then drop it.
    io.engine.on('connection', (raw: { request: IncomingMessage | null }) => {
      this.ips.set(raw, raw.request ? clientIp(raw.request) : null);
      raw.request = null;
    });
    if (this.config.redisUrl) {
      this.redis = this.connectRedis(io, this.config.redisUrl);
    }
    io.use((socket, next) => {
      void this.authenticate(socket).then(
        () => {
          next();
        },
        (error: unknown) => {
          next(
            new Error(
              error instanceof Error && error.message === TOO_MANY_CONNECTIONS
                ? TOO_MANY_CONNECTIONS
                : 'UNAUTHENTICATED',
            ),
          );
        },
      );
    });
    io.on('connection', (socket) => {
      this.onConnection(socket);
    });
    io.on('live:events', (events) => {
      this.hub.receive(events);
    });
    io.on('live:close', (target, how, ack) => {
      this.closeLocal(target, how);
      ack(true);
    });
    io.on('live:access', (workspaceId, ack) => {
      this.hub.refreshAccess(workspaceId).then(
        () => {
          ack(true);
        },
        (error: unknown) => {
          this.logger.error({ err: error }, 'refreshing live access failed');
          ack(false);
        },
      );
    });
    this.hub.attach(io);
    this.committed.listen((events) => this.publish(events));
    // The user's room on every instance (through the adapter with REDIS_URL): the bell of
    // each open tab. Only a count and an id: the list itself is read, and judged, over REST.
    this.notifications.listen((userId, change) => {
      this.io?.to(userRoom(userId)).emit('notifications:changed', change);
    });
    this.revalidateTimer = setInterval(() => {
      void this.revalidateAll();
    }, ACCESS_REVALIDATE_MS);
    this.revalidateTimer.unref();
    this.reconcileTimer = setInterval(() => {
      this.hub.reconcile().catch((error: unknown) => {
        this.logger.error({ err: error }, 'comparing live positions with the event log failed');
      });
    }, RECONCILE_MS);
    this.reconcileTimer.unref();
    this.expiryTimer = setInterval(() => {
      this.closeExpired();
    }, EXPIRY_SWEEP_MS);
    this.expiryTimer.unref();
    this.io = io;
  }

  /**
   * On SIGTERM (app.close): close every connection at the transport level, so clients see
   * "transport close" and reconnect (to another instance behind the proxy), where they
   * rejoin with `afterSeq` and miss nothing. Nothing here waits on a client.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.revalidateTimer) clearInterval(this.revalidateTimer);
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    const io = this.io;
    this.io = null;
    this.hub.detach();
    if (io) {
      io.engine.close();
      void io.of('/').adapter.close();
    }
    if (this.redis) {
      const { pub, sub } = this.redis;
      this.redis = null;
      // QUIT waits for Redis; an unreachable one must not hold the shutdown up.
      await Promise.allSettled(
        [pub, sub].map((client) => withTimeout(client.quit(), 1_000, 'Redis QUIT')),
      );
      pub.disconnect();
      sub.disconnect();
    }
  }

  /**
   * Applies an access change to every follower of the workspace on every instance and
   * resolves when all have done so (or, for instances that do not answer in time, logs).
   */
  async refreshAccessEverywhere(workspaceId: string): Promise<void> {
    const local = this.hub.refreshAccess(workspaceId);
    const io = this.io;
    if (io && this.redis) {
      try {
        const answers = await withTimeout(
          io.serverSideEmitWithAck('live:access', workspaceId),
          CROSS_INSTANCE_TIMEOUT_MS + 500,
          'live access refresh on other instances',
        );
        if (answers.some((done) => !done)) {
          this.logger.error('an instance failed to refresh live access');
        }
      } catch (error: unknown) {
        this.logger.error({ err: error }, 'live access refresh did not reach every instance');
      }
    }
    await local;
  }

  private async publish(events: readonly CommittedEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.hub.receive(events);
    if (this.io && this.redis) {
      // Fire and forget: an instance that misses it notices the gap at the next event
      // and reads the log; clients that reconnect catch up from the log anyway.
      this.io.serverSideEmit('live:events', [...events]);
    }
    return Promise.resolve();
  }

  private async authenticate(socket: LiveSocket): Promise<void> {
    const auth = socket.handshake.auth as { token?: unknown };
    const token = typeof auth.token === 'string' ? auth.token : null;
    // The same check as HTTP: a good signature of a session that has ended is refused.
    const session = token ? await this.verifier.verify(token) : null;
    if (!token || !session) {
      throw new Error('UNAUTHENTICATED');
    }
    const { user, tokenId } = session;
    // A cap per user on this instance: each socket costs memory and access reads.
    const open = this.socketsPerUser.get(user.id) ?? 0;
    if (open >= MAX_SOCKETS_PER_USER) {
      throw new Error(TOO_MANY_CONNECTIONS);
    }
    this.socketsPerUser.set(user.id, open + 1);
    // Keep no copy of the token, nor of the upgrade request's headers and query (which
    // socket.io's handshake still points at after the request itself is dropped), for the
    // socket's lifetime: its user, address and expiry are all that is needed from here on.
    const handshake = socket.handshake as { auth: object; headers: object; query: object };
    handshake.auth = {};
    handshake.headers = {};
    handshake.query = {};
    const ip = this.ips.get(socket.conn) ?? null;
    this.ips.delete(socket.conn);
    socket.data = {
      user,
      tokenId,
      ip,
      // The socket lives no longer than its token (closeExpired).
      expiresAt: expiryOf(token),
      workspaces: new Set(),
      joins: { windowStart: Date.now(), count: 0 },
    };
  }

  /**
   * Closes the transport of every socket whose token has expired. Not a server disconnect:
   * the client reconnects by itself, with a fresh token, and rejoins.
   */
  private closeExpired(): void {
    const io = this.io;
    if (!io) return;
    const now = Date.now() / 1000;
    for (const socket of io.of('/').sockets.values()) {
      const at = socket.data.expiresAt;
      if (at !== null && at <= now) socket.conn.close();
    }
  }

  private onConnection(socket: LiveSocket): void {
    // Named rooms, so that ending a session or all of a user's closes exactly their sockets
    // (locally: the adapter keeps rooms in memory; other instances are asked to do the same).
    const { user } = socket.data;
    void socket.join(userRoom(user.id));
    socket.on(LIVE_EVENTS.join, (request, ack) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      const parsed = joinRequestSchema.safeParse(request);
      if (!parsed.success) {
        reply({ ok: false, error: 'BAD_REQUEST' });
        return;
      }
      this.joinIfLive(socket, parsed.data, reply).catch((error: unknown) => {
        this.logger.error({ err: error }, 'workspace:join failed');
        this.hub.leave(socket, parsed.data.workspaceId);
        reply({ ok: false, error: 'UNAVAILABLE' });
      });
    });
    socket.on(LIVE_EVENTS.leave, (request, ack) => {
      const parsed = leaveRequestSchema.safeParse(request);
      if (parsed.success) this.hub.leave(socket, parsed.data.workspaceId);
      if (typeof ack === 'function') ack({ ok: parsed.success });
    });
    // One listener for everything a disconnect undoes.
    socket.on('disconnect', () => {
      const left = (this.socketsPerUser.get(user.id) ?? 1) - 1;
      if (left > 0) this.socketsPerUser.set(user.id, left);
      else this.socketsPerUser.delete(user.id);
      this.hub.leaveAll(socket);
    });
  }

  /**
   * A join only while the socket's session is live: a socket that outlived its session's
   * end (it connected while the end was being applied, or an instance missed the close)
   * follows nothing and is closed.
   */
  private async joinIfLive(
    socket: LiveSocket,
    request: JoinRequest,
    reply: (ack: JoinAck) => void,
  ): Promise<void> {
    const { user, tokenId } = socket.data;
    if (!(await this.verifier.isLive({ user, tokenId }))) {
      reply({ ok: false, error: 'UNAUTHENTICATED' });
      socket.disconnect(true);
      return;
    }
    await this.hub.join(socket, request, reply);
  }

  /**
   * Closes the sockets of ended sessions (or of a user whose rights changed) on this
   * instance and every other one, and resolves once all have done so (or, for instances
   * that do not answer in time, logs). See SessionSockets for what `how` means.
   */
  async closeSocketsEverywhere(target: SocketTarget, how: SocketClosing): Promise<void> {
    this.closeLocal(target, how);
    const io = this.io;
    if (io && this.redis) {
      try {
        const answers = await withTimeout(
          io.serverSideEmitWithAck('live:close', target, how),
          CROSS_INSTANCE_TIMEOUT_MS + 500,
          'closing sockets on other instances',
        );
        if (answers.some((done) => !done)) {
          this.logger.error('an instance failed to close the sockets of an ended session');
        }
      } catch (error: unknown) {
        this.logger.error({ err: error }, 'closing sockets did not reach every instance');
      }
    }
  }

  /** The matching sockets of this instance: a user's through their room, a session's by scan. */
  private closeLocal(target: SocketTarget, how: SocketClosing): void {
    const io = this.io;
    if (!io) return;
    const namespace = io.of('/');
    const matching: LiveSocket[] = [];
    if ('sessionId' in target) {
      for (const socket of namespace.sockets.values()) {
        if (socket.data.user.sessionId === target.sessionId) matching.push(socket);
      }
    } else {
      for (const id of namespace.adapter.rooms.get(userRoom(target.userId)) ?? []) {
        const socket = namespace.sockets.get(id);
        if (socket && socket.data.user.sessionId !== target.exceptSessionId) matching.push(socket);
      }
    }
    for (const socket of matching) this.closeSocket(socket, how);
  }

  private closeSocket(socket: LiveSocket, how: SocketClosing): void {
    if (how === 'end') {
      // A server disconnect: the client learns the session is over and does not retry.
      socket.disconnect(true);
    } else {
      // A dropped transport: the client reconnects by itself and is authorised afresh.
      socket.conn.close();
    }
  }

  /**
   * Once a minute, every open socket's session is checked again (one statement for all of
   * them): a session ended where no close reached this instance (Redis was down), or an
   * account disabled by hand in the database, loses its sockets within the minute.
   */
  private async closeEndedSessions(): Promise<void> {
    const io = this.io;
    if (!io) return;
    // Only sockets past the handshake are in the namespace: each has its user and session.
    const sockets = [...io.of('/').sockets.values()];
    if (sockets.length === 0) return;
    const live = await this.verifier.liveSessions([
      ...new Set(sockets.map((socket) => socket.data.user.sessionId)),
    ]);
    for (const socket of sockets) {
      if (!live.has(socket.data.user.sessionId)) this.closeSocket(socket, 'end');
    }
  }

  private connectRedis(io: LiveServer, url: string): { pub: Redis; sub: Redis } {
    // The subscriber waits for Redis as long as it takes (its subscriptions must exist
    // once Redis is back); the publisher gives up quickly. The adapter does not handle
    // a failed publish or subscribe, so those promises get a handler here: an unhandled
    // rejection would stop the process.
    const pub = new Redis(url, { maxRetriesPerRequest: 1 });
    const sub = new Redis(url, { maxRetriesPerRequest: null });
    const ignoreFailure = <T>(promise: Promise<T>): Promise<T> => {
      promise.catch(() => undefined);
      return promise;
    };
    const publish = pub.publish.bind(pub);
    pub.publish = (...args: Parameters<typeof publish>) => ignoreFailure(publish(...args));
    const subscribe = sub.subscribe.bind(sub);
    sub.subscribe = ((...args: Parameters<typeof subscribe>) =>
      ignoreFailure(subscribe(...args))) as typeof sub.subscribe;
    const psubscribe = sub.psubscribe.bind(sub);
    sub.psubscribe = ((...args: Parameters<typeof psubscribe>) =>
      ignoreFailure(psubscribe(...args))) as typeof sub.psubscribe;
    let down = false;
    for (const client of [pub, sub]) {
      // ioredis reconnects by itself; an error must never crash the process.
      client.on('error', (error: Error) => {
        if (!down) {
          down = true;
          this.logger.error(
            { err: error },
            'Redis unreachable: live events reach only this instance until it is back',
          );
        }
      });
      client.on('ready', () => {
        if (down) {
          down = false;
          this.logger.log('Redis reachable again');
        }
      });
    }
    io.adapter(
      createAdapter(pub, sub, {
        key: redisChannelKey(this.config.databaseUrl),
        requestsTimeout: CROSS_INSTANCE_TIMEOUT_MS,
      }),
    );
    return { pub, sub };
  }

  /**
   * Every followed workspace's access once per interval: one read per user (the hub
   * shares it among their sockets), the workspaces in slices spread over the interval.
   */
  private async revalidateAll(): Promise<void> {
    if (this.revalidating) return; // the previous round has not finished yet
    this.revalidating = true;
    try {
      try {
        await this.closeEndedSessions();
      } catch (error: unknown) {
        this.logger.error({ err: error }, 'periodic live session check failed');
      }
      const workspaces = this.hub.followedWorkspaces();
      const slices = Math.max(
        1,
        Math.floor((ACCESS_REVALIDATE_MS * REVALIDATE_SPREAD) / REVALIDATE_SLICE_MS),
      );
      const perSlice = Math.max(1, Math.ceil(workspaces.length / slices));
      for (let start = 0; start < workspaces.length && this.io; start += perSlice) {
        if (start > 0) {
          await new Promise<void>((resolve) => {
            setTimeout(resolve, REVALIDATE_SLICE_MS).unref();
          });
        }
        for (const workspaceId of workspaces.slice(start, start + perSlice)) {
          try {
            await this.hub.refreshAccess(workspaceId);
          } catch (error: unknown) {
            this.logger.error({ err: error }, 'periodic live access check failed');
          }
        }
      }
    } finally {
      this.revalidating = false;
    }
  }
}
