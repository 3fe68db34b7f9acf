import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import pLimit from 'p-limit';
import {
  AGE_BANDS,
  ALL_COLUMN,
  DEGREES,
  ICD10_CHAPTERS,
  SEX_GROUPS,
  type StatisticsGroup,
  type StatisticsPeriod,
} from '@atergang/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { PrismaService } from '../prisma/prisma.service';

/** One aggregate: a count (or a median, column '__median') of one figure in one period. */
export interface StatisticsAggregate {
  readonly figure: string;
  /** The first day of the period (YYYY-MM-DD). */
  readonly bucket: string;
  readonly column: string;
  readonly n: number;
  /** The cases behind the count (fewer than n for measures and meetings). */
  readonly cases: number;
  /**
   * For a month's row of measures or meetings: the cases it adds to its quarter's and its
   * year's (each case counts in the month of the first measure or meeting that stands for it
   * there), so that a quarter's cases are the sum over its months.
   */
  readonly casesQuarter: number;
  readonly casesYear: number;
  readonly median: number | null;
}

export interface StatisticsWindow {
  readonly organisationId: string;
  /** The period length of the medians; every count is per month (statistics-levels.ts). */
  readonly period: StatisticsPeriod;
  readonly group: StatisticsGroup;
  /** First day of the first period, and the day after the last period (YYYY-MM-DD). */
  readonly from: string;
  readonly toExclusive: string;
  /** Today in Stockholm (YYYY-MM-DD): what has happened "by now". */
  readonly today: string;
  /** Read the certificates' diagnosis codes and MEDICAL measures (care units only). */
  readonly medical: boolean;
}

/** The groups a case can fall in: each gets a running count, also where it has no case. */
const groupValues = (group: StatisticsGroup): string[] =>
  group === 'sex' ? [...SEX_GROUPS] : group === 'ageBand' ? [...AGE_BANDS] : [ALL_COLUMN];

const PERIOD_FLAG: Readonly<Record<StatisticsPeriod, number>> = { month: 1, quarter: 2, year: 3 };

export const MEDIAN_COLUMN = '__median';
/** The cases behind a whole row of a table that counts measures or meetings. */
export const ROW_CASES_COLUMN = '__cases';
/**
 * The figure 'active': cases the organisation had running at some time in the period, one
 * row per period length (column 'month', 'quarter' or 'year').
 */
export const ACTIVE_FIGURE = 'active';

/** The ICD-10 chapter of a diagnosis code, by the first three characters. */
const chapterOf = (code: Prisma.Sql): Prisma.Sql =>
  Prisma.sql`CASE ${Prisma.join(
    ICD10_CHAPTERS.map((chapter) => {
      const [low, high] = chapter.split('-');
      return Prisma.sql`WHEN upper(left(${code}, 3)) BETWEEN ${low ?? ''}::text AND ${high ?? ''}::text THEN ${chapter}::text`;
    }),
    ' ',
  )} ELSE 'OKAND' END`;

/**
 * The cases behind a cell of measures at one period length: each case through the measure
 * that stands for it there (the flags statistics_refresh_cases keeps).
 */
const measureCases = (length: StatisticsPeriod): Prisma.Sql => {
  const column = (name: string) => Prisma.raw(`${name}_${length}`);
  return Prisma.sql`CASE WHEN GROUPING(kind) = 0 THEN count(*) FILTER (WHERE ${column('first_of_kind')})
                    WHEN GROUPING(followed_up) = 0 THEN
                      CASE WHEN followed_up THEN count(*) FILTER (WHERE ${column('stands_followed')})
                           ELSE count(*) FILTER (WHERE ${column('stands_not_followed')}) END
                    ELSE count(*) FILTER (WHERE ${column('first_of_case')}) END`;
};

