-- CreateEnum
CREATE TYPE "AgreementLevel" AS ENUM ('KNOWLEDGE_SHARING', 'DIALOGUE', 'SHARED_TASKS', 'PARTNERSHIP');

-- CreateEnum
CREATE TYPE "AgreementStatus" AS ENUM ('DRAFT', 'SENT', 'ACTIVE', 'ENDED', 'EVALUATED');

-- CreateEnum
CREATE TYPE "AgreementPartyKind" AS ENUM ('MUNICIPALITY', 'ASSOCIATION', 'EXTERNAL');

-- CreateTable
CREATE TABLE "agreements" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "municipal_unit" TEXT NOT NULL,
    "level" "AgreementLevel" NOT NULL,
    "status" "AgreementStatus" NOT NULL DEFAULT 'DRAFT',
    "template_version" INTEGER NOT NULL,
    "starts_on" DATE,
    "ends_on" DATE,
    "notice_months" INTEGER,
    "review_interval_months" INTEGER,
    "public_purpose" BOOLEAN NOT NULL DEFAULT true,
    "public_partners" BOOLEAN NOT NULL DEFAULT true,
    "public_level" BOOLEAN NOT NULL DEFAULT true,
    "public_how_to_join" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "agreements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_sections" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "title_da" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "guidance_da" TEXT NOT NULL DEFAULT '',
    "guidance_en" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "agreement_sections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_parties" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "kind" "AgreementPartyKind" NOT NULL,
    "association_id" INTEGER,
    "name" TEXT NOT NULL DEFAULT '',
    "contact_email" TEXT,
    "contact_name" TEXT NOT NULL DEFAULT '',
    "tasks" TEXT NOT NULL DEFAULT '',
    "contributes" TEXT NOT NULL DEFAULT '',
    "checks_child_certificates" BOOLEAN NOT NULL DEFAULT false,
    "handles_personal_data" BOOLEAN NOT NULL DEFAULT false,
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "agreement_parties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_budget_lines" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "amount_dkk" INTEGER NOT NULL,
    "paid_by" TEXT NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "agreement_budget_lines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agreements_status_idx" ON "agreements"("status");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_sections_agreement_id_key_key" ON "agreement_sections"("agreement_id", "key");

-- CreateIndex
CREATE INDEX "agreement_parties_agreement_id_idx" ON "agreement_parties"("agreement_id");

-- CreateIndex
CREATE INDEX "agreement_parties_association_id_idx" ON "agreement_parties"("association_id");

-- CreateIndex
CREATE INDEX "agreement_budget_lines_agreement_id_idx" ON "agreement_budget_lines"("agreement_id");

-- AddForeignKey
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_sections" ADD CONSTRAINT "agreement_sections_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_association_id_fkey" FOREIGN KEY ("association_id") REFERENCES "associations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_budget_lines" ADD CONSTRAINT "agreement_budget_lines_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE CASCADE;
