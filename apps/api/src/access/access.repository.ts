import { Injectable } from '@nestjs/common';
import type { Category, Party, Role } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

export interface Participation {
  readonly participantId: string;
  readonly party: Party;
  readonly role: Role | null;
  readonly organisationId: string | null;
  readonly isPatient: boolean;
  /** Categories granted to the participant's party by consents in force right now. */
  readonly grantedCategories: Category[];
  /** When the next of those consents expires (what the party may see changes then). */
  readonly consentsChangeAt: Date | null;
  /** The case is closed: read-only. */
  readonly caseClosed: boolean;
}

interface ParticipationRow {
  readonly participantId: string;
  readonly party: Party;
  readonly role: Role | null;
  readonly organisationId: string | null;
  readonly isPatient: boolean;
  readonly grantedCategories: Category[];
  readonly consentsChangeAt: Date | null;
  readonly caseClosed: boolean;
}

@Injectable()
export class AccessRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The caller's active participation and the consents in force for their party, in one
   * statement: every request under a workspace starts here, so it is a typed raw query
   * rather than the two or three an ORM relation read would take. Consent expiry is
   * decided by the database clock, so a revoked or expired consent stops access on the
   * very next request.
   *
   * A participant acts for an organisation only while the organisation's own records say
   * they belong to it (issue 12): without a membership there the participation gives no
   * access at all, and the role counts only while the membership holds it (otherwise it is
   * null: a member without a case role). So a membership's end or a role taken away takes
   * effect on the very next request, whatever the participant row says.
   */
  async participation(
    workspaceId: string,
    userId: string,
    db: Tx = this.prisma,
  ): Promise<Participation | null> {
    const rows = await db.$queryRaw<ParticipationRow[]>`
      SELECT p.id AS "participantId",
             p.party::text AS party,
             CASE WHEN EXISTS (
                    SELECT 1 FROM memberships m
                    WHERE m.user_id = p.user_id
                      AND m.organisation_id = p.organisation_id
                      AND m.role = p.role)
                  THEN p.role::text END AS role,
             p.organisation_id::text AS "organisationId",
             (p.party = 'PATIENT' AND w.patient_user_id = p.user_id) AS "isPatient",
             (w.status = 'CLOSED') AS "caseClosed",
             coalesce((
               SELECT array_agg(DISTINCT granted::text)
               FROM consents c, unnest(c.categories) AS granted
               WHERE c.workspace_id = p.workspace_id
                 AND c.party = p.party
                 AND c.revoked_at IS NULL
                 AND (c.expires_at IS NULL OR c.expires_at > now())
             ), '{}') AS "grantedCategories",
             (
               SELECT min(c.expires_at)
               FROM consents c
               WHERE c.workspace_id = p.workspace_id
                 AND c.party = p.party
                 AND c.revoked_at IS NULL
                 AND c.expires_at > now()
             ) AS "consentsChangeAt"
      FROM participants p
      JOIN workspaces w ON w.id = p.workspace_id
      WHERE p.workspace_id = ${workspaceId}::uuid
        AND p.user_id = ${userId}::uuid
        AND p.removed_at IS NULL
        AND (p.party = 'PATIENT' OR EXISTS (
              SELECT 1 FROM memberships m
              WHERE m.user_id = p.user_id AND m.organisation_id = p.organisation_id))`;
    const row = rows[0];
    if (!row) {
      return null;
    }
    return {
      participantId: row.participantId,
      party: row.party,
      role: row.role,
      organisationId: row.organisationId,
      isPatient: row.isPatient,
      // The patient sees everything in their own case; consents are for the others.
      grantedCategories: row.isPatient ? [] : row.grantedCategories,
      consentsChangeAt: row.isPatient ? null : row.consentsChangeAt,
      caseClosed: row.caseClosed,
    };
  }

  /**
   * The categories the patient's consents in force grant a party (every category for the
   * patient herself), by the database clock like `participation`.
   */
  async grantedCategories(db: Tx, workspaceId: string, party: Party): Promise<Category[]> {
    const rows = await db.$queryRaw<{ granted: Category[] }[]>`
      SELECT coalesce(array_agg(DISTINCT granted::text), '{}') AS granted
      FROM consents c, unnest(c.categories) AS granted
      WHERE c.workspace_id = ${workspaceId}::uuid
        AND c.party = ${party}::party
        AND c.revoked_at IS NULL
        AND (c.expires_at IS NULL OR c.expires_at > now())`;
    return rows[0]?.granted ?? [];
  }
}
