import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { workspaceParamsSchema } from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { FHIR_BUNDLE_SCHEMA, FHIR_JSON } from '../fhir/fhir.controller';
import { RateLimit } from '../limits/rate-limits';
import { PatientExportService } from './patient-export.service';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}

// Two addresses rather than one with a format parameter: each is a plain download link
// with its own file name and type, which is what the patient's page offers.

@ApiTags('export')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id')
export class PatientExportController {
  constructor(private readonly exports: PatientExportService) {}

  @RateLimit('largeRead')
  @Get('export.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description:
      'The patient’s own copy of her whole case as a readable PDF (GDPR art. 15): facts, ' +
      'participants, the plan and its versions, tasks, meetings and notes, documents, ' +
      'certificates, consents and her access log. The patient only (403 PATIENT_ONLY).',
  })
  async pdf(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const pdf = await this.exports.pdf(access);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', 'attachment; filename="mitt-arende.pdf"')
      .header('cache-control', 'no-store');
    return pdf;
  }

  @RateLimit('largeRead')
  @Get('export.json')
  @ApiProduces('application/fhir+json')
  @ApiOkResponse({
    schema: FHIR_BUNDLE_SCHEMA,
    description:
      'The same copy as a FHIR R4 Bundle (GDPR art. 20, data portability): what GET /fhir ' +
      'gives the patient. The patient only (403 PATIENT_ONLY).',
  })
  async json(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const bundle = await this.exports.json(access);
    void reply
      .header('content-type', FHIR_JSON)
      .header('content-disposition', 'attachment; filename="mitt-arende.fhir.json"')
      .header('cache-control', 'no-store');
    return JSON.stringify(bundle);
  }
}
