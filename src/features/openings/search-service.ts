// The public search of openings: PostgreSQL full-text search ('danish' configuration,
// kept in openings.search_vector by a trigger) combined with filters, facet counts,
// sorting and pagination. Only public openings are ever found: every statement's WHERE
// starts with publicOpeningSql (visibility.ts), the same rule the Prisma queries use.
//
// Per search: the lookup tables (which slugs exist, and their names; cached), then
// side by side one page of openings and every facet's counts. The counts come from the
// process's facet index (search-index/, ADR 0033) when it is loaded and current: a
// version read and, for a free text, the matching ids (cached per text and index
// version); the page is then read once per index version and day. Otherwise — start-up, a lost connection, a change not yet reloaded, or no
// index at all — from one aggregate statement (countsQuery), the reference the index
// is tested against. Facet counts follow the usual rule: a facet's counts apply the
// free text and every OTHER facet's filters, so ticking one area still shows how many
// openings the other areas have.
//
// All SQL is built with Prisma.sql tagged templates: user input only ever travels as
// bound parameters.
import { planEachTime } from '../../db/prepared-statements.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { Commitment, VolunteeringForm } from '../../generated/prisma/enums.js';
import type { FacetIndex } from './search-index/search-facet-index.js';
import {
  MAX_PAGE,
  PAGE_SIZE,
  TAXONOMY_FACETS,
  type Facet,
  type SearchFilters,
  type SearchState,
  type SortOrder,
  type TaxonomyFacet,
} from './search-schemas.js';
import { vocabularySuggestions, type VocabularySuggestion } from './search-suggestions.js';
import { municipalityToday, publicOpeningSql, type DeadlinePart } from './visibility.js';
import { vocabularyOptions, type VocabularyCache, type VocabularyKind } from '../vocabularies/vocabulary-options.js';

export interface LocalisedName {
  da: string;
  en: string;
}

export interface TaxonomyValue {
  id: number;
  slug: string;
  name: LocalisedName;
}

export type Taxonomies = Record<TaxonomyFacet, TaxonomyValue[]>;

export interface OpeningHit {
  id: number;
  title: string;
  summary: string;
  associationName: string;
  associationSlug: string;
  localArea: LocalisedName | null;
  form: VolunteeringForm;
  commitment: Commitment;
  deadline: Date | null;
  childCertificateRequired: boolean;
  publishedAt: Date | null;
}

/** Per facet: value (slug, enum member or 'ja'/'nej') → number of openings. */
export type FacetCounts = Record<Facet, Map<string, number>>;

export interface SearchOutcome {
  /** The search as run: slugs that name no area, group, ... are dropped. */
  state: SearchState;
  taxonomies: Taxonomies;
  total: number;
  pageCount: number;
  hits: OpeningHit[];
  counts: FacetCounts;
  /** Filters the search words name ("young" → target group Unge), not yet chosen. */
  suggestions: VocabularySuggestion[];
}

export interface OpeningSearch {
  search(state: SearchState, now: Date): Promise<SearchOutcome>;
  /** The newest public openings matching the filters (for the feeds). */
  newest(state: SearchState, now: Date, take: number): Promise<OpeningHit[]>;
  /** An approved volunteer centre, to suggest when nothing is found. */
  volunteerCentre(): Promise<{ name: string; slug: string } | null>;
}

export interface Criteria {
  /** The time of the search: decides which deadlines have passed. */
  now: Date;
  /** The free text as tsquery expressions, or null when there is none. */
  text: TextQuery | null;
  /** The condition of each facet that has a filter. */
  facets: Map<Facet, Prisma.Sql>;
}

export interface CountsValue {
  total: number;
  counts: FacetCounts;
}

interface CountRow {
  facet: string;
  key: string | null;
  n: number;
}

export interface OpeningSearchOptions {
  /** The active vocabulary values (built once by the composition root). */
  vocabularyCache: VocabularyCache;
  /** Counts facets in this process when loaded (built and started by the composition root). */
  facetIndex?: FacetIndex;
}

