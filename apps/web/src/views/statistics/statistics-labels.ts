import {
  AGE_BANDS,
  ALL_COLUMN,
  CASE_CLOSING_REASONS,
  FIRST_MEETING_STATES,
  FOLLOW_UP_STATES,
  LENGTH_BANDS,
  MEASURE_KINDS,
  PLAN_TIMELINESS,
  RETURN_BANDS,
  SEX_GROUPS,
  STATISTICS_COLUMNS,
  type StatisticsGroup,
  type StatisticsTable,
  type StatisticsTableId,
} from '@atergang/contracts';
import type { TFunction } from 'i18next';
import type { StatisticsLabels, SummaryFacts } from './statistics-model';
import { summaryFacts } from './statistics-model';

// The words of the statistics page from the locale files: every table and column key of the
// contract has a label (closing reasons and measure kinds reuse the case's and the plan's).

const CHAPTERS = STATISTICS_COLUMNS.diagnosisChapter;

const isIn = <T extends string>(list: readonly T[], key: string): key is T =>
  (list as readonly string[]).includes(key);

function columnLabel(
  t: TFunction,
  id: StatisticsTableId,
  group: StatisticsGroup,
  key: string,
): string {
  switch (id) {
    case 'started':
    case 'open':
      if (group === 'sex' && isIn(SEX_GROUPS, key)) return t(`statistics.sex.${key}`);
      if (group === 'ageBand' && isIn(AGE_BANDS, key)) return t(`statistics.ageBands.${key}`);
      return key === ALL_COLUMN ? t('statistics.all') : key;
    case 'closedByReason':
      return isIn(CASE_CLOSING_REASONS, key) ? t(`case.closingReasons.${key}`) : key;
    case 'lengthOfClosed':
      return isIn(LENGTH_BANDS, key) ? t(`statistics.lengthBands.${key}`) : key;
    case 'degree':
      return t('statistics.degree', { degree: key });
    case 'planByDay30':
      return isIn(PLAN_TIMELINESS, key) ? t(`statistics.planTimeliness.${key}`) : key;
    case 'measuresByKind':
      return isIn(MEASURE_KINDS, key) ? t(`measureKinds.${key}`) : key;
    case 'measuresFollowedUp':
      return isIn(FOLLOW_UP_STATES, key) ? t(`statistics.followUp.${key}`) : key;
    case 'avstamningHeld':
      return t('statistics.meetings');
    case 'firstAvstamning':
      return isIn(FIRST_MEETING_STATES, key) ? t(`statistics.firstMeeting.${key}`) : key;
    case 'returnToWork':
      return isIn(RETURN_BANDS, key) ? t(`statistics.returnBands.${key}`) : key;
    case 'diagnosisChapter':
      return isIn(CHAPTERS, key) ? t(`statistics.chapters.${key}`) : key;
  }
}

/** The median column's heading; only these three tables have one. */
function medianLabel(t: TFunction, id: StatisticsTableId): string {
  if (id === 'planByDay30' || id === 'firstAvstamning') return t(`statistics.medians.${id}`);
  return t('statistics.medians.lengthOfClosed');
}

export function statisticsLabels(
  t: TFunction,
  language: string,
  group: StatisticsGroup,
): StatisticsLabels {
  const locale = language === 'en' ? 'en-GB' : 'sv-SE';
  const labels: StatisticsLabels = {
    suppressed: t('statistics.suppressed'),
    period: t('statistics.periodColumn'),
    total: t('statistics.total'),
    allPeriods: t('statistics.allPeriods'),
    tableTitle: (id) => t(`statistics.tables.${id}`),
    column: (id, key) => columnLabel(t, id, group, key),
    median: (id) => medianLabel(t, id),
    periodName: (key) => {
      if (key === 'TOTAL') return labels.allPeriods;
      const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
      if (quarter) {
        return t('statistics.quarterName', { year: quarter[1] ?? '', quarter: quarter[2] ?? '' });
      }
      const month = /^(\d{4})-(\d{2})$/.exec(key);
      if (month) {
        return new Date(Number(month[1]), Number(month[2]) - 1, 15).toLocaleDateString(locale, {
          month: 'long',
          year: 'numeric',
        });
      }
      return key;
    },
    number: (value) =>
      value.toLocaleString(locale, { maximumFractionDigits: 1, useGrouping: false }),
  };
  return labels;
}

/** The chart's one-sentence summary: the total, the busiest period, what is not drawn. */
export function summaryText(
  t: TFunction,
  table: StatisticsTable,
  labels: StatisticsLabels,
  facts: SummaryFacts = summaryFacts(table),
): string {
  if (facts.cellCount === 0) return t('statistics.summary.noPeriods');
  if (facts.suppressedCount === facts.cellCount) return t('statistics.summary.allHidden');
  const unit = t(`statistics.units.${table.unit}`);
  // Open cases and degrees are states at each period's end: they do not add up.
  const state = table.id === 'open' || table.id === 'degree';
  const peak = facts.peak
    ? { period: labels.periodName(facts.peak.period), value: labels.number(facts.peak.value) }
    : null;
  let main: string;
  if (facts.total !== null && facts.total > 0 && peak) {
    main = t('statistics.summary.totalPeak', { total: labels.number(facts.total), unit, ...peak });
  } else if (facts.total !== null && facts.total > 0) {
    main = t('statistics.summary.total', { total: labels.number(facts.total), unit });
  } else if (peak) {
    main = t(state ? 'statistics.summary.peakState' : 'statistics.summary.peak', {
      unit,
      ...peak,
    });
  } else if (facts.suppressedCount > 0) {
    return t('statistics.summary.nothingToDraw');
  } else {
    main = t('statistics.summary.none', { unit });
  }
  const hidden =
    facts.suppressedCount > 0
      ? t('statistics.summary.hidden', { count: facts.suppressedCount })
      : '';
  return `${main}${hidden}.`;
}
