import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  acceptInvitationByTokenRequestSchema,
  handOverRequestSchema,
  type InvitationView,
  invitationSchema,
  invitationParamsSchema,
  inviteParticipantRequestSchema,
  participantParamsSchema,
  type WorkspaceOverview,
  workspaceOverviewSchema,
  type WorkspaceSummary,
  workspaceSummarySchema,
  workspaceParamsSchema,
} from '@atergang/contracts';
import { z } from 'zod';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import type { AuthenticatedUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { Origin, type RequestOrigin } from '../common/request-origin.decorator';
import { RateLimit } from '../limits/rate-limits';
import { InvitationsService } from './invitations.service';
import { WorkspacesService } from './workspaces.service';

class InviteParticipantDto extends createZodDto(inviteParticipantRequestSchema) {}
class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class ParticipantParamsDto extends createZodDto(participantParamsSchema) {}
class InvitationParamsDto extends createZodDto(invitationParamsSchema) {}
class WorkspaceInvitationParamsDto extends createZodDto(
  z.strictObject({ id: z.uuid(), invitationId: z.uuid() }),
) {}
class AcceptInvitationByTokenDto extends createZodDto(acceptInvitationByTokenRequestSchema) {}
class HandOverDto extends createZodDto(handOverRequestSchema) {}
class WorkspaceSummaryDto extends createZodDto(workspaceSummarySchema) {}
class WorkspaceOverviewDto extends createZodDto(workspaceOverviewSchema) {}
class InvitationViewDto extends createZodDto(invitationSchema) {}

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('workspaces')
export class WorkspacesController {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @ZodResponse({ status: 200, type: [WorkspaceSummaryDto], description: 'The caller’s cases.' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
  ): Promise<WorkspaceSummary[]> {
    return this.workspaces.list(user, origin);
  }

  @Get(':id')
  @UseGuards(WorkspaceGuard)
  @ZodResponse({
    status: 200,
    type: WorkspaceOverviewDto,
    description: 'The case as the caller may see it, with their `permissions`.',
  })
  overview(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<WorkspaceOverview> {
    return this.workspaces.overview(access);
  }

  @RateLimit('invitation')
  @Post(':id/invitations')
  @UseGuards(WorkspaceGuard)
  @ZodResponse({ status: 201, type: InvitationViewDto, description: 'The invitation sent.' })
  invite(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: InviteParticipantDto,
  ): Promise<InvitationView> {
    return this.invitations.invite(access, body);
  }

  /** Invitations into the case: every one for the patient, her party's own for the others. */
  @Get(':id/invitations')
  @UseGuards(WorkspaceGuard)
  @ZodResponse({
    status: 200,
    type: [InvitationViewDto],
    description: 'Invitations into the case.',
  })
  listInvitations(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<InvitationView[]> {
    return this.invitations.list(access);
  }

  @Post(':id/invitations/:invitationId/approve')
  @HttpCode(200)
  @UseGuards(WorkspaceGuard)
  @ZodResponse({ status: 200, type: InvitationViewDto, description: 'The invitation, approved.' })
  approveInvitation(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: WorkspaceInvitationParamsDto,
  ): Promise<InvitationView> {
    return this.invitations.approve(access, params.invitationId);
  }

  @Delete(':id/invitations/:invitationId')
  @HttpCode(204)
  @UseGuards(WorkspaceGuard)
  withdrawInvitation(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: WorkspaceInvitationParamsDto,
  ): Promise<void> {
    return this.invitations.withdraw(access, params.invitationId);
  }

  @Delete(':id/participants/:participantId')
  @HttpCode(204)
  @UseGuards(WorkspaceGuard)
  removeParticipant(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: ParticipantParamsDto,
  ): Promise<void> {
    return this.invitations.removeParticipant(access, params.participantId);
  }

  /** The caller's place in the case goes to a colleague; the caller no longer takes part. */
  @Post(':id/handover')
  @HttpCode(204)
  @UseGuards(WorkspaceGuard)
  handOver(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: HandOverDto,
  ): Promise<void> {
    return this.invitations.handOver(access, body.toUserId);
  }
}

/** Invitations addressed to the signed-in person (their own e-mail address). */
@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @ZodResponse({
    status: 200,
    type: [InvitationViewDto],
    description: 'Open invitations to the caller’s e-mail address.',
  })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<InvitationView[]> {
    return this.invitations.openInvitations(user);
  }

  /** From the e-mailed link: the token and the signed-in invitee's own address. */
  @RateLimit('linkAnswer')
  @Post('accept')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: WorkspaceOverviewDto, description: 'The case joined.' })
  acceptByToken(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Body() body: AcceptInvitationByTokenDto,
  ): Promise<WorkspaceOverview> {
    return this.invitations.accept(user, origin, { token: body.token });
  }

  @Post(':invitationId/accept')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: WorkspaceOverviewDto, description: 'The case joined.' })
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Param() params: InvitationParamsDto,
  ): Promise<WorkspaceOverview> {
    return this.invitations.accept(user, origin, { id: params.invitationId });
  }
}
