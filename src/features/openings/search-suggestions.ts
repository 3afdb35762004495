// "Did you mean: target group Unge / Young people?" What associations write is Danish,
// so an English search for "young" finds nothing in the text; but "young" names a
// target group, and that filter finds what the reader meant. A word of the search
// names a vocabulary value (area, target group, field of work, skill) when it equals,
// ignoring case and diacritics, a whole word of the value's Danish or English name.
import { TAXONOMY_FACETS, type SearchFilters, type TaxonomyFacet } from './search-schemas.js';
import type { Taxonomies, TaxonomyValue } from './search-service.js';

export interface VocabularySuggestion {
  facet: TaxonomyFacet;
  value: TaxonomyValue;
  /** The search text without the words that named the value. */
  remainingQ: string;
}

/** More would crowd out the results; the first ones are the most specific. */
export const MAX_SUGGESTIONS = 3;
/** Words of the free text, as search-service.ts splits it. */
const WORD = /[\p{L}\p{N}]+/gu;
/**
 * Words of a name that name nothing by themselves: "people" would otherwise suggest
 * every group of people, "og" every "X og Y".
 */
const FILLER_WORDS = new Set(['og', 'and', 'med', 'with', 'for', 'til', 'the', 'of', 'i', 'in', 'people', 'mennesker']);

/** Lower case, Danish letters spelt out (æ → ae), accents dropped: "Hjortekær" = "hjortekaer". */
export function foldWord(word: string): string {
  return word
    .toLocaleLowerCase('da')
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

function nameWords(value: TaxonomyValue): Set<string> {
  const words = [value.name.da, value.name.en].flatMap((name) => name.match(WORD) ?? []).map(foldWord);
  return new Set(words.filter((word) => !FILLER_WORDS.has(word)));
}

export function vocabularySuggestions(q: string, taxonomies: Taxonomies, filters: SearchFilters): VocabularySuggestion[] {
  const typed = q.match(WORD) ?? [];
  if (typed.length === 0) return [];
  const folded = typed.map(foldWord);
  const suggestions: (VocabularySuggestion & { matched: number; order: number })[] = [];
  let order = 0;
  for (const facet of TAXONOMY_FACETS) {
    for (const value of taxonomies[facet]) {
      order += 1;
      if (filters[facet].includes(value.slug)) continue;
      const words = nameWords(value);
      const matching = new Set(folded.filter((word) => words.has(word)));
      if (matching.size === 0) continue;
      // The rest of the text as typed (quotes and all), only the naming words taken out.
      const remainingQ = q
        .replace(WORD, (word) => (matching.has(foldWord(word)) ? '' : word))
        // A phrase of only naming words leaves empty quotes behind.
        .replace(/"\s*"/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      suggestions.push({ facet, value, remainingQ, matched: matching.size, order });
    }
  }
  // A value more of whose words were typed first ("kongens lyngby"), then the page's order.
  return suggestions
    .sort((a, b) => b.matched - a.matched || a.order - b.order)
    .slice(0, MAX_SUGGESTIONS)
    .map(({ facet, value, remainingQ }) => ({ facet, value, remainingQ }));
}
