import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  ChangePasswordRequest,
  PasswordResetConfirm,
  PasswordResetRequest,
} from '@atergang/contracts';
import type { Actor } from '../access/access.types';
import { AuditService } from '../audit/audit.service';
import { hashLinkToken, newLinkToken } from '../common/link-token';
import { PASSWORD_RESETS_PER_ACCOUNT } from '../limits/rate-limits';
import { appLink, MAIL_LINKS } from '../mail/mail-links';
import { MailOutbox } from '../mail/mail-outbox';
import type { MailLanguage } from '../mail/mail.types';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { AuthRepository } from './auth.repository';
import { invalidResetToken, unauthenticated, wrongCurrentPassword } from './auth.errors';
import type { RequestOrigin } from './auth.service';
import type { SessionUser } from './auth.types';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { assertAcceptablePassword } from './password-policy';
import { PasswordResetRepository } from './password-reset.repository';
import { SessionRevocation } from './session-revocation';

/** How long an e-mailed reset link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60_000;

const mailLanguage = (language: string): MailLanguage => (language === 'en' ? 'en' : 'sv');

interface PasswordOwner {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly language: string;
}

/**
 * Changing and resetting passwords. A new password always passes the policy
 * (password-policy.ts) and is stored as argon2id (password-hasher.ts); hashing happens
 * before the transaction, so no transaction waits on it. The owner is told by e-mail
 * ('password-changed'), and the sessions a stolen password may have opened end: every other
 * session on a change, every session on a reset.
 */
@Injectable()
export class PasswordsService {
  constructor(
    private readonly users: AuthRepository,
    private readonly resets: PasswordResetRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly revocation: SessionRevocation,
    private readonly transactions: TransactionRunner,
    private readonly mail: MailOutbox,
    private readonly audit: AuditService,
  ) {}

  /**
   * The signed-in user changes their password. The current password is checked like a
   * sign-in (same throttle: a stolen access token is no way to guess it); the caller's own
   * session goes on, every other one ends.
   */
  async change(
    user: SessionUser,
    request: ChangePasswordRequest,
    origin: RequestOrigin,
  ): Promise<void> {
    const owner = await this.users.findPasswordOwner(user.id);
    // The session check let the token through a moment ago; a race with disabling is a 401.
    if (!owner || owner.disabledAt) throw unauthenticated();
    assertAcceptablePassword(request.newPassword, 'newPassword', [owner.name, owner.email]);
    const actor = this.actorOf(owner, origin);
    const attempt = await this.throttle.begin(owner.email, origin.ip);
    if (!(await this.hasher.verify(owner.passwordHash, request.currentPassword))) {
      await this.audit.record(actor, {
        action: 'auth.password-changed',
        resourceType: 'User',
        resourceId: owner.id,
        outcome: 'DENIED',
        reason: 'WRONG_CURRENT_PASSWORD',
      });
      throw wrongCurrentPassword();
    }
    await this.throttle.succeeded(attempt);
    const passwordHash = await this.hasher.hash(request.newPassword);
    await this.transactions.run(async (unit) => {
      await this.users.setPasswordHash(unit.tx, owner.id, passwordHash);
      await this.revocation.endOtherSessions(unit, owner.id, user.sessionId);
      await this.tellPasswordChanged(unit, owner);
      await this.audit.record(
        actor,
        {
          action: 'auth.password-changed',
          resourceType: 'User',
          resourceId: owner.id,
          outcome: 'ALLOWED',
        },
        unit,
      );
    });
  }

