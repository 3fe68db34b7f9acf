import { Injectable } from '@nestjs/common';
import type { AccessLogEntry, AuditAction } from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { Authorization } from '../access/authorization';
import { ApiError } from '../common/api-error';
import { accessSentence, describeAction } from './access-log.text';
import { AuditRepository } from './audit.repository';

const patientOnly = (): ApiError =>
  new ApiError(403, 'PATIENT_ONLY', 'Only the patient can see who has looked at their case.');

/**
 * "Vem har tittat": the patient sees who read or changed what in their case, and when
 * (PDL 8 kap. 5 § gives the right for care data; Återgång gives it for every party).
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly authorization: Authorization,
  ) {}

  async forPatient(access: WorkspaceAccess, limit = 200): Promise<AccessLogEntry[]> {
    await this.authorization.require(access, 'read', 'AccessLog', undefined, {
      audit: 'access-log.read',
      resourceType: 'AccessLog',
      error: patientOnly,
    });
    const rows = await this.repository.othersInWorkspace(access.workspaceId, access.userId, limit);
    const people = await this.repository.names(
      rows.map((row) => row.actorUserId).filter((id): id is string => id !== null),
      rows.map((row) => row.actorOrganisationId).filter((id): id is string => id !== null),
    );
    return rows.map((row) => {
      const name = (row.actorUserId && people.users.get(row.actorUserId)) ?? 'Okänd';
      const organisation =
        (row.actorOrganisationId && people.organisations.get(row.actorOrganisationId)) ?? null;
      // The column holds only the contract's actions: the audit writer takes no other.
      const action = row.action as AuditAction;
      const phrase = describeAction(action);
      return {
        at: row.at.toISOString(),
        who: { id: row.actorUserId, name },
        organisation,
        party: row.actorParty,
        action,
        textSv: accessSentence(name, organisation, phrase.sv),
        textEn: accessSentence(name, organisation, phrase.en),
      };
    });
  }
}
