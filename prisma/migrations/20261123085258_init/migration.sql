-- CreateEnum
CREATE TYPE "party" AS ENUM ('PATIENT', 'EMPLOYER', 'CARE', 'FK', 'AF', 'OCCUPATIONAL_HEALTH');

-- CreateEnum
CREATE TYPE "category" AS ENUM ('PLAN', 'TASKS', 'MEETINGS', 'MEETING_NOTES', 'DOCUMENTS', 'MEDICAL');

-- CreateEnum
CREATE TYPE "organisation_kind" AS ENUM ('CARE_UNIT', 'EMPLOYER', 'OCCUPATIONAL_HEALTH', 'FK', 'AF');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('DOCTOR', 'COORDINATOR', 'THERAPIST', 'MANAGER', 'HR', 'FHV_CONSULTANT', 'CASE_OFFICER', 'ORG_ADMIN');

-- CreateEnum
CREATE TYPE "workspace_status" AS ENUM ('ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "measure_kind" AS ENUM ('WORKPLACE_ADAPTATION', 'WORK_TRAINING', 'RELOCATION', 'WORK_AID', 'TRAINING', 'OCCUPATIONAL_HEALTH', 'TREATMENT', 'REHABILITATION', 'COORDINATION', 'LABOUR_MARKET', 'OTHER');

-- CreateEnum
CREATE TYPE "measure_status" AS ENUM ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "measure_category" AS ENUM ('PLAN', 'MEDICAL');

-- CreateEnum
CREATE TYPE "meeting_kind" AS ENUM ('AVSTAMNINGSMOTE', 'SASSAM', 'GEMENSAM_KARTLAGGNING', 'OMSTALLNINGSMOTE', 'WORKPLACE_REHAB', 'FOLLOW_UP');

-- CreateEnum
CREATE TYPE "meeting_status" AS ENUM ('PROPOSED', 'SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "slot_answer" AS ENUM ('YES', 'NO', 'MAYBE');

-- CreateEnum
CREATE TYPE "task_status" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "audit_outcome" AS ENUM ('ALLOWED', 'DENIED');

-- CreateTable
CREATE TABLE "organisations" (
    "id" UUID NOT NULL,
    "kind" "organisation_kind" NOT NULL,
    "name" TEXT NOT NULL,
    "hsa_id" TEXT,
    "organisationsnummer" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "personnummer" CHAR(12),
    "hsa_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "disabled_at" TIMESTAMPTZ(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_identities" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMPTZ(3),

    CONSTRAINT "user_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "role" "role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "family_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "replaced_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_agent" TEXT,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workspaces" (
    "id" UUID NOT NULL,
    "patient_user_id" UUID NOT NULL,
    "employer_organisation_id" UUID,
    "sick_period_start" DATE NOT NULL,
    "earlier_sick_days" INTEGER NOT NULL DEFAULT 0,
    "expected_length_days" INTEGER,
    "sick_leave_degree" INTEGER,
    "status" "workspace_status" NOT NULL DEFAULT 'ACTIVE',
    "plan_not_needed_reason" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "last_event_seq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "workspaces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participants" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "party" "party" NOT NULL,
    "organisation_id" UUID,
    "role" "role",
    "added_by_id" UUID,
    "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(3),

    CONSTRAINT "participants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "party" "party" NOT NULL,
    "organisation_id" UUID,
    "role" "role",
    "token_hash" TEXT NOT NULL,
    "invited_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_user_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consents" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "party" "party" NOT NULL,
    "categories" "category"[],
    "kind" TEXT NOT NULL DEFAULT 'SECRECY_WAIVER',
    "legal_note" TEXT,
    "medical_to_employer_confirmed" BOOLEAN NOT NULL DEFAULT false,
    "granted_by_id" UUID NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,

    CONSTRAINT "consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plans" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "goal" TEXT,
    "expected_return_date" DATE,
    "expected_return_basis" TEXT,
    "contact_arrangements" TEXT,
    "patient_view" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_signoffs" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "user_id" UUID NOT NULL,
    "party" "party" NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_signoffs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_revisions" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "diff" JSONB NOT NULL,
    "author_id" UUID NOT NULL,
    "author_party" "party" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_measures" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "owner_party" "party" NOT NULL,
    "kind" "measure_kind" NOT NULL,
    "category" "measure_category" NOT NULL DEFAULT 'PLAN',
    "title" TEXT NOT NULL,
    "description" TEXT,
    "responsible_name" TEXT,
    "start_date" DATE,
    "end_date" DATE,
    "status" "measure_status" NOT NULL DEFAULT 'PLANNED',
    "follow_up_date" DATE,
    "position" INTEGER NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plan_measures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sick_leave_steps" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "degree" INTEGER NOT NULL,
    "from_date" DATE NOT NULL,
    "to_date" DATE,
    "position" INTEGER NOT NULL,

    CONSTRAINT "sick_leave_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_follow_ups" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "description" TEXT NOT NULL,
    "owner_party" "party",
    "done" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "plan_follow_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meetings" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "kind" "meeting_kind" NOT NULL,
    "title" TEXT NOT NULL,
    "agenda" TEXT,
    "status" "meeting_status" NOT NULL DEFAULT 'PROPOSED',
    "organiser_id" UUID NOT NULL,
    "organiser_party" "party" NOT NULL,
    "location" TEXT,
    "video_url" TEXT,
    "scheduled_slot_id" UUID,
    "ics_sequence" INTEGER NOT NULL DEFAULT 0,
    "ics_uid" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancel_reason" TEXT,

    CONSTRAINT "meetings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_invitees" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "meeting_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_invitees_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_slots" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "meeting_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "meeting_slots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slot_responses" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "meeting_id" UUID NOT NULL,
    "slot_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "answer" "slot_answer" NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slot_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_notes" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "meeting_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "author_party" "party" NOT NULL,
    "category" "category" NOT NULL DEFAULT 'MEETING_NOTES',
    "situation" TEXT,
    "work_capacity" TEXT,
    "rehabilitation_needs" TEXT,
    "decisions" JSONB NOT NULL DEFAULT '[]',
    "next_steps" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "meeting_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "status" "task_status" NOT NULL DEFAULT 'OPEN',
    "category" "category" NOT NULL DEFAULT 'TASKS',
    "assignee_participant_id" UUID,
    "assignee_party" "party",
    "due_date" DATE,
    "measure_id" UUID,
    "meeting_id" UUID,
    "note_id" UUID,
    "deadline_key" TEXT,
    "created_by_id" UUID,
    "created_by_party" "party",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'OTHER',
    "category" "category" NOT NULL DEFAULT 'DOCUMENTS',
    "current_version" INTEGER NOT NULL DEFAULT 1,
    "uploaded_by_id" UUID NOT NULL,
    "uploader_party" "party" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),
    "deleted_by_id" UUID,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_versions" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storage_key" TEXT NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "uploader_party" "party" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workspace_events" (
    "workspace_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "category" "category",
    "actor_user_id" UUID,
    "actor_party" "party",
    "subject_type" TEXT,
    "subject_id" UUID,
    "author_party" "party",
    "assignee_party" "party",
    "assignee_participant_id" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workspace_events_pkey" PRIMARY KEY ("workspace_id","seq")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "request_id" TEXT,
    "actor_user_id" UUID,
    "actor_party" "party",
    "actor_organisation_id" UUID,
    "action" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT,
    "workspace_id" UUID,
    "outcome" "audit_outcome" NOT NULL,
    "reason" TEXT,
    "ip" TEXT,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisations_hsa_id_key" ON "organisations"("hsa_id");

-- CreateIndex
CREATE UNIQUE INDEX "organisations_organisationsnummer_key" ON "organisations"("organisationsnummer");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_personnummer_key" ON "users"("personnummer");

-- CreateIndex
CREATE UNIQUE INDEX "users_hsa_id_key" ON "users"("hsa_id");

-- CreateIndex
CREATE INDEX "user_identities_user_id_idx" ON "user_identities"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_identities_issuer_subject_key" ON "user_identities"("issuer", "subject");

-- CreateIndex
CREATE INDEX "memberships_organisation_id_idx" ON "memberships"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_user_id_organisation_id_role_key" ON "memberships"("user_id", "organisation_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_replaced_by_id_key" ON "refresh_tokens"("replaced_by_id");

-- CreateIndex
CREATE INDEX "refresh_tokens_user_id_idx" ON "refresh_tokens"("user_id");

-- CreateIndex
CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens"("family_id");

-- CreateIndex
CREATE INDEX "workspaces_patient_user_id_idx" ON "workspaces"("patient_user_id");

-- CreateIndex
CREATE INDEX "workspaces_employer_organisation_id_idx" ON "workspaces"("employer_organisation_id");

-- CreateIndex
CREATE INDEX "workspaces_created_by_id_idx" ON "workspaces"("created_by_id");

-- CreateIndex
CREATE INDEX "participants_user_id_idx" ON "participants"("user_id");

-- CreateIndex
CREATE INDEX "participants_organisation_id_idx" ON "participants"("organisation_id");

-- CreateIndex
CREATE INDEX "participants_added_by_id_idx" ON "participants"("added_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "participants_id_workspace_id_key" ON "participants"("id", "workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "participants_workspace_id_user_id_key" ON "participants"("workspace_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_workspace_id_email_idx" ON "invitations"("workspace_id", "email");

-- CreateIndex
CREATE INDEX "invitations_organisation_id_idx" ON "invitations"("organisation_id");

-- CreateIndex
CREATE INDEX "invitations_invited_by_id_idx" ON "invitations"("invited_by_id");

-- CreateIndex
CREATE INDEX "invitations_accepted_by_user_id_idx" ON "invitations"("accepted_by_user_id");

-- CreateIndex
CREATE INDEX "consents_workspace_id_party_idx" ON "consents"("workspace_id", "party");

-- CreateIndex
CREATE INDEX "consents_granted_by_id_idx" ON "consents"("granted_by_id");

-- CreateIndex
CREATE INDEX "consents_revoked_by_id_idx" ON "consents"("revoked_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "plans_workspace_id_key" ON "plans"("workspace_id");

-- CreateIndex
CREATE INDEX "plans_created_by_id_idx" ON "plans"("created_by_id");

-- CreateIndex
CREATE INDEX "plans_updated_by_id_idx" ON "plans"("updated_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "plans_id_workspace_id_key" ON "plans"("id", "workspace_id");

-- CreateIndex
CREATE INDEX "plan_signoffs_workspace_id_idx" ON "plan_signoffs"("workspace_id");

-- CreateIndex
CREATE INDEX "plan_signoffs_plan_id_workspace_id_idx" ON "plan_signoffs"("plan_id", "workspace_id");

-- CreateIndex
CREATE INDEX "plan_signoffs_user_id_idx" ON "plan_signoffs"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_signoffs_plan_id_version_user_id_key" ON "plan_signoffs"("plan_id", "version", "user_id");

-- CreateIndex
CREATE INDEX "plan_revisions_workspace_id_idx" ON "plan_revisions"("workspace_id");

-- CreateIndex
CREATE INDEX "plan_revisions_plan_id_workspace_id_idx" ON "plan_revisions"("plan_id", "workspace_id");

-- CreateIndex
CREATE INDEX "plan_revisions_author_id_idx" ON "plan_revisions"("author_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_revisions_plan_id_number_key" ON "plan_revisions"("plan_id", "number");

-- CreateIndex
CREATE INDEX "plan_measures_workspace_id_idx" ON "plan_measures"("workspace_id");

-- CreateIndex
CREATE INDEX "plan_measures_plan_id_workspace_id_idx" ON "plan_measures"("plan_id", "workspace_id");

-- CreateIndex
CREATE INDEX "plan_measures_created_by_id_idx" ON "plan_measures"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_measures_id_workspace_id_key" ON "plan_measures"("id", "workspace_id");

-- CreateIndex
CREATE INDEX "sick_leave_steps_workspace_id_idx" ON "sick_leave_steps"("workspace_id");

-- CreateIndex
CREATE INDEX "sick_leave_steps_plan_id_workspace_id_idx" ON "sick_leave_steps"("plan_id", "workspace_id");

-- CreateIndex
CREATE INDEX "plan_follow_ups_workspace_id_idx" ON "plan_follow_ups"("workspace_id");

-- CreateIndex
CREATE INDEX "plan_follow_ups_plan_id_workspace_id_idx" ON "plan_follow_ups"("plan_id", "workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "meetings_ics_uid_key" ON "meetings"("ics_uid");

-- CreateIndex
CREATE INDEX "meetings_workspace_id_idx" ON "meetings"("workspace_id");

-- CreateIndex
CREATE INDEX "meetings_organiser_id_idx" ON "meetings"("organiser_id");

-- CreateIndex
CREATE INDEX "meetings_scheduled_slot_id_id_idx" ON "meetings"("scheduled_slot_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "meetings_id_workspace_id_key" ON "meetings"("id", "workspace_id");

-- CreateIndex
CREATE INDEX "meeting_invitees_workspace_id_idx" ON "meeting_invitees"("workspace_id");

-- CreateIndex
CREATE INDEX "meeting_invitees_meeting_id_workspace_id_idx" ON "meeting_invitees"("meeting_id", "workspace_id");

-- CreateIndex
CREATE INDEX "meeting_invitees_participant_id_workspace_id_idx" ON "meeting_invitees"("participant_id", "workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_invitees_meeting_id_participant_id_key" ON "meeting_invitees"("meeting_id", "participant_id");

-- CreateIndex
CREATE INDEX "meeting_slots_workspace_id_idx" ON "meeting_slots"("workspace_id");

-- CreateIndex
CREATE INDEX "meeting_slots_meeting_id_workspace_id_idx" ON "meeting_slots"("meeting_id", "workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_slots_id_workspace_id_key" ON "meeting_slots"("id", "workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_slots_id_meeting_id_key" ON "meeting_slots"("id", "meeting_id");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_slots_id_meeting_id_workspace_id_key" ON "meeting_slots"("id", "meeting_id", "workspace_id");

-- CreateIndex
CREATE INDEX "slot_responses_workspace_id_idx" ON "slot_responses"("workspace_id");

-- CreateIndex
CREATE INDEX "slot_responses_meeting_id_workspace_id_idx" ON "slot_responses"("meeting_id", "workspace_id");

-- CreateIndex
CREATE INDEX "slot_responses_slot_id_meeting_id_workspace_id_idx" ON "slot_responses"("slot_id", "meeting_id", "workspace_id");

-- CreateIndex
CREATE INDEX "slot_responses_participant_id_workspace_id_idx" ON "slot_responses"("participant_id", "workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "slot_responses_slot_id_participant_id_key" ON "slot_responses"("slot_id", "participant_id");

-- CreateIndex
CREATE INDEX "meeting_notes_workspace_id_idx" ON "meeting_notes"("workspace_id");

-- CreateIndex
CREATE INDEX "meeting_notes_meeting_id_workspace_id_idx" ON "meeting_notes"("meeting_id", "workspace_id");

-- CreateIndex
CREATE INDEX "meeting_notes_author_id_idx" ON "meeting_notes"("author_id");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_notes_id_workspace_id_key" ON "meeting_notes"("id", "workspace_id");

-- CreateIndex
CREATE INDEX "tasks_workspace_id_status_idx" ON "tasks"("workspace_id", "status");

-- CreateIndex
CREATE INDEX "tasks_assignee_participant_id_workspace_id_idx" ON "tasks"("assignee_participant_id", "workspace_id");

-- CreateIndex
CREATE INDEX "tasks_measure_id_workspace_id_idx" ON "tasks"("measure_id", "workspace_id");

-- CreateIndex
CREATE INDEX "tasks_meeting_id_workspace_id_idx" ON "tasks"("meeting_id", "workspace_id");

-- CreateIndex
CREATE INDEX "tasks_note_id_workspace_id_idx" ON "tasks"("note_id", "workspace_id");

-- CreateIndex
CREATE INDEX "tasks_created_by_id_idx" ON "tasks"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_workspace_id_deadline_key_key" ON "tasks"("workspace_id", "deadline_key");

-- CreateIndex
CREATE INDEX "documents_workspace_id_idx" ON "documents"("workspace_id");

-- CreateIndex
CREATE INDEX "documents_uploaded_by_id_idx" ON "documents"("uploaded_by_id");

-- CreateIndex
CREATE INDEX "documents_deleted_by_id_idx" ON "documents"("deleted_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "documents_id_workspace_id_key" ON "documents"("id", "workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "document_versions_storage_key_key" ON "document_versions"("storage_key");

-- CreateIndex
CREATE INDEX "document_versions_workspace_id_idx" ON "document_versions"("workspace_id");

-- CreateIndex
CREATE INDEX "document_versions_document_id_workspace_id_idx" ON "document_versions"("document_id", "workspace_id");

-- CreateIndex
CREATE INDEX "document_versions_uploaded_by_id_idx" ON "document_versions"("uploaded_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "document_versions_document_id_version_key" ON "document_versions"("document_id", "version");

-- CreateIndex
CREATE INDEX "workspace_events_actor_user_id_idx" ON "workspace_events"("actor_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_hash_key" ON "audit_log"("hash");

-- CreateIndex
CREATE INDEX "audit_log_workspace_id_at_idx" ON "audit_log"("workspace_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_actor_user_id_at_idx" ON "audit_log"("actor_user_id", "at");

-- AddForeignKey
ALTER TABLE "user_identities" ADD CONSTRAINT "user_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_replaced_by_id_fkey" FOREIGN KEY ("replaced_by_id") REFERENCES "refresh_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_patient_user_id_fkey" FOREIGN KEY ("patient_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_employer_organisation_id_fkey" FOREIGN KEY ("employer_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participants" ADD CONSTRAINT "participants_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participants" ADD CONSTRAINT "participants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participants" ADD CONSTRAINT "participants_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participants" ADD CONSTRAINT "participants_added_by_id_fkey" FOREIGN KEY ("added_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_user_id_fkey" FOREIGN KEY ("accepted_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consents" ADD CONSTRAINT "consents_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consents" ADD CONSTRAINT "consents_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consents" ADD CONSTRAINT "consents_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_signoffs" ADD CONSTRAINT "plan_signoffs_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_signoffs" ADD CONSTRAINT "plan_signoffs_plan_id_workspace_id_fkey" FOREIGN KEY ("plan_id", "workspace_id") REFERENCES "plans"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_signoffs" ADD CONSTRAINT "plan_signoffs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_plan_id_workspace_id_fkey" FOREIGN KEY ("plan_id", "workspace_id") REFERENCES "plans"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_plan_id_workspace_id_fkey" FOREIGN KEY ("plan_id", "workspace_id") REFERENCES "plans"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sick_leave_steps" ADD CONSTRAINT "sick_leave_steps_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sick_leave_steps" ADD CONSTRAINT "sick_leave_steps_plan_id_workspace_id_fkey" FOREIGN KEY ("plan_id", "workspace_id") REFERENCES "plans"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_follow_ups" ADD CONSTRAINT "plan_follow_ups_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_follow_ups" ADD CONSTRAINT "plan_follow_ups_plan_id_workspace_id_fkey" FOREIGN KEY ("plan_id", "workspace_id") REFERENCES "plans"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_organiser_id_fkey" FOREIGN KEY ("organiser_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_scheduled_slot_id_id_fkey" FOREIGN KEY ("scheduled_slot_id", "id") REFERENCES "meeting_slots"("id", "meeting_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_meeting_id_workspace_id_fkey" FOREIGN KEY ("meeting_id", "workspace_id") REFERENCES "meetings"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_participant_id_workspace_id_fkey" FOREIGN KEY ("participant_id", "workspace_id") REFERENCES "participants"("id", "workspace_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_slots" ADD CONSTRAINT "meeting_slots_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_slots" ADD CONSTRAINT "meeting_slots_meeting_id_workspace_id_fkey" FOREIGN KEY ("meeting_id", "workspace_id") REFERENCES "meetings"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot_responses" ADD CONSTRAINT "slot_responses_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot_responses" ADD CONSTRAINT "slot_responses_meeting_id_workspace_id_fkey" FOREIGN KEY ("meeting_id", "workspace_id") REFERENCES "meetings"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot_responses" ADD CONSTRAINT "slot_responses_slot_id_meeting_id_workspace_id_fkey" FOREIGN KEY ("slot_id", "meeting_id", "workspace_id") REFERENCES "meeting_slots"("id", "meeting_id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot_responses" ADD CONSTRAINT "slot_responses_participant_id_workspace_id_fkey" FOREIGN KEY ("participant_id", "workspace_id") REFERENCES "participants"("id", "workspace_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_notes" ADD CONSTRAINT "meeting_notes_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_notes" ADD CONSTRAINT "meeting_notes_meeting_id_workspace_id_fkey" FOREIGN KEY ("meeting_id", "workspace_id") REFERENCES "meetings"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_notes" ADD CONSTRAINT "meeting_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_participant_id_workspace_id_fkey" FOREIGN KEY ("assignee_participant_id", "workspace_id") REFERENCES "participants"("id", "workspace_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_measure_id_workspace_id_fkey" FOREIGN KEY ("measure_id", "workspace_id") REFERENCES "plan_measures"("id", "workspace_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_meeting_id_workspace_id_fkey" FOREIGN KEY ("meeting_id", "workspace_id") REFERENCES "meetings"("id", "workspace_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_note_id_workspace_id_fkey" FOREIGN KEY ("note_id", "workspace_id") REFERENCES "meeting_notes"("id", "workspace_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_deleted_by_id_fkey" FOREIGN KEY ("deleted_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_id_workspace_id_fkey" FOREIGN KEY ("document_id", "workspace_id") REFERENCES "documents"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspace_events" ADD CONSTRAINT "workspace_events_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspace_events" ADD CONSTRAINT "workspace_events_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- =======================================================================================
-- Hand-written below: what schema.prisma cannot express. Prisma's migrate diff ignores
-- CHECK constraints, triggers and functions, so these never show up as drift.
-- =======================================================================================

-- Identifiers, stored normalised (libs/domain does the parsing).
ALTER TABLE "organisations"
  ADD CONSTRAINT "organisations_organisationsnummer_format" CHECK ("organisationsnummer" ~ '^[0-9]{10}$'),
  ADD CONSTRAINT "organisations_hsa_id_format" CHECK ("hsa_id" ~ '^SE(16)?[0-9]{10}-[A-Za-z0-9]+$' AND length("hsa_id") <= 31);

-- E-mail addresses are stored lower-cased, so the plain unique index is case-insensitive
-- (no citext extension needed on managed PostgreSQL).
ALTER TABLE "users"
  ADD CONSTRAINT "users_email_lower_case" CHECK ("email" = lower("email")),
  ADD CONSTRAINT "users_personnummer_format" CHECK ("personnummer" ~ '^[0-9]{12}$'),
  ADD CONSTRAINT "users_hsa_id_format" CHECK ("hsa_id" ~ '^SE(16)?[0-9]{10}-[A-Za-z0-9]+$' AND length("hsa_id") <= 31);

ALTER TABLE "invitations"
  ADD CONSTRAINT "invitations_email_lower_case" CHECK ("email" = lower("email"));

-- The workspace: degree of sick leave in whole quarters; the event counter never goes back.
ALTER TABLE "workspaces"
  ADD CONSTRAINT "workspaces_sick_leave_degree" CHECK ("sick_leave_degree" IN (25, 50, 75, 100)),
  ADD CONSTRAINT "workspaces_earlier_sick_days" CHECK ("earlier_sick_days" >= 0),
  ADD CONSTRAINT "workspaces_expected_length_days" CHECK ("expected_length_days" >= 0),
  ADD CONSTRAINT "workspaces_last_event_seq" CHECK ("last_event_seq" >= 0),
  ADD CONSTRAINT "workspaces_closed_at" CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL));

-- One patient per workspace.
CREATE UNIQUE INDEX "participants_one_patient_per_workspace" ON "participants" ("workspace_id") WHERE "party" = 'PATIENT';

-- Consents are specific secrecy waivers (OSL 12 kap. 2 §) towards a party other than the
-- patient, for named categories (never "all information"); MEDICAL reaches the employer only
-- after the explicit warning was confirmed.
ALTER TABLE "consents"
  ADD CONSTRAINT "consents_party_not_patient" CHECK ("party" <> 'PATIENT'),
  ADD CONSTRAINT "consents_categories_named" CHECK ("categories" IS NOT NULL AND cardinality("categories") > 0),
  ADD CONSTRAINT "consents_kind" CHECK ("kind" IN ('SECRECY_WAIVER')),
  ADD CONSTRAINT "consents_medical_to_employer_confirmed" CHECK ("party" <> 'EMPLOYER' OR NOT ('MEDICAL' = ANY ("categories")) OR "medical_to_employer_confirmed"),
  ADD CONSTRAINT "consents_revoked_by" CHECK (("revoked_at" IS NULL) = ("revoked_by_id" IS NULL)),
  ADD CONSTRAINT "consents_expires_after_grant" CHECK ("expires_at" IS NULL OR "expires_at" > "granted_at");

-- Consent history is kept: a consent is never edited, only revoked once (revoked_at and
-- revoked_by_id go from null to set). Deleting happens only with its workspace (cascade).
CREATE FUNCTION "consents_only_revoke"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF OLD."revoked_at" IS NOT NULL
     OR (NEW."id", NEW."workspace_id", NEW."party", NEW."categories", NEW."kind", NEW."legal_note",
         NEW."medical_to_employer_confirmed", NEW."granted_by_id", NEW."granted_at", NEW."expires_at")
        IS DISTINCT FROM
        (OLD."id", OLD."workspace_id", OLD."party", OLD."categories", OLD."kind", OLD."legal_note",
         OLD."medical_to_employer_confirmed", OLD."granted_by_id", OLD."granted_at", OLD."expires_at")
  THEN
    RAISE EXCEPTION 'consents keep their history: a consent can only be revoked, once (grant a new one instead)'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER "consents_only_revoke" BEFORE UPDATE ON "consents"
  FOR EACH ROW EXECUTE FUNCTION "consents_only_revoke"();

-- The plan.
ALTER TABLE "plans" ADD CONSTRAINT "plans_version" CHECK ("version" >= 1);
ALTER TABLE "plan_signoffs" ADD CONSTRAINT "plan_signoffs_version" CHECK ("version" >= 1);
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_number" CHECK ("number" >= 1);
ALTER TABLE "plan_measures"
  ADD CONSTRAINT "plan_measures_dates" CHECK ("end_date" IS NULL OR "start_date" IS NULL OR "end_date" >= "start_date");
ALTER TABLE "sick_leave_steps"
  ADD CONSTRAINT "sick_leave_steps_degree" CHECK ("degree" IN (0, 25, 50, 75, 100)),
  ADD CONSTRAINT "sick_leave_steps_dates" CHECK ("to_date" IS NULL OR "to_date" >= "from_date");

-- Meetings: a slot has a positive length; a scheduled meeting has its slot; cancelling is
-- recorded with its time.
ALTER TABLE "meetings"
  ADD CONSTRAINT "meetings_scheduled_has_slot" CHECK ("status" <> 'SCHEDULED' OR "scheduled_slot_id" IS NOT NULL),
  ADD CONSTRAINT "meetings_cancelled_at" CHECK (("status" = 'CANCELLED') = ("cancelled_at" IS NOT NULL)),
  ADD CONSTRAINT "meetings_ics_sequence" CHECK ("ics_sequence" >= 0),
  ADD CONSTRAINT "meetings_version" CHECK ("version" >= 1);
ALTER TABLE "meeting_slots"
  ADD CONSTRAINT "meeting_slots_end_after_start" CHECK ("ends_at" > "starts_at");
ALTER TABLE "meeting_notes"
  ADD CONSTRAINT "meeting_notes_category" CHECK ("category" IN ('MEETING_NOTES', 'MEDICAL')),
  ADD CONSTRAINT "meeting_notes_decisions_array" CHECK (jsonb_typeof("decisions") = 'array'),
  ADD CONSTRAINT "meeting_notes_next_steps_array" CHECK (jsonb_typeof("next_steps") = 'array'),
  ADD CONSTRAINT "meeting_notes_version" CHECK ("version" >= 1);

-- Tasks. (workspace_id, deadline_key) is a plain unique index in schema.prisma: NULLs are
-- distinct in PostgreSQL, so it only binds the deadline tasks, like a partial index would.
ALTER TABLE "tasks"
  ADD CONSTRAINT "tasks_category" CHECK ("category" IN ('TASKS', 'MEDICAL')),
  ADD CONSTRAINT "tasks_version" CHECK ("version" >= 1);

-- Documents.
ALTER TABLE "documents"
  ADD CONSTRAINT "documents_kind" CHECK ("kind" IN ('RETURN_TO_WORK_PLAN', 'MEDICAL_CERTIFICATE', 'MEETING_PROTOCOL', 'OTHER')),
  ADD CONSTRAINT "documents_category" CHECK ("category" IN ('DOCUMENTS', 'MEDICAL')),
  ADD CONSTRAINT "documents_current_version" CHECK ("current_version" >= 1),
  ADD CONSTRAINT "documents_deleted_by" CHECK (("deleted_at" IS NULL) = ("deleted_by_id" IS NULL));
ALTER TABLE "document_versions"
  ADD CONSTRAINT "document_versions_version" CHECK ("version" >= 1),
  ADD CONSTRAINT "document_versions_size" CHECK ("size_bytes" >= 0),
  ADD CONSTRAINT "document_versions_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$');

-- The event log: seq starts at 1 (allocated from workspaces.last_event_seq).
ALTER TABLE "workspace_events" ADD CONSTRAINT "workspace_events_seq" CHECK ("seq" >= 1);

-- The audit log is append-only: UPDATE, DELETE and TRUNCATE are refused for every role that
-- does not own the table. Entries are removed only after the retention period (at least
-- 5 years), by an operator who deliberately runs
-- ALTER TABLE audit_log DISABLE TRIGGER USER in a maintenance transaction.
CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit entries are kept unchanged for at least 5 years; write a new entry instead.';
END
$fn$;
CREATE TRIGGER "audit_log_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
