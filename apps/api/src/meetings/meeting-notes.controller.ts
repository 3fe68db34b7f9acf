import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  correctNoteRequestSchema,
  type CreatedNote,
  createdNoteSchema,
  createNoteRequestSchema,
  type MeetingNoteList,
  meetingNoteListSchema,
  type MeetingNoteRevisionList,
  meetingNoteRevisionListSchema,
  meetingParamsSchema,
  noteParamsSchema,
  type NoteReach,
  noteReachSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { MeetingNotesService } from './meeting-notes.service';

class MeetingParamsDto extends createZodDto(meetingParamsSchema) {}
class CreateNoteDto extends createZodDto(createNoteRequestSchema) {}
class NoteParamsDto extends createZodDto(noteParamsSchema) {}
class CorrectNoteDto extends createZodDto(correctNoteRequestSchema) {}
class CorrectedNoteDto extends createZodDto(createdNoteSchema) {}
class NoteRevisionListDto extends createZodDto(meetingNoteRevisionListSchema) {}
class MeetingNoteListDto extends createZodDto(meetingNoteListSchema) {}
class NoteReachDto extends createZodDto(noteReachSchema) {}

@ApiTags('meetings')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/meetings/:mid/notes')
export class MeetingNotesController {
  constructor(private readonly notes: MeetingNotesService) {}

  @Get()
  @ZodResponse({
    status: 200,
    type: MeetingNoteListDto,
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
  @ZodResponse({
    status: 201,
    type: CorrectedNoteDto,
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

  @Patch(':nid')
  @ZodResponse({
    status: 200,
    type: CorrectedNoteDto,
    description:
      'Corrects a note (its author’s party): `version` as read (stale → 409 NOTE_VERSION_CONFLICT ' +
      'with `savedBy`), only the fields sent change; the earlier text is kept as a revision. ' +
      'Steps that became tasks stay; new steps with createTask become tasks (their ids in taskIds).',
  })
  correct(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: NoteParamsDto,
    @Body() body: CorrectNoteDto,
  ): Promise<CreatedNote> {
    return this.notes.correct(access, params.mid, params.nid, body);
  }

  @Get(':nid/revisions')
  @ZodResponse({
    status: 200,
    type: NoteRevisionListDto,
    description:
      'The note’s earlier versions, newest first, to those who may read the note (same consent rule).',
  })
  revisions(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: NoteParamsDto,
  ): Promise<MeetingNoteRevisionList> {
    return this.notes.revisions(access, params.mid, params.nid);
  }

  @Post('reach')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: NoteReachDto,
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