export function createOpeningSearch(prisma: PrismaClient, options: OpeningSearchOptions): OpeningSearch {
  const { facetIndex } = options;
  const vocabularies = vocabularyOptions(prisma, options.vocabularyCache);

  async function loadTaxonomies(): Promise<Taxonomies> {
    // Only active values are filters; a link naming a retired one drops that filter
    // (knownFilters below), like any unknown slug.
    const active = await vocabularies.activeOfEvery();
    const values = (kind: VocabularyKind) =>
      active[kind].map(({ id, slug, nameDa, nameEn }) => ({ id, slug, name: { da: nameDa, en: nameEn } }));
    const taxonomies: Taxonomies = {
      omraade: values('localArea'),
      maalgruppe: values('targetGroup'),
      fagomraade: values('fieldOfWork'),
      kompetence: values('skillArea'),
    };
    return taxonomies;
  }

  async function page(criteria: Criteria, sort: SortOrder, take: number, skip: number): Promise<OpeningHit[]> {
    // Planned for its values: a rare word is found through the text index, a common one
    // by walking the newest openings (docs/adr/0035).
    const rows = await prisma.$queryRaw<HitRow[]>(planEachTime(pageQuery(criteria, sort, take, skip)));
    return rows.map(toHit);
  }

  /**
   * The page and the counts: from the facet index when it is current (the counts
   * computed in this process; both kept per index version), else both from SQL.
   */
  async function pageAndCounts(state: SearchState, criteria: Criteria, taxonomies: Taxonomies): Promise<[OpeningHit[], CountsValue]> {
    const skip = (state.page - 1) * PAGE_SIZE;
    const current = facetIndex ? await facetIndex.current() : null;
    if (!current) return Promise.all([page(criteria, state.sort, PAGE_SIZE, skip), sqlCounts(prisma, criteria, taxonomies)]);
    const today = municipalityToday(criteria.now);
    // Everything a hit shows comes from tables whose changes move the index's version
    // (openings, associations, local areas), and which openings are public depends on
    // the day: so the page is right for as long as the version and the day are.
    const pageKey = JSON.stringify(['page', today, state.q, state.filters, state.sort, skip]);
    return Promise.all([
      current.remember(pageKey, () => page(criteria, state.sort, PAGE_SIZE, skip)),
      // Counts are a function of the snapshot, the day, the text and the filters: kept
      // the same way (the plain list's counts walk every public opening).
      current.remember(JSON.stringify(['counts', today, state.q, state.filters]), () =>
        current.counts({
          today,
          // The text's key: the words as typed decide the tsquery (textQuery).
          text: criteria.text ? { key: state.q, match: Prisma.sql`o.search_vector @@ ${criteria.text.match}` } : null,
          filters: state.filters,
          slugs: slugsById(taxonomies),
        }),
      ),
    ]);
  }

  return {
    async search(requested, now) {
      // Slugs that name no area, group, ... are dropped first, so a stale or mistyped
      // link shows the search without that filter rather than an empty result.
      const taxonomies = await loadTaxonomies();
      const state = { ...requested, filters: knownFilters(requested.filters, taxonomies) };
      const criteria = buildCriteria(state.q, state.filters, now);
      const [hits, countsValue] = await pageAndCounts(state, criteria, taxonomies);
      return {
        state,
        taxonomies,
        total: countsValue.total,
        pageCount: Math.max(1, Math.min(MAX_PAGE, Math.ceil(countsValue.total / PAGE_SIZE))),
        hits,
        counts: countsValue.counts,
        suggestions: vocabularySuggestions(state.q, taxonomies, state.filters),
      };
    },

    async newest(requested, now, take) {
      const filters = knownFilters(requested.filters, await loadTaxonomies());
      return page(buildCriteria(requested.q, filters, now), 'nyeste', take, 0);
    },

    async volunteerCentre() {
      return prisma.association.findFirst({
        where: { status: 'APPROVED', organisationType: 'VOLUNTEER_CENTRE' },
        orderBy: { name: 'asc' },
        select: { name: true, slug: true },
      });
    },
  };
}

