// The search's small parts on their own: reading the query string and the canonical
// links.
import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../../src/features/openings/search-schemas.js';
import { searchHref, searchLinks } from '../../../src/features/openings/search-url.js';

describe('parseSearchQuery', () => {
  it('reads every parameter, single or repeated, and drops what is not allowed', () => {
    const state = parseSearchQuery({
      q: '  lektiehjælp  ',
      omraade: ['lundtofte', 'virum', 'lundtofte', 'Ikke En Slug', '../x'],
      maalgruppe: 'unge',
      tid: ['WEEKLY', 'sometimes'],
      form: 'EPISODIC',
      type: ['CHURCH'],
      kompetence: 'sprog-og-undervisning',
      fagomraade: ['kultur'],
      boerneattest: 'ja',
      sortering: 'frist',
      side: '3',
    });
    expect(state).toEqual({
      q: 'lektiehjælp',
      filters: {
        omraade: ['lundtofte', 'virum'],
        maalgruppe: ['unge'],
        tid: ['WEEKLY'],
        form: ['EPISODIC'],
        type: ['CHURCH'],
        kompetence: ['sprog-og-undervisning'],
        fagomraade: ['kultur'],
        boerneattest: 'ja',
      },
      sort: 'frist',
      page: 3,
    });
  });

  it('defaults to relevance with words, newest without, and page 1', () => {
    expect(parseSearchQuery({ q: 'kor' })).toMatchObject({ sort: 'relevans', page: 1 });
    expect(parseSearchQuery({})).toMatchObject({ q: '', sort: 'nyeste', page: 1 });
    expect(parseSearchQuery({ sortering: 'relevans' })).toMatchObject({ sort: 'nyeste' });
    expect(parseSearchQuery({ side: '0' }).page).toBe(1);
    expect(parseSearchQuery({ side: '100' }).page).toBe(100);
    expect(parseSearchQuery({ side: '101' }).page).toBe(1);
    expect(parseSearchQuery({ q: ['a', 'b'] }).q).toBe('');
  });
});

describe('search links', () => {
  it('round-trip: the link of a parsed search parses to the same search', () => {
    const query = {
      q: 'lektiehjælp for unge',
      omraade: ['lundtofte', 'virum'],
      maalgruppe: 'unge',
      boerneattest: 'nej',
      sortering: 'frist',
      side: '2',
    };
    const state = parseSearchQuery(query);
    const href = searchHref(state);
    expect(href).toBe(
      '/opgaver?q=lektiehj%C3%A6lp+for+unge&omraade=lundtofte&omraade=virum&maalgruppe=unge&boerneattest=nej&sortering=frist&side=2',
    );
    const params = new URL(href, 'http://x').searchParams;
    const again: Record<string, string | string[]> = {};
    for (const key of new Set(params.keys())) {
      const values = params.getAll(key);
      again[key] = values.length > 1 ? values : (values[0] ?? '');
    }
    expect(parseSearchQuery(again)).toEqual(state);
  });

  it('start again on page 1 when the search changes, and point the feeds at the same filters', () => {
    const links = searchLinks(parseSearchQuery({ omraade: 'lundtofte', maalgruppe: 'unge', side: '4' }));
    expect(links.withoutValue('omraade', 'lundtofte')).toBe('/opgaver?maalgruppe=unge');
    expect(links.sort('frist')).toBe('/opgaver?omraade=lundtofte&maalgruppe=unge&sortering=frist');
    expect(links.page(5)).toBe('/opgaver?omraade=lundtofte&maalgruppe=unge&side=5');
    expect(links.withoutFilters()).toBe('/opgaver');
    expect(links.feed('rss')).toBe('/feed/opgaver.rss?omraade=lundtofte&maalgruppe=unge');
  });
});
