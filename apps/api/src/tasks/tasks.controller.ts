import { Body, Controller, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  createTaskRequestSchema,
  type TaskList,
  taskListSchema,
  taskParamsSchema,
  tasksQuerySchema,
  taskSchema,
  type TaskView,
  updateTaskRequestSchema,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { TasksService } from './tasks.service';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class TaskParamsDto extends createZodDto(taskParamsSchema) {}
class TasksQueryDto extends createZodDto(tasksQuerySchema) {}
class CreateTaskDto extends createZodDto(createTaskRequestSchema) {}
class UpdateTaskDto extends createZodDto(updateTaskRequestSchema) {}
class TaskListDto extends createZodDto(taskListSchema) {}
class TaskViewDto extends createZodDto(taskSchema) {}

@ApiTags('tasks')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ZodResponse({
    status: 200,
    type: TaskListDto,
    description:
      'The tasks the caller may see, by due date; `withheld` names the categories left out. ' +
      'Filters: `mine=true`, `overdue=true`, `status=OPEN,IN_PROGRESS`.',
  })
  list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Query() query: TasksQueryDto,
  ): Promise<TaskList> {
    return this.tasks.list(access, query);
  }

  @Get(':taskId')
  @ZodResponse({
    status: 200,
    type: TaskViewDto,
    description: 'One task; 403 consent-required when it is not shared with you.',
  })
  get(@CurrentAccess() access: WorkspaceAccess, @Param() params: TaskParamsDto): Promise<TaskView> {
    return this.tasks.get(access, params.taskId);
  }

  @Post()
  @ZodResponse({
    status: 201,
    type: TaskViewDto,
    description:
      'The task created, for a participant (`assigneeParticipantId`) or a party (`assigneeParty`).',
  })
  create(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: CreateTaskDto,
  ): Promise<TaskView> {
    return this.tasks.create(access, body);
  }

  @Patch(':taskId')
  @ZodResponse({
    status: 200,
    type: TaskViewDto,
    description:
      'The task changed. Send the `version` you read; a stale one gets 409 with `currentVersion`.',
  })
  update(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: TaskParamsDto,
    @Body() body: UpdateTaskDto,
  ): Promise<TaskView> {
    return this.tasks.update(access, params.taskId, body);
  }
}
