-- The public directory lists approved associations in Danish alphabetical order, 20 to
-- a page (src/features/associations/directory-service.ts). Without an index every view
-- sorted all approved associations by name with the ICU collation (7 ms for the first
-- page, 22 ms for a deep one at 10,000 associations); with it a page is an index scan.
-- The expression (a collation) and the partial predicate cannot be written in
-- schema.prisma, so the index lives here only, like the search vector's trigger. A
-- PostgreSQL built without ICU has no "da-DK-x-icu": the directory then orders by the
-- database's collation (a.name), so the index is made on that instead.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'da-DK-x-icu') THEN
    EXECUTE 'CREATE INDEX "associations_directory_name_idx" ON "associations" ((name COLLATE "da-DK-x-icu"), id) WHERE status = ''APPROVED''';
  ELSE
    EXECUTE 'CREATE INDEX "associations_directory_name_idx" ON "associations" (name, id) WHERE status = ''APPROVED''';
  END IF;
END
$$;
