import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  planHandoverParamsSchema,
  planHandoverSchema,
  planHandoversSchema,
  type PlanHandoversView,
  type PlanHandoverView,
  planRequestSchema,
  type PlanRequestView,
  requestPlanRequestSchema,
  sendPlanRequestSchema,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { RateLimit } from '../limits/rate-limits';
import { PlanHandoverService } from './plan-handover.service';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class HandoverParamsDto extends createZodDto(planHandoverParamsSchema) {}
class SendPlanDto extends createZodDto(sendPlanRequestSchema) {}
class RequestPlanDto extends createZodDto(requestPlanRequestSchema) {}
class PlanHandoversViewDto extends createZodDto(planHandoversSchema) {}
class PlanHandoverViewDto extends createZodDto(planHandoverSchema) {}
class PlanRequestViewDto extends createZodDto(planRequestSchema) {}

@ApiTags('plan')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/plan')
export class PlanHandoverController {
  constructor(private readonly handovers: PlanHandoverService) {}

  @Get('handovers')
  @ZodResponse({
    status: 200,
    type: PlanHandoversViewDto,
    description:
      'The plan’s hand-overs (to FK, to care) and FK’s requests for it that the caller may see: ' +
      'FK those handed to it (its statutory right, SFB 110 kap. 14 och 31 §§), the employer ' +
      'what it sent and what it was asked, the patient all; others by PLAN consent.',
  })
  list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<PlanHandoversView> {
    return this.handovers.list(access);
  }

  @Post('handovers')
  @ZodResponse({
    status: 201,
    type: PlanHandoverViewDto,
    description:
      'The employer sends `version` of the plan (as it counts versions) to `recipient` (FK by ' +
      'default; CARE only while the patient’s consent lets care see the plan). What is sent is ' +
      'the plan as the employer saw that version, without MEDICAL measures. Answers FK’s open ' +
      'request and closes its task.',
  })
  send(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: SendPlanDto,
  ): Promise<PlanHandoverView> {
    return this.handovers.send(access, body);
  }

  @Post('handovers/:handoverId/acknowledge')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: PlanHandoverViewDto,
    description: 'The recipient confirms receipt; 409 when already confirmed.',
  })
  acknowledge(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: HandoverParamsDto,
  ): Promise<PlanHandoverView> {
    return this.handovers.acknowledge(access, params.handoverId);
  }

  @RateLimit('largeRead')
  @Get('handovers/:handoverId/plan.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description:
      'The handed-over version as a PDF, exactly as it was sent. `X-Plan-Version` is its version.',
  })
  async pdf(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: HandoverParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const pdf = await this.handovers.pdf(access, params.handoverId);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${pdf.filename}"`)
      .header('cache-control', 'no-store')
      .header('x-plan-version', String(pdf.version));
    return pdf.content;
  }

  @Post('requests')
  @ZodResponse({
    status: 201,
    type: PlanRequestViewDto,
    description:
      'FK asks the employer for its plan: a task for the employer due `dueDate` (14 days by ' +
      'default); the next hand-over to FK answers it. 409 PLAN_REQUEST_OPEN while one waits.',
  })
  request(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: RequestPlanDto,
  ): Promise<PlanRequestView> {
    return this.handovers.request(access, body);
  }
}
