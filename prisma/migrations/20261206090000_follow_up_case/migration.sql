-- Issue 16: a new sick period 90 days or more after a case closed opens a new case that
-- links back to the closed one (the request for it waits for the person's answer).

-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "previous_workspace_id" UUID;

-- AlterTable
ALTER TABLE "case_openings" ADD COLUMN     "previous_workspace_id" UUID;

-- CreateIndex
CREATE INDEX "workspaces_previous_workspace_id_idx" ON "workspaces"("previous_workspace_id");

-- CreateIndex
CREATE INDEX "case_openings_previous_workspace_id_idx" ON "case_openings"("previous_workspace_id");

-- AddForeignKey
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_previous_workspace_id_fkey" FOREIGN KEY ("previous_workspace_id") REFERENCES "workspaces"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_openings" ADD CONSTRAINT "case_openings_previous_workspace_id_fkey" FOREIGN KEY ("previous_workspace_id") REFERENCES "workspaces"("id") ON DELETE SET NULL ON UPDATE CASCADE;
