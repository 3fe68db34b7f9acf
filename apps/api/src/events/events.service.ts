import { Injectable } from '@nestjs/common';
import { CATEGORIES, type EventsPage, type EventsQuery } from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { AuditService } from '../audit/audit.service';
import type { Tx } from '../prisma/transaction';
import { toEventView } from './events.mapper';
import { EventsRepository, type NewWorkspaceEvent } from './events.repository';

/** The per-workspace event log: every change appends one event in its own transaction. */
@Injectable()
export class EventsService {
  constructor(
    private readonly repository: EventsRepository,
    private readonly audit: AuditService,
  ) {}

  append(tx: Tx, event: NewWorkspaceEvent): Promise<{ seq: number; at: Date }> {
    return this.repository.append(tx, event);
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
