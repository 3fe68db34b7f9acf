import { Injectable } from '@nestjs/common';
import {
  CATEGORIES,
  type EventsPage,
  type EventsQuery,
  type WorkspaceEventView,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { AuditService } from '../audit/audit.service';
import { afterCommit, type Tx } from '../prisma/transaction';
import { type CommittedEvent, CommittedEvents } from './committed-events';
import { toCommittedEvent, toEventView } from './events.mapper';
import { EventsRepository, type NewWorkspaceEvent } from './events.repository';

/** Seqs appended per workspace in one transaction: they are contiguous (row lock). */
const pendingOfTransaction = new WeakMap<Tx, Map<string, { first: number; last: number }>>();

/** The per-workspace event log: every change appends one event in its own transaction. */
@Injectable()
export class EventsService {
  constructor(
    private readonly repository: EventsRepository,
    private readonly audit: AuditService,
    private readonly committed: CommittedEvents,
  ) {}

  /**
   * Appends in the caller's transaction. After it commits (never for a rollback), the
   * transaction's events of each workspace are read back once and announced for live
   * delivery, before the caller's request returns.
   */
  async append(tx: Tx, event: NewWorkspaceEvent): Promise<{ seq: number; at: Date }> {
    const appended = await this.repository.append(tx, event);
    this.announceAfterCommit(tx, event.workspaceId, appended.seq);
    return appended;
  }

  /** Events of a workspace in (after, upTo], unscoped: for live fan-out and gap filling. */
  async committedRange(
    workspaceId: string,
    after: number,
    upTo: number,
  ): Promise<CommittedEvent[]> {
    const rows = await this.repository.range(workspaceId, after, upTo);
    return rows.map(toCommittedEvent);
  }

  /** The workspace's last committed seq, or null when it does not exist. */
  lastSeq(workspaceId: string): Promise<number | null> {
    return this.repository.lastSeq(workspaceId);
  }

  /** The last committed seq of each of these workspaces (one query). */
  lastSeqs(workspaceIds: readonly string[]): Promise<Map<string, number>> {
    return this.repository.lastSeqs(workspaceIds);
  }

  /** The caller's visible events after `after` (REST's rule and query), without auditing. */
  async visibleAfter(
    access: WorkspaceAccess,
    after: number,
    take: number,
  ): Promise<WorkspaceEventView[]> {
    const rows = await this.repository.visibleAfter(
      access.workspaceId,
      access.ability,
      after,
      take,
    );
    return rows.map(toEventView);
  }

  private announceAfterCommit(tx: Tx, workspaceId: string, seq: number): void {
    if (!this.committed.hasListeners) {
      return;
    }
    let pending = pendingOfTransaction.get(tx);
    if (!pending) {
      pending = new Map();
      pendingOfTransaction.set(tx, pending);
      const batches = pending;
      afterCommit(tx, async () => {
        for (const [id, range] of batches) {
          await this.committed.announce(await this.committedRange(id, range.first - 1, range.last));
        }
      });
    }
    const range = pending.get(workspaceId);
    if (range) {
      range.last = Math.max(range.last, seq);
    } else {
      pending.set(workspaceId, { first: seq, last: seq });
    }
  }

  async visible(access: WorkspaceAccess, query: EventsQuery): Promise<EventsPage> {
    // One extra row tells whether another page follows.
    const rows = await this.repository.visibleAfter(
      access.workspaceId,
      access.ability,
      query.after,
      query.limit + 1,
    );
    await this.audit.record(access, {
      action: 'event.read',
      resourceType: 'WorkspaceEvent',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return {
      events: rows.slice(0, query.limit).map(toEventView),
      withheld: access.isPatient
        ? []
        : CATEGORIES.filter((category) => !access.grantedCategories.has(category)),
      more: rows.length > query.limit,
    };
  }
}