  /**
   * Someone asks for a reset link for an address. The answer is the same whether or not an
   * account has it (the controller answers 202 either way), and so is the work, as far as
   * it can be: both paths look the account up, read and update its links, and write an
   * audit row in one transaction; only the link and the mail are written for a real
   * account. The requester is anonymous in the audit trail: anyone can type an address.
   */
  async requestReset(request: PasswordResetRequest, origin: RequestOrigin): Promise<void> {
    const now = new Date();
    const link = newLinkToken();
    const found = await this.users.findPasswordOwnerByEmail(request.email);
    const owner = found && !found.disabledAt ? found : null;
    const anonymous = { userId: null, ...origin };
    await this.transactions.run(async (unit) => {
      // For an unknown address, the same reads against an id that matches nothing.
      const userId = owner?.id ?? randomUUID();
      const since = new Date(now.getTime() - PASSWORD_RESETS_PER_ACCOUNT.ttl);
      const recent = await this.resets.countSince(unit.tx, userId, since);
      const overBudget = recent >= PASSWORD_RESETS_PER_ACCOUNT.limit;
      if (!overBudget) await this.resets.voidUnused(unit.tx, userId, now);
      const event = {
        action: 'auth.password-reset-requested',
        resourceType: 'User',
        resourceId: owner?.id ?? null,
      } as const;
      if (!owner || overBudget) {
        await this.audit.record(
          anonymous,
          {
            ...event,
            outcome: 'DENIED',
            reason: owner ? 'RATE_LIMITED' : 'UNKNOWN_ACCOUNT',
          },
          unit,
        );
        return;
      }
      const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
      await this.resets.create(unit.tx, {
        userId: owner.id,
        tokenHash: link.hash,
        createdAt: now,
        expiresAt,
      });
      await this.mail.enqueue(unit.tx, {
        kind: 'password-reset',
        to: owner.email,
        language: mailLanguage(owner.language),
        params: { link: appLink(MAIL_LINKS.passwordReset, link.token), expiresAt },
      });
      await this.audit.record(anonymous, { ...event, outcome: 'ALLOWED' }, unit);
    });
  }

  /**
   * A reset link is used: once, within its hour, for an account that is still enabled;
   * unknown, used and expired links get one answer. Every session of the account ends (a
   * reset is what one does when the password may be known to someone else).
   */
  async confirmReset(request: PasswordResetConfirm, origin: RequestOrigin): Promise<void> {
    const tokenHash = hashLinkToken(request.token);
    const usable = (reset: { usedAt: Date | null; expiresAt: Date } | null): boolean =>
      reset !== null && reset.usedAt === null && reset.expiresAt.getTime() > Date.now();
    const found = await this.resets.findByHash(tokenHash);
    const owner = found && usable(found) ? await this.users.findPasswordOwner(found.userId) : null;
    if (!owner || owner.disabledAt) {
      await this.audit.record(
        { userId: null, ...origin },
        {
          action: 'auth.password-reset-completed',
          resourceType: 'User',
          resourceId: null,
          outcome: 'DENIED',
          reason: 'INVALID_RESET_TOKEN',
        },
      );
      throw invalidResetToken();
    }
    assertAcceptablePassword(request.password, 'password', [owner.name, owner.email]);
    const passwordHash = await this.hasher.hash(request.password);
    await this.transactions.run(async (unit) => {
      // Again under the row's lock: of two concurrent uses, the second finds it used.
      const locked = await this.resets.findByHashForUpdate(unit.tx, tokenHash);
      if (!locked || !usable(locked)) throw invalidResetToken();
      const now = new Date();
      await this.resets.markUsed(unit.tx, locked.id, now);
      await this.resets.voidUnused(unit.tx, owner.id, now);
      await this.users.setPasswordHash(unit.tx, owner.id, passwordHash);
      await this.revocation.endAllSessions(unit, owner.id);
      await this.tellPasswordChanged(unit, owner);
      await this.audit.record(
        this.actorOf(owner, origin),
        {
          action: 'auth.password-reset-completed',
          resourceType: 'User',
          resourceId: owner.id,
          outcome: 'ALLOWED',
        },
        unit,
      );
    });
  }

  private tellPasswordChanged(unit: UnitOfWork, owner: PasswordOwner): Promise<void> {
    return this.mail.enqueue(unit.tx, {
      kind: 'password-changed',
      to: owner.email,
      language: mailLanguage(owner.language),
      params: { at: new Date() },
    });
  }

  private actorOf(owner: PasswordOwner, origin: RequestOrigin): Actor {
    return { userId: owner.id, name: owner.name, party: null, organisationId: null, ...origin };
  }
}
