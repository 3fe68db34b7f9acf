import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  caseOpeningSchema,
  type CaseOpeningView,
  type CaseTimeline,
  caseTimelineSchema,
  certificateSchema,
  type CertificateView,
  closeCaseRequestSchema,
  createCertificateRequestSchema,
  followUpCaseRequestSchema,
  reopenCaseRequestSchema,
  updateCaseFactsRequestSchema,
  type WorkspaceOverview,
  workspaceOverviewSchema,
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
class CertificateViewDto extends createZodDto(certificateSchema) {}
class WorkspaceOverviewDto extends createZodDto(workspaceOverviewSchema) {}
class CaseTimelineDto extends createZodDto(caseTimelineSchema) {}
class CaseOpeningViewDto extends createZodDto(caseOpeningSchema) {}

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
  @ZodResponse({ status: 200, type: [CertificateViewDto], description: 'The case’s certificates.' })
  listCertificates(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<CertificateView[]> {
    return this.certificates.list(access);
  }

  @Post('certificates')
  @ZodResponse({ status: 201, type: CertificateViewDto, description: 'The certificate recorded.' })
  createCertificate(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: CreateCertificateDto,
  ): Promise<CertificateView> {
    return this.certificates.create(access, body);
  }

  @Patch('facts')
  @ZodResponse({ status: 200, type: WorkspaceOverviewDto, description: 'The case, corrected.' })
  updateFacts(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: UpdateCaseFactsDto,
  ): Promise<WorkspaceOverview> {
    return this.facts.updateFacts(access, body);
  }

  @Get('timeline')
  @ZodResponse({
    status: 200,
    type: CaseTimelineDto,
    description: 'The case’s rehab-chain timeline.',
  })
  timeline(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<CaseTimeline> {
    return this.facts.timeline(access);
  }

  @Post('close')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: WorkspaceOverviewDto, description: 'The case, closed.' })
  close(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: CloseCaseDto,
  ): Promise<WorkspaceOverview> {
    return this.facts.close(access, body);
  }

  @Post('reopen')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: WorkspaceOverviewDto, description: 'The case, reopened.' })
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
  @ZodResponse({
    status: 202,
    type: CaseOpeningViewDto,
    description: 'The follow-up case asked of the person.',
  })
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
