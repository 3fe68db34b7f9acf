import { Injectable } from '@nestjs/common';
import type { EventType } from '@atergang/contracts';
import type { Actor } from '../access/access.types';
import { CASE_FACETS, type FacetSubject, facetsOf } from '../access/facets';
import { AuditService } from '../audit/audit.service';
import type { UnitOfWork } from '../prisma/transaction';
import { EventsService } from './events.service';

/** Who made a change, in which case. */
export interface ChangeActor extends Actor {
  readonly workspaceId: string;
}

/** An item whose readers may see the change: its model and the row as it now stands. */
export interface VisibleItem {
  readonly subject: FacetSubject;
  readonly row: object;
}

export interface Change {
  readonly type: EventType;
  /** What changed, as the audit trail and the event name it. */
  readonly resource: {
    readonly type: string;
    readonly id: string;
    /** The item's version after the change, for the client to refetch; omit when it would count hidden changes. */
    readonly version?: number;
  };
  /**
   * Who may see the event: the readers of these items (one event each), or 'case' for a
   * change every participant sees (who takes part).
   */
  readonly visibleAs: 'case' | readonly VisibleItem[];
  /** Extra event data: identifiers only, never case content. */
  readonly data?: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * The one writer of a change: in the change's own transaction it appends the workspace
 * event (its visibility facets extracted from the changed row, never filled in by hand)
 * and the audit row. Every feature records its changes here.
 */
@Injectable()
export class ChangeRecorder {
  constructor(
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  async record(unit: UnitOfWork, actor: ChangeActor, change: Change): Promise<void> {
    const { resource } = change;
    const payload = {
      id: resource.id,
      ...(resource.version !== undefined ? { version: resource.version } : {}),
      ...change.data,
    };
    const facetSets =
      change.visibleAs === 'case'
        ? [CASE_FACETS]
        : change.visibleAs.map((item) => facetsOf(item.subject, item.row));
    // Items seen by the same readers make one event, not several identical ones.
    const distinct = new Map(facetSets.map((facets) => [JSON.stringify(facets), facets]));
    for (const facets of distinct.values()) {
      await this.events.append(unit, {
        workspaceId: actor.workspaceId,
        type: change.type,
        facets,
        actorUserId: actor.userId,
        actorParty: actor.party,
        subjectType: resource.type,
        subjectId: resource.id,
        payload,
      });
    }
    await this.audit.record(
      actor,
      {
        action: change.type,
        resourceType: resource.type,
        resourceId: resource.id,
        workspaceId: actor.workspaceId,
        outcome: 'ALLOWED',
      },
      unit,
    );
  }
}
