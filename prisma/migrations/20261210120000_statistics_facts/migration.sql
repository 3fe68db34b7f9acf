-- Issue 18: the follow-up statistics answer from per-case facts kept by the database itself.
-- Reducing 10^5 cases to their facts (the organisations taking part, the day the plan was
-- established, the first avstämningsmöte, the diagnosis chapter, sex and age band, each
-- certificate's span) took most of the statement's seconds on every read. Here each fact
-- row is rewritten in the same transaction as the change it follows, by one function
-- (statistics_refresh_cases) that every trigger below calls, so the figures are never stale
-- and the rule that derives a fact has one home. Rows are per organisation taking part,
-- so a statistics read is a range scan of one organisation's rows.
-- The tables are derived data: rebuilt from the case tables by statistics_rebuild() (this
-- migration's backfill, and the bench after a seed that ran with triggers off).

CREATE TABLE "statistics_case_facts" (
  "organisation_id" uuid NOT NULL,
  "workspace_id" uuid NOT NULL,
  "start" date NOT NULL,
  "closed_on" date,
  "reason" text,
  "employment" text NOT NULL,
  "expected" integer,
  "earlier" integer NOT NULL,
  "plan_not_needed" boolean NOT NULL,
  "sex" text NOT NULL,
  "age_band" text NOT NULL,
  "established_on" date,
  -- The first avstämningsmöte booked, whenever it is: held by a day when it is on or before it.
  "first_meeting_on" date,
  -- The ICD-10 code of the case's first certificate (its chapter is read only for care units).
  "diagnosis_code" text,
  PRIMARY KEY ("organisation_id", "workspace_id")
);
CREATE INDEX "statistics_case_facts_workspace_id_idx" ON "statistics_case_facts"("workspace_id");

-- A certificate is in force from its first day (at the earliest the case's) to its last, or
-- to the day before the next one begins, or to the day before the case closed.
CREATE TABLE "statistics_certificate_spans" (
  "organisation_id" uuid NOT NULL,
  "workspace_id" uuid NOT NULL,
  "certificate_id" uuid NOT NULL,
  "degree" integer NOT NULL,
  "in_force_from" date NOT NULL,
  "in_force_to" date NOT NULL,
  PRIMARY KEY ("organisation_id", "certificate_id")
);
CREATE INDEX "statistics_certificate_spans_workspace_id_idx" ON "statistics_certificate_spans"("workspace_id");

-- Avstämningsmöten booked, on their day in Stockholm.
CREATE TABLE "statistics_meetings" (
  "organisation_id" uuid NOT NULL,
  "workspace_id" uuid NOT NULL,
  "meeting_id" uuid NOT NULL,
  "day" date NOT NULL,
  PRIMARY KEY ("organisation_id", "meeting_id")
);
CREATE INDEX "statistics_meetings_workspace_id_idx" ON "statistics_meetings"("workspace_id");

-- The plan's measures: the day they count on (start, else created), kind, whether medical,
-- and since when they count as followed up (done: always; else from the follow-up date).
-- The figures count the cases behind each cell too; rather than grouping every measure by
-- case on each read, each measure carries, per period length (month, quarter, year), whether
-- it stands for its case in its period: as the first of its kind, as the first at all, as
-- the one followed up earliest and as the one followed up last (a case has a followed-up
-- measure in a period when its earliest is by today, and one not followed up when its last
-- is after today or never). Anyone but a care unit counts only the measures that are not
-- medical, so the flags are kept for both.
CREATE TABLE "statistics_measures" (
  "organisation_id" uuid NOT NULL,
  "workspace_id" uuid NOT NULL,
  "measure_id" uuid NOT NULL,
  "day" date NOT NULL,
  "kind" text NOT NULL,
  "medical" boolean NOT NULL,
  "followed_up_since" date,
  "first_of_kind" boolean[] NOT NULL,
  "first_of_case" boolean[] NOT NULL,
  "earliest_followed_up" boolean[] NOT NULL,
  "latest_followed_up" boolean[] NOT NULL,
  PRIMARY KEY ("organisation_id", "measure_id")
);
CREATE INDEX "statistics_measures_workspace_id_idx" ON "statistics_measures"("workspace_id");

-- The organisations taking part in cases: any participant's (also one who has left: the case
-- was theirs too), and the employer's.
CREATE FUNCTION "statistics_case_organisations"(ws uuid[])
  RETURNS TABLE (workspace_id uuid, organisation_id uuid) LANGUAGE sql STABLE AS $fn$
  SELECT p.workspace_id, p.organisation_id FROM participants p
   WHERE p.workspace_id = ANY(ws) AND p.organisation_id IS NOT NULL
  UNION
  SELECT w.id, w.employer_organisation_id FROM workspaces w
   WHERE w.id = ANY(ws) AND w.employer_organisation_id IS NOT NULL
$fn$;

-- The facts of the cases `ws`, set-based: one case from a trigger, every case from a rebuild.
CREATE FUNCTION "statistics_refresh_cases"(ws uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM statistics_case_facts f WHERE f.workspace_id = ANY(ws);
  DELETE FROM statistics_certificate_spans f WHERE f.workspace_id = ANY(ws);
  DELETE FROM statistics_meetings f WHERE f.workspace_id = ANY(ws);
  DELETE FROM statistics_measures f WHERE f.workspace_id = ANY(ws);

  INSERT INTO statistics_case_facts
  SELECT o.organisation_id, w.id, w.sick_period_start, w.closed_on, w.closing_reason::text,
         w.employment_status::text, w.expected_length_days, w.earlier_sick_days,
         w.plan_not_needed_reason IS NOT NULL,
         -- Digit 11 of the personnummer: odd for men.
         CASE WHEN u.personnummer IS NULL THEN 'OKAND'
              WHEN substr(u.personnummer, 11, 1)::int % 2 = 1 THEN 'MAN' ELSE 'KVINNA' END,
         CASE WHEN a.age IS NULL THEN 'OKAND'
              WHEN a.age < 30 THEN '16-29' WHEN a.age < 40 THEN '30-39'
              WHEN a.age < 50 THEN '40-49' WHEN a.age < 60 THEN '50-59'
              ELSE '60+' END,
         sg.established_on, fm.first_meeting_on, dx.diagnosis_code
    FROM workspaces w
    JOIN users u ON u.id = w.patient_user_id
    JOIN statistics_case_organisations(ws) o ON o.workspace_id = w.id
    -- Age on day 1, from the birth date in the first 8 digits (samordningsnummer: day + 60).
    LEFT JOIN LATERAL (
      SELECT extract(year FROM w.sick_period_start)::int - substr(u.personnummer, 1, 4)::int
             - CASE WHEN to_char(w.sick_period_start, 'MMDD')
                         < substr(u.personnummer, 5, 2)
                           || lpad((substr(u.personnummer, 7, 2)::int % 60)::text, 2, '0')
                    THEN 1 ELSE 0 END AS age
      WHERE u.personnummer IS NOT NULL
    ) a ON true
    LEFT JOIN (
      SELECT ps.workspace_id, (min(ps.signed_at) AT TIME ZONE 'Europe/Stockholm')::date AS established_on
        FROM plan_signoffs ps
       WHERE ps.workspace_id = ANY(ws) AND ps.decision = 'ESTABLISHED'
       GROUP BY 1
    ) sg ON sg.workspace_id = w.id
    LEFT JOIN (
      SELECT m.workspace_id, min((s.starts_at AT TIME ZONE 'Europe/Stockholm')::date) AS first_meeting_on
        FROM meetings m JOIN meeting_slots s ON s.id = m.scheduled_slot_id
       WHERE m.workspace_id = ANY(ws) AND m.kind = 'AVSTAMNINGSMOTE' AND m.status = 'SCHEDULED'
       GROUP BY 1
    ) fm ON fm.workspace_id = w.id
    LEFT JOIN (
      SELECT DISTINCT ON (ce.workspace_id) ce.workspace_id, ce.diagnosis_code
        FROM certificates ce
       WHERE ce.workspace_id = ANY(ws)
       ORDER BY ce.workspace_id, ce.period_from, ce.created_at
    ) dx ON dx.workspace_id = w.id
   WHERE w.id = ANY(ws);

  INSERT INTO statistics_certificate_spans
  SELECT o.organisation_id, c.workspace_id, c.id, c.degree, c.s, c.e
    FROM (
      SELECT ce.workspace_id, ce.id, ce.degree,
             GREATEST(ce.period_from, w.sick_period_start) AS s,
             LEAST(ce.period_to,
                   lead(ce.period_from) OVER (PARTITION BY ce.workspace_id
                                              ORDER BY ce.period_from, ce.created_at) - 1,
                   w.closed_on - 1) AS e
        FROM certificates ce JOIN workspaces w ON w.id = ce.workspace_id
       WHERE ce.workspace_id = ANY(ws)
    ) c
    JOIN statistics_case_organisations(ws) o ON o.workspace_id = c.workspace_id
   WHERE c.s <= c.e;

  INSERT INTO statistics_meetings
  SELECT o.organisation_id, m.workspace_id, m.id, (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date
    FROM meetings m
    JOIN meeting_slots s ON s.id = m.scheduled_slot_id
    JOIN statistics_case_organisations(ws) o ON o.workspace_id = m.workspace_id
   WHERE m.workspace_id = ANY(ws) AND m.kind = 'AVSTAMNINGSMOTE' AND m.status = 'SCHEDULED';

  -- The flags' arrays are indexed by period length, [1] month, [2] quarter, [3] year, among
  -- all measures; then [4] to [6] the same among the measures that are not medical (what
  -- anyone but a care unit counts).
  INSERT INTO statistics_measures
  SELECT o.organisation_id, m.workspace_id, m.id, m.day, m.kind, m.medical, m.since,
         ARRAY[m.kind_all_m = 1, m.kind_all_q = 1, m.kind_all_y = 1, NOT m.medical AND m.kind_plan_m = 1, NOT m.medical AND m.kind_plan_q = 1, NOT m.medical AND m.kind_plan_y = 1],
         ARRAY[m.case_all_m = 1, m.case_all_q = 1, m.case_all_y = 1, NOT m.medical AND m.case_plan_m = 1, NOT m.medical AND m.case_plan_q = 1, NOT m.medical AND m.case_plan_y = 1],
         ARRAY[m.early_all_m = 1, m.early_all_q = 1, m.early_all_y = 1, NOT m.medical AND m.early_plan_m = 1, NOT m.medical AND m.early_plan_q = 1, NOT m.medical AND m.early_plan_y = 1],
         ARRAY[m.late_all_m = 1, m.late_all_q = 1, m.late_all_y = 1, NOT m.medical AND m.late_plan_m = 1, NOT m.medical AND m.late_plan_q = 1, NOT m.medical AND m.late_plan_y = 1]
    FROM (
      SELECT d.*,
             row_number() OVER (PARTITION BY d.workspace_id, d.month, d.kind ORDER BY d.id) AS kind_all_m,
             row_number() OVER (PARTITION BY d.workspace_id, d.quarter, d.kind ORDER BY d.id) AS kind_all_q,
             row_number() OVER (PARTITION BY d.workspace_id, d.year, d.kind ORDER BY d.id) AS kind_all_y,
             row_number() OVER (PARTITION BY d.workspace_id, d.month, d.kind, d.medical ORDER BY d.id) AS kind_plan_m,
             row_number() OVER (PARTITION BY d.workspace_id, d.quarter, d.kind, d.medical ORDER BY d.id) AS kind_plan_q,
             row_number() OVER (PARTITION BY d.workspace_id, d.year, d.kind, d.medical ORDER BY d.id) AS kind_plan_y,
             row_number() OVER (PARTITION BY d.workspace_id, d.month ORDER BY d.id) AS case_all_m,
             row_number() OVER (PARTITION BY d.workspace_id, d.quarter ORDER BY d.id) AS case_all_q,
             row_number() OVER (PARTITION BY d.workspace_id, d.year ORDER BY d.id) AS case_all_y,
             row_number() OVER (PARTITION BY d.workspace_id, d.month, d.medical ORDER BY d.id) AS case_plan_m,
             row_number() OVER (PARTITION BY d.workspace_id, d.quarter, d.medical ORDER BY d.id) AS case_plan_q,
             row_number() OVER (PARTITION BY d.workspace_id, d.year, d.medical ORDER BY d.id) AS case_plan_y,
             row_number() OVER (PARTITION BY d.workspace_id, d.month ORDER BY d.since ASC NULLS LAST, d.id) AS early_all_m,
             row_number() OVER (PARTITION BY d.workspace_id, d.quarter ORDER BY d.since ASC NULLS LAST, d.id) AS early_all_q,
             row_number() OVER (PARTITION BY d.workspace_id, d.year ORDER BY d.since ASC NULLS LAST, d.id) AS early_all_y,
             row_number() OVER (PARTITION BY d.workspace_id, d.month, d.medical ORDER BY d.since ASC NULLS LAST, d.id) AS early_plan_m,
             row_number() OVER (PARTITION BY d.workspace_id, d.quarter, d.medical ORDER BY d.since ASC NULLS LAST, d.id) AS early_plan_q,
             row_number() OVER (PARTITION BY d.workspace_id, d.year, d.medical ORDER BY d.since ASC NULLS LAST, d.id) AS early_plan_y,
             row_number() OVER (PARTITION BY d.workspace_id, d.month ORDER BY d.since DESC NULLS FIRST, d.id) AS late_all_m,
             row_number() OVER (PARTITION BY d.workspace_id, d.quarter ORDER BY d.since DESC NULLS FIRST, d.id) AS late_all_q,
             row_number() OVER (PARTITION BY d.workspace_id, d.year ORDER BY d.since DESC NULLS FIRST, d.id) AS late_all_y,
             row_number() OVER (PARTITION BY d.workspace_id, d.month, d.medical ORDER BY d.since DESC NULLS FIRST, d.id) AS late_plan_m,
             row_number() OVER (PARTITION BY d.workspace_id, d.quarter, d.medical ORDER BY d.since DESC NULLS FIRST, d.id) AS late_plan_q,
             row_number() OVER (PARTITION BY d.workspace_id, d.year, d.medical ORDER BY d.since DESC NULLS FIRST, d.id) AS late_plan_y
        FROM (
          SELECT pm.workspace_id, pm.id, c.day, pm.kind::text AS kind, pm.category = 'MEDICAL' AS medical,
                 CASE WHEN pm.status = 'DONE' THEN '-infinity'::date ELSE pm.follow_up_date END AS since,
                 date_trunc('month', c.day::timestamp) AS month,
                 date_trunc('quarter', c.day::timestamp) AS quarter,
                 date_trunc('year', c.day::timestamp) AS year
            FROM plan_measures pm
            CROSS JOIN LATERAL (
              SELECT COALESCE(pm.start_date, (pm.created_at AT TIME ZONE 'Europe/Stockholm')::date) AS day
            ) c
           WHERE pm.workspace_id = ANY(ws)
        ) d
    ) m
    JOIN statistics_case_organisations(ws) o ON o.workspace_id = m.workspace_id;
END
$fn$;

-- One trigger function for every table a fact is drawn from: it names the case (or cases)
-- a changed row belongs to and refreshes them.
CREATE FUNCTION "statistics_follow_change"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_TABLE_NAME = 'workspaces' THEN
    PERFORM statistics_refresh_cases(ARRAY[COALESCE(NEW.id, OLD.id)]);
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM statistics_refresh_cases(ARRAY(SELECT w.id FROM workspaces w WHERE w.patient_user_id = NEW.id));
  ELSE
    IF TG_OP <> 'INSERT' THEN PERFORM statistics_refresh_cases(ARRAY[OLD.workspace_id]); END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.workspace_id IS DISTINCT FROM OLD.workspace_id) THEN
      PERFORM statistics_refresh_cases(ARRAY[NEW.workspace_id]);
    END IF;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "statistics_follow_workspaces" AFTER INSERT OR DELETE OR UPDATE OF
  sick_period_start, closed_on, closing_reason, employment_status, expected_length_days,
  earlier_sick_days, plan_not_needed_reason, patient_user_id, employer_organisation_id
  ON "workspaces" FOR EACH ROW EXECUTE FUNCTION statistics_follow_change();
CREATE TRIGGER "statistics_follow_users" AFTER UPDATE OF personnummer
  ON "users" FOR EACH ROW EXECUTE FUNCTION statistics_follow_change();
CREATE TRIGGER "statistics_follow_participants" AFTER INSERT OR DELETE OR UPDATE OF
  workspace_id, organisation_id
  ON "participants" FOR EACH ROW EXECUTE FUNCTION statistics_follow_change();
CREATE TRIGGER "statistics_follow_plan_signoffs" AFTER INSERT OR DELETE OR UPDATE
  ON "plan_signoffs" FOR EACH ROW EXECUTE FUNCTION statistics_follow_change();
CREATE TRIGGER "statistics_follow_certificates" AFTER INSERT OR DELETE OR UPDATE
  ON "certificates" FOR EACH ROW EXECUTE FUNCTION statistics_follow_change();
CREATE TRIGGER "statistics_follow_meetings" AFTER INSERT OR DELETE OR UPDATE OF
  workspace_id, kind, status, scheduled_slot_id
  ON "meetings" FOR EACH ROW EXECUTE FUNCTION statistics_follow_change();
CREATE TRIGGER "statistics_follow_meeting_slots" AFTER INSERT OR DELETE OR UPDATE OF
  workspace_id, starts_at
  ON "meeting_slots" FOR EACH ROW EXECUTE FUNCTION statistics_follow_change();
CREATE TRIGGER "statistics_follow_plan_measures" AFTER INSERT OR DELETE OR UPDATE OF
  workspace_id, kind, category, start_date, status, follow_up_date
  ON "plan_measures" FOR EACH ROW EXECUTE FUNCTION statistics_follow_change();

-- Every case again, from the case tables (after a load with triggers off).
CREATE FUNCTION "statistics_rebuild"() RETURNS void LANGUAGE sql AS $fn$
  SELECT statistics_refresh_cases(ARRAY(SELECT id FROM workspaces))
$fn$;

SELECT statistics_rebuild();