/** Per taxonomy facet: id → slug of its active values. */
function slugsById(taxonomies: Taxonomies): Record<TaxonomyFacet, Map<number, string>> {
  const of = (facet: TaxonomyFacet) => new Map(taxonomies[facet].map((value) => [value.id, value.slug]));
  return { omraade: of('omraade'), maalgruppe: of('maalgruppe'), fagomraade: of('fagomraade'), kompetence: of('kompetence') };
}

/**
 * The total and every facet's counts in one SQL statement: the reference the facet
 * index is tested against, and its stand-in whenever it is not loaded or not current.
 */
export async function sqlCounts(prisma: PrismaClient, criteria: Criteria, taxonomies: Taxonomies): Promise<CountsValue> {
  return readCounts(await prisma.$queryRaw<CountRow[]>(planEachTime(countsQuery(criteria))), taxonomies);
}

/** The total and the counts per facet value (taxonomy ids turned into slugs). */
function readCounts(rows: CountRow[], taxonomies: Taxonomies): CountsValue {
  const counts = emptyCounts();
  let total = 0;
  const slugs = slugsById(taxonomies);
  for (const row of rows) {
    if (row.facet === 'total') total = row.n;
    else if (row.key !== null) {
      const facet = row.facet as Facet;
      const key = countKey(facet, row.key, slugs);
      if (key !== undefined) counts[facet].set(key, row.n);
    }
  }
  return { total, counts };
}

/** A counted value as the page names it; the SQL gives a taxonomy value's id, an enum member or a boolean, as text. */
function countKey(facet: Facet, key: string, slugs: Record<TaxonomyFacet, Map<number, string>>): string | undefined {
  if ((TAXONOMY_FACETS as readonly string[]).includes(facet)) return slugs[facet as TaxonomyFacet].get(Number(key));
  if (facet === 'boerneattest') return key === 'true' ? 'ja' : 'nej';
  return key;
}

/** The filters with only the slugs that name an existing area, group, ... */
function knownFilters(filters: SearchFilters, taxonomies: Taxonomies): SearchFilters {
  const known = (facet: TaxonomyFacet): string[] => {
    const slugs = new Set(taxonomies[facet].map((value) => value.slug));
    return filters[facet].filter((slug) => slugs.has(slug));
  };
  return {
    ...filters,
    omraade: known('omraade'),
    maalgruppe: known('maalgruppe'),
    fagomraade: known('fagomraade'),
    kompetence: known('kompetence'),
  };
}

interface HitRow {
  id: number;
  title: string;
  summary: string;
  form: VolunteeringForm;
  commitment: Commitment;
  deadline: Date | null;
  childCertificateRequired: boolean;
  publishedAt: Date | null;
  associationName: string;
  associationSlug: string;
  areaDa: string | null;
  areaEn: string | null;
}

function toHit(row: HitRow): OpeningHit {
  const { areaDa, areaEn, ...hit } = row;
  return { ...hit, localArea: areaDa !== null && areaEn !== null ? { da: areaDa, en: areaEn } : null };
}

function emptyCounts(): FacetCounts {
  return {
    omraade: new Map(),
    maalgruppe: new Map(),
    fagomraade: new Map(),
    kompetence: new Map(),
    form: new Map(),
    tid: new Map(),
    type: new Map(),
    boerneattest: new Map(),
  };
}

// ---------------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------------

/** Words of the free text; anything else (quotes, operators, SQL) is a separator. */
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_WORDS = 8;
/** Shorter words match only whole; a prefix of one or two letters would match nearly everything. */
const MIN_PREFIX_LENGTH = 3;

