import { Injectable } from '@nestjs/common';
import type { MeResponse } from '@atergang/contracts';
import { organisationPermissionsOf } from '../access/organisation-permissions';
import { AuditService } from '../audit/audit.service';
import { TransactionRunner } from '../prisma/transaction';
import { AuthRepository } from './auth.repository';
import { invalidCredentials } from './auth.errors';
import type { AuthenticatedUser, SessionUser } from './auth.types';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionRevocation } from './session-revocation';
import { SessionService } from './session.service';

export interface RequestOrigin {
  readonly requestId: string;
  readonly ip: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly revocation: SessionRevocation,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Email + password → the user, or one 401 that does not say whether the account exists. */
  async validateCredentials(
    email: string,
    password: string,
    origin: RequestOrigin,
  ): Promise<AuthenticatedUser> {
    // Counted as a failure before the password is checked (concurrent guesses all count).
    const attempt = await this.throttle.begin(email, origin.ip);
    const user = await this.repository.findLoginUser(email);
    const valid = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !valid || user.disabledAt) {
      await this.audit.record(
        { userId: null, ...origin },
        {
          action: 'auth.login',
          resourceType: 'Session',
          outcome: 'DENIED',
          reason: 'INVALID_CREDENTIALS',
        },
      );
      throw invalidCredentials();
    }
    await this.throttle.succeeded(attempt);
    await this.audit.record(
      { userId: user.id, name: user.name, party: null, organisationId: null, ...origin },
      { action: 'auth.login', resourceType: 'Session', outcome: 'ALLOWED' },
    );
    return { id: user.id, name: user.name, email: user.email };
  }

  /**
   * Logout: the session the refresh token belongs to ends (its access tokens are refused on
   * their next use, its sockets close). A token we never issued ends nothing.
   */
  async logout(presentedRefreshToken: string, origin: RequestOrigin): Promise<void> {
    await this.transactions.run(async (unit) => {
      const session = await this.sessions.sessionOf(unit.tx, presentedRefreshToken);
      if (!session) return;
      await this.revocation.endSession(unit, session.sessionId);
      await this.audit.record(
        {
          userId: session.userId,
          name: session.name,
          party: null,
          organisationId: null,
          ...origin,
        },
        {
          action: 'auth.logout',
          resourceType: 'Session',
          resourceId: session.sessionId,
          outcome: 'ALLOWED',
        },
        unit,
      );
    });
  }

  /** "Sign out everywhere": every session of the caller ends, this one included. */
  async logoutEverywhere(user: SessionUser, origin: RequestOrigin): Promise<void> {
    await this.transactions.run(async (unit) => {
      await this.revocation.endAllSessions(unit, user.id);
      await this.audit.record(
        { userId: user.id, name: user.name, party: null, organisationId: null, ...origin },
        { action: 'auth.logout-everywhere', resourceType: 'Session', outcome: 'ALLOWED' },
        unit,
      );
    });
  }

  async profile(user: AuthenticatedUser): Promise<MeResponse> {
    const profile = await this.repository.findProfile(user.id);
    if (!profile) {
      // Mapped: `request.user` carries the session too, which is no part of the answer.
      return {
        user: { id: user.id, name: user.name, email: user.email },
        organisations: [],
        parties: [],
      };
    }
    const organisations = new Map<string, MeResponse['organisations'][number]>();
    for (const membership of profile.memberships) {
      const existing = organisations.get(membership.organisation.id);
      if (existing) {
        existing.roles.push(membership.role);
      } else {
        organisations.set(membership.organisation.id, {
          ...membership.organisation,
          roles: [membership.role],
          permissions: [],
        });
      }
    }
    for (const organisation of organisations.values()) {
      organisation.permissions = organisationPermissionsOf(organisation);
    }
    return {
      user: { id: profile.id, name: profile.name, email: profile.email },
      organisations: [...organisations.values()],
      parties: profile.participations,
    };
  }
}
