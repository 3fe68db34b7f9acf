import { Module } from '@nestjs/common';
import { OrganisationAuthorization } from '../organisations/organisation-authorization';
import { OrganisationGuard } from '../organisations/organisation.guard';
import { OrganisationsModule } from '../organisations/organisations.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsRepository } from './statistics.repository';
import { StatisticsService } from './statistics.service';

/**
 * Follow-up statistics of an organisation (issue 18). The organisation guard and its
 * authorization door come from the organisations feature (through OrganisationsService), so
 * membership and the ability are resolved exactly as for its other pages.
 */
@Module({
  imports: [OrganisationsModule],
  controllers: [StatisticsController],
  providers: [
    StatisticsRepository,
    StatisticsService,
    OrganisationAuthorization,
    OrganisationGuard,
  ],
})
export class StatisticsModule {}
