import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../common/api-error';
import { Public } from '../common/public.decorator';
import { HealthService, type ReadinessReport } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get('live')
  @ApiOkResponse({ description: 'The process is running.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOkResponse({ description: 'The database answers and all migrations are applied.' })
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
