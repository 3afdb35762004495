// A saved search in words, for the alert form, its pages, its e-mails and "Mine data":
// one line per filter chosen ("Area: Nørrebro, Vesterbro"), in the reader's language,
// or one line saying every opportunity when nothing is chosen.
import type { TFunction } from 'i18next';
import type { Language } from '../../i18n/i18n.js';
import { FACET_ORDER, type SearchState } from '../openings/search-schemas.js';
import type { Taxonomies } from '../openings/search-service.js';

const ENUM_LABEL_PREFIX = {
  form: 'openings.search.forms',
  tid: 'openings.search.commitments',
  type: 'openings.search.organisationTypes',
  boerneattest: 'openings.search.certificate',
} as const;

export function describeSearch(state: SearchState, taxonomies: Taxonomies, t: TFunction, lang: Language): string[] {
  const lines: string[] = [];
  if (state.q) lines.push(t('openingAlerts.describe.text', { q: state.q }));
  for (const facet of FACET_ORDER) {
    let labels: string[];
    if (facet === 'boerneattest') {
      labels = state.filters.boerneattest ? [t(`${ENUM_LABEL_PREFIX.boerneattest}.${state.filters.boerneattest}`)] : [];
    } else if (facet === 'form' || facet === 'tid' || facet === 'type') {
      labels = state.filters[facet].map((value) => t(`${ENUM_LABEL_PREFIX[facet]}.${value}`));
    } else {
      labels = state.filters[facet].map((slug) => taxonomies[facet].find((entry) => entry.slug === slug)?.name[lang] ?? slug);
    }
    if (labels.length > 0) lines.push(`${t(`openings.search.facets.${facet}`)}: ${labels.join(', ')}`);
  }
  return lines.length > 0 ? lines : [t('openingAlerts.describe.all')];
}