/**
 * The follow-up statistics as SQL that returns only aggregates: two statements run side by side
 * in one snapshot (StatisticsRepository.aggregates), one over the cases' facts and one over the
 * certificates, measures and meetings, which share no rows, so each of two cores scans about
 * half (the degree's running sums read only the certificates, so they go with the second). It reads the
 * per-case facts the database keeps for each organisation taking part in a case (tables
 * statistics_*, rewritten by triggers in the same transaction as every change they follow:
 * migration 20261210120000_statistics_facts), so a read is range scans of one organisation's
 * rows and GROUP BYs over them, with no join of the case tables. No row that describes a
 * person leaves the database. The diagnosis chapter is derived only when `medical` (a care
 * unit); for anyone else the medical measures are left out in the WHERE.
 *
 * Every count is per month, so that the months, quarters and year of a calendar year can be
 * suppressed as one pattern (period-lattice.ts); the quarters and years are sums of months
 * (statistics-levels.ts). What does not add up over months comes per period length: the
 * cases running (active), the cases behind measures and meetings (casesQuarter, casesYear),
 * and the medians, at the period length asked for.
 */
export function statisticsStatements(window: StatisticsWindow): readonly [Prisma.Sql, Prisma.Sql] {
  return [caseFiguresStatement(window), activityFiguresStatement(window)];
}

/** The months of the window, each with the day its state is read on (CTE "periods"). */
const monthsOf = ({
  from,
  toExclusive,
  today,
}: StatisticsWindow): Prisma.Sql => Prisma.sql`periods AS (
        SELECT gs::date AS start,
               -- A period's state is read on its last day, or today for the running one.
               LEAST((gs + '1 month'::interval)::date - 1, ${today}::date) AS last_day
        FROM generate_series(${from}::date, ${toExclusive}::date - 1, '1 month'::interval) gs
      )`;

/** The aggregate rows as both statements return them (AggregateRow). */
const figures = (union: Prisma.Sql): Prisma.Sql => Prisma.sql`
      SELECT figure, bucket::text AS bucket, "column", n::int AS n,
             COALESCE(cases, n)::int AS cases, COALESCE(cases_quarter, n)::int AS "casesQuarter",
             COALESCE(cases_year, n)::int AS "casesYear", median::float8 AS median FROM (${union}) figures`;

