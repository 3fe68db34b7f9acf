import { type DynamicModule, Module } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { MailOutbox } from '../mail/mail-outbox';
import { MailRepository } from '../mail/mail.repository';
import { AccountInvitationIssuer } from '../organisations/account-invitation-issuer';
import { OrganisationOnboarding } from '../organisations/organisation-onboarding';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { PrismaModule } from '../prisma/prisma.module';

/**
 * What the operator's command needs and nothing more: the database, the audit trail, the
 * mail outbox (messages are written for the API's mail worker to deliver; the command
 * starts no worker, timer or server of its own) and the onboarding service. The same
 * providers as the API, so an organisation made here is made exactly as the API would.
 */
@Module({})
export class AdminModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AdminModule,
      imports: [ConfigModule.forRoot(config), PrismaModule],
      providers: [
        AuditRepository,
        AuditService,
        MailRepository,
        MailOutbox,
        OrganisationsRepository,
        AccountInvitationIssuer,
        OrganisationOnboarding,
      ],
    };
  }
}
