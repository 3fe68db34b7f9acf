import { Injectable } from '@nestjs/common';
import type { AuditAction, AuditOutcome } from '@atergang/contracts';
import type { Actor } from '../access/access.types';
import type { UnitOfWork } from '../prisma/transaction';
import { AuditRepository } from './audit.repository';

export interface AuditEvent {
  /** Dotted verb on a resource: 'plan.read', 'consent.granted', 'workspace.access'. */
  readonly action: AuditAction;
  readonly resourceType: string;
  readonly resourceId?: string | null;
  readonly workspaceId?: string | null;
  readonly outcome: AuditOutcome;
  /** For denials: why (an error code), never case data. */
  readonly reason?: string | null;
}

/** Who acted when there is no signed-in user (a failed login, say). */
export interface AnonymousActor {
  readonly userId: null;
  readonly requestId: string;
  readonly ip: string | null;
}

/**
 * The audit trail in the data path: every read and write of case data and every denial.
 * A change passes its unit of work: the row is written as the unit's last statement, so it
 * commits (or rolls back) with the change. Without a unit the row is written at once (a
 * read, a denial: those are recorded whatever happens next).
 */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  async record(actor: Actor | AnonymousActor, event: AuditEvent, unit?: UnitOfWork): Promise<void> {
    const fields = this.fieldsOf(actor, event);
    if (unit) {
      unit.writeLast(() => this.repository.append(fields, unit.tx));
    } else {
      await this.repository.append(fields);
    }
  }

  /**
   * Several rows at once, outside any change (a list read that reveals several cases: one
   * row per case, so each case's patient sees it in her own log).
   */
  async recordEach(records: readonly { actor: Actor; event: AuditEvent }[]): Promise<void> {
    await this.repository.appendMany(
      records.map(({ actor, event }) => this.fieldsOf(actor, event)),
    );
  }

  private fieldsOf(actor: Actor | AnonymousActor, event: AuditEvent) {
    return {
      at: new Date(),
      requestId: actor.requestId,
      actorUserId: actor.userId,
      actorParty: 'party' in actor ? actor.party : null,
      actorOrganisationId: 'organisationId' in actor ? actor.organisationId : null,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId ?? null,
      workspaceId: event.workspaceId ?? null,
      outcome: event.outcome,
      reason: event.reason ?? null,
      ip: actor.ip,
    };
  }
}
