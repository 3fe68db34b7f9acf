import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  organisationParamsSchema,
  statisticsQuerySchema,
  type StatisticsResponse,
  statisticsResponseSchema,
} from '@atergang/contracts';
import type { OrganisationAccess } from '../access/organisation-ability';
import { CurrentOrganisation, OrganisationGuard } from '../organisations/organisation.guard';
import { StatisticsService } from './statistics.service';

class OrganisationParamsDto extends createZodDto(organisationParamsSchema) {}
class StatisticsQueryDto extends createZodDto(statisticsQuerySchema) {}
class StatisticsResponseDto extends createZodDto(statisticsResponseSchema) {}

@ApiTags('statistics')
@ApiBearerAuth()
@UseGuards(OrganisationGuard)
@Controller('organisations/:organisationId/statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @ZodResponse({
    status: 200,
    type: StatisticsResponseDto,
    description:
      'Follow-up statistics about the cases the organisation takes part in, per month, ' +
      'quarter or year: counts only, every count under 5 and any cell that could be worked ' +
      'out from the others and the totals is null with `suppressed: true`. The organisation ' +
      "administrator or an employer's HR (else 403 STATISTICS_NOT_ALLOWED); the diagnosis " +
      'table only for a care unit.',
  })
  read(
    @CurrentOrganisation() access: OrganisationAccess,
    @Param() _params: OrganisationParamsDto,
    @Query() query: StatisticsQueryDto,
  ): Promise<StatisticsResponse> {
    return this.statistics.read(access, query);
  }
}
