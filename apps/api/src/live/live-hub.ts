import { subject } from '@casl/ability';
import { createPrismaAbility } from '@casl/prisma';
import { Injectable, Logger } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
import type { Category } from '@atergang/contracts';
import { AccessService } from '../access/access.service';
import type { WorkspaceAccess } from '../access/access.types';
import type { WorkspaceAbility } from '../access/workspace-ability';
import { AuditService } from '../audit/audit.service';
import type { SessionUser } from '../auth/auth.types';
import type { SocketClosing, SocketTarget } from '../auth/session-sockets';
import type { CommittedEvent, EventVisibilityFields } from '../events/committed-events';
import { EventsService } from '../events/events.service';
import {
  type ClientToServerEvents,
  type JoinAck,
  type JoinRequest,
  LIVE_EVENTS,
  type ServerToClientEvents,
} from './live.contract';
import { categoriesInForce } from '../access/consent-rules';

/** Cross-instance messages (Redis adapter `serverSideEmit`). */
export interface InterServerEvents {
  'live:events': (events: CommittedEvent[]) => void;
  'live:access': (workspaceId: string, ack: (done: boolean) => void) => void;
  /** Ended sessions (or a user's changed rights): close the matching sockets here too. */
  'live:close': (target: SocketTarget, how: SocketClosing, ack: (done: boolean) => void) => void;
}

/** What a socket keeps: the user from the handshake, never the HTTP request. */
export interface LiveSocketData {
  /** With the session the token named; the socket is in the rooms of both (live.gateway.ts). */
  user: SessionUser;
  /** The refresh token the handshake's access token was issued with (its session check). */
  tokenId: string;
  ip: string | null;
  /** When the token expires (seconds since the epoch), if it says. */
  expiresAt: number | null;
  workspaces: Set<string>;
  /** Joins in the current minute, for the per-socket limit. */
  joins: { windowStart: number; count: number };
}

export type LiveServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  LiveSocketData
>;
export type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  LiveSocketData
>;

/** How many workspaces one socket may follow at once. */
export const MAX_WORKSPACES_PER_SOCKET = 20;
/** Catch-up reads the log in pages of this many visible events. */
const CATCH_UP_PAGE = 500;
/** How long an out-of-order event waits for the missing ones before the log is read. */
const GAP_WAIT_MS = 250;
/** After a failed read of the log (database unreachable), try again this much later. */
const GAP_RETRY_MS = 2_000;
/** How long after a consent's expiry its followers' access is re-read. */
const EXPIRY_SLACK_MS = 50;
/** The longest delay a Node.js timer takes. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Joins one socket may make per minute (each one reads the database). */
export const MAX_JOINS_PER_MINUTE = 30;

type AbilitySubject = Parameters<WorkspaceAbility['can']>[1];

/**
 * Whether the ability lets its holder read the event: the same CASL WorkspaceEvent rules
 * that `readableWhere` turns into SQL for `GET /events`, here checked in memory.
 */
export function mayReadEvent(ability: WorkspaceAbility, fields: EventVisibilityFields): boolean {
  const target = subject('WorkspaceEvent', { ...fields }) as unknown as AbilitySubject;
  return ability.can('read', target);
}

/**
 * The ability's WorkspaceEvent rules only (and `all` ones), in their order: the same
 * answers for events as the full ability (CASL judges a subject type by its own rules and
 * `all`'s), at about a quarter of its memory.
 */
export function eventAbility(ability: WorkspaceAbility): WorkspaceAbility {
  return createPrismaAbility<WorkspaceAbility>(eventRules(ability));
}

function eventRules(ability: WorkspaceAbility): WorkspaceAbility['rules'] {
  return ability.rules.filter((rule) => {
    const subjects: unknown[] = Array.isArray(rule.subject) ? rule.subject : [rule.subject];
    return subjects.includes('WorkspaceEvent') || subjects.includes('all');
  });
}

/**
 * Stands for the follower's own participant id in shared event rules. No id, category or
 * party has a NUL character, so no real value is ever taken for it.
 */
