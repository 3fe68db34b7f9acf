import type { WorkspaceEventView } from '@atergang/contracts';
import type { AccessService } from '../access/access.service';
import type { WorkspaceAccess } from '../access/access.types';
import { CASE_FACETS } from '../access/facets';
import { buildWorkspaceAbility } from '../access/workspace-ability';
import type { AuditService } from '../audit/audit.service';
import type { CommittedEvent } from '../events/committed-events';
import type { EventsService } from '../events/events.service';
import { CATEGORIES, type Category, PARTIES, type Party } from '@atergang/contracts';
import {
  eventAbility,
  eventCheckOf,
  LiveHub,
  mayReadEvent,
  mayReadEventAs,
  type LiveServer,
  type LiveSocket,
} from './live-hub';

// The hub's ordering rules without a network: events from several instances arrive in
// any order and may repeat; each member must get each visible event once, in seq order,
// and a seq that never arrives is read from the log.

const WORKSPACE = '00000000-0000-4000-8000-000000000001';

function event(seq: number, category: 'PLAN' | null = null): CommittedEvent {
  return {
    view: {
      workspaceId: WORKSPACE,
      seq,
      type: 'task.updated',
      category,
      at: new Date(0).toISOString(),
      actor: { userId: null, name: null, party: null },
      data: { id: `item-${seq}`, version: 1 },
    },
    visibility: { ...CASE_FACETS, workspaceId: WORKSPACE, category },
  };
}

function access(granted: Category[], userId = 'user'): WorkspaceAccess {
  const grantedCategories = new Set(granted);
  return {
    userId,
    name: 'Someone',
    requestId: 'r',
    ip: null,
    workspaceId: WORKSPACE,
    participantId: `participant-${userId}`,
    party: 'EMPLOYER',
    role: null,
    organisationId: null,
    isPatient: false,
    grantedCategories,
    consentsChangeAt: null,
    caseClosed: false,
    ability: buildWorkspaceAbility({
      party: 'EMPLOYER',
      role: null,
      participantId: `participant-${userId}`,
      isPatient: false,
      grantedCategories,
    }),
  };
}

function setUp(
  log: CommittedEvent[],
  head: number,
  granted: 'PLAN'[] = ['PLAN'],
  readAccess?: (workspaceId: string, user: { id: string }) => Promise<WorkspaceAccess | null>,
  lastVisible: (upTo: number) => number = (upTo) => upTo,
) {
  const sent = new Map<string, number[]>();
  /** Other messages to each socket: access-changed and access-revoked. */
  const told = new Map<string, string[]>();
  const record = (id: string, view: WorkspaceEventView): void => {
    sent.set(id, [...(sent.get(id) ?? []), view.seq]);
  };
  const io = {
    local: {
      to: (ids: string[]) => ({
        emit: (_name: string, view: WorkspaceEventView) => {
          for (const id of ids) record(id, view);
        },
      }),
    },
  } as unknown as LiveServer;
  let headReads = 0;
  /** The positions the hub asked "the last event this member may see" for. */
  const visibleReads: number[] = [];
  const events = {
    lastSeq: () => {
      headReads += 1;
      return Promise.resolve(head);
    },
    lastSeqs: (ids: string[]) => Promise.resolve(new Map(ids.map((id) => [id, head]))),
    committedRange: (_w: string, after: number, upTo: number) =>
      Promise.resolve(log.filter((each) => each.view.seq > after && each.view.seq <= upTo)),
    visibleAfter: () => Promise.resolve([]),
    // The log before these tests' events is taken as visible to everyone (the int-spec
    // checks that the ack does not count hidden events).
    lastVisibleSeq: (_access: unknown, upTo: number) => {
      visibleReads.push(upTo);
      return Promise.resolve(lastVisible(upTo));
    },
  } as unknown as EventsService;
  const accessService = {
    forWorkspace: readAccess ?? (() => Promise.resolve(access(granted))),
  } as unknown as AccessService;
  const audit = { record: () => Promise.resolve() } as unknown as AuditService;
  const hub = new LiveHub(accessService, events, audit);
  hub.attach(io);
  const socket = (id: string, userId = 'user'): LiveSocket =>
    ({
      id,
      connected: true,
      data: {
        user: { id: userId, name: 'Someone', email: 'x@example.test' },
        ip: null,
        expiresAt: null,
        workspaces: new Set(),
        joins: { windowStart: Date.now(), count: 0 },
      },
      emit: (name: string, view: WorkspaceEventView) => {
        if (name === 'workspace:event') record(id, view);
        else told.set(id, [...(told.get(id) ?? []), name]);
      },
      conn: { close: () => undefined },
    }) as unknown as LiveSocket;
  return { hub, sent, told, socket, headReads: () => headReads, visibleReads };
}

