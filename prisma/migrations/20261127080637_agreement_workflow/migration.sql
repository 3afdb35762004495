-- CreateEnum
CREATE TYPE "AgreementAnswer" AS ENUM ('ACCEPTED', 'CHANGES_REQUESTED', 'DECLINED');

-- CreateEnum
CREATE TYPE "AgreementLinkPurpose" AS ENUM ('ANSWER', 'EVALUATE');

-- CreateEnum
CREATE TYPE "AgreementDecision" AS ENUM ('CONTINUE', 'RENEW', 'END');

-- AlterEnum
ALTER TYPE "AgreementStatus" ADD VALUE 'ACCEPTED';

-- AlterTable
ALTER TABLE "agreements" ADD COLUMN     "accepted_version" INTEGER,
ADD COLUMN     "how_to_join" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "renewed_from_id" INTEGER,
ADD COLUMN     "sent_version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "terminated_on" DATE,
ADD COLUMN     "termination_reason" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "openings" ADD COLUMN     "agreement_id" INTEGER;

-- CreateTable
CREATE TABLE "agreement_versions" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "sent_by_id" INTEGER,
    "sent_at" TIMESTAMP(3) NOT NULL,
    "accepted_at" TIMESTAMP(3),

    CONSTRAINT "agreement_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_responses" (
    "id" SERIAL NOT NULL,
    "version_id" INTEGER NOT NULL,
    "party_id" INTEGER NOT NULL,
    "answer" "AgreementAnswer" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "answered_by_id" INTEGER,
    "via_link" BOOLEAN NOT NULL DEFAULT false,
    "answered_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "agreement_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_party_links" (
    "id" SERIAL NOT NULL,
    "party_id" INTEGER NOT NULL,
    "purpose" "AgreementLinkPurpose" NOT NULL,
    "version_id" INTEGER,
    "evaluation_id" INTEGER,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "agreement_party_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_evaluations" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "review_date" DATE NOT NULL,
    "opened_at" TIMESTAMP(3) NOT NULL,
    "decision" "AgreementDecision",
    "decision_note" TEXT NOT NULL DEFAULT '',
    "decided_by_id" INTEGER,
    "decided_at" TIMESTAMP(3),
    "renewal_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "agreement_evaluations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_evaluation_answers" (
    "id" SERIAL NOT NULL,
    "evaluation_id" INTEGER NOT NULL,
    "party_id" INTEGER NOT NULL,
    "checklist" JSONB NOT NULL,
    "volunteers_involved" INTEGER,
    "citizens_reached" INTEGER,
    "outcomes" TEXT NOT NULL DEFAULT '',
    "answered_by_id" INTEGER,
    "answered_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "agreement_evaluation_answers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_reminders" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "sent_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "agreement_reminders_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agreement_versions_agreement_id_number_key" ON "agreement_versions"("agreement_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_responses_version_id_party_id_key" ON "agreement_responses"("version_id", "party_id");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_party_links_token_hash_key" ON "agreement_party_links"("token_hash");

-- CreateIndex
CREATE INDEX "agreement_party_links_party_id_idx" ON "agreement_party_links"("party_id");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_evaluations_agreement_id_review_date_key" ON "agreement_evaluations"("agreement_id", "review_date");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_evaluation_answers_evaluation_id_party_id_key" ON "agreement_evaluation_answers"("evaluation_id", "party_id");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_reminders_agreement_id_key_key" ON "agreement_reminders"("agreement_id", "key");

-- CreateIndex
CREATE INDEX "audit_log_target_type_target_id_at_idx" ON "audit_log"("target_type", "target_id", "at");

-- CreateIndex
CREATE INDEX "openings_agreement_id_idx" ON "openings"("agreement_id");

-- AddForeignKey
ALTER TABLE "openings" ADD CONSTRAINT "openings_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_renewed_from_id_fkey" FOREIGN KEY ("renewed_from_id") REFERENCES "agreements"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_sent_by_id_fkey" FOREIGN KEY ("sent_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_responses" ADD CONSTRAINT "agreement_responses_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "agreement_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_responses" ADD CONSTRAINT "agreement_responses_party_id_fkey" FOREIGN KEY ("party_id") REFERENCES "agreement_parties"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_responses" ADD CONSTRAINT "agreement_responses_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_party_links" ADD CONSTRAINT "agreement_party_links_party_id_fkey" FOREIGN KEY ("party_id") REFERENCES "agreement_parties"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_party_links" ADD CONSTRAINT "agreement_party_links_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "agreement_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_party_links" ADD CONSTRAINT "agreement_party_links_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "agreement_evaluations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_evaluations" ADD CONSTRAINT "agreement_evaluations_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_evaluations" ADD CONSTRAINT "agreement_evaluations_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_evaluation_answers" ADD CONSTRAINT "agreement_evaluation_answers_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "agreement_evaluations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_evaluation_answers" ADD CONSTRAINT "agreement_evaluation_answers_party_id_fkey" FOREIGN KEY ("party_id") REFERENCES "agreement_parties"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_evaluation_answers" ADD CONSTRAINT "agreement_evaluation_answers_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_reminders" ADD CONSTRAINT "agreement_reminders_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A sent version is what the partners were asked to accept; an accepted version is the
-- agreement in force. Neither may change: a change after sending is a new version. Only
-- accepted_at (when the last partner accepted) may be set later.
CREATE FUNCTION agreement_versions_immutable() RETURNS trigger AS $$
BEGIN
  IF NEW.agreement_id <> OLD.agreement_id OR NEW.number <> OLD.number OR NEW.content::text <> OLD.content::text
     OR NEW.note <> OLD.note OR NEW.sent_at <> OLD.sent_at THEN
    RAISE EXCEPTION 'agreement version % of agreement % is immutable', OLD.number, OLD.agreement_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER agreement_versions_immutable
  BEFORE UPDATE ON agreement_versions
  FOR EACH ROW EXECUTE FUNCTION agreement_versions_immutable();
