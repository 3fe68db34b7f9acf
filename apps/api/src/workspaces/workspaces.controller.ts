import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  createWorkspaceRequestSchema,
  type InvitationView,
  invitationParamsSchema,
  inviteParticipantRequestSchema,
  participantParamsSchema,
  type WorkspaceOverview,
  type WorkspaceSummary,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import type { AuthenticatedUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { Origin, type RequestOrigin } from '../common/request-origin.decorator';
import { WorkspacesService } from './workspaces.service';
import { RateLimit } from '../limits/rate-limits';

class CreateWorkspaceDto extends createZodDto(createWorkspaceRequestSchema) {}
class InviteParticipantDto extends createZodDto(inviteParticipantRequestSchema) {}
class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class ParticipantParamsDto extends createZodDto(participantParamsSchema) {}
class InvitationParamsDto extends createZodDto(invitationParamsSchema) {}

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Get()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
  ): Promise<WorkspaceSummary[]> {
    return this.workspaces.list(user, origin);
  }

  @RateLimit('caseOpening')
  @Post()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Body() body: CreateWorkspaceDto,
  ): Promise<WorkspaceOverview> {
    return this.workspaces.create(user, origin, body);
  }

  @Get(':id')
  @UseGuards(WorkspaceGuard)
  overview(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<WorkspaceOverview> {
    return this.workspaces.overview(access);
  }

  @RateLimit('invitation')
  @Post(':id/invitations')
  @UseGuards(WorkspaceGuard)
  invite(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: InviteParticipantDto,
  ): Promise<InvitationView> {
    return this.workspaces.invite(access, body);
  }

  @Delete(':id/participants/:participantId')
  @HttpCode(204)
  @UseGuards(WorkspaceGuard)
  removeParticipant(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: ParticipantParamsDto,
  ): Promise<void> {
    return this.workspaces.removeParticipant(access, params.participantId);
  }
}

/** Invitations addressed to the signed-in person (matched by their verified e-mail). */
@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Get()
  mine(@CurrentUser() user: AuthenticatedUser): Promise<InvitationView[]> {
    return this.workspaces.openInvitations(user);
  }

  @Post(':invitationId/accept')
  @HttpCode(200)
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Param() params: InvitationParamsDto,
  ): Promise<WorkspaceOverview> {
    return this.workspaces.acceptInvitation(user, origin, params.invitationId);
  }
}
