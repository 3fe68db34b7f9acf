import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { workspaceParamsSchema } from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { RateLimit } from '../limits/rate-limits';
import { PlanExportService } from './plan-export.service';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}

@ApiTags('plan')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id')
export class PlanExportController {
  constructor(private readonly exports: PlanExportService) {}

  @RateLimit('largeRead')
  @Get('plan.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description:
      'The plan för återgång i arbete as a PDF (fonts embedded), in the order of FK’s template, ' +
      'holding exactly what GET /plan shows the caller. `X-Plan-Version` is the version shown.',
  })
  async pdf(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const pdf = await this.exports.pdf(access);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${pdf.filename}"`)
      .header('cache-control', 'no-store')
      .header('x-plan-version', String(pdf.version));
    return pdf.content;
  }
}
