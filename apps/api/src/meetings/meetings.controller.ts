import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  cancelMeetingRequestSchema,
  createMeetingRequestSchema,
  type MeetingList,
  meetingListSchema,
  meetingParamsSchema,
  meetingSchema,
  type MeetingView,
  moveMeetingRequestSchema,
  recordResponseRequestSchema,
  reopenMeetingRequestSchema,
  scheduleMeetingRequestSchema,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { MeetingsService } from './meetings.service';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class MeetingParamsDto extends createZodDto(meetingParamsSchema) {}
class CreateMeetingDto extends createZodDto(createMeetingRequestSchema) {}
class RecordResponseDto extends createZodDto(recordResponseRequestSchema) {}
class ScheduleMeetingDto extends createZodDto(scheduleMeetingRequestSchema) {}
class CancelMeetingDto extends createZodDto(cancelMeetingRequestSchema) {}
class MoveMeetingDto extends createZodDto(moveMeetingRequestSchema) {}
class ReopenMeetingDto extends createZodDto(reopenMeetingRequestSchema) {}
class MeetingListDto extends createZodDto(meetingListSchema) {}
class MeetingViewDto extends createZodDto(meetingSchema) {}

@ApiTags('meetings')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @ZodResponse({
    status: 200,
    type: MeetingListDto,
    description:
      'The meetings the caller organises, is invited to, or sees by MEETINGS consent; newest first.',
  })
  list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<MeetingList> {
    return this.meetings.list(access);
  }

  @Post()
  @ZodResponse({
    status: 201,
    type: MeetingViewDto,
    description:
      'The meeting proposed, the organiser invited too. An AVSTAMNINGSMOTE is called by FK and ' +
      'needs the patient, FK and care or the employer (else 422 AVSTAMNINGSMOTE_PARTICIPANTS).',
  })
  create(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: CreateMeetingDto,
  ): Promise<MeetingView> {
    return this.meetings.create(access, body);
  }

  @Get(':mid')
  @ZodResponse({
    status: 200,
    type: MeetingViewDto,
    description: 'The meeting with its times, invitees and answers per time.',
  })
  get(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: MeetingParamsDto,
  ): Promise<MeetingView> {
    return this.meetings.get(access, params.mid);
  }

  @Get(':mid/invite.ics')
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description:
      'The calendar invitation (RFC 5545): METHOD REQUEST (CANCEL once cancelled), a UID stable ' +
      'across updates, SEQUENCE raised on each change sent out, Europe/Stockholm times; the fixed ' +
      'time, or while none is fixed the earliest proposed one as TENTATIVE.',
  })
  async invite(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: MeetingParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const invite = await this.meetings.invite(access, params.mid);
    void reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${invite.filename}"`);
    return invite.content;
  }

  @Post(':mid/responses')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: MeetingViewDto,
    description: 'The meeting with the caller’s answer for that time recorded.',
  })
  respond(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: MeetingParamsDto,
    @Body() body: RecordResponseDto,
  ): Promise<MeetingView> {
    return this.meetings.respond(access, params.mid, body);
  }

  @Post(':mid/schedule')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: MeetingViewDto,
    description: 'The meeting fixed at one of its proposed times (organiser only).',
  })
  schedule(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: MeetingParamsDto,
    @Body() body: ScheduleMeetingDto,
  ): Promise<MeetingView> {
    return this.meetings.schedule(access, params.mid, body);
  }

  @Post(':mid/cancel')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: MeetingViewDto,
    description: 'The meeting cancelled (organiser only).',
  })
  cancel(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: MeetingParamsDto,
    @Body() body: CancelMeetingDto,
  ): Promise<MeetingView> {
    return this.meetings.cancel(access, params.mid, body);
  }

  @Post(':mid/move')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: MeetingViewDto,
    description:
      'The meeting moved (organiser’s party only): new proposed times replace the old ones, ' +
      'everyone’s answers are reset and everyone invited is told. A booked meeting needs a ' +
      '`reason` (else 422 MOVE_REASON_REQUIRED); a cancelled one is reopened instead (409).',
  })
  move(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: MeetingParamsDto,
    @Body() body: MoveMeetingDto,
  ): Promise<MeetingView> {
    return this.meetings.move(access, params.mid, body);
  }

  @Post(':mid/reopen')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: MeetingViewDto,
    description:
      'A cancelled meeting opened again with new proposed times (organiser’s party only); ' +
      'everyone invited answers anew. 409 MEETING_NOT_CANCELLED if it is not cancelled.',
  })
  reopen(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: MeetingParamsDto,
    @Body() body: ReopenMeetingDto,
  ): Promise<MeetingView> {
    return this.meetings.reopen(access, params.mid, body);
  }
}
