-- Issue 15, item 1: anyone allowed to (the patient, care's doctor or rehabilitation
-- coordinator, the employer's manager or HR) asks Försäkringskassan for an avstämningsmöte.
-- FK calls the meeting and decides whether it is held (domain.md, "Meetings"), so the request
-- is a task for FK that closes when FK answers: accepted (naming the avstämningsmöte it
-- arranged, if it has) or declined with a message. Every row is written with its workspace
-- event and audit row in one transaction (apps/api/src/meeting-requests).

-- CreateEnum
CREATE TYPE "meeting_request_decision" AS ENUM ('ACCEPTED', 'DECLINED');

-- CreateTable
CREATE TABLE "meeting_requests" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_by_party" "party" NOT NULL,
    "reason" TEXT NOT NULL,
    "topics" TEXT,
    "preferred_from" DATE,
    "preferred_to" DATE,
    "task_id" UUID,
    "due_date" DATE NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" "meeting_request_decision",
    "answer_message" TEXT,
    "answered_by_id" UUID,
    "answered_at" TIMESTAMPTZ(3),
    "meeting_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "meeting_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "meeting_requests_id_workspace_id_key" ON "meeting_requests"("id", "workspace_id");

-- CreateIndex
CREATE INDEX "meeting_requests_workspace_id_requested_at_idx" ON "meeting_requests"("workspace_id", "requested_at");

-- CreateIndex
CREATE INDEX "meeting_requests_requested_by_id_idx" ON "meeting_requests"("requested_by_id");

-- CreateIndex
CREATE INDEX "meeting_requests_answered_by_id_idx" ON "meeting_requests"("answered_by_id");

-- CreateIndex
CREATE INDEX "meeting_requests_meeting_id_workspace_id_idx" ON "meeting_requests"("meeting_id", "workspace_id");

-- AddForeignKey
ALTER TABLE "meeting_requests" ADD CONSTRAINT "meeting_requests_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_requests" ADD CONSTRAINT "meeting_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_requests" ADD CONSTRAINT "meeting_requests_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey: the meeting arranged for the request is a meeting of the same case.
ALTER TABLE "meeting_requests" ADD CONSTRAINT "meeting_requests_meeting_id_workspace_id_fkey" FOREIGN KEY ("meeting_id", "workspace_id") REFERENCES "meetings"("id", "workspace_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- FK does not ask itself (it arranges the meeting directly), and neither does AF here: the
-- asking parties are the patient, care and the employer. An answer names who answered and
-- when, or nothing; a decline says why; only an accepted request names a meeting; the
-- preferred period runs forwards; the texts stay within what the API accepts.
ALTER TABLE "meeting_requests"
  ADD CONSTRAINT "meeting_requests_party_check"
    CHECK ("requested_by_party" IN ('PATIENT', 'CARE', 'EMPLOYER')),
  ADD CONSTRAINT "meeting_requests_answered_check"
    CHECK (("decision" IS NULL) = ("answered_at" IS NULL)
       AND ("decision" IS NULL) = ("answered_by_id" IS NULL)),
  ADD CONSTRAINT "meeting_requests_declined_message_check"
    CHECK ("decision" IS DISTINCT FROM 'DECLINED' OR char_length(btrim("answer_message")) > 0),
  ADD CONSTRAINT "meeting_requests_meeting_check"
    CHECK ("meeting_id" IS NULL OR "decision" = 'ACCEPTED'),
  ADD CONSTRAINT "meeting_requests_preferred_check"
    CHECK ("preferred_from" IS NULL OR "preferred_to" IS NULL OR "preferred_to" >= "preferred_from"),
  ADD CONSTRAINT "meeting_requests_text_check"
    CHECK (char_length("reason") BETWEEN 1 AND 2000
       AND ("topics" IS NULL OR char_length("topics") <= 2000)
       AND ("answer_message" IS NULL OR char_length("answer_message") <= 2000)),
  ADD CONSTRAINT "meeting_requests_version_check" CHECK ("version" >= 1);

-- One open request per asking party: a second one while the first waits is refused (409),
-- also when two arrive at once.
CREATE UNIQUE INDEX "meeting_requests_one_open_idx"
  ON "meeting_requests"("workspace_id", "requested_by_party")
  WHERE "decision" IS NULL;
