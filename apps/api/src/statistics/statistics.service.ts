import { Injectable } from '@nestjs/common';
import {
  MAX_STATISTICS_PERIODS,
  MINIMUM_CELL_SIZE,
  type StatisticsQuery,
  type StatisticsResponse,
} from '@atergang/contracts';
import { addDays } from '@atergang/domain';
import type { OrganisationAccess } from '../access/organisation-ability';
import { AuditService } from '../audit/audit.service';
import { stockholmToday } from '../common/calendar';
import { OrganisationAuthorization } from '../organisations/organisation-authorization';
import { periodsBetween } from './statistics-periods';
import { buildTables } from './statistics-tables';
import { periodsOutOfOrder, statisticsNotAllowed, tooManyPeriods } from './statistics.errors';
import { StatisticsRepository } from './statistics.repository';

/**
 * An organisation's follow-up statistics (issue 18): who may see them is the organisation's
 * ability; the figures are the database's aggregates, published only through suppression.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly repository: StatisticsRepository,
    private readonly authorization: OrganisationAuthorization,
    private readonly audit: AuditService,
  ) {}

  async read(access: OrganisationAccess, query: StatisticsQuery): Promise<StatisticsResponse> {
    await this.authorization.require(access, 'read', 'Statistics', {
      audit: 'statistics.read',
      resourceType: 'Organisation',
      error: statisticsNotAllowed,
    });
    const today = stockholmToday();
    const to = query.to ?? today.slice(0, 7);
    if (to < query.from) throw periodsOutOfOrder();
    const { spans, end } = periodsBetween(query.period, query.from, to);
    if (spans.length > MAX_STATISTICS_PERIODS) throw tooManyPeriods(MAX_STATISTICS_PERIODS);
    const first = spans[0]?.start ?? `${query.from}-01`;
    const diagnosis = access.ability.can('read', 'DiagnosisStatistics');
    // Whole calendar years, whatever the periods asked for: each year is suppressed as one
    // lattice of months, quarters and the year (statistics-tables.ts).
    const aggregates = await this.repository.aggregates({
      organisationId: access.organisationId,
      period: query.period,
      group: query.group,
      from: `${first.slice(0, 4)}-01-01`,
      toExclusive: `${String(Number(addDays(end, -1).slice(0, 4)) + 1)}-01-01`,
      today,
      medical: diagnosis,
    });
    const tables = buildTables({
      aggregates,
      period: query.period,
      spans,
      group: query.group,
      diagnosis,
      today,
    });
    await this.audit.record(access, {
      action: 'statistics.read',
      resourceType: 'Organisation',
      resourceId: access.organisationId,
      outcome: 'ALLOWED',
    });
    return {
      organisationId: access.organisationId,
      kind: access.kind,
      period: query.period,
      group: query.group,
      from: first,
      to: addDays(end, -1),
      periods: spans.map((span) => span.key),
      minimumCellSize: MINIMUM_CELL_SIZE,
      tables,
    };
  }
}
