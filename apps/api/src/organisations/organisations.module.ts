import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { AccountInvitationIssuer } from './account-invitation-issuer';
import { AccountInvitationsController } from './account-invitations.controller';
import { AccountInvitationsService } from './account-invitations.service';
import { OrganisationAuthorization } from './organisation-authorization';
import { OrganisationGuard } from './organisation.guard';
import {
  OrganisationDirectoryController,
  OrganisationsController,
} from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';
import { StaffCasesRepository } from './staff-cases.repository';
import { StaffService } from './staff.service';

/**
 * Organisations and their staff (issue 12): the administrator's staff list, roles,
 * invitations and deactivation; the invitee's acceptance; the directory and colleagues.
 * Cases handed over on deactivation go through the workspaces feature's InvitationsService.
 */
@Module({
  imports: [AuthModule, WorkspacesModule],
  controllers: [
    OrganisationDirectoryController,
    OrganisationsController,
    AccountInvitationsController,
  ],
  providers: [
    OrganisationsRepository,
    StaffCasesRepository,
    OrganisationsService,
    StaffService,
    AccountInvitationsService,
    AccountInvitationIssuer,
    OrganisationAuthorization,
    OrganisationGuard,
  ],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
