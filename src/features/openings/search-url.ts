// Links that keep the search state: pagination, sort, "remove this filter". Every
// link on the search page is built here, in one canonical parameter order that
// leaves out defaults, so equal searches have equal URLs.
import {
  defaultSort,
  emptyFilters,
  FACET_ORDER,
  type ListFacet,
  type SearchFilters,
  type SearchState,
  type SortOrder,
} from './search-schemas.js';

export const SEARCH_PATH = '/opgaver';

export interface SearchLinkState {
  q: string;
  filters: SearchFilters;
  sort: SortOrder;
  page: number;
}

/** The query string (without "?") of a search; empty for the plain list. */
export function searchQueryString(state: SearchLinkState, options: { includeSortAndPage?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (state.q) params.append('q', state.q);
  for (const facet of FACET_ORDER) {
    if (facet === 'boerneattest') {
      if (state.filters.boerneattest) params.append(facet, state.filters.boerneattest);
    } else {
      for (const value of state.filters[facet]) params.append(facet, value);
    }
  }
  if (options.includeSortAndPage !== false) {
    if (state.sort !== defaultSort(state.q)) params.append('sortering', state.sort);
    if (state.page > 1) params.append('side', String(state.page));
  }
  return params.toString();
}

export function searchHref(state: SearchLinkState, path = SEARCH_PATH): string {
  const query = searchQueryString(state);
  return query ? `${path}?${query}` : path;
}

/** Builds the links of one results page. */
export function searchLinks(state: SearchState) {
  // A changed search starts on page 1; a sort kept only when it still makes sense.
  const firstPage = (change: Partial<SearchLinkState>): string => {
    const next = { ...state, page: 1, ...change };
    if (!next.q && next.sort === 'relevans') next.sort = 'nyeste';
    return searchHref(next);
  };
  return {
    page: (page: number): string => searchHref({ ...state, page }),
    sort: (sort: SortOrder): string => firstPage({ sort }),
    withoutValue: (facet: ListFacet, value: string): string =>
      firstPage({ filters: { ...state.filters, [facet]: state.filters[facet].filter((v) => v !== value) } }),
    withoutCertificate: (): string => firstPage({ filters: { ...state.filters, boerneattest: undefined } }),
    withoutQuery: (): string => firstPage({ q: '' }),
    /** A suggested filter added, and the words that named it taken out of the text. */
    withSuggestion: (facet: ListFacet, value: string, q: string): string =>
      firstPage({ q, filters: { ...state.filters, [facet]: [...state.filters[facet], value] } }),
    withoutFilters: (): string => firstPage({ filters: emptyFilters() }),
    feed: (format: 'rss' | 'atom'): string => {
      const query = searchQueryString(state, { includeSortAndPage: false });
      return `/feed/opgaver.${format}${query ? `?${query}` : ''}`;
    },
  };
}

/**
 * Where a search request should go instead, or null when its URL is already the
 * minimal one. Empty fields, defaults (sortering = the default order, side=1), values
 * that are not allowed and unknown parameters all leave the URL, and the parameters
 * take the canonical order. The comparison is on decoded parameters, so "%20" against
 * "+" is no reason to move; the target parses to the same search, so it never loops.
 */
export function canonicalSearchRedirect(originalUrl: string, state: SearchState): string | null {
  const questionMark = originalUrl.indexOf('?');
  if (questionMark === -1) return null;
  const asked = new URLSearchParams(originalUrl.slice(questionMark + 1)).toString();
  const minimal = searchQueryString(state);
  return asked === minimal ? null : searchHref(state);
}
