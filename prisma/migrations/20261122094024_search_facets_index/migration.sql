-- CreateIndex
CREATE INDEX "openings_search_facets_idx" ON "openings"("status", "deadline", "id", "association_id", "local_area_id", "form", "commitment", "child_certificate_required");