/** The figures of the cases themselves: started, open, active, closed, plan, first meeting. */
function caseFiguresStatement(window: StatisticsWindow): Prisma.Sql {
  const { organisationId, period, group, from, toExclusive, today, medical } = window;
  return Prisma.sql`
      WITH ${monthsOf(window)},
      -- The organisation's cases as the database keeps their facts (statistics_refresh_cases,
      -- migration 20261210120000_statistics_facts): a range scan of its own rows.
      facts AS (
        SELECT f.workspace_id AS id, f.start, f.closed_on, f.reason, f.employment, f.expected,
               f.earlier, f.plan_not_needed, f.sex, f.age_band, f.established_on,
               CASE WHEN f.first_meeting_on <= ${today}::date THEN f.first_meeting_on END AS first_meeting_on,
               CASE WHEN ${medical}::boolean THEN ${chapterOf(Prisma.sql`f.diagnosis_code`)} END AS chapter,
               CASE WHEN f.closed_on IS NULL THEN NULL ELSE f.closed_on - f.start + 1 END AS length
          FROM statistics_case_facts f
         WHERE f.organisation_id = ${organisationId}::uuid
      ),
      grouped AS MATERIALIZED (
        SELECT f.*,
               CASE ${group}::text WHEN 'sex' THEN f.sex WHEN 'ageBand' THEN f.age_band ELSE 'ALL' END AS grp,
               date_trunc('month', f.start::timestamp)::date AS started_bucket,
               date_trunc('month', f.closed_on::timestamp)::date AS closed_bucket
        FROM facts f
      ),
      started AS (
        SELECT * FROM grouped WHERE start >= ${from}::date AND start < ${toExclusive}::date
      ),
      closed AS (
        SELECT * FROM grouped
         WHERE closed_on >= ${from}::date AND closed_on < ${toExclusive}::date
      ),
      -- Open at a period's end and active during it, from running sums instead of a join of
      -- periods with cases: +1 in the period a case started, -1 in the one it closed (both
      -- up to today; before the first period: one bucket of its own, the day before).
      flows AS (
        SELECT grp, CASE WHEN start < ${from}::date THEN ${from}::date - 1 ELSE started_bucket END AS b,
               1 AS d
          FROM grouped WHERE start <= ${today}::date AND start < ${toExclusive}::date
        UNION ALL
        SELECT grp, CASE WHEN closed_on < ${from}::date THEN ${from}::date - 1 ELSE closed_bucket END,
               -1
          FROM grouped
         WHERE closed_on <= ${today}::date AND closed_on < ${toExclusive}::date
      ),
      grid AS (
        SELECT b.start AS b, g.grp
          FROM (SELECT ${from}::date - 1 AS start UNION ALL
                SELECT start FROM periods WHERE start <= ${today}::date) b
          CROSS JOIN (SELECT unnest(${groupValues(group)}::text[]) AS grp) g
      ),
      running AS (
        SELECT grid.b, grid.grp,
               sum(COALESCE(f.net, 0)) OVER w AS open_at_end,
               COALESCE(f.starts, 0) AS starts
          FROM grid
          LEFT JOIN (SELECT b, grp, sum(d) AS net, count(*) FILTER (WHERE d = 1) AS starts
                       FROM flows GROUP BY 1, 2) f ON f.b = grid.b AND f.grp = grid.grp
        WINDOW w AS (PARTITION BY grid.grp ORDER BY grid.b)
      ),
      open_counts AS (
        SELECT b AS bucket, grp, open_at_end AS n,
               lag(open_at_end) OVER (PARTITION BY grp ORDER BY b) + starts AS active
          FROM running
      ),
      -- Running at some time in a month, quarter or year: open at the end of the month before
      -- it (the bucket before the first month: the day before it) plus those started in it.
      month_totals AS (
        SELECT b, sum(open_at_end) AS open_at_end, sum(starts) AS starts FROM running GROUP BY 1
      ),
      active AS (
        SELECT l.length, l.bucket, l.starts + COALESCE(before.open_at_end, 0) AS n
          FROM (SELECT length, date_trunc(length, t.b::timestamp)::date AS bucket, sum(t.starts) AS starts
                  FROM month_totals t
                 CROSS JOIN unnest(ARRAY['month', 'quarter', 'year']) AS length
                 WHERE t.b >= ${from}::date GROUP BY 1, 2) l
          LEFT JOIN month_totals before
            ON before.b = CASE WHEN l.bucket = ${from}::date THEN ${from}::date - 1
                               ELSE date_trunc('month', (l.bucket - 1)::timestamp)::date END
      ),
      -- The employer's plan is due by day 30 of the rehabilitation chain (earlier sick days
      -- count) when work capacity is expected to be reduced for 60 days or more (SFB 30 kap.
      -- 6 §): cases of employed people past their day 30 still on sick leave then, unless
      -- the employer documented that no plan is needed.
      plan_due AS (
        SELECT started_bucket, date_trunc(${period}::text, start::timestamp)::date AS median_bucket,
               start + 29 - earlier AS due_on,
               CASE WHEN established_on IS NULL THEN NULL
                    ELSE established_on - (start + 29 - earlier) END AS late_days
          FROM started
         WHERE employment = 'EMPLOYED' AND (expected IS NULL OR expected >= 60)
           AND NOT plan_not_needed
           AND start + 29 - earlier < ${today}::date
           AND (closed_on IS NULL OR closed_on > start + 29 - earlier)
      )
      ${figures(Prisma.sql`
        SELECT ${ACTIVE_FIGURE}::text AS figure, bucket, length AS "column", n::bigint,
               NULL::bigint AS cases, NULL::bigint AS cases_quarter, NULL::bigint AS cases_year,
               NULL::float8 AS median
          FROM active
        UNION ALL
        -- The tables of the cases started in a period, in one pass.
        SELECT CASE WHEN GROUPING(grp) = 0 THEN 'started'
                    WHEN GROUPING(first_state) = 0 THEN 'firstAvstamning'
                    WHEN GROUPING(return_band) = 0 THEN 'returnToWork'
                    ELSE 'diagnosisChapter' END,
               started_bucket, COALESCE(grp, first_state, return_band, chapter_key), count(*), NULL, NULL, NULL, NULL
          FROM (
            SELECT started_bucket, grp,
                   CASE WHEN first_meeting_on IS NULL THEN 'NOT_HELD' ELSE 'HELD' END AS first_state,
                   -- Back at work full time within 90/180/365 days of day 1; NOT_WITHIN_365
                   -- also holds the cases not (yet) back.
                   CASE WHEN reason IS DISTINCT FROM 'BACK_AT_WORK_FULL' OR length > 365 THEN 'NOT_WITHIN_365'
                        WHEN length <= 90 THEN 'WITHIN_90' WHEN length <= 180 THEN 'WITHIN_180'
                        ELSE 'WITHIN_365' END AS return_band,
                   CASE WHEN ${medical}::boolean THEN COALESCE(chapter, 'OKAND') END AS chapter_key
              FROM started
          ) s
         GROUP BY GROUPING SETS ((started_bucket, grp), (started_bucket, first_state),
                                 (started_bucket, return_band), (started_bucket, chapter_key))
        HAVING GROUPING(chapter_key) = 1 OR ${medical}::boolean
        UNION ALL
        SELECT 'open', bucket, grp, n, NULL, NULL, NULL, NULL FROM open_counts
         WHERE bucket >= ${from}::date AND n > 0
        UNION ALL
        SELECT CASE WHEN GROUPING(reason_key) = 0 THEN 'closedByReason' ELSE 'lengthOfClosed' END,
               closed_bucket, COALESCE(reason_key, length_band), count(*), NULL, NULL, NULL, NULL
          FROM (
            SELECT closed_bucket, COALESCE(reason, 'OTHER') AS reason_key,
                   CASE WHEN length <= 30 THEN '1-30' WHEN length <= 90 THEN '31-90'
                        WHEN length <= 180 THEN '91-180' WHEN length <= 365 THEN '181-365'
                        ELSE '366+' END AS length_band
              FROM closed
          ) c
         GROUP BY GROUPING SETS ((closed_bucket, reason_key), (closed_bucket, length_band))
        UNION ALL
        SELECT 'lengthOfClosed', date_trunc(${period}::text, closed_on::timestamp)::date,
               ${MEDIAN_COLUMN}::text, count(*), NULL, NULL, NULL,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY length)
          FROM closed GROUP BY 2
        UNION ALL
        SELECT 'planByDay30', started_bucket,
               CASE WHEN late_days IS NULL THEN 'NONE'
                    WHEN late_days <= 0 THEN 'ON_TIME' ELSE 'LATE' END,
               count(*), NULL, NULL, NULL, NULL
          FROM plan_due GROUP BY 2, 3
        UNION ALL
        SELECT 'planByDay30', median_bucket, ${MEDIAN_COLUMN}::text, count(*), NULL, NULL, NULL,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY late_days)
          FROM plan_due WHERE late_days > 0 GROUP BY 2
        UNION ALL
        SELECT 'firstAvstamning', date_trunc(${period}::text, start::timestamp)::date,
               ${MEDIAN_COLUMN}::text, count(*), NULL, NULL, NULL,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY first_meeting_on - start)
          FROM started WHERE first_meeting_on IS NOT NULL GROUP BY 2`)}`;
}

