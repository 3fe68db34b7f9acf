import { Injectable } from '@nestjs/common';
import {
  type AccessLogPosition,
  type AccessLogEntry,
  type AccessLogGroup,
  type AccessLogQuery,
  type AccessLogSummary,
  type AuditAction,
  encodeAccessLogCursor,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { Authorization } from '../access/authorization';
import { ApiError } from '../common/api-error';
import { accessSentence, describeAction, groupSentence } from './access-log.text';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

const patientOnly = (): ApiError =>
  new ApiError(403, 'PATIENT_ONLY', 'Only the patient can see who has looked at their case.');

/** Entries a page holds unless the caller asks for another number. */
const DEFAULT_ENTRIES = 200;
/** Groups a page holds unless the caller asks for another number. */
const DEFAULT_GROUPS = 50;

/**
 * One page of rows read with one row more than asked for: the rows to show, and the cursor
 * of the last one when that extra row says there is more.
 */
function pageOf<T>(
  rows: readonly T[],
  take: number,
  cursorOf: (row: T) => AccessLogPosition,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    page,
    nextCursor: rows.length > take && last ? encodeAccessLogCursor(cursorOf(last)) : null,
  };
}

export interface AccessLogPage {
  readonly entries: AccessLogEntry[];
  /** The cursor of the next (older) page; null when this page reached the oldest entry. */
  readonly nextCursor: string | null;
}

/**
 * "Vem har tittat": the patient sees who read or changed what in their case, and when
 * (PDL 8 kap. 5 § gives the right for care data; Återgång gives it for every party): every
 * row of others, allowed or refused, through the whole history page by page, or grouped
 * by person, day and action so that a page visit's many rows are one line.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly authorization: Authorization,
    private readonly audit: AuditService,
  ) {}

  async entries(access: WorkspaceAccess, query: AccessLogQuery): Promise<AccessLogPage> {
    await this.requirePatient(access);
    const take = query.limit ?? DEFAULT_ENTRIES;
    const rows = await this.repository.othersInWorkspace(access.workspaceId, access.userId, {
      before: query.cursor,
      party: query.party,
      take: take + 1,
    });
    const { page, nextCursor } = pageOf(rows, take, (row) => ({ at: row.at, id: row.id }));
    const people = await this.namesOf(page);
    return {
      entries: page.map((row) => {
        const { name, organisation } = people(row.actorUserId, row.actorOrganisationId);
        // The column holds only the contract's actions: the audit writer takes no other.
        const action = row.action as AuditAction;
        const phrase = describeAction(action, row.outcome);
        const at = row.at.toISOString();
        return {
          at,
          when: at,
          who: { id: row.actorUserId, name },
          organisation,
          party: row.actorParty,
          action,
          outcome: row.outcome,
          what: { type: row.resourceType, id: row.resourceId },
          textSv: accessSentence(name, organisation, phrase.sv),
          textEn: accessSentence(name, organisation, phrase.en),
        };
      }),
      nextCursor,
    };
  }

  async summary(access: WorkspaceAccess, query: AccessLogQuery): Promise<AccessLogSummary> {
    await this.requirePatient(access);
    const take = query.limit ?? DEFAULT_GROUPS;
    const rows = await this.repository.othersGrouped(access.workspaceId, access.userId, {
      before: query.cursor,
      party: query.party,
      take: take + 1,
    });
    const { page, nextCursor } = pageOf(rows, take, (row) => ({ at: row.lastAt, id: row.lastId }));
    const people = await this.namesOf(
      page.map((row) => ({ actorUserId: row.userId, actorOrganisationId: row.organisationId })),
    );
    return {
      groups: page.map((row): AccessLogGroup => {
        const { name, organisation } = people(row.userId, row.organisationId);
        const action = row.action as AuditAction;
        const text = groupSentence(name, organisation, action, row.outcome, row.count);
        return {
          who: { id: row.userId, name },
          organisation,
          party: row.party,
          action,
          outcome: row.outcome,
          day: row.day,
          count: row.count,
          firstAt: row.firstAt.toISOString(),
          lastAt: row.lastAt.toISOString(),
          textSv: text.sv,
          textEn: text.en,
        };
      }),
      nextCursor,
    };
  }

  /** Only the patient reads her log; her own reading of it is audited like any read. */
  private async requirePatient(access: WorkspaceAccess): Promise<void> {
    await this.authorization.require(access, 'read', 'AccessLog', undefined, {
      audit: 'access-log.read',
      resourceType: 'AccessLog',
      error: patientOnly,
    });
    await this.audit.record(access, {
      action: 'access-log.read',
      resourceType: 'AccessLog',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
  }

  private async namesOf(
    rows: readonly { actorUserId: string | null; actorOrganisationId: string | null }[],
  ): Promise<(userId: string | null, organisationId: string | null) => Names> {
    const names = await this.repository.names(
      rows.map((row) => row.actorUserId).filter((id): id is string => id !== null),
      rows.map((row) => row.actorOrganisationId).filter((id): id is string => id !== null),
    );
    return (userId, organisationId) => ({
      name: (userId && names.users.get(userId)) ?? 'Okänd',
      organisation: (organisationId && names.organisations.get(organisationId)) ?? null,
    });
  }
}

interface Names {
  readonly name: string;
  readonly organisation: string | null;
}
