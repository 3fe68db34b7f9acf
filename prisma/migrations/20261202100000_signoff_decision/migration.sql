-- A sign-off says what its signer decided (issue 14, item 8): the employer establishes its
-- plan för återgång i arbete (fastställer); the patient confirms she took part and agrees,
-- or records that she does not, with a comment if she wants. Earlier sign-offs were the
-- employer's and the patient's "read it", which is what establishing and agreeing replace.
CREATE TYPE "signoff_decision" AS ENUM ('ESTABLISHED', 'AGREED', 'DISAGREED');

ALTER TABLE "plan_signoffs"
    ADD COLUMN "decision" "signoff_decision",
    ADD COLUMN "comment" TEXT;

UPDATE "plan_signoffs"
SET "decision" = CASE WHEN "party" = 'EMPLOYER' THEN 'ESTABLISHED' ELSE 'AGREED' END::"signoff_decision";

ALTER TABLE "plan_signoffs" ALTER COLUMN "decision" SET NOT NULL;
