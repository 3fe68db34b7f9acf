import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  changeRolesRequestSchema,
  colleagueSchema,
  type ColleagueView,
  deactivateMemberRequestSchema,
  deactivateMemberResponseSchema,
  memberParamsSchema,
  type OrganisationDirectoryEntry,
  organisationDirectoryEntrySchema,
  organisationDirectoryQuerySchema,
  organisationParamsSchema,
  staffInvitationParamsSchema,
  staffInvitationRequestSchema,
  staffInvitationSchema,
  type StaffInvitationView,
  staffMemberSchema,
  type StaffMemberView,
} from '@atergang/contracts';
import type { OrganisationAccess } from '../access/organisation-ability';
import type { AuthenticatedUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { RateLimit } from '../limits/rate-limits';
import { AccountInvitationsService } from './account-invitations.service';
import { CurrentOrganisation, OrganisationGuard } from './organisation.guard';
import { OrganisationsService } from './organisations.service';
import { StaffService } from './staff.service';

class OrganisationParamsDto extends createZodDto(organisationParamsSchema) {}
class MemberParamsDto extends createZodDto(memberParamsSchema) {}
class StaffInvitationParamsDto extends createZodDto(staffInvitationParamsSchema) {}
class StaffInvitationDto extends createZodDto(staffInvitationRequestSchema) {}
class ChangeRolesDto extends createZodDto(changeRolesRequestSchema) {}
class DeactivateMemberDto extends createZodDto(deactivateMemberRequestSchema) {}
class DirectoryQueryDto extends createZodDto(organisationDirectoryQuerySchema) {}
class OrganisationDirectoryEntryDto extends createZodDto(organisationDirectoryEntrySchema) {}
class StaffMemberViewDto extends createZodDto(staffMemberSchema) {}
class DeactivateMemberResponseDto extends createZodDto(deactivateMemberResponseSchema) {}
class StaffInvitationViewDto extends createZodDto(staffInvitationSchema) {}
class ColleagueViewDto extends createZodDto(colleagueSchema) {}

/** The directory of organisations, for staff bringing one into a case. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/directory')
export class OrganisationDirectoryController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ZodResponse({
    status: 200,
    type: [OrganisationDirectoryEntryDto],
    description:
      'At most 20 organisations by name (case-insensitive `q`), of a `kind` if given: names ' +
      'and kinds only. Staff only: 403 STAFF_ONLY for someone with no membership.',
  })
  search(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: DirectoryQueryDto,
  ): Promise<OrganisationDirectoryEntry[]> {
    return this.organisations.directory(user, query);
  }
}

/**
 * One organisation's own records. Only its members reach these routes (404 to anyone
 * else); only its administrator (ORG_ADMIN) keeps the staff and invitations (403 to other
 * members).
 */
@ApiTags('organisations')
@ApiBearerAuth()
@UseGuards(OrganisationGuard)
@Controller('organisations/:organisationId')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly staff: StaffService,
    private readonly invitations: AccountInvitationsService,
  ) {}

  @Get('members')
  @ZodResponse({
    status: 200,
    type: [StaffMemberViewDto],
    description: 'The staff: each member with e-mail, roles and open cases.',
  })
  members(
    @CurrentOrganisation() access: OrganisationAccess,
    @Param() _params: OrganisationParamsDto,
  ): Promise<StaffMemberView[]> {
    return this.staff.members(access);
  }

  @Put('members/:userId/roles')
  @ZodResponse({
    status: 200,
    type: StaffMemberViewDto,
    description:
      "The member with their new roles (roles of the organisation's kind, else 422). The " +
      'last ORG_ADMIN keeps that role (409 LAST_ORGANISATION_ADMIN); the roles they take ' +
      'part in cases with follow.',
  })
  changeRoles(
    @CurrentOrganisation() access: OrganisationAccess,
    @Param() params: MemberParamsDto,
    @Body() body: ChangeRolesDto,
  ): Promise<StaffMemberView> {
    return this.staff.changeRoles(access, params.userId, body.roles);
  }

  @Post('members/:userId/deactivate')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: DeactivateMemberResponseDto,
    description:
      'The member leaves the organisation: their open cases go to `handOverToUserId` ' +
      '(required when there are any), their sessions and sockets end at once.',
  })
  deactivate(
    @CurrentOrganisation() access: OrganisationAccess,
    @Param() params: MemberParamsDto,
    @Body() body: DeactivateMemberDto,
  ): Promise<{ handedOverCases: number }> {
    return this.staff.deactivate(access, params.userId, body);
  }

  @Get('invitations')
  @ZodResponse({
    status: 200,
    type: [StaffInvitationViewDto],
    description: 'Invitations to join the staff, newest first.',
  })
  listInvitations(
    @CurrentOrganisation() access: OrganisationAccess,
    @Param() _params: OrganisationParamsDto,
  ): Promise<StaffInvitationView[]> {
    return this.invitations.list(access);
  }

  @RateLimit('invitation')
  @Post('invitations')
  @ZodResponse({
    status: 201,
    type: StaffInvitationViewDto,
    description:
      'Invites a colleague by e-mail with roles: the link works once, for 7 days. A new ' +
      'invitation to the same address replaces an open one.',
  })
  invite(
    @CurrentOrganisation() access: OrganisationAccess,
    @Param() _params: OrganisationParamsDto,
    @Body() body: StaffInvitationDto,
  ): Promise<StaffInvitationView> {
    return this.invitations.invite(access, body);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The invitation is withdrawn; its link no longer works.' })
  withdrawInvitation(
    @CurrentOrganisation() access: OrganisationAccess,
    @Param() params: StaffInvitationParamsDto,
  ): Promise<void> {
    return this.invitations.withdraw(access, params.invitationId);
  }

  @Get('colleagues')
  @ZodResponse({
    status: 200,
    type: [ColleagueViewDto],
    description: 'Members who take part in cases: name and case roles, no e-mail (any member).',
  })
  colleagues(
    @CurrentOrganisation() access: OrganisationAccess,
    @Param() _params: OrganisationParamsDto,
  ): Promise<ColleagueView[]> {
    return this.organisations.colleagues(access);
  }
}