/** The figures of what happened in the cases: degree, measures by kind and follow-up, meetings held. */
function activityFiguresStatement(window: StatisticsWindow): Prisma.Sql {
  const { organisationId, from, toExclusive, today, medical } = window;
  const step = '1 month';
  // The measures' flags for each period length and this audience (statistics_measures).
  const flag = (length: StatisticsPeriod) => PERIOD_FLAG[length] + (medical ? 0 : 3);
  return Prisma.sql`
      WITH ${monthsOf(window)},
      -- The degree on each period's last day, from running sums like the open cases: a
      -- certificate is in force from its first day (at the earliest the case's) to its last,
      -- or to the day before the next one begins, or to the day before the case closed; +1
      -- in the period that holds its first day, -1 in the first period whose last day is past
      -- its last (a period's last day: its end, or today for the running one).
      cert_spans AS (
        SELECT c.workspace_id AS id, c.degree, c.in_force_from AS s, c.in_force_to AS e
          FROM statistics_certificate_spans c
         WHERE c.organisation_id = ${organisationId}::uuid
      ),
      cert_flows AS (
        SELECT degree, CASE WHEN s < ${from}::date THEN ${from}::date - 1
                            ELSE date_trunc('month', s::timestamp)::date END AS b, 1 AS d
          FROM cert_spans WHERE s <= e AND s <= ${today}::date AND s < ${toExclusive}::date
        UNION ALL
        SELECT degree, CASE WHEN x.b < ${from}::date THEN ${from}::date - 1 ELSE x.b END, -1
          FROM cert_spans
          CROSS JOIN LATERAL (
            SELECT CASE WHEN e < LEAST((date_trunc('month', e::timestamp) + ${step}::interval)::date - 1,
                                       ${today}::date)
                        THEN date_trunc('month', e::timestamp)::date
                        ELSE (date_trunc('month', e::timestamp) + ${step}::interval)::date END AS b
          ) x
         WHERE s <= e AND s <= ${today}::date AND x.b < ${toExclusive}::date
      ),
      degree_grid AS (
        SELECT b.start AS b, dg.degree
          FROM (SELECT ${from}::date - 1 AS start UNION ALL
                SELECT start FROM periods WHERE start <= ${today}::date) b
          CROSS JOIN (SELECT unnest(${DEGREES.map(Number)}::int[]) AS degree) dg
      ),
      degrees AS (
        SELECT degree_grid.b AS bucket, degree_grid.degree,
               sum(COALESCE(f.net, 0)) OVER (PARTITION BY degree_grid.degree ORDER BY degree_grid.b) AS n
          FROM degree_grid
          LEFT JOIN (SELECT b, degree, sum(d) AS net FROM cert_flows GROUP BY 1, 2) f
            ON f.b = degree_grid.b AND f.degree = degree_grid.degree
      ),
      held_all AS (
        SELECT m.workspace_id, m.day FROM statistics_meetings m
         WHERE m.organisation_id = ${organisationId}::uuid AND m.day <= ${today}::date
      ),
      -- Measures by kind, by follow-up and in all, each with the cases behind it: a case
      -- counts once per cell through the measure that stands for it there (flags kept per
      -- period length and audience by statistics_refresh_cases), so no read groups every
      -- measure by case.
      measures_in AS (
        SELECT date_trunc('month', pm.day::timestamp)::date AS bucket, pm.kind,
               COALESCE(pm.followed_up_since <= ${today}::date, false) AS followed_up,
               ${Prisma.join(
                 (['month', 'quarter', 'year'] as const).map(
                   (length) => Prisma.sql`
               pm.first_of_kind[${flag(length)}::int] AS ${Prisma.raw(`first_of_kind_${length}`)},
               pm.first_of_case[${flag(length)}::int] AS ${Prisma.raw(`first_of_case_${length}`)},
               pm.earliest_followed_up[${flag(length)}::int] AND pm.followed_up_since <= ${today}::date
                 AS ${Prisma.raw(`stands_followed_${length}`)},
               pm.latest_followed_up[${flag(length)}::int]
                 AND (pm.followed_up_since IS NULL OR pm.followed_up_since > ${today}::date)
                 AS ${Prisma.raw(`stands_not_followed_${length}`)}`,
                 ),
                 ',',
               )}
          FROM statistics_measures pm
          -- Treatment details are medical information: only a care unit counts them.
         WHERE pm.organisation_id = ${organisationId}::uuid AND (${medical}::boolean OR NOT pm.medical)
           AND pm.day >= ${from}::date AND pm.day < ${toExclusive}::date
      ),
      measure_counts AS (
        SELECT CASE WHEN GROUPING(kind) = 0 THEN 'measuresByKind'
                    WHEN GROUPING(followed_up) = 0 THEN 'measuresFollowedUp' END AS figure,
               bucket,
               CASE WHEN GROUPING(kind) = 0 THEN kind
                    WHEN GROUPING(followed_up) = 0 THEN
                      CASE WHEN followed_up THEN 'FOLLOWED_UP' ELSE 'NOT_FOLLOWED_UP' END
                    ELSE ${ROW_CASES_COLUMN}::text END AS key,
               count(*) AS n,
               ${measureCases('month')} AS cases,
               ${measureCases('quarter')} AS cases_quarter,
               ${measureCases('year')} AS cases_year
          FROM measures_in
         GROUP BY GROUPING SETS ((bucket, kind), (bucket, followed_up), (bucket))
      ),
      measure_groups AS (
        SELECT f.figure, g.bucket, g.key, g.n, g.cases, g.cases_quarter, g.cases_year
          FROM measure_counts g
          -- The cases behind a row count for both tables.
          JOIN (VALUES ('measuresByKind'), ('measuresFollowedUp')) f(figure)
            ON f.figure = g.figure OR g.figure IS NULL
      ),
      -- Each case's first meeting of a month, quarter and year counts its case there.
      held AS (
        SELECT workspace_id, date_trunc('month', day::timestamp)::date AS bucket,
               row_number() OVER (PARTITION BY workspace_id, date_trunc('month', day::timestamp)) = 1 AS first_month,
               row_number() OVER (PARTITION BY workspace_id, date_trunc('quarter', day::timestamp)) = 1 AS first_quarter,
               row_number() OVER (PARTITION BY workspace_id, date_trunc('year', day::timestamp)) = 1 AS first_year
          FROM held_all WHERE day >= ${from}::date AND day < ${toExclusive}::date
      )
      ${figures(Prisma.sql`
        SELECT figure, bucket, key AS "column", n, cases, cases_quarter, cases_year,
               NULL::float8 AS median
          FROM measure_groups
        UNION ALL
        -- The degree of the certificate in force on the period's last day.
        SELECT 'degree', bucket, degree::text, n, NULL, NULL, NULL, NULL FROM degrees
         WHERE bucket >= ${from}::date AND n > 0
        UNION ALL
        SELECT 'avstamningHeld', bucket, 'ALL', count(*), count(*) FILTER (WHERE first_month),
               count(*) FILTER (WHERE first_quarter), count(*) FILTER (WHERE first_year), NULL
          FROM held GROUP BY 2`)}`;
}

