import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '../prisma/transaction';
import { AuthRepository } from './auth.repository';
import { SessionSockets } from './session-sockets';

/**
 * Ending sessions, for auth itself and for other features (an organisation admin who
 * deactivates a member or ends a membership). Each call writes inside the caller's unit of
 * work and, once that commits (never for a rollback), closes the affected live sockets on
 * every instance before the caller's request returns. The HTTP side needs nothing more:
 * every request checks its token's session (session-check.ts), so an ended session's access
 * token is refused on its next use.
 *
 * Auditing is the caller's: it knows who acted and why.
 */
@Injectable()
export class SessionRevocation {
  constructor(
    private readonly repository: AuthRepository,
    private readonly sockets: SessionSockets,
  ) {}

  /** Ends one session (logout): its refresh tokens are revoked, its sockets closed. */
  async endSession(unit: UnitOfWork, sessionId: string): Promise<void> {
    await this.repository.revokeFamily(unit.tx, sessionId);
    unit.afterCommit(() => this.sockets.close({ sessionId }, 'end'));
  }

  /** Ends every session of the user ("sign out everywhere", a password reset). */
  async endAllSessions(unit: UnitOfWork, userId: string): Promise<void> {
    await this.repository.revokeSessionsOf(unit.tx, userId);
    unit.afterCommit(() => this.sockets.close({ userId }, 'end'));
  }

  /** Ends every session of the user but `keepSessionId` (the caller's, on a password change). */
  async endOtherSessions(unit: UnitOfWork, userId: string, keepSessionId: string): Promise<void> {
    await this.repository.revokeSessionsOf(unit.tx, userId, keepSessionId);
    unit.afterCommit(() => this.sockets.close({ userId, exceptSessionId: keepSessionId }, 'end'));
  }

  /**
   * Disables the account (users.disabled_at; sign-in, refresh and every token are refused
   * from now on) and ends all its sessions.
   */
  async disableAccount(unit: UnitOfWork, userId: string): Promise<void> {
    await this.repository.disableUser(unit.tx, userId);
    await this.endAllSessions(unit, userId);
  }

  /**
   * The user stays signed in but what they may see changed outside a workspace's own access
   * (a membership ended): after commit their sockets reconnect and are authorised afresh,
   * so no socket goes on with the old rights. HTTP re-reads memberships on every request.
   */
  closeSocketsOf(unit: UnitOfWork, userId: string): void {
    unit.afterCommit(() => this.sockets.close({ userId }, 'reauthorise'));
  }
}
