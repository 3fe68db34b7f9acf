import { subject as caslSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { type AuditAction, CATEGORIES, type Category, type Party } from '@atergang/contracts';
import { AuditService } from '../audit/audit.service';
import type { ApiError } from '../common/api-error';
import type { Tx } from '../prisma/transaction';
import { consentRequired, forbidden } from './access.errors';
import { AccessRepository } from './access.repository';
import type { WorkspaceAccess } from './access.types';
import { type FacetSubject, facetsOf } from './facets';
import {
  buildWorkspaceAbility,
  type WorkspaceAbility,
  type WorkspaceAction,
} from './workspace-ability';

/** A subject type the policy names: a model, or one of the policy's own (Plan, AccessLog). */
export type SubjectType = Exclude<Parameters<WorkspaceAbility['can']>[1], object>;

type AbilitySubject = Parameters<WorkspaceAbility['can']>[1];

/** A row (or the fields of one about to be written) as the policy judges it. */
export function asSubject(type: SubjectType, row?: object): AbilitySubject {
  // CASL reads the subject type from the tagged copy; the row's own type does not matter.
  return row ? (caslSubject(type, { ...row }) as unknown as AbilitySubject) : type;
}

/** Whether the ability allows the action on the subject type, or on this row (and field). */
export function allows(
  ability: WorkspaceAbility,
  action: WorkspaceAction,
  type: SubjectType,
  row?: object,
  field?: string,
): boolean {
  return ability.can(action, asSubject(type, row), field);
}

/**
 * The categories the patient would have to share with the caller's party for it to read the
 * row (what a consent-required problem names), asked of the policy itself: the row's own
 * category first, then any other the rules need as well (a task from a meeting note also
 * needs MEETING_NOTES). Only on the refusal path, so building a few abilities is fine.
 */
function consentWouldGrant(access: WorkspaceAccess, type: FacetSubject, row: object): Category[] {
  const readableWith = (extra: readonly Category[]): boolean =>
    allows(
      buildWorkspaceAbility({
        party: access.party,
        role: access.role,
        participantId: access.participantId,
        isPatient: access.isPatient,
        grantedCategories: new Set([...access.grantedCategories, ...extra]),
      }),
      'read',
      type,
      row,
    );
  const own = facetsOf(type, row).category;
  const extra: Category[] = [];
  for (const category of [...(own ? [own] : []), ...CATEGORIES]) {
    if (readableWith(extra)) break;
    if (!access.grantedCategories.has(category) && !extra.includes(category)) extra.push(category);
  }
  // Keep only those that are needed.
  return extra.filter((category) => !readableWith(extra.filter((other) => other !== category)));
}

/** Refusals this helper has audited, so a caller's catch-all does not record them again. */
const auditedRefusals = new WeakSet<object>();

/** Whether the error is a refusal Authorization has already written to the audit trail. */
export function isAuditedRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && auditedRefusals.has(error);
}

/** What a refused call says and how the audit trail records it. */
export interface Denial {
  readonly audit: AuditAction;
  readonly resourceType: string;
  readonly resourceId?: string | null;
  /** The problem the caller gets; defaults to a plain 403. */
  readonly error?: () => ApiError;
}

/** Who an item would be handed to: a party, or a participant of it. */
export interface Recipient {
  readonly party: Party;
  readonly participantId: string | null;
}

/**
 * The services' one door to the policy: every check of "may this caller do this" goes
 * through here, and every refusal is audited before the caller hears of it.
 */
@Injectable()
export class Authorization {
  constructor(
    private readonly audit: AuditService,
    private readonly repository: AccessRepository,
  ) {}

  /** Audits and throws unless the caller may do `action` to the row (or field of it). */
  async require(
    access: WorkspaceAccess,
    action: WorkspaceAction,
    type: SubjectType,
    row: object | undefined,
    denial: Denial,
    field?: string,
  ): Promise<void> {
    if (allows(access.ability, action, type, row, field)) return;
    throw await this.deny(access, denial);
  }

  /**
   * A single item the caller takes part around but may not read: audited, then 403 with a
   * problem type ending in consent-required, naming the item's category.
   */
  async requireReadable(
    access: WorkspaceAccess,
    type: FacetSubject,
    row: { readonly id: string },
    audit: AuditAction,
  ): Promise<void> {
    await this.require(access, 'read', type, row, {
      audit,
      resourceType: type,
      resourceId: row.id,
      error: () => consentRequired(consentWouldGrant(access, type, row)),
    });
  }

  /** Records a refusal the policy decided and returns its error, for the caller to throw. */
  async deny(access: WorkspaceAccess, denial: Denial): Promise<ApiError> {
    const error = denial.error?.() ?? forbidden('You may not do this in this case.');
    await this.audit.record(access, {
      action: denial.audit,
      resourceType: denial.resourceType,
      resourceId: denial.resourceId ?? null,
      workspaceId: access.workspaceId,
      outcome: 'DENIED',
      reason: error.code,
    });
    auditedRefusals.add(error);
    return error;
  }

  /**
   * Whether the recipient would be allowed to read the row if it were theirs to see: the
   * same ability they would get, built from their party's consents in force now. Used
   * before handing an item to someone (an assignee), so nothing is given to a party that
   * may not read it.
   */
  async recipientMayRead(
    db: Tx,
    workspaceId: string,
    recipient: Recipient,
    type: FacetSubject,
    row: object,
  ): Promise<boolean> {
    const ability = await this.abilityOf(db, workspaceId, recipient);
    return allows(ability, 'read', type, row);
  }

  /** The parties of the case (among `parties`) that may read the row. */
  async partiesThatMayRead(
    db: Tx,
    workspaceId: string,
    parties: readonly Party[],
    type: FacetSubject,
    row: object,
  ): Promise<Party[]> {
    const readers: Party[] = [];
    for (const party of parties) {
      if (await this.recipientMayRead(db, workspaceId, { party, participantId: null }, type, row)) {
        readers.push(party);
      }
    }
    return readers;
  }

  private async abilityOf(
    db: Tx,
    workspaceId: string,
    recipient: Recipient,
  ): Promise<WorkspaceAbility> {
    const granted = await this.repository.grantedCategories(db, workspaceId, recipient.party);
    return buildWorkspaceAbility({
      party: recipient.party,
      // Reading does not depend on the role, only on the party, the person and consent.
      role: null,
      participantId: recipient.participantId,
      isPatient: recipient.party === 'PATIENT',
      grantedCategories: new Set(granted),
    });
  }
}
