-- CreateEnum
CREATE TYPE "Commitment" AS ENUM ('ONE_OFF', 'OCCASIONAL', 'MONTHLY', 'WEEKLY');

-- CreateEnum
CREATE TYPE "InterestStatus" AS ENUM ('NEW', 'CONTACTED', 'ACCEPTED', 'DECLINED');

-- CreateEnum
CREATE TYPE "ActivityRecurrence" AS ENUM ('ONCE', 'WEEKLY');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('FRIVILLIG_FREDAG', 'NETWORK_MEETING', 'COURSE', 'OTHER');

-- AlterTable
ALTER TABLE "openings" ADD COLUMN     "commitment" "Commitment" NOT NULL DEFAULT 'OCCASIONAL',
ADD COLUMN     "search_vector" tsvector;

-- CreateTable
CREATE TABLE "skill_areas" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name_da" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "skill_areas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "interests" (
    "id" SERIAL NOT NULL,
    "opening_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "message" TEXT NOT NULL DEFAULT '',
    "consented_at" TIMESTAMP(3) NOT NULL,
    "consent_version" TEXT NOT NULL,
    "status" "InterestStatus" NOT NULL DEFAULT 'NEW',
    "status_changed_at" TIMESTAMP(3),
    "withdrawal_token_hash" TEXT NOT NULL,
    "submission_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "interests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "association_invitations" (
    "id" SERIAL NOT NULL,
    "association_id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by_id" INTEGER,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "accepted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "association_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" SERIAL NOT NULL,
    "association_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "place" TEXT NOT NULL,
    "local_area_id" INTEGER,
    "accessibility_notes" TEXT NOT NULL DEFAULT '',
    "recurrence" "ActivityRecurrence" NOT NULL DEFAULT 'ONCE',
    "starts_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3),
    "repeat_until" DATE,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "id" SERIAL NOT NULL,
    "kind" "EventKind" NOT NULL DEFAULT 'OTHER',
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "place" TEXT NOT NULL,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3),
    "url" TEXT,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_OpeningToSkillArea" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_OpeningToSkillArea_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ActivityToTargetGroup" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_ActivityToTargetGroup_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "skill_areas_slug_key" ON "skill_areas"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "interests_withdrawal_token_hash_key" ON "interests"("withdrawal_token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "interests_submission_key_key" ON "interests"("submission_key");

-- CreateIndex
CREATE INDEX "interests_opening_id_created_at_idx" ON "interests"("opening_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "interests_created_at_idx" ON "interests"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "association_invitations_token_hash_key" ON "association_invitations"("token_hash");

-- CreateIndex
CREATE INDEX "association_invitations_association_id_idx" ON "association_invitations"("association_id");

-- CreateIndex
CREATE INDEX "activities_association_id_idx" ON "activities"("association_id");

-- CreateIndex
CREATE INDEX "activities_starts_at_idx" ON "activities"("starts_at");

-- CreateIndex
CREATE INDEX "events_starts_at_idx" ON "events"("starts_at");

-- CreateIndex
CREATE INDEX "_OpeningToSkillArea_B_index" ON "_OpeningToSkillArea"("B");

-- CreateIndex
CREATE INDEX "_ActivityToTargetGroup_B_index" ON "_ActivityToTargetGroup"("B");

-- CreateIndex
CREATE INDEX "openings_deadline_idx" ON "openings"("deadline");

-- CreateIndex
CREATE INDEX "openings_search_vector_idx" ON "openings" USING GIN ("search_vector");

-- AddForeignKey
ALTER TABLE "interests" ADD CONSTRAINT "interests_opening_id_fkey" FOREIGN KEY ("opening_id") REFERENCES "openings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "association_invitations" ADD CONSTRAINT "association_invitations_association_id_fkey" FOREIGN KEY ("association_id") REFERENCES "associations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "association_invitations" ADD CONSTRAINT "association_invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_association_id_fkey" FOREIGN KEY ("association_id") REFERENCES "associations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_local_area_id_fkey" FOREIGN KEY ("local_area_id") REFERENCES "local_areas"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_OpeningToSkillArea" ADD CONSTRAINT "_OpeningToSkillArea_A_fkey" FOREIGN KEY ("A") REFERENCES "openings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_OpeningToSkillArea" ADD CONSTRAINT "_OpeningToSkillArea_B_fkey" FOREIGN KEY ("B") REFERENCES "skill_areas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ActivityToTargetGroup" ADD CONSTRAINT "_ActivityToTargetGroup_A_fkey" FOREIGN KEY ("A") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ActivityToTargetGroup" ADD CONSTRAINT "_ActivityToTargetGroup_B_fkey" FOREIGN KEY ("B") REFERENCES "target_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search on openings with the `danish` configuration (stemming:
-- "lektiehjælper" finds "lektiehjælp"). Written by hand: Prisma does not model
-- functions or triggers, so schema diffs leave them alone. Weights: title A,
-- summary B, tasks and skills C, description and place D.
CREATE FUNCTION openings_search_vector_update() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('danish', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('danish', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('danish', coalesce(NEW.tasks, '') || ' ' || coalesce(NEW.skills, '')), 'C') ||
    setweight(to_tsvector('danish', coalesce(NEW.description, '') || ' ' || coalesce(NEW.place, '')), 'D');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER openings_search_vector_update
  BEFORE INSERT OR UPDATE OF title, summary, description, tasks, skills, place ON "openings"
  FOR EACH ROW EXECUTE FUNCTION openings_search_vector_update();

-- Existing rows get their document now.
UPDATE "openings" SET "title" = "title";
