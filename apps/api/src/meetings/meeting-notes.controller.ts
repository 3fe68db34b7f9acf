import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  type CreatedNote,
  createNoteRequestSchema,
  type MeetingNoteList,
  meetingParamsSchema,
  type NoteReach,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { MeetingNotesService } from './meeting-notes.service';

class MeetingParamsDto extends createZodDto(meetingParamsSchema) {}
class CreateNoteDto extends createZodDto(createNoteRequestSchema) {}

@ApiTags('meetings')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/meetings/:mid/notes')
export class MeetingNotesController {
  constructor(private readonly notes: MeetingNotesService) {}

  @Get()
  @ApiOkResponse({
    description:
      'The meeting’s notes the caller may see (MEETING_NOTES, MEDICAL by consent; own always).',
  })
  list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: MeetingParamsDto,
  ): Promise<MeetingNoteList> {
    return this.notes.list(access, params.mid);
  }

  @Post()
  @ApiCreatedResponse({
    description:
      'The note, and the ids of the tasks its next steps (createTask: true) became, in one transaction.',
  })
  create(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: MeetingParamsDto,
    @Body() body: CreateNoteDto,
  ): Promise<CreatedNote> {
    return this.notes.create(access, params.mid, body);
  }

  @Post('reach')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'Before saving: which parties the note and each next step would reach, and whether each ' +
      'step’s assignee may read its task (send the note as you would save it; nothing is saved).',
  })
  reach(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: MeetingParamsDto,
    @Body() body: CreateNoteDto,
  ): Promise<NoteReach> {
    return this.notes.reach(access, params.mid, body);
  }
}
