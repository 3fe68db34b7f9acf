import type { Category, Party, Role } from '@atergang/contracts';
import type { WorkspaceAbility } from './workspace-ability';

/** Who is calling, as the audit trail records it. */
export interface Actor {
  readonly userId: string;
  readonly name: string;
  readonly requestId: string;
  readonly ip: string | null;
  /** The party and organisation acted for, when the call concerns a workspace. */
  readonly party: Party | null;
  readonly organisationId: string | null;
}

/**
 * Everything a workspace route needs to answer "may this caller see or do this":
 * built once per request by the WorkspaceGuard, passed to services as their first argument.
 */
export interface WorkspaceAccess extends Actor {
  readonly workspaceId: string;
  readonly participantId: string;
  readonly party: Party;
  readonly role: Role | null;
  readonly isPatient: boolean;
  /** Categories the patient's consents in force grant this caller's party (all for the patient). */
  readonly grantedCategories: ReadonlySet<Category>;
  /** When the next consent in force expires: live followers re-read their access then. */
  readonly consentsChangeAt: Date | null;
  /** The case is closed: read-only (the guard answers writes with 409 CASE_CLOSED). */
  readonly caseClosed: boolean;
  readonly ability: WorkspaceAbility;
}