export interface TextQuery {
  /** Which openings match. */
  match: Prisma.Sql;
  /** How well they match (ts_rank_cd). */
  rank: Prisma.Sql;
}

/**
 * The free text as tsqueries ('danish' configuration: words are stemmed, so
 * "lektiehjælper" finds "lektiehjælp"). Web-search syntax — "quoted phrases", OR,
 * -exclusions — goes to websearch_to_tsquery as typed. Plain words (the usual case)
 * must all match, each also as the start of a longer word, so Danish compounds are
 * found by their first part ("fodbold" finds "fodboldtræner"). Ranking uses the words
 * as typed: whole-word matches come before compound-only ones, and ranking by prefix
 * would cost twice the time.
 */
export function textQuery(q: string): TextQuery | null {
  if (!q) return null;
  const typed = Prisma.sql`websearch_to_tsquery('danish', ${q})`;
  const usesSyntax = /"|(^|\s)-[\p{L}\p{N}]|\sor\s/iu.test(q);
  const words = (q.match(WORD) ?? []).slice(0, MAX_WORDS);
  if (usesSyntax || words.length === 0) return { match: typed, rank: typed };
  // Each word contains letters and digits only, so it cannot be tsquery syntax.
  const terms = words.map((word) =>
    word.length >= MIN_PREFIX_LENGTH ? Prisma.sql`to_tsquery('danish', ${`${word}:*`})` : Prisma.sql`to_tsquery('danish', ${word})`,
  );
  return { match: Prisma.sql`(${Prisma.join(terms, ' && ')})`, rank: typed };
}

