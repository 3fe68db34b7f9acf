import { Injectable } from '@nestjs/common';
import type { OrganisationKind, Role } from '@atergang/contracts';
import type { Actor } from '../access/access.types';
import { rolesOutsideKind } from '../access/organisation-ability';
import { type AnonymousActor, AuditService } from '../audit/audit.service';
import { newLinkToken } from '../common/link-token';
import { appLink, MAIL_LINKS } from '../mail/mail-links';
import { MailOutbox } from '../mail/mail-outbox';
import type { UnitOfWork } from '../prisma/transaction';
import { alreadyMember, rolesNotOfOrganisation } from './organisations.errors';
import { OrganisationsRepository } from './organisations.repository';

/** How long an invitation's link works (issue 12, item 6). */
export const ACCOUNT_INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

export interface Invitee {
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

/**
 * Issues an invitation to join an organisation's staff, for its administrator and for the
 * platform operator's command alike: the row (the token stored only as its hash), the
 * e-mail with the link, and the audit row, all in the caller's unit. A new invitation to the
 * same address replaces an open one, so only the latest link works.
 */
@Injectable()
export class AccountInvitationIssuer {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly mail: MailOutbox,
    private readonly audit: AuditService,
  ) {}

  async issue(
    unit: UnitOfWork,
    actor: Actor | AnonymousActor,
    organisation: { readonly id: string; readonly name: string; readonly kind: OrganisationKind },
    invitee: Invitee,
    inviter: { readonly id: string; readonly name: string } | null,
  ) {
    const { tx } = unit;
    const outside = rolesOutsideKind(organisation.kind, invitee.roles);
    if (outside.length > 0) {
      throw rolesNotOfOrganisation(outside);
    }
    const email = invitee.email.trim().toLowerCase();
    const account = await this.repository.accountByEmail(tx, email);
    if (account && (await this.repository.rolesOf(tx, organisation.id, account.id)).length > 0) {
      throw alreadyMember();
    }
    await this.repository.revokeOpenInvitationsTo(tx, organisation.id, email);
    const { token, hash } = newLinkToken();
    const row = await this.repository.createInvitation(tx, {
      organisationId: organisation.id,
      email,
      name: invitee.name.trim(),
      roles: [...new Set(invitee.roles)],
      tokenHash: hash,
      invitedById: inviter?.id ?? null,
      expiresAt: new Date(Date.now() + ACCOUNT_INVITATION_TTL_MS),
    });
    const link = appLink(MAIL_LINKS.accountInvitation, token);
    await this.mail.enqueue(tx, {
      kind: 'account-invitation',
      to: email,
      language: account?.language === 'en' ? 'en' : 'sv',
      params: {
        inviterName: inviter?.name ?? null,
        organisationName: organisation.name,
        link,
        expiresAt: row.expiresAt,
      },
    });
    await this.audit.record(
      actor,
      {
        action: 'account-invitation.created',
        resourceType: 'AccountInvitation',
        resourceId: row.id,
        outcome: 'ALLOWED',
      },
      unit,
    );
    return { invitation: row, link };
  }
}
