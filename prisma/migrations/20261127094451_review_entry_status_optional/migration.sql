-- AlterTable
ALTER TABLE "plan_review_entries" ALTER COLUMN "status" DROP NOT NULL,
ALTER COLUMN "status" DROP DEFAULT;