export function buildCriteria(q: string, filters: SearchFilters, now: Date): Criteria {
  const facets = new Map<Facet, Prisma.Sql>();
  const slugs = (values: string[]) => Prisma.join(values);
  const enums = (values: string[], type: 'VolunteeringForm' | 'Commitment' | 'OrganisationType') =>
    // The type name is one of three constants; the values are bound parameters.
    Prisma.join(values.map((value) => Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${type}"`)})`));
  // Filters name lookup rows by slug; a slug that names nothing simply matches nothing.
  const linked = (link: string, lookup: string, column: string, values: string[]) =>
    Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(link)} f JOIN ${Prisma.raw(lookup)} t ON t.id = f."B"
                        WHERE f."A" = ${Prisma.raw(column)} AND t.slug IN (${slugs(values)}))`;

  if (filters.omraade.length) {
    facets.set('omraade', Prisma.sql`o.local_area_id IN (SELECT id FROM local_areas WHERE slug IN (${slugs(filters.omraade)}))`);
  }
  if (filters.maalgruppe.length) {
    facets.set('maalgruppe', linked('"_OpeningToTargetGroup"', 'target_groups', 'o.id', filters.maalgruppe));
  }
  if (filters.fagomraade.length) {
    facets.set('fagomraade', linked('"_AssociationToFieldOfWork"', 'fields_of_work', 'o.association_id', filters.fagomraade));
  }
  if (filters.kompetence.length) {
    facets.set('kompetence', linked('"_OpeningToSkillArea"', 'skill_areas', 'o.id', filters.kompetence));
  }
  if (filters.form.length) facets.set('form', Prisma.sql`o.form IN (${enums(filters.form, 'VolunteeringForm')})`);
  if (filters.tid.length) facets.set('tid', Prisma.sql`o.commitment IN (${enums(filters.tid, 'Commitment')})`);
  if (filters.type.length) {
    facets.set('type', Prisma.sql`a.organisation_type IN (${enums(filters.type, 'OrganisationType')})`);
  }
  if (filters.boerneattest) {
    facets.set('boerneattest', Prisma.sql`o.child_certificate_required = ${filters.boerneattest === 'ja'}`);
  }
  return { now, text: textQuery(q), facets };
}

/**
 * Public (visibility.ts) and matching the free text; no facet filters. `deadline` can
 * narrow "no deadline, or one not yet passed" to one of its halves, each a range an
 * index on the deadline serves in order (see pageQuery).
 */
function baseConditions(criteria: Criteria, deadline: DeadlinePart = 'open'): Prisma.Sql[] {
  const conditions = [publicOpeningSql(criteria.now, deadline)];
  if (criteria.text) conditions.push(Prisma.sql`o.search_vector @@ ${criteria.text.match}`);
  return conditions;
}

function whereClause(criteria: Criteria, deadline: DeadlinePart = 'open'): Prisma.Sql {
  return Prisma.join([...baseConditions(criteria, deadline), ...criteria.facets.values()], ' AND ');
}

const HIT_COLUMNS = Prisma.sql`
  o.id, o.title, o.summary, o.form::text AS form, o.commitment::text AS commitment, o.deadline,
  o.child_certificate_required AS "childCertificateRequired", o.published_at AS "publishedAt",
  a.name AS "associationName", a.slug AS "associationSlug", la.name_da AS "areaDa", la.name_en AS "areaEn"`;

const HIT_TABLES = Prisma.sql`
  openings o
  JOIN associations a ON a.id = o.association_id
  LEFT JOIN local_areas la ON la.id = o.local_area_id`;

function pageQuery(criteria: Criteria, sort: SortOrder, take: number, skip: number): Prisma.Sql {
  if (sort === 'frist') {
    // Soonest deadline first, openings without one last. Asked as one condition,
    // PostgreSQL would walk the deadline index past every expired opening first; so
    // take the first take + skip of each half in index order, then the page of both.
    const enough = take + skip;
    return Prisma.sql`
      SELECT * FROM (
        (SELECT ${HIT_COLUMNS} FROM ${HIT_TABLES} WHERE ${whereClause(criteria, 'upcoming')}
          ORDER BY o.deadline ASC, o.published_at DESC, o.id DESC LIMIT ${enough})
        UNION ALL
        (SELECT ${HIT_COLUMNS} FROM ${HIT_TABLES} WHERE ${whereClause(criteria, 'none')}
          ORDER BY o.published_at DESC, o.id DESC LIMIT ${enough})
      ) hits
      ORDER BY hits.deadline ASC NULLS LAST, hits."publishedAt" DESC, hits.id DESC
      LIMIT ${take} OFFSET ${skip}`;
  }
  // The page is chosen on ids and sort keys alone; only its 20 rows are then read in
  // full. published_at DESC (nulls first, as the index on (status, published_at DESC)
  // has it) — a published opening always has one. id makes the order total, so pages
  // never overlap.
  const rank = sort === 'relevans' && criteria.text ? Prisma.sql`ts_rank_cd(o.search_vector, ${criteria.text.rank})` : Prisma.sql`0`;
  return Prisma.sql`
    SELECT ${HIT_COLUMNS}
      FROM (SELECT o.id, ${rank} AS rank
              FROM openings o JOIN associations a ON a.id = o.association_id
             WHERE ${whereClause(criteria)}
             ORDER BY rank DESC, o.published_at DESC, o.id DESC
             LIMIT ${take} OFFSET ${skip}) page
      JOIN openings o ON o.id = page.id
      JOIN associations a ON a.id = o.association_id
      LEFT JOIN local_areas la ON la.id = o.local_area_id
     ORDER BY page.rank DESC, o.published_at DESC, o.id DESC`;
}

/** The column a one-value-per-opening facet groups by, in the `matches` CTE. */
const SCALAR_FACETS = [
  ['omraade', 'local_area_id'],
  ['form', 'form'],
  ['tid', 'commitment'],
  ['boerneattest', 'child_certificate_required'],
  ['type', 'organisation_type'],
] as const;

/** Facets with many values per opening: counted by joining their link table. */
const LINKED_FACETS = [
  ['maalgruppe', '"_OpeningToTargetGroup"', 'id'],
  ['kompetence', '"_OpeningToSkillArea"', 'id'],
  ['fagomraade', '"_AssociationToFieldOfWork"', 'association_id'],
] as const;

/**
 * One statement for the total and every facet's counts. The public openings matching
 * the free text are gathered once (the `matches` CTE), with a true/false column per
 * active filter saying whether the opening passes it. Each facet then counts the
 * matches that pass every OTHER facet's filter. Facets without a filter of their own
 * share one condition, so the one-value facets among them are counted in a single pass
 * with GROUPING SETS.
 */
function countsQuery(criteria: Criteria): Prisma.Sql {
  const active = [...criteria.facets.keys()];
  const flag = (facet: Facet) => Prisma.raw(`pass_${facet}`);
  const flagColumns = active.map((facet) => Prisma.sql`, (${criteria.facets.get(facet) ?? Prisma.sql`TRUE`}) AS ${flag(facet)}`);
  // Facet names are constants of this file, written as SQL literals (a bare bound
  // parameter in a SELECT list has no type PostgreSQL can infer).
  const literal = (facet: Facet) => Prisma.raw(`'${facet}'`);
  const passingAllBut = (except?: Facet): Prisma.Sql => {
    const flags = active.filter((facet) => facet !== except).map((facet) => Prisma.sql`m.${flag(facet)}`);
    return flags.length ? Prisma.join(flags, ' AND ') : Prisma.sql`TRUE`;
  };

  const parts: Prisma.Sql[] = [];
  const sharedScalars = SCALAR_FACETS.filter(([facet]) => !criteria.facets.has(facet));
  const groupingSets = [...sharedScalars.map(([, column]) => Prisma.raw(`(m.${column})`)), Prisma.raw('()')];
  const facetName = sharedScalars.length
    ? Prisma.raw(
        `CASE ${sharedScalars.map(([facet, column]) => `WHEN GROUPING(m.${column}) = 0 THEN '${facet}'`).join(' ')} ELSE 'total' END`,
      )
    : Prisma.raw(`'total'`);
  const key = sharedScalars.length
    ? Prisma.raw(`COALESCE(${sharedScalars.map(([, column]) => `m.${column}::text`).join(', ')})`)
    : Prisma.raw('NULL::text');
  // The first SELECT names the columns of the whole UNION ALL.
  parts.push(Prisma.sql`SELECT ${facetName} AS facet, ${key} AS key, count(*)::int AS n FROM matches m WHERE ${passingAllBut()}
    GROUP BY GROUPING SETS (${Prisma.join(groupingSets, ', ')})`);

  for (const [facet, column] of SCALAR_FACETS) {
    if (!criteria.facets.has(facet)) continue;
    parts.push(Prisma.sql`SELECT ${literal(facet)}, ${Prisma.raw(`m.${column}::text`)}, count(*)::int FROM matches m
      WHERE ${passingAllBut(facet)} GROUP BY ${Prisma.raw(`m.${column}`)}`);
  }
  for (const [facet, table, column] of LINKED_FACETS) {
    parts.push(Prisma.sql`SELECT ${literal(facet)}, l."B"::text, count(*)::int FROM matches m
      JOIN ${Prisma.raw(table)} l ON l."A" = ${Prisma.raw(`m.${column}`)}
      WHERE ${passingAllBut(facet)} GROUP BY l."B"`);
  }

  return Prisma.sql`
    WITH matches AS MATERIALIZED (
      SELECT o.id, o.association_id, o.local_area_id, o.form, o.commitment, o.child_certificate_required,
             a.organisation_type ${flagColumns.length ? Prisma.join(flagColumns, ' ') : Prisma.empty}
        FROM openings o
        JOIN associations a ON a.id = o.association_id
       WHERE ${Prisma.join(baseConditions(criteria), ' AND ')}
    )
    ${Prisma.join(parts, ' UNION ALL ')}`;
}
