-- Issue 18: follow-up statistics find the cases an organisation took part in from its
-- participants; with the workspace id in the index the lookup needs no table access.

-- CreateIndex
CREATE INDEX "participants_organisation_id_workspace_id_idx" ON "participants"("organisation_id", "workspace_id");
