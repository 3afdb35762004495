-- The search's in-process facet index (src/features/openings/search-index/, ADR 0033)
-- is a copy of what the facets read. Every statement that may change it bumps a
-- sequence and notifies the channel `search_index`; each portal process listens and
-- reloads. The sequence is the version a process compares with the one it loaded
-- (nextval takes no lock and is never rolled back, so writers never wait on each other;
-- a rolled-back change only costs one needless reload).
CREATE SEQUENCE "search_index_version";

CREATE FUNCTION search_index_changed() RETURNS trigger AS $$
BEGIN
  PERFORM nextval('search_index_version');
  -- Delivered at commit, once per transaction (identical notifications are merged).
  PERFORM pg_notify('search_index', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Statement-level: a bulk change notifies once, not once per row.
CREATE TRIGGER openings_search_index_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "openings"
  FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed();
CREATE TRIGGER associations_search_index_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "associations"
  FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed();
CREATE TRIGGER opening_target_groups_search_index_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "_OpeningToTargetGroup"
  FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed();
CREATE TRIGGER opening_skill_areas_search_index_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "_OpeningToSkillArea"
  FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed();
-- The area's name shows in the search's result pages, kept per version.
CREATE TRIGGER local_areas_search_index_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "local_areas"
  FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed();
CREATE TRIGGER association_fields_search_index_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "_AssociationToFieldOfWork"
  FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed();
