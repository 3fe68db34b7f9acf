import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/auth.types';
import { AccessRepository } from './access.repository';
import type { WorkspaceAccess } from './access.types';
import { buildWorkspaceAbility } from './workspace-ability';

@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  /** The caller's access to one workspace, or null when they do not take part in it. */
  async forWorkspace(
    workspaceId: string,
    user: AuthenticatedUser,
    origin: { requestId: string; ip: string | null },
  ): Promise<WorkspaceAccess | null> {
    const participation = await this.repository.participation(workspaceId, user.id);
    if (!participation) {
      return null;
    }
    const grantedCategories = new Set(participation.grantedCategories);
    return {
      userId: user.id,
      name: user.name,
      ...origin,
      workspaceId,
      participantId: participation.participantId,
      party: participation.party,
      role: participation.role,
      organisationId: participation.organisationId,
      isPatient: participation.isPatient,
      grantedCategories,
      ability: buildWorkspaceAbility({
        party: participation.party,
        role: participation.role,
        participantId: participation.participantId,
        isPatient: participation.isPatient,
        grantedCategories,
      }),
    };
  }
}