interface AggregateRow {
  figure: string;
  bucket: string;
  column: string;
  n: number;
  cases: number;
  casesQuarter: number;
  casesYear: number;
  median: number | null;
}

/**
 * The settings of the statement's own transaction (the bench's bare baseline uses the same).
 * Its row estimates are far off (per-case facts from CTEs), so PostgreSQL would JIT-compile
 * it for seconds; and its sorts and hashes over one organisation's 10^5 cases (the medians,
 * the grouping sets) fit in memory at 64 MB where the default 4 MB spills them to disk.
 * `set_config(…, true)` is SET LOCAL: the settings end with the transaction.
 */
export const STATEMENT_SETTINGS =
  "SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)";

/** The first statement of the first transaction: its snapshot, for the second to import. */
export const EXPORT_SNAPSHOT = Prisma.raw('SELECT pg_export_snapshot() AS snapshot');

/**
 * SET TRANSACTION SNAPSHOT takes no parameters, so the id is checked against the form
 * PostgreSQL gives it (hexadecimal parts joined by '-') before it is written into the text.
 */
export function setTransactionSnapshot(snapshot: string): string {
  if (!/^[0-9A-F]+(-[0-9A-F]+)+$/i.test(snapshot)) throw new Error('unexpected snapshot id');
  return `SET TRANSACTION SNAPSHOT '${snapshot}'`;
}

