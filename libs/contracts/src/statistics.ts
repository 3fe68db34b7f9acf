import { z } from 'zod';
import { CASE_CLOSING_REASONS, MEASURE_KINDS, organisationKindSchema } from './enums';

// Follow-up statistics (issue 18): figures per organisation and period about the cases it
// takes part in, never a list of people. Every cell is a count of cases (or of measures or
// meetings); a count under MINIMUM_CELL_SIZE is never shown, and further cells are hidden
// so that a total minus the shown cells cannot give a hidden one back (the API's
// statistics/suppression.ts). A hidden cell is `{ value: null, suppressed: true }`.

/** Cells with fewer cases than this are shown as "färre än 5". */
export const MINIMUM_CELL_SIZE = 5;

export const STATISTICS_PERIODS = ['month', 'quarter', 'year'] as const;
export const statisticsPeriodSchema = z.enum(STATISTICS_PERIODS);
export type StatisticsPeriod = z.infer<typeof statisticsPeriodSchema>;

/** What the case tables (started, open) are broken down by. */
export const STATISTICS_GROUPS = ['none', 'sex', 'ageBand'] as const;
export const statisticsGroupSchema = z.enum(STATISTICS_GROUPS);
export type StatisticsGroup = z.infer<typeof statisticsGroupSchema>;

/** From the personnummer (digit 11 odd: man); people without one are OKAND. */
export const SEX_GROUPS = ['KVINNA', 'MAN', 'OKAND'] as const;
/** Age on the first day of the sick period. */
export const AGE_BANDS = ['16-29', '30-39', '40-49', '50-59', '60+', 'OKAND'] as const;
/** Length of a closed case, first day to closing day inclusive. */
export const LENGTH_BANDS = ['1-30', '31-90', '91-180', '181-365', '366+'] as const;
export const DEGREES = ['25', '50', '75', '100'] as const;
/** The employer's plan for cases past day 30: established by day 30, later, not (yet). */
export const PLAN_TIMELINESS = ['ON_TIME', 'LATE', 'NONE'] as const;
export const FOLLOW_UP_STATES = ['FOLLOWED_UP', 'NOT_FOLLOWED_UP'] as const;
export const FIRST_MEETING_STATES = ['HELD', 'NOT_HELD'] as const;
/** Cases started in the period, by when they closed back at work full time. */
export const RETURN_BANDS = ['WITHIN_90', 'WITHIN_180', 'WITHIN_365', 'NOT_WITHIN_365'] as const;
export const ALL_COLUMN = 'ALL';

export const STATISTICS_TABLE_IDS = [
  'started',
  'open',
  'closedByReason',
  'lengthOfClosed',
  'degree',
  'planByDay30',
  'measuresByKind',
  'measuresFollowedUp',
  'avstamningHeld',
  'firstAvstamning',
  'returnToWork',
  // Care units only: from the certificates, never shown to an employer.
  'diagnosisChapter',
] as const;
export const statisticsTableIdSchema = z.enum(STATISTICS_TABLE_IDS);
export type StatisticsTableId = z.infer<typeof statisticsTableIdSchema>;

/**
 * The ICD-10 chapters by their code range (the column keys of diagnosisChapter, in this
 * order, then OKAND for a code outside them). Always all of them, so that a column's
 * presence says nothing.
 */
export const ICD10_CHAPTERS = [
  'A00-B99',
  'C00-D48',
  'D50-D89',
  'E00-E90',
  'F00-F99',
  'G00-G99',
  'H00-H59',
  'H60-H95',
  'I00-I99',
  'J00-J99',
  'K00-K93',
  'L00-L99',
  'M00-M99',
  'N00-N99',
  'O00-O99',
  'P00-P96',
  'Q00-Q99',
  'R00-R99',
  'S00-T98',
  'U00-U99',
  'V01-Y98',
  'Z00-Z99',
] as const;

/** The column keys each table can have. */
export const STATISTICS_COLUMNS = {
  closedByReason: CASE_CLOSING_REASONS,
  lengthOfClosed: LENGTH_BANDS,
  degree: DEGREES,
  planByDay30: PLAN_TIMELINESS,
  measuresByKind: MEASURE_KINDS,
  measuresFollowedUp: FOLLOW_UP_STATES,
  firstAvstamning: FIRST_MEETING_STATES,
  returnToWork: RETURN_BANDS,
  diagnosisChapter: [...ICD10_CHAPTERS, 'OKAND'],
} as const;

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');

export const statisticsQuerySchema = z.strictObject({
  period: statisticsPeriodSchema.default('quarter'),
  /** The first month; moved back to the start of its quarter or year. */
  from: yearMonth,
  /** The last month (inclusive); default the current month. */
  to: yearMonth.optional(),
  group: statisticsGroupSchema.default('none'),
});
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>;

/** At most this many periods in one answer (five years of months). */
export const MAX_STATISTICS_PERIODS = 60;

export const statisticsCellSchema = z.object({
  /** Null when suppressed. */
  value: z.number().nullable(),
  /** True: fewer than 5, or hidden so that no other cell can be worked out. */
  suppressed: z.boolean(),
});
export type StatisticsCell = z.infer<typeof statisticsCellSchema>;

export const statisticsRowSchema = z.object({
  /** The period's key: 2026-03, 2026-Q1 or 2026; 'TOTAL' for the row of all periods. */
  period: z.string(),
  cells: z.array(statisticsCellSchema),
  total: statisticsCellSchema,
  /**
   * Median days (length of the closed cases; days late of the late plans; days from the
   * start to the first avstämningsmöte), shown only when its own count is shown.
   */
  median: statisticsCellSchema.nullable(),
});
export type StatisticsRow = z.infer<typeof statisticsRowSchema>;

export const statisticsTableSchema = z.object({
  id: statisticsTableIdSchema,
  /** What a cell counts. */
  unit: z.enum(['cases', 'measures', 'meetings']),
  columns: z.array(z.string()),
  rows: z.array(statisticsRowSchema),
  /** The sum over all periods; null for a table of states at each period's end (open). */
  totalRow: statisticsRowSchema.nullable(),
});
export type StatisticsTable = z.infer<typeof statisticsTableSchema>;

export const statisticsResponseSchema = z.object({
  organisationId: z.uuid(),
  kind: organisationKindSchema,
  period: statisticsPeriodSchema,
  group: statisticsGroupSchema,
  /** The first day of the first period and the last day of the last (YYYY-MM-DD). */
  from: z.iso.date(),
  to: z.iso.date(),
  periods: z.array(z.string()),
  minimumCellSize: z.literal(MINIMUM_CELL_SIZE),
  tables: z.array(statisticsTableSchema),
});
export type StatisticsResponse = z.infer<typeof statisticsResponseSchema>;
