import { Injectable } from '@nestjs/common';
import {
  type AcceptAccountInvitationRequest,
  type AccountInvitationLookup,
  PARTY_OF_ORGANISATION_KIND,
  type StaffInvitationRequest,
  type StaffInvitationView,
} from '@atergang/contracts';
import type { OrganisationAccess } from '../access/organisation-ability';
import { type AnonymousActor, AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/auth.types';
import { PasswordHasher } from '../auth/password-hasher';
import { assertAcceptablePassword } from '../auth/password-policy';
import { type IssuedSession, SessionService } from '../auth/session.service';
import { hashLinkToken } from '../common/link-token';
import type { RequestOrigin as Origin } from '../common/request-origin.decorator';
import { TransactionRunner } from '../prisma/transaction';
import { AccountInvitationIssuer } from './account-invitation-issuer';
import { OrganisationAuthorization } from './organisation-authorization';
import {
  accountInvitationNotFound,
  invalidInvitationLink,
  invitationForOtherAccount,
  passwordRequired,
  signInToAccept,
} from './organisations.errors';
import { toInvitationLookup, toStaffInvitation } from './organisations.mapper';
import { OrganisationsRepository } from './organisations.repository';

type AcceptancePlan =
  | { readonly kind: 'join'; readonly user: AuthenticatedUser }
  | { readonly kind: 'reactivate'; readonly userId: string; readonly passwordHash: string }
  | { readonly kind: 'create'; readonly name: string; readonly passwordHash: string };

/** How accepting went: a new account is signed in; an existing one was already. */
export type AcceptOutcome =
  | { readonly kind: 'created'; readonly user: AuthenticatedUser; readonly session: IssuedSession }
  | { readonly kind: 'joined'; readonly user: AuthenticatedUser };

/**
 * Invitations to join an organisation's staff: the administrator issues, lists and
 * withdraws them; the invitee, from the e-mailed link, looks one up and accepts it, which
 * creates their account (a password of their choosing) or adds the roles to the account they
 * are signed in with. A link works once, for 7 days, until withdrawn.
 */
@Injectable()
export class AccountInvitationsService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly issuer: AccountInvitationIssuer,
    private readonly transactions: TransactionRunner,
    private readonly authorization: OrganisationAuthorization,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
  ) {}

  async invite(
    access: OrganisationAccess,
    request: StaffInvitationRequest,
  ): Promise<StaffInvitationView> {
    await this.authorization.require(access, 'create', 'AccountInvitation', {
      audit: 'account-invitation.created',
      resourceType: 'AccountInvitation',
    });
    const { invitation } = await this.transactions.run((unit) =>
      this.issuer.issue(
        unit,
        access,
        { id: access.organisationId, name: access.organisationName, kind: access.kind },
        request,
        { id: access.userId, name: access.name },
      ),
    );
    return toStaffInvitation(invitation);
  }

  async list(access: OrganisationAccess): Promise<StaffInvitationView[]> {
    await this.authorization.require(access, 'read', 'AccountInvitation', {
      audit: 'account-invitation.listed',
      resourceType: 'Organisation',
    });
    const rows = await this.repository.invitationsOf(access.organisationId);
    await this.audit.record(access, {
      action: 'account-invitation.listed',
      resourceType: 'Organisation',
      resourceId: access.organisationId,
      outcome: 'ALLOWED',
    });
    return rows.map(toStaffInvitation);
  }

  async withdraw(access: OrganisationAccess, invitationId: string): Promise<void> {
    await this.authorization.require(access, 'delete', 'AccountInvitation', {
      audit: 'account-invitation.revoked',
      resourceType: 'AccountInvitation',
      resourceId: invitationId,
    });
    await this.transactions.run(async (unit) => {
      if (!(await this.repository.revokeInvitation(unit.tx, access.organisationId, invitationId))) {
        throw accountInvitationNotFound();
      }
      await this.audit.record(
        access,
        {
          action: 'account-invitation.revoked',
          resourceType: 'AccountInvitation',
          resourceId: invitationId,
          outcome: 'ALLOWED',
        },
        unit,
      );
    });
  }

  /** What the link is for, before the invitee decides (no one is signed in yet). */
  async lookUp(origin: Origin, token: string): Promise<AccountInvitationLookup> {
    const row = await this.openInvitation(origin, token, 'account-invitation.looked-up');
    const account = await this.repository.accountByEmail(undefined, row.email);
    await this.audit.record(this.anonymous(origin), {
      action: 'account-invitation.looked-up',
      resourceType: 'AccountInvitation',
      resourceId: row.id,
      outcome: 'ALLOWED',
    });
    // A disabled account is taken up again with a new password, like a new one.
    return toInvitationLookup(row, account !== null && account.disabledAt === null);
  }

  /**
   * Accepts the invitation. With no usable account at its address, the password (checked
   * against the policy, hashed with argon2id) creates one, or takes up the disabled one
   * again, and the person is signed in. With an account, the caller must be signed in as
   * that very account; the roles are added to it.
   */
  async accept(
    origin: Origin,
    request: AcceptAccountInvitationRequest,
    caller: AuthenticatedUser | null,
    userAgent: string | null,
  ): Promise<AcceptOutcome> {
    const tokenHash = hashLinkToken(request.token);
    const found = await this.openInvitation(origin, request.token, 'account-invitation.accepted');
    const account = await this.repository.accountByEmail(undefined, found.email);
    const plan = await this.planAcceptance(request, found, account, caller);
    const user = await this.transactions.run(async (unit) => {
      const { tx } = unit;
      const invitation = await this.repository.lockOpenInvitation(tx, tokenHash);
      if (!invitation) throw invalidInvitationLink();
      let person: AuthenticatedUser;
      switch (plan.kind) {
        case 'join':
          person = plan.user;
          break;
        case 'reactivate':
          person = await this.repository.reactivateAccount(tx, plan.userId, plan.passwordHash);
          break;
        case 'create':
          person = await this.repository.createAccount(tx, {
            email: invitation.email,
            name: plan.name,
            passwordHash: plan.passwordHash,
          });
          break;
      }
      const created = plan.kind !== 'join';
      await this.repository.addRoles(tx, invitation.organisationId, person.id, invitation.roles);
      await this.repository.markAccepted(tx, invitation.id, person.id);
      const actor = {
        userId: person.id,
        name: person.name,
        ...origin,
        party: PARTY_OF_ORGANISATION_KIND[found.organisation.kind],
        organisationId: invitation.organisationId,
      };
      if (created) {
        await this.audit.record(
          actor,
          {
            action: 'account.created',
            resourceType: 'User',
            resourceId: person.id,
            outcome: 'ALLOWED',
          },
          unit,
        );
      }
      await this.audit.record(
        actor,
        {
          action: 'account-invitation.accepted',
          resourceType: 'AccountInvitation',
          resourceId: invitation.id,
          outcome: 'ALLOWED',
        },
        unit,
      );
      return { ...person, created };
    });
    const { created, ...person } = user;
    if (!created) return { kind: 'joined', user: person };
    const session = await this.sessions.start(person, userAgent);
    return { kind: 'created', user: person, session };
  }

  /**
   * Whose account the roles go to. An existing, usable account: its owner must be the
   * caller (signed in). Otherwise the password is checked and hashed here, before the
   * transaction takes its locks (hashing is deliberately slow).
   */
  private async planAcceptance(
    request: AcceptAccountInvitationRequest,
    invitation: { readonly email: string; readonly name: string },
    account: { id: string; name: string; email: string; disabledAt: Date | null } | null,
    caller: AuthenticatedUser | null,
  ): Promise<AcceptancePlan> {
    if (account !== null && account.disabledAt === null) {
      if (!caller) throw signInToAccept();
      if (caller.id !== account.id) throw invitationForOtherAccount();
      return { kind: 'join', user: { id: account.id, name: account.name, email: account.email } };
    }
    if (request.password === undefined) throw passwordRequired();
    const name = request.name ?? invitation.name;
    assertAcceptablePassword(request.password, 'password', [name, invitation.email]);
    const passwordHash = await this.hasher.hash(request.password);
    return account
      ? { kind: 'reactivate', userId: account.id, passwordHash }
      : { kind: 'create', name, passwordHash };
  }

  /** The open invitation a token opens; a refusal is audited and says only "not valid". */
  private async openInvitation(
    origin: Origin,
    token: string,
    action: 'account-invitation.looked-up' | 'account-invitation.accepted',
  ) {
    const row = await this.repository.openInvitationByToken(hashLinkToken(token));
    if (!row) {
      await this.audit.record(this.anonymous(origin), {
        action,
        resourceType: 'AccountInvitation',
        outcome: 'DENIED',
        reason: 'INVALID_INVITATION_LINK',
      });
      throw invalidInvitationLink();
    }
    return row;
  }

  private anonymous(origin: Origin): AnonymousActor {
    return { userId: null, ...origin };
  }
}
