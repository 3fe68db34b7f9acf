import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
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

@ApiTags('consents')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get()
  list(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
  ): Promise<ConsentView[]> {
    return this.consents.list(access);
  }

  @Post()
  @OpenWhenClosed()
  grant(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Body() body: GrantConsentDto,
  ): Promise<ConsentView> {
    return this.consents.grant(access, body);
  }

  @Delete(':consentId')
  @OpenWhenClosed()
  revoke(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() params: ConsentParamsDto,
  ): Promise<ConsentView> {
    return this.consents.revoke(access, params.consentId);
  }
}
