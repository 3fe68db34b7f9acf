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
      facts AS MATERIALIZED (
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
               (SELECT (min(ps.signed_at) AT TIME ZONE 'Europe/Stockholm')::date
                  FROM plan_signoffs ps
                 WHERE ps.workspace_id = c.id AND ps.decision = 'ESTABLISHED') AS established_on,
               (SELECT (min(s.starts_at) AT TIME ZONE 'Europe/Stockholm')::date
                  FROM meetings m JOIN meeting_slots s ON s.id = m.scheduled_slot_id
                 WHERE m.workspace_id = c.id AND m.kind = 'AVSTAMNINGSMOTE'
                   AND m.status = 'SCHEDULED'
                   AND (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date <= ${today}::date
               ) AS first_meeting_on,
               CASE WHEN ${medical}::boolean THEN
                 (SELECT ${chapterOf(Prisma.sql`ce.diagnosis_code`)} FROM certificates ce
                   WHERE ce.workspace_id = c.id ORDER BY ce.period_from, ce.created_at LIMIT 1)
               END AS chapter
        FROM org_cases c
        -- Age on day 1, from the birth date in the first 8 digits (samordningsnummer: day + 60).
        LEFT JOIN LATERAL (
          SELECT extract(year FROM c.start)::int - substr(c.pn, 1, 4)::int
                 - CASE WHEN to_char(c.start, 'MMDD')
                             < substr(c.pn, 5, 2) || lpad((substr(c.pn, 7, 2)::int % 60)::text, 2, '0')
                        THEN 1 ELSE 0 END AS age
          WHERE c.pn IS NOT NULL
        ) a ON true
      ),
      grouped AS (
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
      open_at_end AS (
        SELECT p.start AS bucket, p.last_day, g.id, g.grp
          FROM periods p
          JOIN grouped g ON g.start <= p.last_day AND (g.closed_on IS NULL OR g.closed_on > p.last_day)
         WHERE p.start <= ${today}::date
      ),
      active AS (
        SELECT p.start AS bucket, count(*) AS n
          FROM periods p
          JOIN facts f ON f.start <= p.last_day AND (f.closed_on IS NULL OR f.closed_on >= p.start)
         WHERE p.start <= ${today}::date
         GROUP BY 1
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
          FROM plan_measures pm
         WHERE pm.workspace_id IN (SELECT id FROM org_cases)
           -- Treatment details are medical information: only a care unit counts them.
           AND (${medical}::boolean OR pm.category = 'PLAN')
      ),
      measures_in AS (
        SELECT * FROM measures WHERE bucket >= ${from}::date AND bucket < ${toExclusive}::date
      ),
      held AS (
        SELECT m.workspace_id,
               date_trunc(${period}::text, s.starts_at AT TIME ZONE 'Europe/Stockholm')::date AS bucket
          FROM meetings m JOIN meeting_slots s ON s.id = m.scheduled_slot_id
         WHERE m.workspace_id IN (SELECT id FROM org_cases)
           AND m.kind = 'AVSTAMNINGSMOTE' AND m.status = 'SCHEDULED'
           AND (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date <= ${today}::date
           AND (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date >= ${from}::date
           AND (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date < ${toExclusive}::date
      )
      SELECT figure, bucket::text AS bucket, "column", n::int AS n,
             COALESCE(cases, n)::int AS cases, median::float8 AS median FROM (
        SELECT ${ACTIVE_FIGURE}::text AS figure, bucket, 'ALL' AS "column", n,
               NULL::bigint AS cases, NULL::float8 AS median
          FROM active
        UNION ALL
        SELECT 'started', started_bucket, grp, count(*), NULL, NULL FROM started GROUP BY 2, 3
        UNION ALL
        SELECT 'open', bucket, grp, count(*), NULL, NULL FROM open_at_end GROUP BY 2, 3
        UNION ALL
        SELECT 'closedByReason', closed_bucket, COALESCE(reason, 'OTHER'), count(*), NULL, NULL
          FROM closed GROUP BY 2, 3
        UNION ALL
        SELECT 'lengthOfClosed', closed_bucket,
               CASE WHEN length <= 30 THEN '1-30' WHEN length <= 90 THEN '31-90'
                    WHEN length <= 180 THEN '91-180' WHEN length <= 365 THEN '181-365'
                    ELSE '366+' END, count(*), NULL, NULL
          FROM closed GROUP BY 2, 3
        UNION ALL
        SELECT 'lengthOfClosed', closed_bucket, ${MEDIAN_COLUMN}::text, count(*), NULL,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY length)
          FROM closed GROUP BY 2
        UNION ALL
        -- The degree of the certificate in force on the period's last day.
        SELECT 'degree', o.bucket, cd.degree::text, count(*), NULL, NULL
          FROM open_at_end o
          JOIN LATERAL (
            SELECT ce.degree FROM certificates ce
             WHERE ce.workspace_id = o.id AND ce.period_from <= o.last_day AND ce.period_to >= o.last_day
             ORDER BY ce.period_from DESC, ce.created_at DESC LIMIT 1
          ) cd ON true
         GROUP BY 2, 3
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
        SELECT 'measuresByKind', bucket, kind, count(*), count(DISTINCT workspace_id), NULL
          FROM measures_in GROUP BY 2, 3
        UNION ALL
        SELECT 'measuresFollowedUp', bucket,
               CASE WHEN followed_up THEN 'FOLLOWED_UP' ELSE 'NOT_FOLLOWED_UP' END,
               count(*), count(DISTINCT workspace_id), NULL
          FROM measures_in GROUP BY 2, 3
        UNION ALL
        SELECT f.figure, bucket, ${ROW_CASES_COLUMN}::text, count(*), count(DISTINCT workspace_id), NULL
          FROM measures_in CROSS JOIN (VALUES ('measuresByKind'), ('measuresFollowedUp')) f(figure)
         GROUP BY 1, 2
        UNION ALL
        SELECT 'avstamningHeld', bucket, 'ALL', count(*), count(DISTINCT workspace_id), NULL
          FROM held GROUP BY 2
        UNION ALL
        SELECT 'firstAvstamning', started_bucket,
               CASE WHEN first_meeting_on IS NULL THEN 'NOT_HELD' ELSE 'HELD' END, count(*), NULL, NULL
          FROM started GROUP BY 2, 3
        UNION ALL
        SELECT 'firstAvstamning', started_bucket, ${MEDIAN_COLUMN}::text, count(*), NULL,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY first_meeting_on - start)
          FROM started WHERE first_meeting_on IS NOT NULL GROUP BY 2
        UNION ALL
        -- Back at work full time within 90/180/365 days of day 1; NOT_WITHIN_365 also holds
        -- the cases not (yet) back.
        SELECT 'returnToWork', started_bucket,
               CASE WHEN reason IS DISTINCT FROM 'BACK_AT_WORK_FULL' OR length > 365 THEN 'NOT_WITHIN_365'
                    WHEN length <= 90 THEN 'WITHIN_90' WHEN length <= 180 THEN 'WITHIN_180'
                    ELSE 'WITHIN_365' END, count(*), NULL, NULL
          FROM started GROUP BY 2, 3
        UNION ALL
        SELECT 'diagnosisChapter', started_bucket, COALESCE(chapter, 'OKAND'), count(*), NULL, NULL
          FROM started WHERE ${medical}::boolean GROUP BY 2, 3
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
    const rows = await this.prisma.$queryRaw<AggregateRow[]>(statisticsStatement(window));
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
