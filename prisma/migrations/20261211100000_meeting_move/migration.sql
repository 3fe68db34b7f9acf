-- Meetings after booking (issue 15): the latest move (new proposed times, answers reset) or
-- reopening of a meeting, with its reason and the time it was booked for before.
ALTER TABLE "meetings"
  ADD COLUMN "change_kind" TEXT,
  ADD COLUMN "changed_at" TIMESTAMPTZ(3),
  ADD COLUMN "change_reason" TEXT,
  ADD COLUMN "previous_starts_at" TIMESTAMPTZ(3),
  ADD COLUMN "previous_ends_at" TIMESTAMPTZ(3);

ALTER TABLE "meetings"
  ADD CONSTRAINT "meetings_change_kind_check"
    CHECK ("change_kind" IS NULL OR "change_kind" IN ('MOVED', 'REOPENED')),
  ADD CONSTRAINT "meetings_change_together_check"
    CHECK (("change_kind" IS NULL) = ("changed_at" IS NULL)
       AND ("change_kind" IS NOT NULL OR "change_reason" IS NULL)
       AND (("previous_starts_at" IS NULL) = ("previous_ends_at" IS NULL))),
  ADD CONSTRAINT "meetings_change_reason_length_check"
    CHECK ("change_reason" IS NULL OR char_length("change_reason") <= 1000);