describe('LiveHub ordering', () => {
  it('delivers events that arrive out of order and repeated once each, in seq order', async () => {
    const { hub, sent, socket } = setUp([], 10);
    const acks: unknown[] = [];
    await hub.join(socket('s1'), { workspaceId: WORKSPACE }, (ack) => acks.push(ack));
    expect(acks).toEqual([{ ok: true, seq: 10 }]);
    hub.receive([event(13), event(12)]);
    hub.receive([event(11), event(12)]);
    hub.receive([event(10), event(14), event(13)]);
    expect(sent.get('s1')).toEqual([11, 12, 13, 14]);
  });

  it('skips what the member may not read but keeps its place', async () => {
    const { hub, sent, socket } = setUp([], 0, []);
    await hub.join(socket('s1'), { workspaceId: WORKSPACE }, () => undefined);
    hub.receive([event(1, 'PLAN'), event(2), event(3, 'PLAN'), event(4)]);
    expect(sent.get('s1')).toEqual([2, 4]);
  });

  it('reads a seq that never arrives from the log, then goes on', async () => {
    const log = [event(1), event(2), event(3)];
    const { hub, sent, socket } = setUp(log, 0);
    await hub.join(socket('s1'), { workspaceId: WORKSPACE }, () => undefined);
    hub.receive([event(3)]);
    expect(sent.get('s1')).toBeUndefined();
    // The hub waits briefly for the missing seqs before it reads the log.
    for (let waited = 0; (sent.get('s1')?.length ?? 0) < 3 && waited < 10_000; waited += 50) {
      await new Promise((wait) => setTimeout(wait, 50));
    }
    expect(sent.get('s1')).toEqual([1, 2, 3]);
  });

  it('goes on when the log itself lacks a seq (it is the authority)', async () => {
    const { hub, sent, socket } = setUp([], 0);
    await hub.join(socket('s1'), { workspaceId: WORKSPACE }, () => undefined);
    hub.receive([event(3)]);
    for (let waited = 0; !sent.get('s1') && waited < 10_000; waited += 50) {
      await new Promise((wait) => setTimeout(wait, 50));
    }
    expect(sent.get('s1')).toEqual([3]);
  });

  it("reads the log's head once per channel: later joins start at the channel's place", async () => {
    const { hub, sent, socket, headReads } = setUp([], 5);
    const acks: unknown[] = [];
    await hub.join(socket('s1'), { workspaceId: WORKSPACE }, (ack) => acks.push(ack));
    hub.receive([event(6)]);
    await hub.join(socket('s2', 'other'), { workspaceId: WORKSPACE }, (ack) => acks.push(ack));
    await hub.join(socket('s3'), { workspaceId: WORKSPACE, afterSeq: 5 }, (ack) => acks.push(ack));
    expect(acks).toEqual([
      { ok: true, seq: 5 },
      { ok: true, seq: 6 },
      // Caught up from the log (empty in this test) to the channel's place.
      { ok: true, seq: 6 },
    ]);
    expect(headReads()).toBe(1);
    hub.receive([event(7)]);
    expect([sent.get('s1'), sent.get('s2'), sent.get('s3')]).toEqual([[6, 7], [7], [7]]);
  });

  it("acks the member's last visible seq, not the head, and still sends each later event once", async () => {
    // Seqs 9 and 10 are hidden from the member: its last visible event is 8.
    const { hub, sent, socket, visibleReads } = setUp([], 10, ['PLAN'], undefined, (upTo) =>
      Math.min(upTo, 8),
    );
    const acks: unknown[] = [];
    await hub.join(socket('s1'), { workspaceId: WORKSPACE }, (ack) => acks.push(ack));
    // A second socket of another user on the channel: the channel's place, judged the same.
    await hub.join(socket('s2', 'other'), { workspaceId: WORKSPACE }, (ack) => acks.push(ack));
    expect(acks).toEqual([
      { ok: true, seq: 8 },
      { ok: true, seq: 8 },
    ]);
    expect(visibleReads).toEqual([10, 10]);
    // The hidden 9 and 10 are behind the member all the same: nothing at or below the head
    // is sent again, and what follows is sent once.
    hub.receive([event(10), event(11), event(12, 'PLAN')]);
    expect([sent.get('s1'), sent.get('s2')]).toEqual([
      [11, 12],
      [11, 12],
    ]);
  });

  it('ignores events of workspaces nobody here follows', () => {
    const { hub, sent } = setUp([], 0);
    hub.receive([event(1)]);
    expect(sent.size).toBe(0);
    expect(hub.followedWorkspaces()).toEqual([]);
  });

  it('holds events back while access is re-read, and judges them with the new access', async () => {
    const reads: ((value: WorkspaceAccess | null) => void)[] = [];
    const { hub, sent, socket } = setUp([], 0, [], () =>
      reads.length === 0
        ? (reads.push(() => undefined), Promise.resolve(access(['PLAN'])))
        : new Promise((resolve) => reads.push(resolve)),
    );
    await hub.join(socket('s1'), { workspaceId: WORKSPACE }, () => undefined);
    hub.receive([event(1, 'PLAN')]);
    expect(sent.get('s1')).toEqual([1]);
    // A revoke: while its access read is in flight, a PLAN event committed after it arrives.
    const refreshed = hub.refreshAccess(WORKSPACE);
    hub.receive([event(2, 'PLAN'), event(3)]);
    expect(sent.get('s1')).toEqual([1]);
    reads[1]?.(access([]));
    await refreshed;
    expect(sent.get('s1')).toEqual([1, 3]);
  });

  it('never lets an older access read overwrite a newer one', async () => {
    const reads: ((value: WorkspaceAccess | null) => void)[] = [];
    const { hub, sent, socket } = setUp([], 0, [], () =>
      reads.length === 0
        ? (reads.push(() => undefined), Promise.resolve(access(['PLAN'])))
        : new Promise((resolve) => reads.push(resolve)),
    );
    await hub.join(socket('s1'), { workspaceId: WORKSPACE }, () => undefined);
    const older = hub.refreshAccess(WORKSPACE);
    const newer = hub.refreshAccess(WORKSPACE);
    reads[2]?.(access([])); // the newer read (consent revoked) answers first
    reads[1]?.(access(['PLAN'])); // the older read answers last, with the old consent
    await Promise.all([older, newer]);
    hub.receive([event(1, 'PLAN'), event(2)]);
    expect(sent.get('s1')).toEqual([2]);
  });
});

