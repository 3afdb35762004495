-- CreateTable
CREATE TABLE "agreement_template_versions" (
    "id" SERIAL NOT NULL,
    "number" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agreement_template_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_template_sections" (
    "id" SERIAL NOT NULL,
    "version_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "title_da" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "guidance_da" TEXT NOT NULL DEFAULT '',
    "guidance_en" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "agreement_template_sections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_checklist_items" (
    "id" SERIAL NOT NULL,
    "version_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "text_da" TEXT NOT NULL,
    "text_en" TEXT NOT NULL,
    "guidance_da" TEXT NOT NULL DEFAULT '',
    "guidance_en" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "agreement_checklist_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agreement_template_versions_number_key" ON "agreement_template_versions"("number");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_template_sections_version_id_key_key" ON "agreement_template_sections"("version_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_checklist_items_version_id_key_key" ON "agreement_checklist_items"("version_id", "key");

-- AddForeignKey
ALTER TABLE "agreement_template_versions" ADD CONSTRAINT "agreement_template_versions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_template_sections" ADD CONSTRAINT "agreement_template_sections_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "agreement_template_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agreement_checklist_items" ADD CONSTRAINT "agreement_checklist_items_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "agreement_template_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