const SELF = '\u0000self';

/** `value` with every string equal to `from` replaced by `to`, at any depth. */
function renamed<T>(value: T, from: string, to: string): T {
  if (value === from) return to as T;
  if (Array.isArray(value)) return value.map((item: unknown) => renamed(item, from, to)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = renamed(item, from, to);
    return out as T;
  }
  return value;
}

/**
 * How live judges events for one follower: an event ability shared by every follower whose
 * rules differ only by their own participant id, and that id. The rules name the id only
 * in equality-like conditions (equals, in, has), so renaming it to SELF on both sides, in
 * the rules once and in each event's fields at the check, changes no answer; the followers
 * of one party with the same consents then hold one ability between them instead of one
 * each (about 4.5 KB apiece once CASL has indexed it).
 */
export interface EventCheck {
  readonly ability: WorkspaceAbility;
  readonly self: string | null;
}

/** The shared abilities by their renamed rules: a few per party and consent combination. */
const sharedEventAbilities = new Map<string, WorkspaceAbility>();
const SHARED_EVENT_ABILITIES_MAX = 10_000;

export function eventCheckOf(ability: WorkspaceAbility, participantId: string | null): EventCheck {
  const rules = eventRules(ability);
  const canonical = participantId === null ? rules : renamed(rules, participantId, SELF);
  const key = JSON.stringify(canonical);
  let shared = sharedEventAbilities.get(key);
  if (!shared) {
    // Bounded: a policy change that made every follower's rules unique cannot grow it forever.
    if (sharedEventAbilities.size >= SHARED_EVENT_ABILITIES_MAX) sharedEventAbilities.clear();
    shared = createPrismaAbility<WorkspaceAbility>(canonical);
    sharedEventAbilities.set(key, shared);
  }
  return { ability: shared, self: participantId };
}

/** `mayReadEvent` with the follower's own id renamed as in its shared rules. */
export function mayReadEventAs(check: EventCheck, fields: EventVisibilityFields): boolean {
  return mayReadEvent(
    check.ability,
    check.self === null ? fields : renamed(fields, check.self, SELF),
  );
}

/** The follower's own event ability again (for the log's SQL): the shared one, renamed back. */
function ownEventAbility(check: EventCheck): WorkspaceAbility {
  return check.self === null
    ? check.ability
    : createPrismaAbility<WorkspaceAbility>(renamed(check.ability.rules, SELF, check.self));
}

/** One object per distinct set of granted categories, shared by every follower holding it. */
const categorySets = new Map<string, ReadonlySet<Category>>();
function sharedCategories(categories: ReadonlySet<Category>): ReadonlySet<Category> {
  const key = [...categories].sort().join(',');
  let set = categorySets.get(key);
  if (!set) {
    set = new Set(categories);
    categorySets.set(key, set);
  }
  return set;
}

/** What live keeps of a follower's access: its fields, not its ability (see EventCheck). */
type KeptAccess = Omit<WorkspaceAccess, 'ability'>;

/**
 * One user's access to one workspace, shared by all of that user's sockets here: one
 * read, one ability, however many tabs. A re-read replaces it for every socket at once.
 */
interface SharedAccess {
  readonly userId: string;
  access: KeptAccess;
  events: EventCheck;
  /** The channel's access epoch `access` was read in; an older read never overwrites it. */
  epoch: number;
  readonly members: Set<Member>;
}

/** The follower's access as the event log's queries take it. */
function fullAccess(shared: SharedAccess): WorkspaceAccess {
  return { ...shared.access, ability: ownEventAbility(shared.events) };
}

interface Member {
  readonly socket: LiveSocket;
  readonly channel: Channel;
  readonly shared: SharedAccess;
  /** Every event up to this seq was delivered to the member or is not visible to it. */
  position: number;
  /**
   * Events held back while the member catches up from the log (join) or while its access
   * is being re-read (refresh): they are judged with the access that results.
   */
  backlog: CommittedEvent[] | null;
  catchingUp: boolean;
  refreshing: number;
}

