// Turns a search outcome into what the search page shows: the filter groups with
// their counts, the active filters as removal links, the count line, sort links and
// pagination. Texts are resolved here so the template stays plain markup.
import type { TFunction } from 'i18next';
import type { Language } from '../../i18n/i18n.js';
import { paginationFor } from '../../views/pagination.js';
import {
  activeFilterCount,
  COMMITMENTS,
  FACET_ORDER,
  FORMS,
  MAX_PAGE,
  ORGANISATION_TYPES,
  PAGE_SIZE,
  SORT_ORDERS,
  TAXONOMY_FACETS,
  type Facet,
  type TaxonomyFacet,
  type ListFacet,
  type SortOrder,
} from './search-schemas.js';
import type { SearchOutcome } from './search-service.js';
import { searchLinks } from './search-url.js';

export interface FacetOption {
  /** The input's id (unique on the page). */
  id: string;
  value: string;
  label: string;
  count: number;
  checked: boolean;
}

export interface FacetGroup {
  facet: Facet;
  legend: string;
  type: 'checkbox' | 'radio';
  options: FacetOption[];
  selectedCount: number;
  /** Shown unfolded: the facets that matter most, and any with a choice made. */
  open: boolean;
}

export interface ActiveFilter {
  label: string;
  href: string;
}

const NUMBER_LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

/** Facets unfolded on a fresh page: where, and for whom. */
const OPEN_BY_DEFAULT: readonly Facet[] = ['omraade', 'maalgruppe'];

export function searchPageModel(outcome: SearchOutcome, t: TFunction, lang: Language) {
  const { state, taxonomies, counts, total, pageCount, hits } = outcome;
  const links = searchLinks(state);

  const { enumLabels, legends, result, sortLabels, suggestionFacets } = staticLabels(t, lang);
  const label = (facet: Facet, value: string): string => {
    switch (facet) {
      case 'omraade':
      case 'maalgruppe':
      case 'fagomraade':
      case 'kompetence':
        return taxonomies[facet].find((entry) => entry.slug === value)?.name[lang] ?? value;
      case 'form':
      case 'tid':
      case 'type':
      case 'boerneattest':
        return enumLabels[facet][value] ?? value;
    }
  };
  const valuesOf = (facet: Facet): string[] => {
    switch (facet) {
      case 'omraade':
      case 'maalgruppe':
      case 'fagomraade':
      case 'kompetence':
        return taxonomies[facet].map((entry) => entry.slug);
      case 'form':
        return FORMS;
      case 'tid':
        return COMMITMENTS;
      case 'type':
        return ORGANISATION_TYPES;
      case 'boerneattest':
        return ['ja', 'nej'];
    }
  };
  const selected = (facet: Facet): string[] =>
    facet === 'boerneattest' ? (state.filters.boerneattest ? [state.filters.boerneattest] : []) : state.filters[facet];

  const facets: FacetGroup[] = FACET_ORDER.map((facet): FacetGroup => {
    const chosen = selected(facet);
    // A value that would give no results (with the other filters as they are) is a
    // dead end, so it is left out — hidden, not disabled, so a screen reader does not
    // read out choices that cannot be made. A chosen one stays, so it can be unticked.
    const options: FacetOption[] = [];
    for (const value of valuesOf(facet)) {
      const count = counts[facet].get(value) ?? 0;
      const checked = chosen.includes(value);
      if (count === 0 && !checked) continue;
      const id = `${facet}-${value}`;
      const text = label(facet, value);
      options.push({
        id,
        value,
        label: text,
        count,
        checked,
      });
    }
    return {
      facet,
      legend: legends[facet],
      type: facet === 'boerneattest' ? 'radio' : 'checkbox',
      options,
      selectedCount: chosen.length,
      open: chosen.length > 0 || OPEN_BY_DEFAULT.includes(facet),
    };
  }).filter((group) => group.options.length > 0);

  const activeFilters: ActiveFilter[] = [];
  for (const facet of FACET_ORDER) {
    for (const value of selected(facet)) {
      activeFilters.push({
        label: label(facet, value),
        href: facet === 'boerneattest' ? links.withoutCertificate() : links.withoutValue(facet as ListFacet, value),
      });
    }
  }

  const number = (value: number): string => value.toLocaleString(NUMBER_LOCALES[lang]);
  const from = total === 0 ? 0 : (state.page - 1) * PAGE_SIZE + 1;
  const to = Math.min(total, state.page * PAGE_SIZE);
  const filterCount = activeFilterCount(state.filters);
  const pageSuffix = state.page > 1 ? t('openings.search.titlePage', { page: state.page }) : '';
  const title = state.q
    ? t('openings.search.titleWithQuery', { q: state.q }) + pageSuffix
    : filterCount > 0
      ? t('openings.search.titleWithFilters', { count: filterCount }) + pageSuffix
      : t('openings.search.title') + pageSuffix;

  return {
    title,
    q: state.q,
    sort: state.sort,
    facets,
    activeFilters,
    removeQueryHref: state.q ? links.withoutQuery() : null,
    /** "Did you mean: target group Young people?", named as the filters name it. */
    suggestions: outcome.suggestions.map((suggestion) => ({
      facetLabel: suggestionFacets[suggestion.facet],
      // In the page's language only, as the filter names it (#10).
      name: suggestion.value.name[lang],
      href: links.withSuggestion(suggestion.facet, suggestion.value.slug, suggestion.remainingQ),
    })),
    removeAllHref: activeFilters.length > 1 ? links.withoutFilters() : null,
    /** For the filter panel's summary, "Filtre (2 valgt)". */
    filterCount,
    total,
    hits: hits.map((hit) => ({
      ...hit,
      localAreaName: hit.localArea ? hit.localArea[lang] : null,
      formLabel: result.forms[hit.form] ?? hit.form,
      commitmentLabel: result.commitments[hit.commitment] ?? hit.commitment,
    })),
    /** The result list's fixed texts (looked up once per language). */
    resultLabels: result.labels,
    /** More results than the pages reach: how many they do reach (the reader should narrow the search). */
    truncatedAt: total > MAX_PAGE * PAGE_SIZE ? number(MAX_PAGE * PAGE_SIZE) : null,
    countText:
      total === 0
        ? t('openings.search.countNone')
        : total <= PAGE_SIZE || hits.length === 0
          ? t('openings.search.countAll', { count: total, total: number(total) })
          : t('openings.search.countRange', { from: number(from), to: number(to), count: total, total: number(total) }),
    beyondLastPage: total > 0 && hits.length === 0,
    firstPageHref: links.page(1),
    sortLinks: sortChoices(state.q).map((sort) => ({
      sort,
      label: sortLabels[sort],
      href: links.sort(sort),
      current: sort === state.sort,
    })),
    pagination: paginationFor(state.page, pageCount, links.page),
    feeds: { rss: links.feed('rss'), atom: links.feed('atom') },
    /** Hidden field keeping a chosen order when the filters are changed. */
    keptSort: state.sort === (state.q ? 'relevans' : 'nyeste') ? null : state.sort,
  };
}