describe('LiveHub shared access', () => {
  /** Access reads that answer only when the test says so, counted by user. */
  function controlledReads() {
    const pending: { userId: string; answer: (value: WorkspaceAccess | null) => void }[] = [];
    const read = (_workspaceId: string, user: { id: string }) =>
      new Promise<WorkspaceAccess | null>((answer) => {
        pending.push({ userId: user.id, answer });
      });
    const answerAll = async (value: (userId: string) => WorkspaceAccess | null) => {
      for (const { userId, answer } of pending.splice(0)) answer(value(userId));
      // Let the awaiting joins and refreshes go on.
      for (let i = 0; i < 20; i += 1) await Promise.resolve();
    };
    return { pending, read, answerAll };
  }

  it('gives concurrent joins of one user one read, and a revoke reaches all their sockets', async () => {
    const reads = controlledReads();
    const { hub, sent, told, socket } = setUp([], 0, [], reads.read);
    const a = socket('a');
    const b = socket('b');
    const other = socket('o', 'other');
    const acks: unknown[] = [];
    const joins = [a, b, other].map((each) =>
      hub.join(each, { workspaceId: WORKSPACE }, (ack) => acks.push(ack)),
    );
    await Promise.resolve();
    // One read for the user's two sockets, one for the other user.
    expect(reads.pending.map((each) => each.userId).sort()).toEqual(['other', 'user']);
    await reads.answerAll((userId) => access(['PLAN'], userId));
    await Promise.all(joins);
    expect(acks).toEqual([
      { ok: true, seq: 0 },
      { ok: true, seq: 0 },
      { ok: true, seq: 0 },
    ]);
    hub.receive([event(1, 'PLAN')]);
    expect([sent.get('a'), sent.get('b'), sent.get('o')]).toEqual([[1], [1], [1]]);

    // The user's consent is withdrawn: one re-read per user, and both sockets follow it.
    const withdrawn = hub.refreshAccess(WORKSPACE);
    expect(reads.pending.map((each) => each.userId).sort()).toEqual(['other', 'user']);
    await reads.answerAll((userId) => access(userId === 'user' ? [] : ['PLAN'], userId));
    await withdrawn;
    expect([told.get('a'), told.get('b'), told.get('o')]).toEqual([
      ['workspace:access-changed'],
      ['workspace:access-changed'],
      undefined,
    ]);
    hub.receive([event(2, 'PLAN'), event(3)]);
    expect([sent.get('a'), sent.get('b'), sent.get('o')]).toEqual([
      [1, 3],
      [1, 3],
      [1, 2, 3],
    ]);

    // The user is removed from the workspace: both their sockets go, the other user stays.
    const removed = hub.refreshAccess(WORKSPACE);
    await reads.answerAll((userId) => (userId === 'user' ? null : access(['PLAN'], userId)));
    await removed;
    expect(told.get('a')?.at(-1)).toBe('workspace:access-revoked');
    expect(told.get('b')?.at(-1)).toBe('workspace:access-revoked');
    expect(told.get('o')).toBeUndefined();
    expect(hub.memberCount(WORKSPACE)).toBe(1);
    hub.receive([event(4)]);
    expect([sent.get('a'), sent.get('b'), sent.get('o')]).toEqual([
      [1, 3],
      [1, 3],
      [1, 2, 3, 4],
    ]);
  });

  it('lets a later join of the same user bring newer access to the sockets already there', async () => {
    let granted: Category[] = ['PLAN'];
    const { hub, sent, told, socket } = setUp([], 0, [], () => Promise.resolve(access(granted)));
    await hub.join(socket('a'), { workspaceId: WORKSPACE }, () => undefined);
    granted = [];
    // A change that was announced: the epoch moved, so the next join's read is the newer.
    await hub.refreshAccess(WORKSPACE);
    granted = ['PLAN'];
    await hub.join(socket('b'), { workspaceId: WORKSPACE }, () => undefined);
    expect(told.get('a')).toEqual(['workspace:access-changed', 'workspace:access-changed']);
    hub.receive([event(1, 'PLAN')]);
    expect([sent.get('a'), sent.get('b')]).toEqual([[1], [1]]);
  });

  it('closes every socket of the user when their access cannot be re-read', async () => {
    let fail = false;
    const { hub, socket } = setUp([], 0, [], (_w, user) =>
      fail && user.id === 'user'
        ? Promise.reject(new Error('database unreachable'))
        : Promise.resolve(access(['PLAN'], user.id)),
    );
    const closed: string[] = [];
    const withClose = (id: string, userId?: string): LiveSocket => {
      const each = socket(id, userId);
      (each as unknown as { conn: { close: () => void } }).conn.close = () => closed.push(id);
      return each;
    };
    for (const each of [withClose('a'), withClose('b'), withClose('o', 'other')]) {
      await hub.join(each, { workspaceId: WORKSPACE }, () => undefined);
    }
    fail = true;
    await hub.refreshAccess(WORKSPACE);
    expect(closed.sort()).toEqual(['a', 'b']);
    expect(hub.memberCount(WORKSPACE)).toBe(1);
  });
});