/** One workspace followed by sockets of this instance. */
class Channel {
  readonly members = new Map<string, Member>();
  /** Highest seq processed in order; null until the first join read the log's head. */
  cursor: number | null = null;
  /** Events that arrived ahead of a missing seq. */
  readonly pending = new Map<number, CommittedEvent>();
  gapTimer: NodeJS.Timeout | null = null;
  /** Bumped by every access refresh, so a join racing a revoke re-checks its access. */
  accessEpoch = 0;
  /** Each following user's access, by user id. */
  readonly accesses = new Map<string, SharedAccess>();
  /** Access reads in flight by user id, each with the epoch it started in. */
  readonly reads = new Map<string, { epoch: number; read: Promise<WorkspaceAccess | null> }>();
  /** The re-read due when a follower's next consent expires, and when that is. */
  expiryTimer: NodeJS.Timeout | null = null;
  expiryAt: number | null = null;

  constructor(readonly workspaceId: string) {}
}

function sameCategories(a: ReadonlySet<Category>, b: ReadonlySet<Category>): boolean {
  return a.size === b.size && [...a].every((category) => b.has(category));
}

/**
 * This instance's live state: which local socket follows which workspace with which
 * ability, and where each one is in the workspace's event sequence.
 *
 * Events reach it from any instance in any order; per workspace they are processed in
 * seq order (the log's seq is gapless, so a missing seq is read from PostgreSQL after a
 * short wait), and each one is sent, serialised once, to the members whose ability may
 * read it. A member that joins with `afterSeq` first gets the visible events it missed
 * from the log, while live ones wait in its backlog; seq dedupes the overlap.
 */
@Injectable()
export class LiveHub {
  private readonly logger = new Logger(LiveHub.name);
  private readonly channels = new Map<string, Channel>();
  private io: LiveServer | null = null;

