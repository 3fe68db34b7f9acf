-- One home for authorization (issue 11): an event carries the facets of the item it
-- describes (apps/api/src/access/facets.ts), so it is visible to exactly those who may read
-- that item; a plan revision records which parts of the plan it touched, so a reader is
-- shown (and counted) only the revisions that changed something they may see.

ALTER TABLE "workspace_events"
  ADD COLUMN "invitee_participant_ids" uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN "via_note" boolean NOT NULL DEFAULT false;

ALTER TABLE "plan_revisions" ADD COLUMN "touched" text[] NOT NULL DEFAULT '{}';

-- Subject types are model names ('Task'); the first demo seed wrote them in lower case.
UPDATE "workspace_events"
SET "subject_type" = initcap("subject_type")
WHERE "subject_type" IN ('workspace', 'participant', 'plan', 'meeting', 'task');

-- The first demo seed called its plan's first save 'plan.created'; every save is 'plan.updated'.
UPDATE "workspace_events" SET "type" = 'plan.updated' WHERE "type" = 'plan.created';

-- Meeting events reach the people invited; task events made from a note's next step need
-- MEETING_NOTES as well as TASKS by consent.
UPDATE "workspace_events" e
SET "invitee_participant_ids" = coalesce((
  SELECT array_agg(i."participant_id" ORDER BY i."created_at")
  FROM "meeting_invitees" i
  WHERE i."meeting_id" = e."subject_id" AND i."workspace_id" = e."workspace_id"
), '{}')
WHERE e."subject_type" = 'Meeting';

UPDATE "workspace_events" e
SET "via_note" = true
WHERE e."subject_type" = 'Task'
  AND EXISTS (
    SELECT 1 FROM "tasks" t
    WHERE t."id" = e."subject_id" AND t."workspace_id" = e."workspace_id" AND t."note_id" IS NOT NULL
  );

-- A task that carries out a medical measure reveals medical information: it is MEDICAL.
UPDATE "tasks" t
SET "category" = 'MEDICAL'
FROM "plan_measures" m
WHERE t."measure_id" = m."id" AND t."workspace_id" = m."workspace_id"
  AND m."category" = 'MEDICAL' AND t."category" <> 'MEDICAL';

-- The first demo seed stored its revision 1 with a diff of another shape ({previous,
-- changed}); rewrite it as the entries every later revision has: revision 1 against an
-- empty plan.
UPDATE "plan_revisions" r
SET "diff" = (
  SELECT coalesce(jsonb_agg(entry), '[]'::jsonb)
  FROM (
    SELECT jsonb_build_object('op', 'changed', 'path', f.key, 'from', NULL, 'to', r."snapshot" -> f.key) AS entry
    FROM unnest(ARRAY['goal', 'expectedReturnDate', 'expectedReturnBasis', 'contactArrangements', 'patientView']) AS f(key)
    WHERE r."snapshot" ->> f.key IS NOT NULL
    UNION ALL
    SELECT jsonb_build_object(
      'op', 'added',
      'path', 'measures[' || (m ->> 'id') || ']',
      'measure', jsonb_build_object(
        'id', m -> 'id', 'title', m -> 'title', 'ownerParty', m -> 'ownerParty',
        'categories', jsonb_build_array(m -> 'category')))
    FROM jsonb_array_elements(r."snapshot" -> 'measures') AS m
    UNION ALL
    SELECT jsonb_build_object('op', 'changed', 'path', f.key, 'from', '[]'::jsonb, 'to', r."snapshot" -> f.key)
    FROM unnest(ARRAY['sickLeaveSteps', 'followUps']) AS f(key)
    WHERE jsonb_array_length(coalesce(r."snapshot" -> f.key, '[]'::jsonb)) > 0
  ) AS entries
)
WHERE jsonb_typeof(r."diff") = 'object';

-- What each revision touched, one key per diff entry: the parts a reader must all be
-- allowed to read to see the entry, 'measure:<CATEGORY>:<OWNER>' for a measure (in each
-- category it had) and 'section:<OWNER>' for a shared field, joined by '+'
-- (apps/api/src/plan/plan-visibility.ts).
UPDATE "plan_revisions" r
SET "touched" = coalesce((
  SELECT array_agg(DISTINCT key)
  FROM (
    SELECT CASE
      WHEN entry ? 'measure' THEN (
        SELECT string_agg(DISTINCT part, '+' ORDER BY part)
        FROM (
          SELECT 'measure:' || (category #>> '{}') || ':' || (entry -> 'measure' ->> 'ownerParty') AS part
          FROM jsonb_array_elements(entry -> 'measure' -> 'categories') AS category
        ) AS parts)
      ELSE 'section:' || CASE entry ->> 'path'
        WHEN 'sickLeaveSteps' THEN 'CARE'
        WHEN 'patientView' THEN 'PATIENT'
        ELSE 'EMPLOYER' END
    END AS key
    FROM jsonb_array_elements(r."diff") AS entry
  ) AS keys
), '{}');

-- A sign-off holds for what its signer could see: it records those parts, and holds until a
-- later revision changes any of them (plan.repository.ts). Earlier sign-offs are taken to
-- have seen every part.
ALTER TABLE "plan_signoffs" ADD COLUMN "readable" text[] NOT NULL DEFAULT '{}';
UPDATE "plan_signoffs" SET "readable" = ARRAY(
  SELECT 'section:' || party FROM unnest(enum_range(NULL::party)) AS party
  UNION ALL
  SELECT 'measure:' || category || ':' || party
  FROM unnest(enum_range(NULL::measure_category)) AS category, unnest(enum_range(NULL::party)) AS party
);
