import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/auth.types';
import type { Tx } from '../prisma/transaction';
import { AccessRepository } from './access.repository';
import type { WorkspaceAccess } from './access.types';
import { buildWorkspaceAbility, caseRole, hasCaseAccess } from './workspace-ability';

@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  /**
   * The caller's access to one workspace, or null when they do not take part in it (or
   * hold only an administrator's role there). `db` reads inside a unit of work.
   */
  async forWorkspace(
    workspaceId: string,
    user: Pick<AuthenticatedUser, 'id' | 'name'>,
    origin: { requestId: string; ip: string | null },
    db?: Tx,
  ): Promise<WorkspaceAccess | null> {
    const participation = await this.repository.participation(workspaceId, user.id, db);
    if (!participation || !hasCaseAccess(participation)) {
      return null;
    }
    const role = caseRole(participation.party, participation.role);
    const grantedCategories = new Set(participation.grantedCategories);
    return {
      userId: user.id,
      name: user.name,
      ...origin,
      workspaceId,
      participantId: participation.participantId,
      party: participation.party,
      role,
      organisationId: participation.organisationId,
      isPatient: participation.isPatient,
      grantedCategories,
      consentsChangeAt: participation.consentsChangeAt,
      caseClosed: participation.caseClosed,
      ability: buildWorkspaceAbility({
        party: participation.party,
        role,
        participantId: participation.participantId,
        isPatient: participation.isPatient,
        grantedCategories,
        caseClosed: participation.caseClosed,
      }),
    };
  }
}
