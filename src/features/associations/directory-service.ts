// The public association directory: approved associations only, free-text search on
// name and description, and three filters (field of work, local area, organisation
// type). Values within one filter are alternatives (OR); filters combine (AND). The
// count next to each value is how many associations that value would show with the
// other filters as they are (the usual "facet" count), so a reader can see where
// ticking a box leads before they tick it.
//
// SQL is built only with Prisma.sql tagged templates: every value is a bound
// parameter (ASVS 1.2.4); the only literal pieces are ours.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { OrganisationType } from '../../generated/prisma/enums.js';
import type { Language } from '../../i18n/i18n.js';
import { labelOf } from './association-options.js';
import { ORGANISATION_TYPES } from './association-schemas.js';
import { vocabularyOptions, type VocabularyCache } from '../vocabularies/vocabulary-options.js';

export const PAGE_SIZE = 20;

export interface DirectoryQuery {
  text: string;
  fieldsOfWork: string[];
  localAreas: string[];
  types: OrganisationType[];
  page: number;
}

export interface DirectoryEntry {
  slug: string;
  name: string;
  organisationType: OrganisationType;
  description: string;
  localArea: string | null;
  fieldsOfWork: string[];
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface DirectoryResult {
  /** The query as used: unknown filter values dropped, the page within range. */
  query: DirectoryQuery;
  entries: DirectoryEntry[];
  total: number;
  page: number;
  pageCount: number;
  facets: { fieldsOfWork: FacetValue[]; localAreas: FacetValue[]; types: Omit<FacetValue, 'label'>[] };
}

type Facet = 'fieldsOfWork' | 'localAreas' | 'types';

/** `%`, `_` and `\` are wildcards in LIKE: a search for "50%" means the text "50%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Danish alphabetical order (… x y z æ ø å) needs an ICU collation; see `nameOrder`. */
const DANISH_COLLATION = 'da-DK-x-icu';

export function createDirectoryService(prisma: PrismaClient, deps: { vocabularyCache: VocabularyCache }) {
  const vocabularies = vocabularyOptions(prisma, deps.vocabularyCache);
  // Whether this PostgreSQL has the Danish ICU collation (builds without ICU do not).
  // Asked once per process. Without it the database sorts by its own collation and
  // each page is re-sorted in Danish order (good within a page; a page boundary may
  // then fall slightly differently from a Danish dictionary).
  let danishCollation: Promise<boolean> | undefined;
  const hasDanishCollation = () =>
    (danishCollation ??= prisma.$queryRaw<
      { found: boolean }[]
    >`SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = ${DANISH_COLLATION}) AS found`
      .then((rows) => rows[0]?.found === true)
      .catch(() => false));
  const danishSorter = new Intl.Collator('da');

  /** Approved, and the text if any: what every count and the list share. */
  function base(query: DirectoryQuery): Prisma.Sql {
    const parts: Prisma.Sql[] = [Prisma.sql`a.status = 'APPROVED'`];
    if (query.text) {
      const pattern = likePattern(query.text);
      parts.push(Prisma.sql`(a.name ILIKE ${pattern} OR a.description ILIKE ${pattern})`);
    }
    return Prisma.join(parts, ' AND ');
  }

  /** Each filter as a condition on `a` (TRUE when nothing is chosen in it). */
  function filters(query: DirectoryQuery): Record<Facet, Prisma.Sql> {
    return {
      fieldsOfWork:
        query.fieldsOfWork.length > 0
          ? Prisma.sql`a.id IN (SELECT j."A" FROM "_AssociationToFieldOfWork" j JOIN fields_of_work f ON f.id = j."B"
                                 WHERE f.slug IN (${Prisma.join(query.fieldsOfWork)}))`
          : Prisma.sql`TRUE`,
      // No area (NULL) matches no chosen area: false, not unknown.
      localAreas:
        query.localAreas.length > 0
          ? Prisma.sql`COALESCE(a.local_area_id IN (SELECT id FROM local_areas WHERE slug IN (${Prisma.join(query.localAreas)})), FALSE)`
          : Prisma.sql`TRUE`,
      types: query.types.length > 0 ? Prisma.sql`a.organisation_type::text IN (${Prisma.join(query.types)})` : Prisma.sql`TRUE`,
    };
  }

  function where(query: DirectoryQuery): Prisma.Sql {
    const { fieldsOfWork, localAreas, types } = filters(query);
    return Prisma.sql`${base(query)} AND ${fieldsOfWork} AND ${localAreas} AND ${types}`;
  }

  /**
   * One page of entries, each with its area's and fields of work's names, in one
   * statement. The page's ids are picked first (by the index on approved associations'
   * Danish names, migration directory_name_order), and only those 20 rows are joined
   * with their names: selecting the joined rows directly built them for every row
   * skipped by OFFSET as well (8,000 subqueries for a deep page at 10,000 associations).
   */
  function entriesOf(query: DirectoryQuery, page: number, nameOrder: Prisma.Sql) {
    return prisma.$queryRaw<
      {
        id: number;
        slug: string;
        name: string;
        organisationType: OrganisationType;
        description: string;
        areaDa: string | null;
        areaEn: string | null;
        fieldsOfWork: { nameDa: string; nameEn: string }[];
      }[]
    >`
      SELECT a.id, a.slug, a.name, a.organisation_type::text AS "organisationType", a.description,
             l.name_da AS "areaDa", l.name_en AS "areaEn",
             COALESCE((SELECT json_agg(json_build_object('nameDa', f.name_da, 'nameEn', f.name_en) ORDER BY f.sort_order, f.id)
                         FROM "_AssociationToFieldOfWork" j JOIN fields_of_work f ON f.id = j."B"
                        WHERE j."A" = a.id), '[]'::json) AS "fieldsOfWork"
        FROM (SELECT a.id FROM associations a WHERE ${where(query)}
               ORDER BY ${nameOrder}, a.id LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}) AS chosen
        JOIN associations a ON a.id = chosen.id
        LEFT JOIN local_areas l ON l.id = a.local_area_id
       ORDER BY ${nameOrder}, a.id`;
  }

  return {
    async search(requested: DirectoryQuery, lang: Language): Promise<DirectoryResult> {
      const [danish, fields, areas] = await Promise.all([
        hasDanishCollation(),
        // Retired values are not offered as filters (vocabulary-options.ts); an old link
        // naming one is treated like any unknown value below.
        vocabularies.active('fieldOfWork'),
        vocabularies.active('localArea'),
      ]);
      const nameOrder = danish ? Prisma.sql`a.name COLLATE ${Prisma.raw(`"${DANISH_COLLATION}"`)}` : Prisma.sql`a.name`;
      // A value that no longer exists (an old link) is ignored rather than matching nothing.
      const knownFields = new Set(fields.map((f) => f.slug));
      const knownAreas = new Set(areas.map((l) => l.slug));
      const query: DirectoryQuery = {
        ...requested,
        fieldsOfWork: requested.fieldsOfWork.filter((slug) => knownFields.has(slug)),
        localAreas: requested.localAreas.filter((slug) => knownAreas.has(slug)),
      };

      // The total and the three facets' counts in one statement, and the page's entries
      // (with their area and fields of work) in another, both at once: a view of the
      // directory is two statements (the vocabularies come from their cache). The
      // counts read the associations once: each row's text match (ILIKE, the costly
      // part) and filter matches are worked out once and each facet counts the rows
      // that pass the other filters (it was one scan, and one text match, per facet).
      // Facets group by the values' ids and join their slugs to the few groups after:
      // grouping 17,000 rows by a text slug compares by the database's collation, three
      // times slower at 10,000 associations.
      const filter = filters(query);
      const [countRows, firstTry] = await Promise.all([
        prisma.$queryRaw<{ facet: Facet | 'total'; value: string; n: number }[]>`
          WITH m AS MATERIALIZED (
            SELECT a.id, a.local_area_id, a.organisation_type,
                   ${filter.fieldsOfWork} AS in_fields, ${filter.localAreas} AS in_areas, ${filter.types} AS in_types
              FROM associations a WHERE ${base(query)})
          SELECT 'total' AS facet, '' AS value, count(*)::int AS n FROM m WHERE in_fields AND in_areas AND in_types
          UNION ALL
          SELECT 'fieldsOfWork', f.slug, c.n
            FROM (SELECT j."B" AS id, count(*)::int AS n FROM m JOIN "_AssociationToFieldOfWork" j ON j."A" = m.id
                   WHERE m.in_areas AND m.in_types GROUP BY j."B") c
            JOIN fields_of_work f ON f.id = c.id
          UNION ALL
          SELECT 'localAreas', l.slug, c.n
            FROM (SELECT m.local_area_id AS id, count(*)::int AS n FROM m
                   WHERE m.in_fields AND m.in_types GROUP BY m.local_area_id) c
            JOIN local_areas l ON l.id = c.id
          UNION ALL
          SELECT 'types', m.organisation_type::text, count(*)::int
            FROM m WHERE m.in_fields AND m.in_areas GROUP BY m.organisation_type`,
        entriesOf(query, query.page, nameOrder),
      ]);
      const countsOf = (facet: Facet) => new Map(countRows.filter((row) => row.facet === facet).map((row) => [row.value, Number(row.n)]));
      const [fieldCounts, areaCounts, typeCounts] = [countsOf('fieldsOfWork'), countsOf('localAreas'), countsOf('types')];
      const total = Number(countRows.find((row) => row.facet === 'total')?.n ?? 0);
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const page = Math.min(query.page, pageCount);
      // A page beyond the last (an old link) shows the last one: asked again only then.
      let ordered = page === query.page ? firstTry : await entriesOf(query, page, nameOrder);
      if (!danish) ordered = ordered.sort((x, y) => danishSorter.compare(x.name, y.name) || x.id - y.id);

      const facetValue = (value: string, label: string, map: Map<string, number>, selected: string[]) => ({
        value,
        label,
        count: map.get(value) ?? 0,
        selected: selected.includes(value),
      });
      return {
        query: { ...query, page },
        total,
        page,
        pageCount,
        entries: ordered.map((row) => ({
          slug: row.slug,
          name: row.name,
          organisationType: row.organisationType,
          description: row.description,
          localArea: row.areaDa !== null && row.areaEn !== null ? labelOf({ nameDa: row.areaDa, nameEn: row.areaEn }, lang) : null,
          fieldsOfWork: row.fieldsOfWork.map((f) => labelOf(f, lang)),
        })),
        // A value that would show no association (the other filters as they are) is a
        // dead end and left out, as on the openings search; a chosen one stays, so it
        // can be unticked (#10).
        facets: {
          fieldsOfWork: fields.map((f) => facetValue(f.slug, labelOf(f, lang), fieldCounts, query.fieldsOfWork)).filter(offered),
          localAreas: areas.map((l) => facetValue(l.slug, labelOf(l, lang), areaCounts, query.localAreas)).filter(offered),
          types: ORGANISATION_TYPES.map((type) => ({
            value: type,
            count: typeCounts.get(type) ?? 0,
            selected: query.types.includes(type),
          })).filter(offered),
        },
      };
    },
  };
}

function offered(value: { count: number; selected: boolean }): boolean {
  return value.count > 0 || value.selected;
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
