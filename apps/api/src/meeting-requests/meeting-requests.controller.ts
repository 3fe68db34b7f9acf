import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  answerMeetingRequestRequestSchema,
  createMeetingRequestRequestSchema,
  type MeetingRequestList,
  meetingRequestListSchema,
  meetingRequestParamsSchema,
  meetingRequestSchema,
  type MeetingRequestView,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { MeetingRequestsService } from './meeting-requests.service';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class RequestParamsDto extends createZodDto(meetingRequestParamsSchema) {}
class CreateMeetingRequestDto extends createZodDto(createMeetingRequestRequestSchema) {}
class AnswerMeetingRequestDto extends createZodDto(answerMeetingRequestRequestSchema) {}
class MeetingRequestListDto extends createZodDto(meetingRequestListSchema) {}
class MeetingRequestViewDto extends createZodDto(meetingRequestSchema) {}

@ApiTags('meetings')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/meeting-requests')
export class MeetingRequestsController {
  constructor(private readonly requests: MeetingRequestsService) {}

  @Get()
  @ZodResponse({
    status: 200,
    type: MeetingRequestListDto,
    description:
      'The requests for an avstämningsmöte the caller may see, newest first: FK all (they are ' +
      'addressed to it), the asking party its own, the patient all in her case, others by ' +
      'MEETINGS consent. `fkTakesPart` and `ownOpenRequestId` say whether the caller can ask now.',
  })
  list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<MeetingRequestList> {
    return this.requests.list(access);
  }

  @Post()
  @ZodResponse({
    status: 201,
    type: MeetingRequestViewDto,
    description:
      'Asks FK for an avstämningsmöte (the patient, care’s doctor or coordinator, the ' +
      'employer’s manager or HR): a task for FK due in 14 days. 409 MEETING_REQUEST_OPEN while ' +
      'the party’s last request waits; 409 MEETING_REQUEST_FK_NOT_IN_CASE without FK.',
  })
  create(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: CreateMeetingRequestDto,
  ): Promise<MeetingRequestView> {
    return this.requests.create(access, body);
  }

  @Post(':rid/answer')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: MeetingRequestViewDto,
    description:
      'FK’s answer: ACCEPTED (optionally naming the AVSTAMNINGSMOTE of this case it arranged, ' +
      'else 422 naming `meetingId`) or DECLINED with a `message` (else 422 naming it). Closes ' +
      'FK’s task and tells the asker. 409 MEETING_REQUEST_ANSWERED when already answered.',
  })
  answer(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: RequestParamsDto,
    @Body() body: AnswerMeetingRequestDto,
  ): Promise<MeetingRequestView> {
    return this.requests.answer(access, params.rid, body);
  }
}
