import { Injectable } from '@nestjs/common';
import {
  CATEGORIES,
  type EventsPage,
  type EventsQuery,
  type WorkspaceEventView,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { AuditService } from '../audit/audit.service';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { type CommittedEvent, CommittedEvents } from './committed-events';
import { toCommittedEvent, toEventView } from './events.mapper';
import { EventsRepository, type NewWorkspaceEvent } from './events.repository';
import { withheldOf } from '../access/consent-rules';

/** Announcing a unit's events runs after access changes reached the live sockets (order 0). */
const ANNOUNCE_ORDER = 10;

/** The per-workspace event log: every change appends one event in its own transaction. */
@Injectable()
export class EventsService {
  constructor(
    private readonly repository: EventsRepository,
    private readonly audit: AuditService,
    private readonly committed: CommittedEvents,
    transactions: TransactionRunner,
  ) {
    // After a unit commits (never for a rollback), its events of each workspace are read
    // back once and announced for live delivery, before the caller's request returns.
    transactions.onCommitted(ANNOUNCE_ORDER, (unit) => this.announce(unit));
  }

  /** Appends in the unit's transaction; only the one change writer calls this. */
  async append(unit: UnitOfWork, event: NewWorkspaceEvent): Promise<{ seq: number; at: Date }> {
    const appended = await this.repository.append(unit.tx, event);
    unit.eventAppended(event.workspaceId, appended.seq);
    return appended;
  }

  private async announce(unit: UnitOfWork): Promise<void> {
    if (!this.committed.hasListeners) {
      return;
    }
    for (const [workspaceId, range] of unit.appendedEvents) {
      await this.committed.announce(
        await this.committedRange(workspaceId, range.first - 1, range.last),
      );
    }
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

  /** The seq of the caller's last visible event up to `upTo` (0 when none): hides the rest. */
  lastVisibleSeq(access: WorkspaceAccess, upTo: number): Promise<number> {
    return this.repository.lastVisibleSeq(access.workspaceId, access.ability, upTo);
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
      withheld: withheldOf(access, CATEGORIES),
      more: rows.length > query.limit,
    };
  }
}
