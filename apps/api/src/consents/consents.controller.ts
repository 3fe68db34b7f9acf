import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  consentSchema,
  type ConsentView,
  consentParamsSchema,
  grantConsentRequestSchema,
  workspaceParamsSchema,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { OpenWhenClosed, WorkspaceGuard } from '../access/workspace.guard';
import { ConsentsService } from './consents.service';

class GrantConsentDto extends createZodDto(grantConsentRequestSchema) {}
class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}
class ConsentParamsDto extends createZodDto(consentParamsSchema) {}
class ConsentViewDto extends createZodDto(consentSchema) {}

@ApiTags('consents')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get()
  @ZodResponse({ status: 200, type: [ConsentViewDto], description: 'The patient’s consents.' })
  list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<ConsentView[]> {
    return this.consents.list(access);
  }

  @Post()
  @OpenWhenClosed()
  @ZodResponse({ status: 201, type: ConsentViewDto, description: 'The consent granted.' })
  grant(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: GrantConsentDto,
  ): Promise<ConsentView> {
    return this.consents.grant(access, body);
  }

  @Delete(':consentId')
  @OpenWhenClosed()
  @ZodResponse({ status: 200, type: ConsentViewDto, description: 'The consent, revoked.' })
  revoke(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: ConsentParamsDto,
  ): Promise<ConsentView> {
    return this.consents.revoke(access, params.consentId);
  }
}