describe('eventAbility and the shared event check', () => {
  it('answer for every event exactly as the full ability does', () => {
    const values = <T>(list: readonly T[]): (T | null)[] => [null, ...list];
    const mismatches: unknown[] = [];
    let checked = 0;
    for (const party of PARTIES) {
      const parties = values([party, party === 'EMPLOYER' ? 'CARE' : 'EMPLOYER'] as Party[]);
      for (const isPatient of [true, false]) {
        for (const granted of [
          [],
          ['PLAN'],
          ['TASKS', 'MEDICAL'],
          [...CATEGORIES],
        ] as Category[][]) {
          const full = buildWorkspaceAbility({
            party,
            role: null,
            participantId: 'me',
            isPatient,
            grantedCategories: new Set(granted),
          });
          const slim = eventAbility(full);
          // Live's check: shared by every participant of the party with these consents.
          const other = buildWorkspaceAbility({
            party,
            role: null,
            participantId: 'someone',
            isPatient,
            grantedCategories: new Set(granted),
          });
          const mine = eventCheckOf(full, 'me');
          const theirs = eventCheckOf(other, 'someone');
          if (mine.ability !== theirs.ability) mismatches.push({ party, isPatient, granted });
          for (const category of values(CATEGORIES)) {
            for (const viaNote of [false, true]) {
              for (const authorParty of parties) {
                for (const assigneeParty of parties) {
                  for (const assigneeParticipantId of [null, 'me', 'someone']) {
                    for (const inviteeParticipantIds of [[], ['me'], ['someone']]) {
                      const fields = {
                        workspaceId: WORKSPACE,
                        category,
                        authorParty,
                        assigneeParty,
                        assigneeParticipantId,
                        inviteeParticipantIds,
                        viaNote,
                      };
                      checked += 1;
                      const expected = mayReadEvent(full, fields);
                      if (
                        mayReadEvent(slim, fields) !== expected ||
                        mayReadEventAs(mine, fields) !== expected ||
                        mayReadEventAs(theirs, fields) !== mayReadEvent(other, fields)
                      ) {
                        mismatches.push({ party, isPatient, granted, fields });
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });
});
