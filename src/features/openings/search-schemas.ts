// The search page's state lives entirely in the query string, so a search is a URL
// that can be shared, bookmarked and reloaded. Parsing never fails: a value that is
// not allowed (an unknown form, a page of "abc", a slug with odd characters) is
// treated as absent, so a tampered or stale URL still shows a sensible page.
import { z } from 'zod';
import { Commitment, OrganisationType, VolunteeringForm } from '../../generated/prisma/enums.js';

export const PAGE_SIZE = 20;
/**
 * The deepest page offered: 2,000 openings by paging. Each deeper page costs a longer
 * OFFSET scan, and nobody pages that far; past it the page asks for a narrower search.
 */
export const MAX_PAGE = 100;
export const MAX_QUERY_LENGTH = 200;
/** More values than any facet has; bounds the SQL a crafted URL can ask for. */
const MAX_VALUES_PER_FACET = 30;

export const SORT_ORDERS = ['relevans', 'nyeste', 'frist'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const FORMS = Object.values(VolunteeringForm);
export const COMMITMENTS = Object.values(Commitment);
export const ORGANISATION_TYPES = Object.values(OrganisationType);
export const CERTIFICATE_CHOICES = ['ja', 'nej'] as const;
export type CertificateChoice = (typeof CERTIFICATE_CHOICES)[number];

/** Facets whose values are rows of a lookup table, named by slug in the URL. */
export const TAXONOMY_FACETS = ['omraade', 'maalgruppe', 'fagomraade', 'kompetence'] as const;
export type TaxonomyFacet = (typeof TAXONOMY_FACETS)[number];
/** Facets whose values are enum members, named as such in the URL. */
export const ENUM_FACETS = ['form', 'tid', 'type'] as const;
export type EnumFacet = (typeof ENUM_FACETS)[number];
/** Every repeatable filter parameter (they must be in LIST_PARAMETERS, query-pollution.ts). */
export const LIST_FACETS = ['omraade', 'maalgruppe', 'tid', 'kompetence', 'form', 'fagomraade', 'type'] as const;
export type ListFacet = (typeof LIST_FACETS)[number];
export type Facet = ListFacet | 'boerneattest';
/**
 * The filters in the order the page shows them (what matters most to a volunteer
 * first) and the order their parameters have in the page's links.
 */
export const FACET_ORDER: readonly Facet[] = ['omraade', 'maalgruppe', 'tid', 'kompetence', 'form', 'boerneattest', 'fagomraade', 'type'];

export interface SearchFilters {
  omraade: string[];
  maalgruppe: string[];
  fagomraade: string[];
  kompetence: string[];
  form: VolunteeringForm[];
  tid: Commitment[];
  type: OrganisationType[];
  boerneattest: CertificateChoice | undefined;
}

export interface SearchState {
  /** Free text as typed (trimmed); '' for none. */
  q: string;
  filters: SearchFilters;
  /** The order actually used: 'relevans' only when there is text to be relevant to. */
  sort: SortOrder;
  page: number;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** A repeatable parameter: one value or several; values that are not allowed are dropped. */
function listOf<T extends string>(isAllowed: (value: string) => value is T) {
  return z
    .unknown()
    .optional()
    .transform((raw): T[] => {
      const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      const allowed = values.filter((value): value is string => typeof value === 'string').filter(isAllowed);
      return [...new Set(allowed)].slice(0, MAX_VALUES_PER_FACET);
    });
}

const isSlug = (value: string): value is string => SLUG.test(value);
const isMember =
  <T extends string>(members: readonly T[]) =>
  (value: string): value is T =>
    (members as readonly string[]).includes(value);

export const searchQuerySchema = z.object({
  q: z
    .unknown()
    .optional()
    .transform((raw) => (typeof raw === 'string' ? raw.trim().slice(0, MAX_QUERY_LENGTH).trim() : '')),
  omraade: listOf(isSlug),
  maalgruppe: listOf(isSlug),
  fagomraade: listOf(isSlug),
  kompetence: listOf(isSlug),
  form: listOf(isMember(FORMS)),
  tid: listOf(isMember(COMMITMENTS)),
  type: listOf(isMember(ORGANISATION_TYPES)),
  boerneattest: z.enum(CERTIFICATE_CHOICES).optional().catch(undefined),
  sortering: z.enum(SORT_ORDERS).optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
});

/** The search a query string asks for. Never throws. */
export function parseSearchQuery(query: unknown): SearchState {
  const parsed = searchQuerySchema.parse(query ?? {});
  const { q, sortering, side, boerneattest, ...lists } = parsed;
  return { q, filters: { ...lists, boerneattest }, sort: effectiveSort(q, sortering), page: side };
}

/** Relevance needs text; without it the newest come first. */
export function effectiveSort(q: string, requested: SortOrder | undefined): SortOrder {
  if (requested === 'relevans' || requested === undefined) return q ? 'relevans' : 'nyeste';
  return requested;
}

export function defaultSort(q: string): SortOrder {
  return q ? 'relevans' : 'nyeste';
}

export function emptyFilters(): SearchFilters {
  return { omraade: [], maalgruppe: [], fagomraade: [], kompetence: [], form: [], tid: [], type: [], boerneattest: undefined };
}

export function activeFilterCount(filters: SearchFilters): number {
  return LIST_FACETS.reduce((sum, facet) => sum + filters[facet].length, 0) + (filters.boerneattest ? 1 : 0);
}
