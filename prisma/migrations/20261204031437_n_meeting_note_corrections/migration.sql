-- Meeting notes can be corrected, with history, and record who attended (issue 15).

-- Who attended the meeting, as its note records it. The composite keys keep each row in the
-- note's own case; that the participant was invited to the meeting the service checks.
CREATE TABLE "meeting_note_attendees" (
    "workspace_id" UUID NOT NULL,
    "note_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_note_attendees_pkey" PRIMARY KEY ("note_id", "participant_id")
);

CREATE INDEX "meeting_note_attendees_workspace_id_idx" ON "meeting_note_attendees"("workspace_id");
CREATE INDEX "meeting_note_attendees_note_id_workspace_id_idx" ON "meeting_note_attendees"("note_id", "workspace_id");
CREATE INDEX "meeting_note_attendees_participant_id_workspace_id_idx" ON "meeting_note_attendees"("participant_id", "workspace_id");

ALTER TABLE "meeting_note_attendees" ADD CONSTRAINT "meeting_note_attendees_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "meeting_note_attendees" ADD CONSTRAINT "meeting_note_attendees_note_id_workspace_id_fkey" FOREIGN KEY ("note_id", "workspace_id") REFERENCES "meeting_notes"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "meeting_note_attendees" ADD CONSTRAINT "meeting_note_attendees_participant_id_workspace_id_fkey" FOREIGN KEY ("participant_id", "workspace_id") REFERENCES "participants"("id", "workspace_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- A note as it was before each correction: the fields of `version`, and who replaced them,
-- when and why. The note's category never changes, so its history is read under the note's
-- own rule (MEETING_NOTES or MEDICAL).
CREATE TABLE "meeting_note_revisions" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "note_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "situation" TEXT,
    "work_capacity" TEXT,
    "rehabilitation_needs" TEXT,
    "decisions" JSONB NOT NULL,
    "next_steps" JSONB NOT NULL,
    "attendee_participant_ids" UUID[] NOT NULL DEFAULT '{}',
    "changed_by_id" UUID NOT NULL,
    "changed_by_party" "party" NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT,

    CONSTRAINT "meeting_note_revisions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "meeting_note_revisions_version" CHECK ("version" >= 1),
    CONSTRAINT "meeting_note_revisions_decisions_array" CHECK (jsonb_typeof("decisions") = 'array'),
    CONSTRAINT "meeting_note_revisions_next_steps_array" CHECK (jsonb_typeof("next_steps") = 'array'),
    CONSTRAINT "meeting_note_revisions_reason_length" CHECK ("reason" IS NULL OR char_length("reason") <= 1000)
);

CREATE UNIQUE INDEX "meeting_note_revisions_note_id_version_key" ON "meeting_note_revisions"("note_id", "version");
CREATE INDEX "meeting_note_revisions_workspace_id_idx" ON "meeting_note_revisions"("workspace_id");
CREATE INDEX "meeting_note_revisions_note_id_workspace_id_idx" ON "meeting_note_revisions"("note_id", "workspace_id");
CREATE INDEX "meeting_note_revisions_changed_by_id_idx" ON "meeting_note_revisions"("changed_by_id");

ALTER TABLE "meeting_note_revisions" ADD CONSTRAINT "meeting_note_revisions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "meeting_note_revisions" ADD CONSTRAINT "meeting_note_revisions_note_id_workspace_id_fkey" FOREIGN KEY ("note_id", "workspace_id") REFERENCES "meeting_notes"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "meeting_note_revisions" ADD CONSTRAINT "meeting_note_revisions_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The history is kept as it was written: a revision is never changed (a case's deletion
-- still removes its rows).
CREATE FUNCTION "meeting_note_revisions_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'meeting_note_revisions is append-only' USING ERRCODE = 'P0001';
END
$fn$;
CREATE TRIGGER "meeting_note_revisions_no_update" BEFORE UPDATE ON "meeting_note_revisions"
  FOR EACH ROW EXECUTE FUNCTION "meeting_note_revisions_refuse_update"();
