import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  type EventsPage,
  eventsPageSchema,
  eventsQuerySchema,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { EventsService } from './events.service';
import { RateLimit } from '../limits/rate-limits';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class EventsQueryDto extends createZodDto(eventsQuerySchema) {}
class EventsPageDto extends createZodDto(eventsPageSchema) {}

@ApiTags('events')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @RateLimit('largeRead')
  @Get()
  @ZodResponse({
    status: 200,
    type: EventsPageDto,
    description: 'The caller’s visible events after `after`, in seq order.',
  })
  list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Query() query: EventsQueryDto,
  ): Promise<EventsPage> {
    return this.events.visible(access, query);
  }
}