/**
 * A split read holds two pooled connections and takes the second while holding the first, so
 * split reads at once are bounded: however many arrive, they hold at most four of the pool's
 * connections and never wait on each other for the second.
 */
const SPLIT_READS_AT_ONCE = 2;
/** Below this pool size the split would leave too few connections for everything else. */
export const SPLIT_READ_MIN_POOL = 6;

const TRANSACTION_OPTIONS = {
  isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
  // A large organisation's five years of months may take longer than the default 5 s.
  timeout: 30_000,
};

@Injectable()
export class StatisticsRepository {
  private readonly splitReads = pLimit(SPLIT_READS_AT_ONCE);
  private readonly split: boolean;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.split = config.databasePoolSize >= SPLIT_READ_MIN_POOL;
  }

  /**
   * The aggregates of one window: the two statements of statisticsStatements at the same time
   * on two connections, each in a REPEATABLE READ transaction, the second importing the first
   * one's snapshot (pg_export_snapshot), so both count the same committed state as one
   * statement would. With a small pool, both run one after the other in one transaction.
   */
  async aggregates(window: StatisticsWindow): Promise<StatisticsAggregate[]> {
    const [caseFigures, activityFigures] = statisticsStatements(window);
    const rows = this.split
      ? await this.splitReads(() => this.bothAtOnce(caseFigures, activityFigures))
      : await this.prisma.$transaction(async (tx) => {
          await tx.$queryRaw(Prisma.raw(STATEMENT_SETTINGS));
          const cases = await tx.$queryRaw<AggregateRow[]>(caseFigures);
          const activity = await tx.$queryRaw<AggregateRow[]>(activityFigures);
          return [...cases, ...activity];
        }, TRANSACTION_OPTIONS);
    return rows.map((row) => ({
      figure: row.figure,
      bucket: row.bucket,
      column: row.column,
      n: row.n,
      cases: row.cases,
      casesQuarter: row.casesQuarter,
      casesYear: row.casesYear,
      median: row.median,
    }));
  }
  private bothAtOnce(
    caseFigures: Prisma.Sql,
    activityFigures: Prisma.Sql,
  ): Promise<AggregateRow[]> {
    return this.prisma.$transaction(async (first) => {
      const [exported] = await first.$queryRaw<{ snapshot: string }[]>(EXPORT_SNAPSHOT);
      const snapshot = setTransactionSnapshot(exported?.snapshot ?? '');
      const [cases, activity] = await Promise.all([
        first
          .$queryRaw(Prisma.raw(STATEMENT_SETTINGS))
          .then(() => first.$queryRaw<AggregateRow[]>(caseFigures)),
        this.prisma.$transaction(async (second) => {
          await second.$executeRawUnsafe(snapshot);
          await second.$queryRaw(Prisma.raw(STATEMENT_SETTINGS));
          return second.$queryRaw<AggregateRow[]>(activityFigures);
        }, TRANSACTION_OPTIONS),
      ]);
      return [...cases, ...activity];
    }, TRANSACTION_OPTIONS);
  }
}
