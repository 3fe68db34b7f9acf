import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { ICD10_CHAPTERS, type StatisticsGroup, type StatisticsPeriod } from '@atergang/contracts';
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
  readonly median: number | null;
}

export interface StatisticsWindow {
  readonly organisationId: string;
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

const STEP: Readonly<Record<StatisticsPeriod, string>> = {
  month: '1 month',
  quarter: '3 months',
  year: '1 year',
};

export const MEDIAN_COLUMN = '__median';
/** The cases behind a whole row of a table that counts measures or meetings. */
export const ROW_CASES_COLUMN = '__cases';
/** The figure 'active': cases the organisation had running at some time in the period. */
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
 * The follow-up statistics as one SQL statement that returns only aggregates: the cases the
 * organisation took part in (a participant acting for it, or the case's employer) are
 * reduced to per-case facts once (MATERIALIZED), then every figure is a GROUP BY over them.
 * No row that describes a person leaves the database. The diagnosis subquery sits in a CASE
 * on `medical`, so for anyone but a care unit the diagnosis codes are not even read.
 * Indexes: participants (organisation_id, workspace_id) and the workspace_id indexes of the
 * case tables (migration 20261207090000_statistics).
 */
export function statisticsStatement(window: StatisticsWindow): Prisma.Sql {
  const { organisationId, period, group, from, toExclusive, today, medical } = window;
  const step = STEP[period];
  return Prisma.sql`
      WITH periods AS (
        SELECT gs::date AS start,
               -- A period's state is read on its last day, or today for the running one.
               LEAST((gs + ${step}::interval)::date - 1, ${today}::date) AS last_day
        FROM generate_series(${from}::date, ${toExclusive}::date - 1, ${step}::interval) gs
      ),
      org_cases AS MATERIALIZED (
        SELECT w.id, w.sick_period_start AS start, w.closed_on,
               w.closing_reason::text AS reason, w.employment_status::text AS employment,
               w.expected_length_days AS expected, w.earlier_sick_days AS earlier,
               w.plan_not_needed_reason IS NOT NULL AS plan_not_needed, u.personnummer AS pn
        FROM workspaces w
        JOIN users u ON u.id = w.patient_user_id
        WHERE w.id IN (
          SELECT p.workspace_id FROM participants p WHERE p.organisation_id = ${organisationId}::uuid
          UNION
          SELECT e.id FROM workspaces e WHERE e.employer_organisation_id = ${organisationId}::uuid
        )
      ),
      -- Per case, set-based (hash joins over the organisation's cases, no lookup per case):
      -- the day the plan was first established, the first avstämningsmöte held, and the
      -- diagnosis chapter of the first certificate (read only for a care unit).
      signed AS (
        SELECT ps.workspace_id, (min(ps.signed_at) AT TIME ZONE 'Europe/Stockholm')::date AS established_on
          FROM plan_signoffs ps JOIN org_cases oc ON oc.id = ps.workspace_id
         WHERE ps.decision = 'ESTABLISHED'
         GROUP BY 1
      ),
      held_all AS MATERIALIZED (
        SELECT m.workspace_id, (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date AS day
          FROM meetings m
          JOIN org_cases oc ON oc.id = m.workspace_id
          JOIN meeting_slots s ON s.id = m.scheduled_slot_id
         WHERE m.kind = 'AVSTAMNINGSMOTE' AND m.status = 'SCHEDULED'
           AND (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date <= ${today}::date
      ),
      first_held AS (
        SELECT workspace_id, min(day) AS first_meeting_on FROM held_all GROUP BY 1
      ),
      chapters AS (
        SELECT DISTINCT ON (ce.workspace_id) ce.workspace_id,
               ${chapterOf(Prisma.sql`ce.diagnosis_code`)} AS chapter
          FROM certificates ce JOIN org_cases oc ON oc.id = ce.workspace_id
         WHERE ${medical}::boolean
         ORDER BY ce.workspace_id, ce.period_from, ce.created_at
      ),
      facts AS (
        SELECT c.id, c.start, c.closed_on, c.reason, c.employment, c.expected, c.earlier,
               c.plan_not_needed,
               CASE WHEN c.closed_on IS NULL THEN NULL ELSE c.closed_on - c.start + 1 END AS length,
               -- Digit 11 of the personnummer: odd for men.
               CASE WHEN c.pn IS NULL THEN 'OKAND'
                    WHEN substr(c.pn, 11, 1)::int % 2 = 1 THEN 'MAN' ELSE 'KVINNA' END AS sex,
               CASE WHEN a.age IS NULL THEN 'OKAND'
                    WHEN a.age < 30 THEN '16-29' WHEN a.age < 40 THEN '30-39'
                    WHEN a.age < 50 THEN '40-49' WHEN a.age < 60 THEN '50-59'
                    ELSE '60+' END AS age_band,
               sg.established_on, fh.first_meeting_on, ch.chapter
        FROM org_cases c
        LEFT JOIN signed sg ON sg.workspace_id = c.id
        LEFT JOIN first_held fh ON fh.workspace_id = c.id
        LEFT JOIN chapters ch ON ch.workspace_id = c.id
        -- Age on day 1, from the birth date in the first 8 digits (samordningsnummer: day + 60).
        LEFT JOIN LATERAL (
          SELECT extract(year FROM c.start)::int - substr(c.pn, 1, 4)::int
                 - CASE WHEN to_char(c.start, 'MMDD')
                             < substr(c.pn, 5, 2) || lpad((substr(c.pn, 7, 2)::int % 60)::text, 2, '0')
                        THEN 1 ELSE 0 END AS age
          WHERE c.pn IS NOT NULL
        ) a ON true
      ),
      grouped AS MATERIALIZED (
        SELECT f.*,
               CASE ${group}::text WHEN 'sex' THEN f.sex WHEN 'ageBand' THEN f.age_band ELSE 'ALL' END AS grp,
               date_trunc(${period}::text, f.start::timestamp)::date AS started_bucket,
               date_trunc(${period}::text, f.closed_on::timestamp)::date AS closed_bucket
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
          CROSS JOIN (SELECT DISTINCT grp FROM grouped) g
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
      active AS (
        SELECT bucket, sum(active) AS n FROM open_counts
         WHERE bucket >= ${from}::date GROUP BY 1
      ),
      -- The degree on each period's last day, from running sums like the open cases: a
      -- certificate is in force from its first day (at the earliest the case's) to its last,
      -- or to the day before the next one begins, or to the day before the case closed; +1
      -- in the period that holds its first day, -1 in the first period whose last day is past
      -- its last (a period's last day: its end, or today for the running one).
      cert_spans AS (
        SELECT g.id, ce.degree, GREATEST(ce.period_from, g.start) AS s,
               LEAST(ce.period_to,
                     lead(ce.period_from) OVER (PARTITION BY ce.workspace_id
                                                ORDER BY ce.period_from, ce.created_at) - 1,
                     g.closed_on - 1) AS e
          FROM grouped g JOIN certificates ce ON ce.workspace_id = g.id
      ),
      cert_flows AS (
        SELECT degree, CASE WHEN s < ${from}::date THEN ${from}::date - 1
                            ELSE date_trunc(${period}::text, s::timestamp)::date END AS b, 1 AS d
          FROM cert_spans WHERE s <= e AND s <= ${today}::date AND s < ${toExclusive}::date
        UNION ALL
        SELECT degree, CASE WHEN x.b < ${from}::date THEN ${from}::date - 1 ELSE x.b END, -1
          FROM cert_spans
          CROSS JOIN LATERAL (
            SELECT CASE WHEN e < LEAST((date_trunc(${period}::text, e::timestamp) + ${step}::interval)::date - 1,
                                       ${today}::date)
                        THEN date_trunc(${period}::text, e::timestamp)::date
                        ELSE (date_trunc(${period}::text, e::timestamp) + ${step}::interval)::date END AS b
          ) x
         WHERE s <= e AND s <= ${today}::date AND x.b < ${toExclusive}::date
      ),
      degree_grid AS (
        SELECT b.start AS b, dg.degree
          FROM (SELECT ${from}::date - 1 AS start UNION ALL
                SELECT start FROM periods WHERE start <= ${today}::date) b
          CROSS JOIN (SELECT DISTINCT degree FROM cert_spans) dg
      ),
      degrees AS (
        SELECT degree_grid.b AS bucket, degree_grid.degree,
               sum(COALESCE(f.net, 0)) OVER (PARTITION BY degree_grid.degree ORDER BY degree_grid.b) AS n
          FROM degree_grid
          LEFT JOIN (SELECT b, degree, sum(d) AS net FROM cert_flows GROUP BY 1, 2) f
            ON f.b = degree_grid.b AND f.degree = degree_grid.degree
      ),
      -- The employer's plan is due by day 30 of the rehabilitation chain (earlier sick days
      -- count) when work capacity is expected to be reduced for 60 days or more (SFB 30 kap.
      -- 6 §): cases of employed people past their day 30 still on sick leave then, unless
      -- the employer documented that no plan is needed.
      plan_due AS (
        SELECT started_bucket, start + 29 - earlier AS due_on,
               CASE WHEN established_on IS NULL THEN NULL
                    ELSE established_on - (start + 29 - earlier) END AS late_days
          FROM started
         WHERE employment = 'EMPLOYED' AND (expected IS NULL OR expected >= 60)
           AND NOT plan_not_needed
           AND start + 29 - earlier < ${today}::date
           AND (closed_on IS NULL OR closed_on > start + 29 - earlier)
      ),
      measures AS (
        SELECT pm.workspace_id, date_trunc(${period}::text, COALESCE(pm.start_date, (pm.created_at AT TIME ZONE 'Europe/Stockholm')::date)::timestamp)::date AS bucket,
               pm.kind::text AS kind,
               (pm.status = 'DONE' OR pm.follow_up_date <= ${today}::date) AS followed_up
          FROM plan_measures pm JOIN org_cases oc ON oc.id = pm.workspace_id
          -- Treatment details are medical information: only a care unit counts them.
         WHERE (${medical}::boolean OR pm.category = 'PLAN')
      ),
      measures_in AS (
        SELECT * FROM measures WHERE bucket >= ${from}::date AND bucket < ${toExclusive}::date
      ),
      -- Measures by kind, by follow-up and in all, with the cases behind each: counted per
      -- case first, so the distinct cases are hash aggregates (no sort of every measure).
      measures_per_case AS MATERIALIZED (
        SELECT bucket, workspace_id, kind,
               CASE WHEN followed_up THEN 'FOLLOWED_UP' ELSE 'NOT_FOLLOWED_UP' END AS state,
               count(*) AS n
          FROM measures_in GROUP BY 1, 2, 3, 4
      ),
      measure_groups AS (
        SELECT 'measuresByKind' AS figure, bucket, kind AS key, sum(n) AS n, count(*) AS cases
          FROM (SELECT bucket, workspace_id, kind, sum(n) AS n FROM measures_per_case GROUP BY 1, 2, 3) k
         GROUP BY 2, 3
        UNION ALL
        SELECT 'measuresFollowedUp', bucket, state, sum(n), count(*)
          FROM (SELECT bucket, workspace_id, state, sum(n) AS n FROM measures_per_case GROUP BY 1, 2, 3) f
         GROUP BY 2, 3
        UNION ALL
        SELECT f.figure, a.bucket, ${ROW_CASES_COLUMN}::text, a.n, a.cases
          FROM (SELECT bucket, sum(n) AS n, count(*) AS cases
                  FROM (SELECT bucket, workspace_id, sum(n) AS n FROM measures_per_case GROUP BY 1, 2) c
                 GROUP BY 1) a
          CROSS JOIN (VALUES ('measuresByKind'), ('measuresFollowedUp')) f(figure)
      ),
      held AS (
        SELECT workspace_id, date_trunc(${period}::text, day::timestamp)::date AS bucket
          FROM held_all WHERE day >= ${from}::date AND day < ${toExclusive}::date
      )
      SELECT figure, bucket::text AS bucket, "column", n::int AS n,
             COALESCE(cases, n)::int AS cases, median::float8 AS median FROM (
        SELECT ${ACTIVE_FIGURE}::text AS figure, bucket, 'ALL' AS "column", n::bigint,
               NULL::bigint AS cases, NULL::float8 AS median
          FROM active
        UNION ALL
        -- The tables of the cases started in a period, in one pass.
        SELECT CASE WHEN GROUPING(grp) = 0 THEN 'started'
                    WHEN GROUPING(first_state) = 0 THEN 'firstAvstamning'
                    WHEN GROUPING(return_band) = 0 THEN 'returnToWork'
                    ELSE 'diagnosisChapter' END,
               started_bucket, COALESCE(grp, first_state, return_band, chapter_key), count(*), NULL, NULL
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
        SELECT 'open', bucket, grp, n, NULL, NULL FROM open_counts
         WHERE bucket >= ${from}::date AND n > 0
        UNION ALL
        SELECT CASE WHEN GROUPING(reason_key) = 0 THEN 'closedByReason' ELSE 'lengthOfClosed' END,
               closed_bucket, COALESCE(reason_key, length_band), count(*), NULL, NULL
          FROM (
            SELECT closed_bucket, COALESCE(reason, 'OTHER') AS reason_key,
                   CASE WHEN length <= 30 THEN '1-30' WHEN length <= 90 THEN '31-90'
                        WHEN length <= 180 THEN '91-180' WHEN length <= 365 THEN '181-365'
                        ELSE '366+' END AS length_band
              FROM closed
          ) c
         GROUP BY GROUPING SETS ((closed_bucket, reason_key), (closed_bucket, length_band))
        UNION ALL
        SELECT 'lengthOfClosed', closed_bucket, ${MEDIAN_COLUMN}::text, count(*), NULL,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY length)
          FROM closed GROUP BY 2
        UNION ALL
        -- The degree of the certificate in force on the period's last day.
        SELECT 'degree', bucket, degree::text, n, NULL, NULL FROM degrees
         WHERE bucket >= ${from}::date AND n > 0
        UNION ALL
        SELECT 'planByDay30', started_bucket,
               CASE WHEN late_days IS NULL THEN 'NONE'
                    WHEN late_days <= 0 THEN 'ON_TIME' ELSE 'LATE' END,
               count(*), NULL, NULL
          FROM plan_due GROUP BY 2, 3
        UNION ALL
        SELECT 'planByDay30', started_bucket, ${MEDIAN_COLUMN}::text, count(*), NULL,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY late_days)
          FROM plan_due WHERE late_days > 0 GROUP BY 2
        UNION ALL
        SELECT figure, bucket, key, n, cases, NULL FROM measure_groups
        UNION ALL
        SELECT 'avstamningHeld', bucket, 'ALL', count(*), count(DISTINCT workspace_id), NULL
          FROM held GROUP BY 2
        UNION ALL
        SELECT 'firstAvstamning', started_bucket, ${MEDIAN_COLUMN}::text, count(*), NULL,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY first_meeting_on - start)
          FROM started WHERE first_meeting_on IS NOT NULL GROUP BY 2

      ) figures`;
}

interface AggregateRow {
  figure: string;
  bucket: string;
  column: string;
  n: number;
  cases: number;
  median: number | null;
}

@Injectable()
export class StatisticsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The aggregates of one window, in one statement (statisticsStatement). */
  async aggregates(window: StatisticsWindow): Promise<StatisticsAggregate[]> {
    // One statement whose row estimates are far off (per-case facts from CTEs): PostgreSQL
    // would JIT-compile it for seconds, so not for this transaction.
    const rows = await this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET LOCAL jit = off`;
        return tx.$queryRaw<AggregateRow[]>(statisticsStatement(window));
      },
      // A large organisation's five years of months may take longer than the default 5 s.
      { timeout: 30_000 },
    );
    return rows.map((row) => ({
      figure: row.figure,
      bucket: row.bucket,
      column: row.column,
      n: row.n,
      cases: row.cases,
      median: row.median,
    }));
  }
}
