-- CreateEnum
CREATE TYPE "AlertFrequency" AS ENUM ('DAILY', 'WEEKLY');

-- AlterEnum
ALTER TYPE "AssociationStatus" ADD VALUE 'SUSPENDED';

-- AlterTable
ALTER TABLE "associations" ADD COLUMN     "status_changed_at" TIMESTAMP(3),
ADD COLUMN     "status_reason" TEXT;

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "local_area_id" INTEGER;

-- CreateTable
CREATE TABLE "opening_alerts" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'da',
    "query" TEXT NOT NULL,
    "frequency" "AlertFrequency" NOT NULL,
    "confirm_token_hash" TEXT,
    "unsubscribe_token" TEXT NOT NULL,
    "confirmed_at" TIMESTAMP(3),
    "sent_up_to" TIMESTAMP(3),
    "last_sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "opening_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_EventToTargetGroup" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_EventToTargetGroup_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "opening_alerts_confirm_token_hash_key" ON "opening_alerts"("confirm_token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "opening_alerts_unsubscribe_token_key" ON "opening_alerts"("unsubscribe_token");

-- CreateIndex
CREATE INDEX "opening_alerts_email_idx" ON "opening_alerts"("email");

-- CreateIndex
CREATE INDEX "opening_alerts_confirmed_at_frequency_idx" ON "opening_alerts"("confirmed_at", "frequency");

-- CreateIndex
CREATE INDEX "_EventToTargetGroup_B_index" ON "_EventToTargetGroup"("B");

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_local_area_id_fkey" FOREIGN KEY ("local_area_id") REFERENCES "local_areas"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_EventToTargetGroup" ADD CONSTRAINT "_EventToTargetGroup_A_fkey" FOREIGN KEY ("A") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_EventToTargetGroup" ADD CONSTRAINT "_EventToTargetGroup_B_fkey" FOREIGN KEY ("B") REFERENCES "target_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;