export type SearchPageModel = ReturnType<typeof searchPageModel>;

const labelCache = new Map<Language, ReturnType<typeof buildStaticLabels>>();

/**
 * The page's fixed texts (filter names, value names, result labels) per language,
 * looked up once: the locale files do not change while the portal runs, and a page
 * would otherwise make a hundred lookups for the same few dozen texts.
 */
function staticLabels(t: TFunction, lang: Language) {
  let labels = labelCache.get(lang);
  if (!labels) {
    labels = buildStaticLabels(t);
    labelCache.set(lang, labels);
  }
  return labels;
}

function buildStaticLabels(t: TFunction) {
  const byValue = (values: readonly string[], prefix: string): Record<string, string> =>
    Object.fromEntries(values.map((value) => [value, t(`${prefix}.${value}`)]));
  return {
    enumLabels: {
      form: byValue(FORMS, 'openings.search.forms'),
      tid: byValue(COMMITMENTS, 'openings.search.commitments'),
      type: byValue(ORGANISATION_TYPES, 'openings.search.organisationTypes'),
      boerneattest: byValue(['ja', 'nej'], 'openings.search.certificate'),
    },
    legends: byValue(FACET_ORDER, 'openings.search.facets') as Record<Facet, string>,
    sortLabels: byValue(SORT_ORDERS, 'openings.search.sort') as Record<SortOrder, string>,
    suggestionFacets: byValue(TAXONOMY_FACETS, 'openings.search.suggestion.facets') as Record<TaxonomyFacet, string>,
    result: {
      labels: {
        localArea: t('openings.search.result.localArea'),
        form: t('openings.search.result.form'),
        commitment: t('openings.search.result.commitment'),
        deadline: t('openings.search.result.deadline'),
        noDeadline: t('openings.search.result.noDeadline'),
        certificate: t('openings.search.result.certificate'),
        wholeMunicipality: t('openings.search.result.wholeMunicipality'),
      },
      forms: byValue(FORMS, 'openings.search.forms'),
      commitments: byValue(COMMITMENTS, 'openings.search.commitments'),
    },
  };
}

function sortChoices(q: string): SortOrder[] {
  return SORT_ORDERS.filter((sort) => sort !== 'relevans' || q !== '');
}
