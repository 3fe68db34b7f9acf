-- People and organisations become real (issue 12): a case opened for a person waits for her
-- answer (case_openings), staff are invited to their organisation (account_invitations),
-- passwords can be reset (password_resets), e-mail goes through a transactional outbox
-- (mail_outbox), another party's participation waits for the patient's approval, and a
-- participant's removal records who removed them.
CREATE TYPE "case_opening_status" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN');
CREATE TYPE "mail_status" AS ENUM ('PENDING', 'SENT', 'FAILED');

ALTER TABLE "users" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'sv',
  ADD CONSTRAINT "users_language" CHECK ("language" IN ('sv', 'en'));

ALTER TABLE "participants" ADD COLUMN "removed_by_id" UUID;
ALTER TABLE "participants" ADD CONSTRAINT "participants_removed_by_id_fkey" FOREIGN KEY ("removed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "participants_removed_by_id_idx" ON "participants"("removed_by_id");

ALTER TABLE "invitations"
  ADD COLUMN "revoked_by_id" UUID,
  ADD COLUMN "approval_required" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "approved_at" TIMESTAMPTZ(3);
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "invitations_revoked_by_id_idx" ON "invitations"("revoked_by_id");

CREATE TABLE "case_openings" (
    "id" UUID NOT NULL,
    "personnummer" CHAR(12) NOT NULL,
    "patient_name" TEXT NOT NULL,
    "patient_email" TEXT NOT NULL,
    "acting_organisation_id" UUID NOT NULL,
    "creator_role" "role" NOT NULL,
    "employer_organisation_id" UUID,
    "sick_period_start" DATE NOT NULL,
    "earlier_sick_days" INTEGER NOT NULL DEFAULT 0,
    "expected_length_days" INTEGER,
    "sick_leave_degree" INTEGER,
    "token_hash" TEXT NOT NULL,
    "status" "case_opening_status" NOT NULL DEFAULT 'PENDING',
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    CONSTRAINT "case_openings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "case_openings_personnummer_format" CHECK ("personnummer" ~ '^[0-9]{12}$'),
    CONSTRAINT "case_openings_email_lower_case" CHECK ("patient_email" = lower("patient_email")),
    CONSTRAINT "case_openings_decided_at" CHECK (("status" = 'PENDING') = ("decided_at" IS NULL)),
    CONSTRAINT "case_openings_sick_leave_degree" CHECK ("sick_leave_degree" IN (25, 50, 75, 100)),
    CONSTRAINT "case_openings_earlier_sick_days" CHECK ("earlier_sick_days" >= 0)
);
CREATE UNIQUE INDEX "case_openings_token_hash_key" ON "case_openings"("token_hash");
CREATE INDEX "case_openings_personnummer_status_idx" ON "case_openings"("personnummer", "status");
CREATE INDEX "case_openings_created_by_id_idx" ON "case_openings"("created_by_id");
CREATE INDEX "case_openings_acting_organisation_id_idx" ON "case_openings"("acting_organisation_id");
CREATE INDEX "case_openings_employer_organisation_id_idx" ON "case_openings"("employer_organisation_id");
ALTER TABLE "case_openings" ADD CONSTRAINT "case_openings_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "case_openings" ADD CONSTRAINT "case_openings_acting_organisation_id_fkey" FOREIGN KEY ("acting_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "case_openings" ADD CONSTRAINT "case_openings_employer_organisation_id_fkey" FOREIGN KEY ("employer_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "account_invitations" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organisation_id" UUID NOT NULL,
    "roles" "role"[],
    "token_hash" TEXT NOT NULL,
    "invited_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_user_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "account_invitations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "account_invitations_email_lower_case" CHECK ("email" = lower("email")),
    CONSTRAINT "account_invitations_roles_named" CHECK ("roles" IS NOT NULL AND cardinality("roles") > 0)
);
CREATE UNIQUE INDEX "account_invitations_token_hash_key" ON "account_invitations"("token_hash");
CREATE INDEX "account_invitations_organisation_id_idx" ON "account_invitations"("organisation_id");
CREATE INDEX "account_invitations_email_idx" ON "account_invitations"("email");
CREATE INDEX "account_invitations_invited_by_id_idx" ON "account_invitations"("invited_by_id");
CREATE INDEX "account_invitations_accepted_by_user_id_idx" ON "account_invitations"("accepted_by_user_id");
ALTER TABLE "account_invitations" ADD CONSTRAINT "account_invitations_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "account_invitations" ADD CONSTRAINT "account_invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "account_invitations" ADD CONSTRAINT "account_invitations_accepted_by_user_id_fkey" FOREIGN KEY ("accepted_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "password_resets" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    CONSTRAINT "password_resets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets"("token_hash");
CREATE INDEX "password_resets_user_id_idx" ON "password_resets"("user_id");
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "mail_outbox" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'sv',
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT NOT NULL,
    "status" "mail_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    CONSTRAINT "mail_outbox_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "mail_outbox_attempts" CHECK ("attempts" >= 0),
    CONSTRAINT "mail_outbox_sent_at" CHECK (("status" = 'SENT') = ("sent_at" IS NOT NULL))
);
CREATE INDEX "mail_outbox_status_next_attempt_at_idx" ON "mail_outbox"("status", "next_attempt_at");
