import { Controller, Get } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Liveness, livenessSchema, readinessReportSchema } from '@atergang/contracts';
import { ApiError } from '../common/api-error';
import { Public } from '../common/public.decorator';
import { HealthService, type ReadinessReport } from './health.service';

class LivenessDto extends createZodDto(livenessSchema) {}
class ReadinessReportDto extends createZodDto(readinessReportSchema) {}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get('live')
  @ZodResponse({ status: 200, type: LivenessDto, description: 'The process is running.' })
  live(): Liveness {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ZodResponse({
    status: 200,
    type: ReadinessReportDto,
    description: 'The database answers and all migrations are applied.',
  })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the problem says why.' })
  async ready(): Promise<ReadinessReport> {
    const report = await this.health.readiness();
    if (!report.ready) {
      throw new ApiError(
        503,
        'NOT_READY',
        report.database === 'down'
          ? 'The database cannot be reached.'
          : `Pending migrations: ${report.migrations.pending.join(', ')}`,
        { extensions: { readiness: report } },
      );
    }
    return report;
  }
}