  constructor(
    private readonly accessService: AccessService,
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  attach(io: LiveServer): void {
    this.io = io;
  }

  detach(): void {
    this.io = null;
    for (const channel of this.channels.values()) {
      if (channel.gapTimer) clearTimeout(channel.gapTimer);
      if (channel.expiryTimer) clearTimeout(channel.expiryTimer);
    }
    this.channels.clear();
  }

  /** Sockets following each workspace on this instance (for tests and metrics). */
  memberCount(workspaceId: string): number {
    return this.channels.get(workspaceId)?.members.size ?? 0;
  }

  followedWorkspaces(): string[] {
    return [...this.channels.keys()];
  }

  /**
   * Authorises and adds the socket to the workspace, sends what it missed after
   * `afterSeq`, answers `reply`, then lets live events through. Room membership is the
   * server's decision: a non-participant gets `WORKSPACE_NOT_FOUND`, as REST's 404.
   */
  async join(
    socket: LiveSocket,
    request: JoinRequest,
    reply: (ack: JoinAck) => void,
  ): Promise<void> {
    const { workspaceId } = request;
    const data = socket.data;
    const now = Date.now();
    if (now - data.joins.windowStart >= 60_000) {
      data.joins = { windowStart: now, count: 0 };
    }
    data.joins.count += 1;
    if (data.joins.count > MAX_JOINS_PER_MINUTE) {
      reply({ ok: false, error: 'RATE_LIMITED' });
      return;
    }
    if (!data.workspaces.has(workspaceId) && data.workspaces.size >= MAX_WORKSPACES_PER_SOCKET) {
      reply({ ok: false, error: 'TOO_MANY_WORKSPACES' });
      return;
    }
    let channel = this.channelOf(workspaceId);
    let epoch = channel.accessEpoch;
    let access = await this.readAccess(channel, socket, epoch);
    // A revoke that refreshed the members while we were reading would have missed us (as
    // would a channel dropped meanwhile by a failed join).
    while (
      access &&
      (epoch !== channel.accessEpoch || this.channels.get(workspaceId) !== channel)
    ) {
      channel = this.channelOf(workspaceId);
      epoch = channel.accessEpoch;
      access = await this.readAccess(channel, socket, epoch);
    }
    const origin = { requestId: `live:${socket.id}`, ip: data.ip };
    if (!access || !socket.connected) {
      const stale = channel.accesses.get(data.user.id);
      if (!access && stale) {
        // The newest read says the user lost the workspace: so do their other sockets.
        this.applyShared(channel, stale, epoch, null);
      }
      if (!access) {
        await this.audit.record(
          {
            userId: data.user.id,
            name: data.user.name,
            party: null,
            organisationId: null,
            ...origin,
          },
          {
            action: 'workspace.access',
            resourceType: 'Workspace',
            resourceId: workspaceId,
            workspaceId,
            outcome: 'DENIED',
            reason: 'NOT_PARTICIPANT',
          },
        );
      }
      this.dropIfEmpty(channel);
      reply({ ok: false, error: 'WORKSPACE_NOT_FOUND' });
      return;
    }

    // A rejoin of the same socket replaces its earlier member (which then stops).
    const previous = channel.members.get(socket.id);
    if (previous) this.unshare(channel, previous);
    const shared = this.share(channel, data.user.id, epoch, access);
    const member: Member = {
      socket,
      channel,
      shared,
      position: 0,
      backlog: [],
      catchingUp: true,
      refreshing: 0,
    };
    shared.members.add(member);
    channel.members.set(socket.id, member);
    data.workspaces.add(workspaceId);
    const current = (): boolean => channel.members.get(socket.id) === member && socket.connected;

    // Once the channel has its place in the log, a join that asks for nothing older than
    // that place needs no read of the head: every later event reaches the new member
    // through its backlog, and the ack's seq is that place.
    const known = channel.cursor;
    const head =
      known !== null && (request.afterSeq === undefined || request.afterSeq <= known)
        ? known
        : await this.events.lastSeq(workspaceId);
    if (head === null) {
      this.remove(channel, socket);
      reply({ ok: false, error: 'WORKSPACE_NOT_FOUND' });
      return;
    }
    if (channel.cursor === null) {
      // Nothing was processed for this workspace before this member was added, so
      // everything after the head just read will reach the member through its backlog.
      channel.cursor = head;
      this.drain(channel);
    }
    // One row per join, not per delivery: live events carry ids, never case content (the
    // client reads that through REST, audited there), and the join with its catch-up is
    // what the patient needs to know ("had the case open").
    await this.audit.record(
      { ...member.shared.access, ...origin },
      {
        action: 'live.joined',
        resourceType: 'WorkspaceEvent',
        workspaceId,
        outcome: 'ALLOWED',
      },
    );

    member.position = request.afterSeq === undefined ? head : Math.min(request.afterSeq, head);
    // Catch up to the channel's cursor: whatever the channel processed before this member
    // was added is at or below it; everything it processes later is in the backlog.
    for (;;) {
      const target = channel.cursor;
      if (!current() || member.position >= target) break;
      const page = await this.events.visibleAfter(
        fullAccess(member.shared),
        member.position,
        CATCH_UP_PAGE,
      );
      if (!current()) break;
      for (const view of page) {
        if (view.seq > target) break;
        socket.emit(LIVE_EVENTS.event, view);
      }
      const last = page.at(-1);
      member.position =
        page.length === CATCH_UP_PAGE && last && last.seq < target ? last.seq : target;
    }
    if (!current()) {
      // Disconnected, left, or replaced by another join of the same socket.
      reply({ ok: false, error: 'UNAVAILABLE' });
      return;
    }
    // The ack names the last event the member may see, not the log's head: the head would
    // count events hidden from it. Rejoining after that seq misses nothing it may see.
    const seen = await this.events.lastVisibleSeq(fullAccess(member.shared), member.position);
    if (!current()) {
      reply({ ok: false, error: 'UNAVAILABLE' });
      return;
    }
    // Synchronously from here: the ack, then the backlog, then live delivery.
    reply({ ok: true, seq: seen });
    member.catchingUp = false;
    this.release(member);
  }

  leave(socket: LiveSocket, workspaceId: string): void {
    const channel = this.channels.get(workspaceId);
    if (channel) {
      this.remove(channel, socket);
    }
  }

  /** On disconnect: forget the socket everywhere. */
  leaveAll(socket: LiveSocket): void {
    for (const workspaceId of [...socket.data.workspaces]) {
      this.leave(socket, workspaceId);
    }
  }

  /** Committed events from this or another instance, in any order, possibly repeated. */
  receive(events: readonly CommittedEvent[]): void {
    for (const event of events) {
      const channel = this.channels.get(event.view.workspaceId);
      if (!channel) continue; // nobody here follows that workspace
      if (channel.cursor !== null && event.view.seq <= channel.cursor) continue;
      channel.pending.set(event.view.seq, event);
    }
    for (const workspaceId of new Set(events.map((event) => event.view.workspaceId))) {
      const channel = this.channels.get(workspaceId);
      if (channel) this.drain(channel);
    }
  }

  /**
   * Compares each followed workspace's position with the log's head (one query) and reads
   * what this instance never heard of: an event whose publisher died after commit, or
   * that was published while Redis was unreachable, when no later event showed the gap.
   */
  async reconcile(): Promise<void> {
    const followed = [...this.channels.values()].filter(
      (channel) => channel.cursor !== null && !channel.gapTimer,
    );
    if (followed.length === 0) return;
    const heads = await this.events.lastSeqs(followed.map((channel) => channel.workspaceId));
    for (const channel of followed) {
      const head = heads.get(channel.workspaceId);
      if (channel.cursor === null || head === undefined || head <= channel.cursor) continue;
      this.receive(await this.events.committedRange(channel.workspaceId, channel.cursor, head));
    }
  }

  /**
   * Re-reads the access of every local member of the workspace (the same AccessService
   * the HTTP guard uses): one read per user, shared by all of that user's sockets. A user
   * who lost the workspace has their sockets removed and told so; one whose categories
   * changed has the new ability at once and each socket is told the new set.
   */
  async refreshAccess(workspaceId: string): Promise<void> {
    const channel = this.channels.get(workspaceId);
    if (!channel) return;
    channel.accessEpoch += 1;
    const epoch = channel.accessEpoch;
    await Promise.all(
      [...channel.accesses.values()].map((shared) => this.refreshShared(channel, shared, epoch)),
    );
  }

  private async refreshShared(
    channel: Channel,
    shared: SharedAccess,
    epoch: number,
  ): Promise<void> {
    const members = [...shared.members];
    const first = members[0];
    if (!first) return;
    // From now on their events wait for the new access instead of using the old one.
    for (const member of members) {
      member.refreshing += 1;
      member.backlog ??= [];
    }
    try {
      this.applyShared(channel, shared, epoch, await this.readAccess(channel, first.socket, epoch));
    } catch (error: unknown) {
      // Fail closed: without its current access no socket of the user may stay. Each
      // reconnects by itself and is authorised again when it rejoins.
      this.logger.error({ err: error }, 'could not re-read live access; closing the sockets');
      for (const member of members) {
        if (channel.members.get(member.socket.id) === member) {
          this.remove(channel, member.socket);
        }
        member.socket.conn.close();
      }
    } finally {
      for (const member of members) {
        member.refreshing -= 1;
        this.release(member);
      }
    }
  }

  /** A join's read: a newer one replaces the user's shared access, an older one adopts it. */
  private share(
    channel: Channel,
    userId: string,
    epoch: number,
    access: WorkspaceAccess,
  ): SharedAccess {
    const shared = channel.accesses.get(userId);
    if (!shared) {
      const created: SharedAccess = {
        userId,
        ...this.kept(access),
        epoch,
        members: new Set(),
      };
      channel.accesses.set(userId, created);
      this.scheduleExpiry(channel);
      return created;
    }
    this.applyShared(channel, shared, epoch, access);
    return shared;
  }

  private applyShared(
    channel: Channel,
    shared: SharedAccess,
    epoch: number,
    next: WorkspaceAccess | null,
  ): void {
    const { workspaceId } = channel;
    if (channel.accesses.get(shared.userId) !== shared || epoch < shared.epoch) return;
    if (!next) {
      for (const member of [...shared.members]) {
        this.remove(channel, member.socket);
        member.backlog = null;
        member.socket.emit(LIVE_EVENTS.accessRevoked, { workspaceId });
      }
      return;
    }
    const changed = !sameCategories(shared.access.grantedCategories, next.grantedCategories);
    Object.assign(shared, this.kept(next));
    shared.epoch = epoch;
    this.scheduleExpiry(channel);
    if (changed) {
      const categories = categoriesInForce(next);
      for (const member of shared.members) {
        member.socket.emit(LIVE_EVENTS.accessChanged, { workspaceId, categories });
      }
    }
  }

  /** What a shared access keeps: the read's fields and a shared check of its event rules. */
  private kept(access: WorkspaceAccess): Pick<SharedAccess, 'access' | 'events'> {
    const { ability, ...fields } = access;
    return {
      access: {
        ...fields,
        requestId: 'live',
        ip: null,
        grantedCategories: sharedCategories(fields.grantedCategories),
      },
      events: eventCheckOf(ability, access.participantId),
    };
  }

  /** Delivers what was held back once neither a catch-up nor a refresh holds the member. */
  private release(member: Member): void {
    if (member.catchingUp || member.refreshing > 0 || !member.backlog) return;
    const backlog = member.backlog;
    member.backlog = null;
    // A member that left (or was replaced by a rejoin of its socket) gets nothing more.
    if (member.channel.members.get(member.socket.id) !== member) return;
    for (const event of backlog) {
      this.deliverTo(member, event);
    }
  }

  private channelOf(workspaceId: string): Channel {
    let channel = this.channels.get(workspaceId);
    if (!channel) {
      channel = new Channel(workspaceId);
      this.channels.set(workspaceId, channel);
    }
    return channel;
  }

  /**
   * The user's access to the channel's workspace, read in `epoch`: concurrent joins and
   * refreshes of one user in one epoch share a single read.
   */
  private readAccess(
    channel: Channel,
    socket: LiveSocket,
    epoch: number,
  ): Promise<WorkspaceAccess | null> {
    const userId = socket.data.user.id;
    const inFlight = channel.reads.get(userId);
    if (inFlight && inFlight.epoch === epoch) return inFlight.read;
    const entry = {
      epoch,
      read: this.accessService.forWorkspace(channel.workspaceId, socket.data.user, {
        requestId: `live:${socket.id}`,
        ip: socket.data.ip,
      }),
    };
    channel.reads.set(userId, entry);
    const forget = (): void => {
      if (channel.reads.get(userId) === entry) channel.reads.delete(userId);
    };
    entry.read.then(forget, forget);
    return entry.read;
  }

  private remove(channel: Channel, socket: LiveSocket): void {
    const member = channel.members.get(socket.id);
    channel.members.delete(socket.id);
    socket.data.workspaces.delete(channel.workspaceId);
    if (member) this.unshare(channel, member);
    this.dropIfEmpty(channel);
  }

  /** Takes the member out of its shared access, which goes when no socket holds it. */
  private unshare(channel: Channel, member: Member): void {
    const { shared } = member;
    shared.members.delete(member);
    if (shared.members.size === 0 && channel.accesses.get(shared.userId) === shared) {
      channel.accesses.delete(shared.userId);
    }
  }

  /**
   * A consent that expires changes what its party may see at that instant, as REST does on
   * the next request: the channel re-reads its followers' access then, not at the next
   * periodic check. One timer per channel, at the earliest expiry among its followers.
   */
  private scheduleExpiry(channel: Channel): void {
    let earliest: number | null = null;
    for (const shared of channel.accesses.values()) {
      const at = shared.access.consentsChangeAt?.getTime() ?? null;
      if (at !== null && (earliest === null || at < earliest)) earliest = at;
    }
    if (earliest === channel.expiryAt) return;
    if (channel.expiryTimer) clearTimeout(channel.expiryTimer);
    channel.expiryTimer = null;
    channel.expiryAt = earliest;
    if (earliest === null) return;
    // Just after the instant (the database judges `expires_at > now()`); within the range a
    // timer takes (the periodic check covers anything further away).
    const delay = Math.min(Math.max(0, earliest - Date.now()) + EXPIRY_SLACK_MS, MAX_TIMER_MS);
    channel.expiryTimer = setTimeout(() => {
      channel.expiryTimer = null;
      channel.expiryAt = null;
      this.refreshAccess(channel.workspaceId).catch((error: unknown) => {
        this.logger.error({ err: error }, 're-reading live access at a consent expiry failed');
      });
    }, delay);
    channel.expiryTimer.unref();
  }

  private dropIfEmpty(channel: Channel): void {
    if (channel.members.size === 0 && this.channels.get(channel.workspaceId) === channel) {
      if (channel.gapTimer) clearTimeout(channel.gapTimer);
      if (channel.expiryTimer) clearTimeout(channel.expiryTimer);
      this.channels.delete(channel.workspaceId);
    }
  }

  /** Processes pending events in seq order; a gap waits briefly, then is read from the log. */
  private drain(channel: Channel): void {
    if (channel.cursor === null) return;
    for (const seq of channel.pending.keys()) {
      if (seq <= channel.cursor) channel.pending.delete(seq);
    }
    let next = channel.pending.get(channel.cursor + 1);
    while (next) {
      channel.pending.delete(next.view.seq);
      channel.cursor = next.view.seq;
      this.deliver(channel, next);
      next = channel.pending.get(channel.cursor + 1);
    }
    if (channel.pending.size > 0 && !channel.gapTimer) {
      channel.gapTimer = setTimeout(() => {
        channel.gapTimer = null;
        void this.fillGap(channel);
      }, GAP_WAIT_MS);
      channel.gapTimer.unref();
    }
  }

  private async fillGap(channel: Channel): Promise<void> {
    if (channel.cursor === null || channel.pending.size === 0) return;
    const upTo = Math.min(...channel.pending.keys()) - 1;
    try {
      const missing = await this.events.committedRange(channel.workspaceId, channel.cursor, upTo);
      this.receive(missing);
      if (channel.cursor < upTo) {
        // The log is the authority: seqs it does not hold will never come.
        this.logger.error(`event log of ${channel.workspaceId} lacks seqs up to ${upTo}`);
        channel.cursor = upTo;
        this.drain(channel);
      }
    } catch (error: unknown) {
      this.logger.error({ err: error }, 'reading missed events from the log failed; retrying');
      if (!channel.gapTimer && this.channels.get(channel.workspaceId) === channel) {
        channel.gapTimer = setTimeout(() => {
          channel.gapTimer = null;
          void this.fillGap(channel);
        }, GAP_RETRY_MS);
        channel.gapTimer.unref();
      }
    }
  }

  /** One event to every member that may read it: one broadcast, serialised once. */
  private deliver(channel: Channel, event: CommittedEvent): void {
    const recipients: string[] = [];
    // One ability check per user, however many sockets share their access.
    const verdicts = new Map<SharedAccess, boolean>();
    for (const member of channel.members.values()) {
      if (member.backlog) {
        member.backlog.push(event);
      } else if (event.view.seq > member.position) {
        member.position = event.view.seq;
        let may = verdicts.get(member.shared);
        if (may === undefined) {
          may = mayReadEventAs(member.shared.events, event.visibility);
          verdicts.set(member.shared, may);
        }
        if (may) recipients.push(member.socket.id);
      }
    }
    if (recipients.length > 0 && this.io) {
      // Each socket is in a room named by its id; `local`: other instances deliver to
      // their own sockets from the same committed event.
      this.io.local.to(recipients).emit(LIVE_EVENTS.event, event.view);
    }
  }

  private deliverTo(member: Member, event: CommittedEvent): void {
    if (event.view.seq <= member.position) return;
    member.position = event.view.seq;
    if (mayReadEventAs(member.shared.events, event.visibility)) {
      member.socket.emit(LIVE_EVENTS.event, event.view);
    }
  }
}
