import { Injectable } from '@nestjs/common';
import type { MeResponse } from '@atergang/contracts';
import { AuditService } from '../audit/audit.service';
import { AuthRepository } from './auth.repository';
import { invalidCredentials } from './auth.errors';
import type { AuthenticatedUser } from './auth.types';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';

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

  async profile(user: AuthenticatedUser): Promise<MeResponse> {
    const profile = await this.repository.findProfile(user.id);
    if (!profile) {
      return { user, organisations: [], parties: [] };
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
        });
      }
    }
    return {
      user: { id: profile.id, name: profile.name, email: profile.email },
      organisations: [...organisations.values()],
      parties: profile.participations,
    };
  }
}
