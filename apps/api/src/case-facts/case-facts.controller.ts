import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  type CaseOpeningView,
  type CaseTimeline,
  type CertificateView,
  closeCaseRequestSchema,
  createCertificateRequestSchema,
  followUpCaseRequestSchema,
  reopenCaseRequestSchema,
  updateCaseFactsRequestSchema,
  type WorkspaceOverview,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { OpenWhenClosed, WorkspaceGuard } from '../access/workspace.guard';
import type { AuthenticatedUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { Origin, type RequestOrigin } from '../common/request-origin.decorator';
import { RateLimit } from '../limits/rate-limits';
import { CaseFactsService } from './case-facts.service';
import { CertificatesService } from './certificates.service';
import { FollowUpCaseService } from './follow-up-case.service';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class CreateCertificateDto extends createZodDto(createCertificateRequestSchema) {}
class UpdateCaseFactsDto extends createZodDto(updateCaseFactsRequestSchema) {}
class CloseCaseDto extends createZodDto(closeCaseRequestSchema) {}
class ReopenCaseDto extends createZodDto(reopenCaseRequestSchema) {}
class FollowUpCaseDto extends createZodDto(followUpCaseRequestSchema) {}

/** A case's facts as they change: certificates, corrections, closing and reopening. */
@ApiTags('case facts')
@ApiBearerAuth()
@Controller('workspaces/:id')
@UseGuards(WorkspaceGuard)
export class CaseFactsController {
  constructor(
    private readonly facts: CaseFactsService,
    private readonly certificates: CertificatesService,
    private readonly followUps: FollowUpCaseService,
  ) {}

  @Get('certificates')
  listCertificates(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<CertificateView[]> {
    return this.certificates.list(access);
  }

  @Post('certificates')
  createCertificate(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: CreateCertificateDto,
  ): Promise<CertificateView> {
    return this.certificates.create(access, body);
  }

  @Patch('facts')
  updateFacts(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: UpdateCaseFactsDto,
  ): Promise<WorkspaceOverview> {
    return this.facts.updateFacts(access, body);
  }

  @Get('timeline')
  timeline(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<CaseTimeline> {
    return this.facts.timeline(access);
  }

  @Post('close')
  @HttpCode(200)
  close(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: CloseCaseDto,
  ): Promise<WorkspaceOverview> {
    return this.facts.close(access, body);
  }

  @Post('reopen')
  @HttpCode(200)
  @OpenWhenClosed()
  reopen(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: ReopenCaseDto,
  ): Promise<WorkspaceOverview> {
    return this.facts.reopen(access, body);
  }

  /** A new sick period too late to reopen this case: asks the person for a new, linked one. */
  @Post('follow-up-case')
  @HttpCode(202)
  @OpenWhenClosed()
  @RateLimit('caseOpening')
  followUpCase(
    @CurrentAccess() access: WorkspaceAccess,
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: FollowUpCaseDto,
  ): Promise<CaseOpeningView> {
    return this.followUps.request(access, user, origin, body);
  }
}
