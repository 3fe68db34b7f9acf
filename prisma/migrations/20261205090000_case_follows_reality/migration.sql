-- Issue 16: certificates, earlier sick periods, revisions of a case's facts, closing and
-- reopening, and why the system closed a deadline task.

-- CreateEnum
CREATE TYPE "employment_status" AS ENUM ('EMPLOYED', 'UNEMPLOYED', 'SELF_EMPLOYED');

-- CreateEnum
CREATE TYPE "case_closing_reason" AS ENUM ('BACK_AT_WORK_FULL', 'SICK_LEAVE_ENDED', 'NEW_EMPLOYER', 'BENEFIT_ENDED', 'OTHER');

-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "closed_by_id" UUID,
ADD COLUMN     "closed_on" DATE,
ADD COLUMN     "closing_note" TEXT,
ADD COLUMN     "closing_reason" "case_closing_reason",
ADD COLUMN     "employment_status" "employment_status" NOT NULL DEFAULT 'EMPLOYED',
ADD COLUMN     "expected_length_basis" TEXT;

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "closed_reason" TEXT;

-- CreateTable
CREATE TABLE "certificates" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "period_from" DATE NOT NULL,
    "period_to" DATE NOT NULL,
    "degree" INTEGER NOT NULL,
    "diagnosis_code" TEXT NOT NULL,
    "diagnosis_text" TEXT NOT NULL,
    "activity_limitations" TEXT NOT NULL,
    "remaining_capacity" TEXT,
    "prognosis" TEXT,
    "recommended_measures" TEXT,
    "expected_length_days" INTEGER,
    "source" TEXT NOT NULL DEFAULT 'MANUAL',
    "external_id" TEXT,
    "author_party" "party" NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "certificates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "earlier_sick_periods" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "from_date" DATE NOT NULL,
    "to_date" DATE NOT NULL,

    CONSTRAINT "earlier_sick_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_fact_revisions" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "author_user_id" UUID NOT NULL,
    "author_party" "party" NOT NULL,
    "reason" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "certificate_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_fact_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "certificates_workspace_id_period_from_idx" ON "certificates"("workspace_id", "period_from");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_workspace_id_source_external_id_key" ON "certificates"("workspace_id", "source", "external_id");

-- CreateIndex
CREATE INDEX "earlier_sick_periods_workspace_id_idx" ON "earlier_sick_periods"("workspace_id");

-- CreateIndex
CREATE INDEX "case_fact_revisions_workspace_id_created_at_idx" ON "case_fact_revisions"("workspace_id", "created_at");

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "earlier_sick_periods" ADD CONSTRAINT "earlier_sick_periods_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_fact_revisions" ADD CONSTRAINT "case_fact_revisions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_fact_revisions" ADD CONSTRAINT "case_fact_revisions_author_user_id_fkey" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- CHECK constraints (not expressible in the Prisma schema).
ALTER TABLE "certificates"
  ADD CONSTRAINT "certificates_degree" CHECK ("degree" IN (25, 50, 75, 100)),
  ADD CONSTRAINT "certificates_period" CHECK ("period_to" >= "period_from"),
  ADD CONSTRAINT "certificates_expected_length" CHECK ("expected_length_days" IS NULL OR "expected_length_days" >= 1);
ALTER TABLE "earlier_sick_periods"
  ADD CONSTRAINT "earlier_sick_periods_period" CHECK ("to_date" >= "from_date");
-- A closed case says when and why; an open one carries no closing.
ALTER TABLE "workspaces"
  ADD CONSTRAINT "workspaces_closing" CHECK (
    ("status" = 'CLOSED') = ("closed_on" IS NOT NULL AND "closing_reason" IS NOT NULL));
