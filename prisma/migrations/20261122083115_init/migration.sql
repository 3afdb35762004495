-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ASSOCIATION_MEMBER', 'STAFF', 'ADMIN');

-- CreateEnum
CREATE TYPE "AssociationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "OrganisationType" AS ENUM ('ASSOCIATION', 'SELF_ORGANISED_GROUP', 'NETWORK', 'VOLUNTEER_CENTRE', 'EVENING_SCHOOL', 'CHURCH', 'COMPANY', 'MUNICIPAL_INSTITUTION', 'OTHER');

-- CreateEnum
CREATE TYPE "VolunteeringForm" AS ENUM ('ONGOING', 'EPISODIC', 'PROGRAMME', 'SELF_ORGANISED');

-- CreateEnum
CREATE TYPE "OpeningStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CLOSED');

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMP(3),
    "password_changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "municipality_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "logo_url" TEXT,
    "contact_email" TEXT NOT NULL,
    "contact_phone" TEXT,
    "address" TEXT,
    "website_url" TEXT,
    "interest_retention_months" INTEGER NOT NULL DEFAULT 12,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "municipality_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "local_areas" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name_da" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "local_areas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fields_of_work" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name_da" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "fields_of_work_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target_groups" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name_da" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "target_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "associations" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organisation_type" "OrganisationType" NOT NULL,
    "status" "AssociationStatus" NOT NULL DEFAULT 'PENDING',
    "description" TEXT NOT NULL,
    "website_url" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "contact_name" TEXT,
    "cvr" TEXT,
    "local_area_id" INTEGER,
    "rejection_reason" TEXT,
    "approved_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "associations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "association_members" (
    "association_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "association_members_pkey" PRIMARY KEY ("association_id","user_id")
);

-- CreateTable
CREATE TABLE "openings" (
    "id" SERIAL NOT NULL,
    "association_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "tasks" TEXT NOT NULL DEFAULT '',
    "form" "VolunteeringForm" NOT NULL,
    "time_commitment" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "local_area_id" INTEGER,
    "skills" TEXT NOT NULL DEFAULT '',
    "child_certificate_required" BOOLEAN NOT NULL DEFAULT false,
    "starts_on" DATE,
    "ends_on" DATE,
    "deadline" DATE,
    "contact_name" TEXT NOT NULL,
    "contact_email" TEXT NOT NULL,
    "contact_phone" TEXT,
    "status" "OpeningStatus" NOT NULL DEFAULT 'DRAFT',
    "published_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "openings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "sid" VARCHAR NOT NULL,
    "sess" JSON NOT NULL,
    "expire" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("sid")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" INTEGER,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "request_id" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_AssociationToFieldOfWork" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_AssociationToFieldOfWork_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_OpeningToTargetGroup" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_OpeningToTargetGroup_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "local_areas_slug_key" ON "local_areas"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "fields_of_work_slug_key" ON "fields_of_work"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "target_groups_slug_key" ON "target_groups"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "associations_slug_key" ON "associations"("slug");

-- CreateIndex
CREATE INDEX "associations_status_idx" ON "associations"("status");

-- CreateIndex
CREATE INDEX "association_members_user_id_idx" ON "association_members"("user_id");

-- CreateIndex
CREATE INDEX "openings_association_id_idx" ON "openings"("association_id");

-- CreateIndex
CREATE INDEX "openings_status_published_at_idx" ON "openings"("status", "published_at" DESC);

-- CreateIndex
CREATE INDEX "IDX_session_expire" ON "session"("expire");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_actor_user_id_idx" ON "audit_log"("actor_user_id");

-- CreateIndex
CREATE INDEX "_AssociationToFieldOfWork_B_index" ON "_AssociationToFieldOfWork"("B");

-- CreateIndex
CREATE INDEX "_OpeningToTargetGroup_B_index" ON "_OpeningToTargetGroup"("B");

-- AddForeignKey
ALTER TABLE "associations" ADD CONSTRAINT "associations_local_area_id_fkey" FOREIGN KEY ("local_area_id") REFERENCES "local_areas"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "association_members" ADD CONSTRAINT "association_members_association_id_fkey" FOREIGN KEY ("association_id") REFERENCES "associations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "association_members" ADD CONSTRAINT "association_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "openings" ADD CONSTRAINT "openings_association_id_fkey" FOREIGN KEY ("association_id") REFERENCES "associations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "openings" ADD CONSTRAINT "openings_local_area_id_fkey" FOREIGN KEY ("local_area_id") REFERENCES "local_areas"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_AssociationToFieldOfWork" ADD CONSTRAINT "_AssociationToFieldOfWork_A_fkey" FOREIGN KEY ("A") REFERENCES "associations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_AssociationToFieldOfWork" ADD CONSTRAINT "_AssociationToFieldOfWork_B_fkey" FOREIGN KEY ("B") REFERENCES "fields_of_work"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_OpeningToTargetGroup" ADD CONSTRAINT "_OpeningToTargetGroup_A_fkey" FOREIGN KEY ("A") REFERENCES "openings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_OpeningToTargetGroup" ADD CONSTRAINT "_OpeningToTargetGroup_B_fkey" FOREIGN KEY ("B") REFERENCES "target_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;
