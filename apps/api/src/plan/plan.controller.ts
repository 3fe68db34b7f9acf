import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  planNotNeededRequestSchema,
  planNotNeededSchema,
  type PlanNotNeededView,
  planRevisionParamsSchema,
  planRevisionSchema,
  planRevisionSummarySchema,
  type PlanRevisionSummary,
  type PlanRevisionView,
  planSchema,
  planSignoffSchema,
  type PlanSignoffView,
  type PlanView,
  signPlanRequestSchema,
  updatePlanRequestSchema,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { PlanService } from './plan.service';
import { RateLimit } from '../limits/rate-limits';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class RevisionParamsDto extends createZodDto(planRevisionParamsSchema) {}
class UpdatePlanDto extends createZodDto(updatePlanRequestSchema) {}
class SignPlanDto extends createZodDto(signPlanRequestSchema) {}
class PlanNotNeededDto extends createZodDto(planNotNeededRequestSchema) {}
class PlanViewDto extends createZodDto(planSchema) {}
class PlanRevisionSummaryDto extends createZodDto(planRevisionSummarySchema) {}
class PlanRevisionViewDto extends createZodDto(planRevisionSchema) {}
class PlanSignoffViewDto extends createZodDto(planSignoffSchema) {}
class PlanNotNeededViewDto extends createZodDto(planNotNeededSchema) {}

const etagOf = (plan: PlanView): string => `"${plan.version}"`;

@ApiTags('plan')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/plan')
export class PlanController {
  constructor(private readonly plan: PlanService) {}

  @Get()
  @ZodResponse({
    status: 200,
    type: PlanViewDto,
    description:
      'The plan, filtered to what the caller may see; `withheld` names the rest, `quality` lists ' +
      'what the plan lacks, `signoffs` who has read this version. Version 0 (id null) before the ' +
      'first save. The ETag is `"<version>"`.',
  })
  async read(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanView> {
    const plan = await this.plan.read(access);
    void reply.header('etag', etagOf(plan));
    return plan;
  }

  @RateLimit('planSave')
  @Put()
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag read, e.g. `"3"` (or send the body field `version`; 0 creates the plan).',
  })
  @ZodResponse({
    status: 200,
    type: PlanViewDto,
    description:
      'Saved as the next version (a revision): the plan as the caller may see it, with the new ETag. ' +
      'Measures the caller may not see are kept as they were. Example body: ' +
      '`{"version": 3, "goal": "Tillbaka på heltid", "measures": [{"kind": "WORKPLACE_ADAPTATION", ' +
      '"title": "Anpassade arbetsuppgifter", "startDate": "2026-03-01", "followUpDate": "2026-03-15"}]}`',
  })
  @ApiConflictResponse({
    description:
      'PLAN_VERSION_CONFLICT: the plan changed since it was read; `currentVersion`, `current` ' +
      '(the plan as the caller may see it) and `savedBy` ({name, party} of who saved that ' +
      'version) are in the problem. 428 when no version was sent.',
  })
  async update(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: UpdatePlanDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanView> {
    const plan = await this.plan.update(access, body, ifMatch);
    void reply.header('etag', etagOf(plan));
    return plan;
  }

  @RateLimit('largeRead')
  @Get('revisions')
  @ZodResponse({
    status: 200,
    type: [PlanRevisionSummaryDto],
    description:
      'Every save, newest first, with a summary of the changes the caller may see. Needs PLAN.',
  })
  revisions(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<PlanRevisionSummary[]> {
    return this.plan.revisions(access);
  }

  @Get('revisions/:n')
  @ZodResponse({
    status: 200,
    type: PlanRevisionViewDto,
    description:
      'One revision: the plan as saved and the readable diff, without the measures (and changes ' +
      'to them) the caller may not see.',
  })
  revision(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: RevisionParamsDto,
  ): Promise<PlanRevisionView> {
    return this.plan.revision(access, params.n);
  }

  @Post('signoffs')
  @HttpCode(201)
  @ZodResponse({
    status: 201,
    type: PlanSignoffViewDto,
    description:
      '"Jag har tagit del av planen" for the version in the body (employer and patient). ' +
      'Signing the same version again returns the same sign-off; a stale version gets 409.',
  })
  signOff(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: SignPlanDto,
  ): Promise<PlanSignoffView> {
    return this.plan.signOff(access, body);
  }

  @Put('not-needed')
  @ZodResponse({
    status: 200,
    type: PlanNotNeededViewDto,
    description:
      'The employer records why no plan för återgång i arbete is needed (SFB 30 kap. 6 §); the ' +
      'day-30 deadline task is marked done. Example body: `{"reason": "Åter i arbete inom 60 dagar"}`',
  })
  recordNotNeeded(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: PlanNotNeededDto,
  ): Promise<PlanNotNeededView> {
    return this.plan.recordNotNeeded(access, body);
  }
}
