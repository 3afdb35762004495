-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'DONE', 'POSTPONED', 'DROPPED');

-- CreateEnum
CREATE TYPE "ResponsibleKind" AS ENUM ('MUNICIPAL_UNIT', 'ASSOCIATION', 'OTHER');

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('DRAFT', 'IN_COMMITTEE', 'FINALISED');

-- CreateTable
CREATE TABLE "action_plans" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "first_year" INTEGER NOT NULL,
    "last_year" INTEGER NOT NULL,
    "vision" TEXT NOT NULL DEFAULT '',
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "action_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_goals" (
    "id" SERIAL NOT NULL,
    "plan_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "volunteers_do" TEXT NOT NULL DEFAULT '',
    "municipality_does" TEXT NOT NULL DEFAULT '',
    "sdgs" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "plan_goals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_actions" (
    "id" SERIAL NOT NULL,
    "plan_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "planned_from" DATE,
    "planned_to" DATE,
    "indicator" TEXT NOT NULL DEFAULT '',
    "indicator_target" INTEGER,
    "carried_from_id" INTEGER,
    "agreement_party_id" INTEGER,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "plan_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_action_responsibles" (
    "id" SERIAL NOT NULL,
    "action_id" INTEGER NOT NULL,
    "kind" "ResponsibleKind" NOT NULL,
    "association_id" INTEGER,
    "name" TEXT NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "plan_action_responsibles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_reviews" (
    "id" SERIAL NOT NULL,
    "plan_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "state" "ReviewState" NOT NULL DEFAULT 'DRAFT',
    "meeting_date" DATE,
    "meeting_place" TEXT NOT NULL DEFAULT '',
    "participants" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "finalised_at" TIMESTAMP(3),
    "finalised_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "plan_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_review_entries" (
    "id" SERIAL NOT NULL,
    "review_id" INTEGER NOT NULL,
    "action_id" INTEGER NOT NULL,
    "status" "ActionStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "what_happened" TEXT NOT NULL DEFAULT '',
    "evidence" TEXT NOT NULL DEFAULT '',
    "next_step" TEXT NOT NULL DEFAULT '',
    "indicator_actual" INTEGER,
    "updated_by_id" INTEGER,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "plan_review_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_review_partner_entries" (
    "id" SERIAL NOT NULL,
    "review_id" INTEGER NOT NULL,
    "action_id" INTEGER NOT NULL,
    "association_id" INTEGER NOT NULL,
    "status" "ActionStatus" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "answered_by_id" INTEGER,
    "answered_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "plan_review_partner_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "committee_decisions" (
    "id" SERIAL NOT NULL,
    "review_id" INTEGER NOT NULL,
    "committee" TEXT NOT NULL,
    "meeting_date" DATE NOT NULL,
    "reference" TEXT NOT NULL DEFAULT '',
    "decision" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "committee_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_amendments" (
    "id" SERIAL NOT NULL,
    "review_id" INTEGER NOT NULL,
    "action_id" INTEGER,
    "field" TEXT NOT NULL,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "amended_by_id" INTEGER,
    "amended_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "review_amendments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_PlanActionOpenings" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_PlanActionOpenings_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_PlanActionAgreements" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_PlanActionAgreements_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_PlanActionGoals" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_PlanActionGoals_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "action_plans_slug_key" ON "action_plans"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "plan_goals_plan_id_number_key" ON "plan_goals"("plan_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "plan_actions_carried_from_id_key" ON "plan_actions"("carried_from_id");

-- CreateIndex
CREATE INDEX "plan_actions_plan_id_year_idx" ON "plan_actions"("plan_id", "year");

-- CreateIndex
CREATE INDEX "plan_action_responsibles_action_id_idx" ON "plan_action_responsibles"("action_id");

-- CreateIndex
CREATE INDEX "plan_action_responsibles_association_id_idx" ON "plan_action_responsibles"("association_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_reviews_plan_id_year_key" ON "plan_reviews"("plan_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "plan_review_entries_review_id_action_id_key" ON "plan_review_entries"("review_id", "action_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_review_partner_entries_review_id_action_id_association_key" ON "plan_review_partner_entries"("review_id", "action_id", "association_id");

-- CreateIndex
CREATE INDEX "committee_decisions_review_id_idx" ON "committee_decisions"("review_id");

-- CreateIndex
CREATE INDEX "review_amendments_review_id_idx" ON "review_amendments"("review_id");

-- CreateIndex
CREATE INDEX "_PlanActionOpenings_B_index" ON "_PlanActionOpenings"("B");

-- CreateIndex
CREATE INDEX "_PlanActionAgreements_B_index" ON "_PlanActionAgreements"("B");

-- CreateIndex
CREATE INDEX "_PlanActionGoals_B_index" ON "_PlanActionGoals"("B");

-- AddForeignKey
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "action_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "action_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_carried_from_id_fkey" FOREIGN KEY ("carried_from_id") REFERENCES "plan_actions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_agreement_party_id_fkey" FOREIGN KEY ("agreement_party_id") REFERENCES "agreement_parties"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_action_responsibles" ADD CONSTRAINT "plan_action_responsibles_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "plan_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_action_responsibles" ADD CONSTRAINT "plan_action_responsibles_association_id_fkey" FOREIGN KEY ("association_id") REFERENCES "associations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "action_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_finalised_by_id_fkey" FOREIGN KEY ("finalised_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_review_entries" ADD CONSTRAINT "plan_review_entries_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "plan_reviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_review_entries" ADD CONSTRAINT "plan_review_entries_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "plan_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_review_entries" ADD CONSTRAINT "plan_review_entries_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_review_partner_entries" ADD CONSTRAINT "plan_review_partner_entries_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "plan_reviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_review_partner_entries" ADD CONSTRAINT "plan_review_partner_entries_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "plan_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_review_partner_entries" ADD CONSTRAINT "plan_review_partner_entries_association_id_fkey" FOREIGN KEY ("association_id") REFERENCES "associations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_review_partner_entries" ADD CONSTRAINT "plan_review_partner_entries_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "committee_decisions" ADD CONSTRAINT "committee_decisions_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "plan_reviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_amendments" ADD CONSTRAINT "review_amendments_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "plan_reviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_amendments" ADD CONSTRAINT "review_amendments_amended_by_id_fkey" FOREIGN KEY ("amended_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PlanActionOpenings" ADD CONSTRAINT "_PlanActionOpenings_A_fkey" FOREIGN KEY ("A") REFERENCES "openings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PlanActionOpenings" ADD CONSTRAINT "_PlanActionOpenings_B_fkey" FOREIGN KEY ("B") REFERENCES "plan_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PlanActionAgreements" ADD CONSTRAINT "_PlanActionAgreements_A_fkey" FOREIGN KEY ("A") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PlanActionAgreements" ADD CONSTRAINT "_PlanActionAgreements_B_fkey" FOREIGN KEY ("B") REFERENCES "plan_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PlanActionGoals" ADD CONSTRAINT "_PlanActionGoals_A_fkey" FOREIGN KEY ("A") REFERENCES "plan_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PlanActionGoals" ADD CONSTRAINT "_PlanActionGoals_B_fkey" FOREIGN KEY ("B") REFERENCES "plan_goals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An amendment is the record of a correction to a finalised review: it is only added,
-- never changed.
CREATE FUNCTION review_amendments_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'review amendment % is a record and cannot be changed', OLD.id
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER review_amendments_append_only
  BEFORE UPDATE ON review_amendments
  FOR EACH ROW EXECUTE FUNCTION review_amendments_append_only();
