import {
  type OrganisationPermission,
  type StatisticsGroup,
  type StatisticsPeriod,
  statisticsResponseSchema,
} from '@atergang/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api';
import { useAuth } from './auth';

/** What the statistics page asks for (GET /organisations/:id/statistics). */
export interface StatisticsRequest {
  readonly period: StatisticsPeriod;
  /** YYYY-MM, the first month. */
  readonly from: string;
  /** YYYY-MM, the last month (inclusive). */
  readonly to: string;
  readonly group: StatisticsGroup;
}

export const statisticsKey = (organisationId: string, request: StatisticsRequest) =>
  [
    'organisations',
    organisationId,
    'statistics',
    request.period,
    request.from,
    request.to,
    request.group,
  ] as const;

/**
 * An organisation's follow-up statistics. Every read is audited by the API, so the answer is
 * asked for when the filters change, not again on every return to the window.
 */
export const useStatistics = (organisationId: string, request: StatisticsRequest) =>
  useQuery({
    queryKey: statisticsKey(organisationId, request),
    queryFn: () => {
      const query = new URLSearchParams({
        period: request.period,
        from: request.from,
        to: request.to,
        group: request.group,
      });
      return api(
        `/organisations/${organisationId}/statistics?${query.toString()}`,
        statisticsResponseSchema,
      );
    },
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
    // The figures of the former filters stay until the new ones arrive (no empty flash).
    placeholderData: keepPreviousData,
  });

/**
 * The caller's organisations whose statistics they may see: GET /me says so per
 * organisation, asked of the API's own ability (never guessed from the roles here).
 */
export function useOrganisationsWith(permission: OrganisationPermission) {
  const { me } = useAuth();
  return (me?.organisations ?? []).filter((organisation) =>
    organisation.permissions.includes(permission),
  );
}
