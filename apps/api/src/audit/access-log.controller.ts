import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  type AccessLogEntry,
  accessLogEntrySchema,
  type AccessLogSummary,
  accessLogQuerySchema,
  accessLogSummarySchema,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { AccessLogService } from './access-log.service';
import { RateLimit } from '../limits/rate-limits';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class AccessLogQueryDto extends createZodDto(accessLogQuerySchema) {}
class AccessLogSummaryDto extends createZodDto(accessLogSummarySchema) {}
class AccessLogEntryDto extends createZodDto(accessLogEntrySchema) {}

@ApiTags('access-log')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/access-log')
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  /**
   * The entries themselves, newest first. The body stays the array it always was; the next
   * (older) page is the Link header's `rel="next"` (RFC 8288), absent on the oldest page.
   */
  @RateLimit('largeRead')
  @Get()
  @ApiHeader({ name: 'Link', description: '`<…?cursor=…>; rel="next"` while older entries exist' })
  @ZodResponse({
    status: 200,
    type: [AccessLogEntryDto],
    description: 'Who read or changed what in the case, newest first.',
  })
  async list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: WorkspaceParamsDto,
    @Query() query: AccessLogQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessLogEntry[]> {
    const page = await this.accessLog.entries(access, query);
    if (page.nextCursor) {
      const next = new URLSearchParams({ cursor: page.nextCursor });
      if (query.limit) next.set('limit', String(query.limit));
      if (query.party) next.set('party', query.party);
      void reply.header(
        'link',
        `</api/workspaces/${params.id}/access-log?${next.toString()}>; rel="next"`,
      );
    }
    return page.entries;
  }

  /** Grouped by person, day (Sweden) and action, newest first, page by page (`nextCursor`). */
  @RateLimit('largeRead')
  @Get('summary')
  @ZodResponse({
    status: 200,
    type: AccessLogSummaryDto,
    description: 'The access log grouped by person, day and action.',
  })
  summary(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Query() query: AccessLogQueryDto,
  ): Promise<AccessLogSummary> {
    return this.accessLog.summary(access, query);
  }
}
