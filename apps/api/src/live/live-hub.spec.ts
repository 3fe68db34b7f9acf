import type { WorkspaceEventView } from '@atergang/contracts';
import type { AccessService } from '../access/access.service';
import type { WorkspaceAccess } from '../access/access.types';
import { buildWorkspaceAbility } from '../access/workspace-ability';
import type { AuditService } from '../audit/audit.service';
import type { CommittedEvent } from '../events/committed-events';
import type { EventsService } from '../events/events.service';
import { LiveHub, type LiveServer, type LiveSocket } from './live-hub';

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
    visibility: {
      workspaceId: WORKSPACE,
      category,
      actorParty: null,
      authorParty: null,
      assigneeParty: null,
      assigneeParticipantId: null,
    },
  };
}

function access(granted: 'PLAN'[]): WorkspaceAccess {
  const grantedCategories = new Set(granted);
  return {
    userId: 'user',
    name: 'Someone',
    requestId: 'r',
    ip: null,
    workspaceId: WORKSPACE,
    participantId: 'participant',
    party: 'EMPLOYER',
    role: null,
    organisationId: null,
    isPatient: false,
    grantedCategories,
    ability: buildWorkspaceAbility({
      party: 'EMPLOYER',
      role: null,
      participantId: 'participant',
      isPatient: false,
      grantedCategories,
    }),
  };
}

function setUp(
  log: CommittedEvent[],
  head: number,
  granted: 'PLAN'[] = ['PLAN'],
  readAccess?: () => Promise<WorkspaceAccess | null>,
) {
  const sent = new Map<string, number[]>();
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
  const events = {
    lastSeq: () => Promise.resolve(head),
    lastSeqs: (ids: string[]) => Promise.resolve(new Map(ids.map((id) => [id, head]))),
    committedRange: (_w: string, after: number, upTo: number) =>
      Promise.resolve(log.filter((each) => each.view.seq > after && each.view.seq <= upTo)),
    visibleAfter: () => Promise.resolve([]),
  } as unknown as EventsService;
  const accessService = {
    forWorkspace: readAccess ?? (() => Promise.resolve(access(granted))),
  } as unknown as AccessService;
  const audit = { record: () => Promise.resolve() } as unknown as AuditService;
  const hub = new LiveHub(accessService, events, audit);
  hub.attach(io);
  const socket = (id: string): LiveSocket =>
    ({
      id,
      connected: true,
      data: {
        user: { id: 'user', name: 'Someone', email: 'x@example.test' },
        ip: null,
        workspaces: new Set(),
        joins: { windowStart: Date.now(), count: 0 },
      },
      emit: (name: string, view: WorkspaceEventView) => {
        if (name === 'workspace:event') record(id, view);
      },
      conn: { close: () => undefined },
    }) as unknown as LiveSocket;
  return { hub, sent, socket };
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
