import { Injectable } from '@nestjs/common';
import {
  type ColleagueView,
  type OrganisationDirectoryEntry,
  PARTY_OF_ORGANISATION_KIND,
} from '@atergang/contracts';
import {
  buildOrganisationAbility,
  caseRolesOf,
  maySearchDirectory,
  type OrganisationAccess,
} from '../access/organisation-ability';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/auth.types';
import type { RequestOrigin as Origin } from '../common/request-origin.decorator';
import { OrganisationAuthorization } from './organisation-authorization';
import { staffOnly } from './organisations.errors';
import { toColleague, toDirectoryEntry, toStaffMembers } from './organisations.mapper';
import { OrganisationsRepository } from './organisations.repository';

/** At most this many organisations answer one directory search: a picker, not an export. */
export const DIRECTORY_PAGE = 20;

/** Organisations as their members and other staff see them: access, directory, colleagues. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly audit: AuditService,
    private readonly authorization: OrganisationAuthorization,
  ) {}

  /** The caller's access to the organisation, or null when they do not belong to it. */
  async accessFor(
    organisationId: string,
    user: AuthenticatedUser,
    origin: Origin,
  ): Promise<OrganisationAccess | null> {
    const membership = await this.repository.membershipOf(organisationId, user.id);
    if (!membership) return null;
    const { organisation, roles } = membership;
    return {
      userId: user.id,
      name: user.name,
      ...origin,
      party: PARTY_OF_ORGANISATION_KIND[organisation.kind],
      organisationId: organisation.id,
      kind: organisation.kind,
      organisationName: organisation.name,
      roles,
      ability: buildOrganisationAbility({ kind: organisation.kind, roles }),
    };
  }

  /** Organisations by name for staff choosing whom to bring into a case. */
  async directory(
    user: AuthenticatedUser,
    query: { kind?: OrganisationDirectoryEntry['kind']; q?: string },
  ): Promise<OrganisationDirectoryEntry[]> {
    if (!maySearchDirectory(await this.repository.membershipCount(undefined, user.id))) {
      throw staffOnly();
    }
    const rows = await this.repository.directory(query, DIRECTORY_PAGE);
    return rows.map(toDirectoryEntry);
  }

  /** The members who take part in cases for the organisation (any member asks). */
  async colleagues(access: OrganisationAccess): Promise<ColleagueView[]> {
    await this.authorization.require(access, 'read', 'Colleague', {
      audit: 'colleagues.listed',
      resourceType: 'Organisation',
    });
    const rows = await this.repository.memberships(undefined, access.organisationId);
    const members = toStaffMembers(
      rows.filter((row) => row.user.disabledAt === null),
      new Map(),
    );
    await this.audit.record(access, {
      action: 'colleagues.listed',
      resourceType: 'Organisation',
      resourceId: access.organisationId,
      outcome: 'ALLOWED',
    });
    return members
      .map((member) => ({ ...member, roles: caseRolesOf(access.kind, member.roles) }))
      .filter((member) => member.roles.length > 0)
      .map(toColleague);
  }
}
