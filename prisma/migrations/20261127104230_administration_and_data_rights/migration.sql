-- AlterTable
ALTER TABLE "fields_of_work" ADD COLUMN     "retired_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "local_areas" ADD COLUMN     "retired_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "municipality_settings" ADD COLUMN     "about_da" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "about_en" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "accessibility_contact" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "accessibility_issues_da" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "accessibility_issues_en" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "accessibility_statement_date" DATE,
ADD COLUMN     "audit_retention_months" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "logo_data" BYTEA,
ADD COLUMN     "logo_type" TEXT,
ADD COLUMN     "member_inactivity_months" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "privacy_intro_da" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "privacy_intro_en" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "skill_areas" ADD COLUMN     "retired_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "target_groups" ADD COLUMN     "retired_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "inactivity_warned_at" TIMESTAMP(3),
ADD COLUMN     "totp_enabled_at" TIMESTAMP(3),
ADD COLUMN     "totp_last_step" INTEGER,
ADD COLUMN     "totp_secret" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "user_recovery_codes" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_recovery_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_invitations" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by_id" INTEGER,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "accepted_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setup_codes" (
    "id" SERIAL NOT NULL,
    "code_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "setup_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_access_links" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_access_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_recovery_codes_user_id_code_hash_key" ON "user_recovery_codes"("user_id", "code_hash");

-- CreateIndex
CREATE UNIQUE INDEX "staff_invitations_token_hash_key" ON "staff_invitations"("token_hash");

-- CreateIndex
CREATE INDEX "staff_invitations_email_idx" ON "staff_invitations"("email");

-- CreateIndex
CREATE UNIQUE INDEX "setup_codes_code_hash_key" ON "setup_codes"("code_hash");

-- CreateIndex
CREATE UNIQUE INDEX "data_access_links_token_hash_key" ON "data_access_links"("token_hash");

-- CreateIndex
CREATE INDEX "data_access_links_expires_at_idx" ON "data_access_links"("expires_at");

-- AddForeignKey
ALTER TABLE "user_recovery_codes" ADD CONSTRAINT "user_recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_invitations" ADD CONSTRAINT "staff_invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A retention period of 0 or less would delete everything at once.
ALTER TABLE "municipality_settings"
  ADD CONSTRAINT "municipality_settings_retention_positive"
  CHECK ("interest_retention_months" >= 1 AND "member_inactivity_months" >= 1 AND "audit_retention_months" >= 1);
