import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { OrganisationView } from '@atergang/contracts';
import { type AnonymousActor, AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { absoluteAppLink } from '../mail/mail-links';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import { AccountInvitationIssuer } from './account-invitation-issuer';
import { type OrganisationInput, validateOrganisation } from './organisation-fields';
import {
  invalidOrganisationField,
  organisationExists,
  organisationNotFound,
} from './organisations.errors';
import { toOrganisation } from './organisations.mapper';
import { OrganisationsRepository } from './organisations.repository';

/** The first administrator the operator names for an organisation. */
export interface AdministratorInput {
  readonly email: string;
  readonly name: string;
}

export interface IssuedAdministratorInvitation {
  readonly organisation: OrganisationView;
  readonly invitationId: string;
  /** The absolute link the invitee was mailed (the operator may hand it over). */
  readonly link: string;
  readonly expiresAt: Date;
}

const email = z.email().max(254);

/**
 * The platform operator's part (issue 12, item 4): an organisation and the invitation of
 * its first administrator (ORG_ADMIN); from there on everything is the organisation's own
 * self-service. Run by the operator's command (apps/api/src/admin), with no signed-in user:
 * the audit trail records the operator's run by its request id.
 */
@Injectable()
export class OrganisationOnboarding {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly issuer: AccountInvitationIssuer,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates the organisation (validated) and invites its first ORG_ADMIN. */
  createWithAdministrator(
    input: OrganisationInput,
    administrator: AdministratorInput,
  ): Promise<IssuedAdministratorInvitation> {
    const organisation = validateOrganisation(input);
    const admin = checkAdministrator(administrator);
    const actor = operator();
    return this.transactions.run(async (unit) => {
      const { tx } = unit;
      if (
        organisation.organisationsnummer !== null &&
        (await this.repository.organisationWith(tx, {
          organisationsnummer: organisation.organisationsnummer,
        }))
      ) {
        throw organisationExists('organisationsnummer');
      }
      if (
        organisation.hsaId !== null &&
        (await this.repository.organisationWith(tx, { hsaId: organisation.hsaId }))
      ) {
        throw organisationExists('hsaId');
      }
      const row = await this.repository.createOrganisation(tx, organisation);
      await this.audit.record(
        actor,
        {
          action: 'organisation.created',
          resourceType: 'Organisation',
          resourceId: row.id,
          outcome: 'ALLOWED',
        },
        unit,
      );
      return this.inviteIn(unit, actor, toOrganisation(row), admin);
    });
  }

  /**
   * Invites an administrator to an existing organisation: when its last one has left, or
   * for an organisation registered before self-service (the demo's).
   */
  inviteAdministrator(
    organisationId: string,
    administrator: AdministratorInput,
  ): Promise<IssuedAdministratorInvitation> {
    const admin = checkAdministrator(administrator);
    return this.transactions.run(async (unit) => {
      const row = z.uuid().safeParse(organisationId).success
        ? await this.repository.organisation(unit.tx, organisationId)
        : null;
      if (!row) throw organisationNotFound();
      return this.inviteIn(unit, operator(), toOrganisation(row), admin);
    });
  }

  async list(): Promise<(OrganisationView & { members: number })[]> {
    const rows = await this.repository.allOrganisations();
    return rows.map((row) => ({ ...toOrganisation(row), members: row.members }));
  }

  private async inviteIn(
    unit: UnitOfWork,
    actor: AnonymousActor,
    organisation: OrganisationView,
    admin: AdministratorInput,
  ): Promise<IssuedAdministratorInvitation> {
    const { invitation, link } = await this.issuer.issue(
      unit,
      actor,
      organisation,
      { ...admin, roles: ['ORG_ADMIN'] },
      null,
    );
    return {
      organisation,
      invitationId: invitation.id,
      link: absoluteAppLink(this.config.mail.publicUrl, link),
      expiresAt: invitation.expiresAt,
    };
  }
}

function checkAdministrator(input: AdministratorInput): AdministratorInput {
  const address = input.email.trim().toLowerCase();
  if (!email.safeParse(address).success) {
    throw invalidOrganisationField('adminEmail', 'is not an e-mail address');
  }
  const name = input.name.trim();
  if (name === '' || name.length > 200) {
    throw invalidOrganisationField('adminName', 'must be 1 to 200 characters');
  }
  return { email: address, name };
}

/** The operator's run, as the audit trail records it (no user signs in to the command). */
function operator(): AnonymousActor {
  return { userId: null, requestId: `operator:${randomUUID()}`, ip: null };
}
