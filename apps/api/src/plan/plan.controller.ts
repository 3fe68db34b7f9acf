import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { type PlanView, workspaceParamsSchema } from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { PlanService } from './plan.service';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}

@ApiTags('plan')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/plan')
export class PlanController {
  constructor(private readonly plan: PlanService) {}

  @Get()
  @ApiOkResponse({
    description: 'The plan, filtered to what the caller may see; `withheld` names the rest.',
  })
  async read(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanView> {
    const plan = await this.plan.read(access);
    void reply.header('etag', `"${plan.version}"`);
    return plan;
  }
}
