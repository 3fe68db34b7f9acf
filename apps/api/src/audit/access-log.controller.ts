import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  type AccessLogEntry,
  accessLogQuerySchema,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { AccessLogService } from './access-log.service';
import { RateLimit } from '../limits/rate-limits';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class AccessLogQueryDto extends createZodDto(accessLogQuerySchema) {}

@ApiTags('access-log')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/access-log')
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  @RateLimit('largeRead')
  @Get()
  list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Query() query: AccessLogQueryDto,
  ): Promise<AccessLogEntry[]> {
    return this.accessLog.forPatient(access, query.limit);
  }
}
