-- Issue 17, item 2: the employer's plan handed over to Försäkringskassan (SFB 110 kap. 14 och
-- 31 §§: FK may obtain it, the employer must give it), or to the care unit by the patient's
-- consent; FK's requests for the plan. Every row is written with its workspace event and
-- audit row in one transaction (apps/api/src/plan-handover).

-- CreateTable
CREATE TABLE "plan_handovers" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "revision_number" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "sent_by_id" UUID NOT NULL,
    "sender_party" "party" NOT NULL,
    "recipient_party" "party" NOT NULL,
    "recipient_organisation_id" UUID,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_by_id" UUID,
    "acknowledged_at" TIMESTAMPTZ(3),

    CONSTRAINT "plan_handovers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_requests" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_by_party" "party" NOT NULL,
    "asked_party" "party" NOT NULL,
    "task_id" UUID,
    "due_date" DATE NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handover_id" UUID,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "plan_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "plan_handovers_workspace_id_sent_at_idx" ON "plan_handovers"("workspace_id", "sent_at");

-- CreateIndex
CREATE INDEX "plan_handovers_plan_id_workspace_id_idx" ON "plan_handovers"("plan_id", "workspace_id");

-- CreateIndex
CREATE INDEX "plan_handovers_sent_by_id_idx" ON "plan_handovers"("sent_by_id");

-- CreateIndex
CREATE INDEX "plan_handovers_acknowledged_by_id_idx" ON "plan_handovers"("acknowledged_by_id");

-- CreateIndex
CREATE INDEX "plan_handovers_recipient_organisation_id_idx" ON "plan_handovers"("recipient_organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_handovers_id_workspace_id_key" ON "plan_handovers"("id", "workspace_id");

-- CreateIndex
CREATE INDEX "plan_requests_workspace_id_answered_at_idx" ON "plan_requests"("workspace_id", "answered_at");

-- CreateIndex
CREATE INDEX "plan_requests_requested_by_id_idx" ON "plan_requests"("requested_by_id");

-- CreateIndex
CREATE INDEX "plan_requests_handover_id_workspace_id_idx" ON "plan_requests"("handover_id", "workspace_id");

-- AddForeignKey
ALTER TABLE "plan_handovers" ADD CONSTRAINT "plan_handovers_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_handovers" ADD CONSTRAINT "plan_handovers_plan_id_workspace_id_fkey" FOREIGN KEY ("plan_id", "workspace_id") REFERENCES "plans"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_handovers" ADD CONSTRAINT "plan_handovers_sent_by_id_fkey" FOREIGN KEY ("sent_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_handovers" ADD CONSTRAINT "plan_handovers_acknowledged_by_id_fkey" FOREIGN KEY ("acknowledged_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_handovers" ADD CONSTRAINT "plan_handovers_recipient_organisation_id_fkey" FOREIGN KEY ("recipient_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_requests" ADD CONSTRAINT "plan_requests_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_requests" ADD CONSTRAINT "plan_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_requests" ADD CONSTRAINT "plan_requests_handover_id_workspace_id_fkey" FOREIGN KEY ("handover_id", "workspace_id") REFERENCES "plan_handovers"("id", "workspace_id") ON DELETE NO ACTION ON UPDATE CASCADE;


-- A version is counted from 1; only FK and the care unit receive the plan; an acknowledgement
-- names who acknowledged and when, or neither.
ALTER TABLE "plan_handovers"
  ADD CONSTRAINT "plan_handovers_version_check" CHECK ("version" >= 1 AND "revision_number" >= 1),
  ADD CONSTRAINT "plan_handovers_recipient_check" CHECK ("recipient_party" IN ('FK', 'CARE')),
  ADD CONSTRAINT "plan_handovers_acknowledged_check"
    CHECK (("acknowledged_by_id" IS NULL) = ("acknowledged_at" IS NULL));

-- A request is answered by exactly one hand-over, at the time it was sent.
ALTER TABLE "plan_requests"
  ADD CONSTRAINT "plan_requests_answered_check" CHECK (("handover_id" IS NULL) = ("answered_at" IS NULL));

-- At most one open request per asked party: a second one while the first waits is refused
-- (409), also when two arrive at once.
CREATE UNIQUE INDEX "plan_requests_one_open_idx" ON "plan_requests"("workspace_id", "asked_party")
  WHERE "handover_id" IS NULL;
