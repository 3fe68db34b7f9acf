import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ApiResponseSchemaHost } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { workspaceParamsSchema } from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { CurrentAccess } from '../access/workspace-access.decorator';
import { WorkspaceGuard } from '../access/workspace.guard';
import { RateLimit } from '../limits/rate-limits';
import { FhirService } from './fhir.service';

class WorkspaceParamsDto extends createZodDto(workspaceParamsSchema) {}

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A FHIR R4 Bundle: its schema is HL7's (hl7.org/fhir/R4/bundle.html), not one of ours. */
export const FHIR_BUNDLE_SCHEMA: ApiResponseSchemaHost['schema'] = {
  type: 'object',
  required: ['resourceType', 'type', 'entry'],
  properties: {
    resourceType: { type: 'string', enum: ['Bundle'] },
    type: { type: 'string' },
    entry: { type: 'array', items: { type: 'object' } },
  },
  externalDocs: { url: 'https://hl7.org/fhir/R4/bundle.html' },
};

@ApiTags('fhir')
@ApiBearerAuth()
@UseGuards(WorkspaceGuard)
@Controller('workspaces/:id')
export class FhirController {
  constructor(private readonly fhir: FhirService) {}

  @RateLimit('largeRead')
  @Get('fhir')
  @ApiProduces('application/fhir+json')
  @ApiOkResponse({
    schema: FHIR_BUNDLE_SCHEMA,
    description:
      'The case as a FHIR R4 Bundle (type collection) of exactly what the caller may see: ' +
      'Patient, Organization, Practitioner(Role), EpisodeOfCare, CarePlan with Goal and ' +
      'activities, Task, Appointment, Communication (notes), DocumentReference (metadata), ' +
      'Condition (where the medical content is shared), Consent, Provenance and, for the ' +
      'patient, AuditEvent (her access log). fullUrl is `urn:uuid:<our id>`.',
  })
  async bundle(
    @CurrentAccess() access: WorkspaceAccess,
    @Param() _params: WorkspaceParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const bundle = await this.fhir.bundle(access);
    void reply.header('content-type', FHIR_JSON).header('cache-control', 'no-store');
    return JSON.stringify(bundle);
  }
}
