// The search page after the service assessment (#10): minimal, shareable URLs; no
// filter value that leads nowhere; results before the filters on a phone; "did you
// mean" for words that name a filter (an English "young" finds the Danish "Unge");
// Danish content marked lang="da" on English pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { aLookup, anAssociation, anOpening } from '../../helpers/factories/index.js';
import { canonicalSearchRedirect } from '../../../src/features/openings/search-url.js';
import { parseSearchQuery, emptyFilters } from '../../../src/features/openings/search-schemas.js';
import { foldWord, vocabularySuggestions } from '../../../src/features/openings/search-suggestions.js';
import type { Taxonomies } from '../../../src/features/openings/search-service.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  const lundtofte = await aLookup(prisma, 'localArea', 'lundtofte', 'Lundtofte', { nameEn: 'Lundtofte', sortOrder: 10 });
  await aLookup(prisma, 'localArea', 'bondebyen', 'Bondebyen', { nameEn: 'Bondebyen', sortOrder: 20 });
  const lyngby = await aLookup(prisma, 'localArea', 'kongens-lyngby', 'Kongens Lyngby', { nameEn: 'Kongens Lyngby', sortOrder: 30 });
  const unge = await aLookup(prisma, 'targetGroup', 'unge', 'Unge', { nameEn: 'Young people', sortOrder: 10 });
  await aLookup(prisma, 'targetGroup', 'aeldre', 'Ældre', { nameEn: 'Older people', sortOrder: 20 });
  const idraet = await aLookup(prisma, 'fieldOfWork', 'idraet', 'Idræt', { nameEn: 'Sport', sortOrder: 10 });
  const club = await anAssociation(prisma, { name: 'IF Testrup', fieldOfWorkIds: [idraet.id] });
  await anOpening(prisma, club.id, {
    title: 'Lektiehjælp i Lundtofte',
    summary: 'Hjælp unge med lektier i klubhuset.',
    localAreaId: lundtofte.id,
    targetGroupIds: [unge.id],
    commitment: 'WEEKLY',
    childCertificateRequired: true,
  });
  await anOpening(prisma, club.id, {
    title: 'Fodboldtræner i Lyngby',
    summary: 'Træn et hold om lørdagen.',
    localAreaId: lyngby.id,
    targetGroupIds: [unge.id],
    commitment: 'WEEKLY',
  });
});

afterAll(async () => {
  await ctx.close();
});

function get(query: string, lang?: 'en') {
  const request = supertest(ctx.app).get(`/opgaver${query ? `?${query}` : ''}`);
  if (lang) request.set('Cookie', `lang=${lang}`);
  return request;
}

async function page(query: string, lang?: 'en'): Promise<string> {
  return (await get(query, lang).expect(200)).text;
}

function resultTitles(html: string): string[] {
  return [...html.matchAll(/opening-search-result-title"(?: lang="da")?><a href="\/opgaver\/\d+">([^<]*)<\/a>/g)].map((m) => m[1] ?? '');
}

function decodeHref(href: string): string {
  return href.replaceAll('&amp;', '&');
}

describe('minimal URLs', () => {
  it('redirects a search with empty or default parameters to its minimal URL (302)', async () => {
    const cases: [string, string][] = [
      // What the form sends without JavaScript when nothing is typed or chosen.
      ['q=&boerneattest=', '/opgaver'],
      ['q=&omraade=lundtofte&boerneattest=', '/opgaver?omraade=lundtofte'],
      ['q=lektiehj%C3%A6lp&boerneattest=&sortering=relevans&side=1', '/opgaver?q=lektiehj%C3%A6lp'],
      ['sortering=nyeste', '/opgaver'],
      ['q=x&sortering=nyeste&side=1', '/opgaver?q=x&sortering=nyeste'],
      ['side=1', '/opgaver'],
      // Canonical order: the hidden sort field used to come first.
      ['sortering=frist&omraade=lundtofte', '/opgaver?omraade=lundtofte&sortering=frist'],
      ['maalgruppe=unge&omraade=lundtofte', '/opgaver?omraade=lundtofte&maalgruppe=unge'],
      ['q=+lektiehj%C3%A6lp++', '/opgaver?q=lektiehj%C3%A6lp'],
    ];
    for (const [query, target] of cases) {
      const response = await get(query).expect(302);
      expect(response.headers.location, query).toBe(target);
      // The target is minimal: asking for it answers the page, not another redirect.
      await supertest(ctx.app).get(target).expect(200);
    }
  });

  it('answers a minimal URL directly, however its words are encoded', async () => {
    for (const query of ['', 'q=lektiehj%C3%A6lp', 'q=to%20ord', 'q=to+ord', 'omraade=lundtofte&boerneattest=ja&sortering=frist&side=2']) {
      await get(query).expect(200);
    }
  });

  it('decides the redirect from the decoded parameters (unit)', () => {
    const state = (query: string) => parseSearchQuery(Object.fromEntries(new URLSearchParams(query)));
    expect(canonicalSearchRedirect('/opgaver', state(''))).toBeNull();
    expect(canonicalSearchRedirect('/opgaver?', state(''))).toBeNull();
    expect(canonicalSearchRedirect('/opgaver?q=a%20b', state('q=a b'))).toBeNull();
    expect(canonicalSearchRedirect('/opgaver?q=', state('q='))).toBe('/opgaver');
    expect(canonicalSearchRedirect('/opgaver?q=a&side=1', state('q=a&side=1'))).toBe('/opgaver?q=a');
  });

  it('builds every link on the page in the minimal form', async () => {
    const html = await page('q=lektiehj%C3%A6lp&omraade=lundtofte');
    const hrefs = [...html.matchAll(/href="(\/opgaver\?[^"]*)"/g)].map((m) => decodeHref(m[1] ?? ''));
    expect(hrefs.length).toBeGreaterThan(2);
    for (const href of hrefs) {
      expect(href, href).not.toMatch(/(^|[?&])[a-z]+=(&|$)/);
      expect(href, href).not.toMatch(/side=1(&|$)/);
      await supertest(ctx.app).get(href).expect(200);
    }
  });

  it('puts the kept sort order last in the form, where the minimal URL has it', async () => {
    const html = await page('omraade=lundtofte&sortering=frist');
    const form = html.slice(html.indexOf('<form method="get" action="/opgaver"'), html.indexOf('</form>'));
    expect(form).toContain('data-minimal-url');
    expect(form.lastIndexOf('name="sortering"')).toBeGreaterThan(form.lastIndexOf('name="type"'));
  });
});

describe('zero counts', () => {
  it('offers no filter value that has no results, in any facet', async () => {
    const html = await page('');
    expect(html).toContain('id="omraade-lundtofte"');
    // Nothing in Bondebyen, nobody helps Ældre, no MONTHLY openings, no episodic ones.
    expect(html).not.toContain('id="omraade-bondebyen"');
    expect(html).not.toContain('Bondebyen (0)');
    expect(html).not.toContain('id="maalgruppe-aeldre"');
    expect(html).not.toContain('id="tid-MONTHLY"');
    expect(html).not.toContain('id="type-MUNICIPAL_INSTITUTION"');
    expect(html).not.toMatch(/<span class="opening-search-facet-count">\(0\)<\/span>/);
  });

  it('follows the other filters: a value emptied by them disappears', async () => {
    // Among openings needing a child protection certificate there is none in Kongens Lyngby.
    const html = await page('boerneattest=ja');
    expect(html).toContain('id="omraade-lundtofte"');
    expect(html).not.toContain('id="omraade-kongens-lyngby"');
  });

  it('keeps a chosen value that has no results, ticked, so it can be unticked', async () => {
    const html = await page('omraade=bondebyen');
    expect(html).toMatch(/id="omraade-bondebyen" name="omraade" value="bondebyen" checked>/);
    expect(html).toContain('Bondebyen <span class="opening-search-facet-count">(0)</span>');
    expect(resultTitles(html)).toEqual([]);
  });
});

describe('filters after the results on a phone', () => {
  it('puts every filter in one closed panel, its summary counting the chosen ones', async () => {
    const plain = await page('');
    expect(plain).toMatch(
      /<details class="details opening-search-panel" data-open-from="992px">\s*<summary class="details-summary">Filtre<\/summary>/,
    );
    const chosen = await page('omraade=lundtofte&maalgruppe=unge');
    expect(chosen).toContain('<summary class="details-summary">Filtre <span class="weight-normal">(2 valgt)</span></summary>');
    // Closed in the HTML even with filters chosen: on a phone the results come first.
    expect(chosen).not.toMatch(/opening-search-panel"[^>]* open/);
    const english = await page('omraade=lundtofte&maalgruppe=unge', 'en');
    expect(english).toContain('<summary class="details-summary">Filters <span class="weight-normal">(2 selected)</span></summary>');
    // Reading order = DOM order: the panel, then the results.
    expect(chosen.indexOf('opening-search-panel')).toBeLessThan(chosen.indexOf('opening-search-results'));
  });
});

describe('did you mean', () => {
  const taxonomies: Taxonomies = {
    omraade: [
      { id: 1, slug: 'kongens-lyngby', name: { da: 'Kongens Lyngby', en: 'Kongens Lyngby' } },
      { id: 2, slug: 'hjortekaer', name: { da: 'Hjortekær', en: 'Hjortekær' } },
    ],
    maalgruppe: [
      { id: 1, slug: 'unge', name: { da: 'Unge', en: 'Young people' } },
      { id: 2, slug: 'aeldre', name: { da: 'Ældre', en: 'Older people' } },
    ],
    fagomraade: [
      { id: 1, slug: 'idraet', name: { da: 'Idræt', en: 'Sport' } },
      { id: 2, slug: 'boern-og-unge', name: { da: 'Børn og unge', en: 'Children and young people' } },
    ],
    kompetence: [{ id: 1, slug: 'idraet-og-bevaegelse', name: { da: 'Idræt og bevægelse', en: 'Sport and exercise' } }],
  };
  const suggest = (q: string, filters = emptyFilters()) =>
    vocabularySuggestions(q, taxonomies, filters).map((s) => `${s.facet}:${s.value.slug}:${s.remainingQ}`);

  it('finds whole words of either name, ignoring case and diacritics', () => {
    expect(suggest('young')).toEqual(['maalgruppe:unge:', 'fagomraade:boern-og-unge:']);
    expect(suggest('UNGE')).toEqual(['maalgruppe:unge:', 'fagomraade:boern-og-unge:']);
    expect(suggest('lektiehjælp Lyngby')).toEqual(['omraade:kongens-lyngby:lektiehjælp']);
    expect(suggest('sport')).toEqual(['fagomraade:idraet:', 'kompetence:idraet-og-bevaegelse:']);
    expect(suggest('hjortekaer')).toEqual(['omraade:hjortekaer:']);
    expect(suggest('aeldre')).toEqual(['maalgruppe:aeldre:']);
    expect(foldWord('Ældre')).toBe(foldWord('aeldre'));
  });

  it('ignores parts of words, filler words and values already chosen', () => {
    expect(suggest('youngsters')).toEqual([]);
    expect(suggest('people')).toEqual([]);
    expect(suggest('og')).toEqual([]);
    expect(suggest('')).toEqual([]);
    expect(suggest('young', { ...emptyFilters(), maalgruppe: ['unge'] })).toEqual(['fagomraade:boern-og-unge:']);
  });

  it('prefers the value more of whose words were typed, and keeps the rest of the text as typed', () => {
    expect(suggest('"kongens lyngby" fodbold')[0]).toBe('omraade:kongens-lyngby:fodbold');
    expect(suggest('kongens lyngby young')[0]).toBe('omraade:kongens-lyngby:young');
  });

  it('suggests the target group for an English "young" in English only, and following it gives results', async () => {
    const english = await page('q=young', 'en');
    expect(resultTitles(english)).toEqual([]);
    // Named as the English filter names it, no Danish beside it (#10).
    const suggestion = /<p class="opening-search-suggestion">Did you mean: <a href="([^"]+)">target group Young people<\/a>\?<\/p>/.exec(
      english,
    );
    expect(english).not.toContain('Unge</span>');
    // The suggestion comes before the offer of an alert.
    expect(english.indexOf('opening-search-suggestion')).toBeLessThan(english.indexOf('opening-alert-link'));
    expect(suggestion).not.toBeNull();
    const href = decodeHref(suggestion?.[1] ?? '');
    expect(href).toBe('/opgaver?maalgruppe=unge');
    const followed = await page(href.replace('/opgaver?', ''), 'en');
    expect(resultTitles(followed).sort()).toEqual(['Fodboldtræner i Lyngby', 'Lektiehjælp i Lundtofte']);
    expect(followed).not.toContain('opening-search-suggestion');
  });

  it('suggests in Danish with the Danish name, keeping the other words and filters', async () => {
    const html = await page('q=tr%C3%A6ner+Lyngby&maalgruppe=unge');
    expect(html).toContain(
      '<p class="opening-search-suggestion">Mente du: <a href="/opgaver?q=tr%C3%A6ner&amp;omraade=kongens-lyngby&amp;maalgruppe=unge">område Kongens Lyngby</a>?</p>',
    );
  });
});

describe('zero results and the keyboard (#10)', () => {
  it('shows no filter panel when no filter value would give results', async () => {
    const html = await page('q=xyzzyingenting');
    expect(resultTitles(html)).toEqual([]);
    expect(html).not.toContain('opening-search-panel');
    expect(html).not.toContain('Vis opgaver</button>');
    expect(html).not.toContain('href="#resultater"');
  });

  it('keeps the panel when a chosen filter can be unticked there', async () => {
    const html = await page('q=xyzzyingenting&maalgruppe=unge');
    expect(html).toContain('opening-search-panel');
    expect(html).toContain('value="unge" checked');
  });

  it('offers a link past the filters to the results, before the first filter', async () => {
    const html = await page('');
    const skip = html.indexOf('<a href="#resultater">Gå til resultaterne</a>');
    expect(skip).toBeGreaterThan(-1);
    expect(skip).toBeLessThan(html.indexOf('type="checkbox"'));
    expect(html).toContain('id="resultater" tabindex="-1"');
    expect(await page('', 'en')).toContain('<a href="#resultater">Skip to the results</a>');
  });
});

describe('Danish content on English pages', () => {
  it('marks the title, association, summary and place of each result lang="da"', async () => {
    const english = await page('omraade=lundtofte', 'en');
    expect(english).toContain('<h3 class="h4 opening-search-result-title" lang="da"><a href="/opgaver/');
    expect(english).toContain('<p class="opening-search-result-by" lang="da">IF Testrup</p>');
    expect(english).toContain('<p class="opening-search-result-summary" lang="da">Hjælp unge med lektier i klubhuset.</p>');
    expect(english).toContain('<dd lang="da">Lundtofte</dd>');
    // Our own words stay English.
    expect(english).toContain('<dd>Every week</dd>');
    // An empty result names the volunteer centre in its own element.
    await anAssociation(ctx.db.prisma, { name: 'Frivilligcenter Testrup', organisationType: 'VOLUNTEER_CENTRE' });
    expect(await page('q=undervandsrugby', 'en')).toMatch(
      /">Get help finding an opportunity from <span lang="da">Frivilligcenter Testrup<\/span><\/a>/,
    );
    const danish = await page('omraade=lundtofte');
    expect(danish).toContain('<h3 class="h4 opening-search-result-title"><a href="/opgaver/');
    expect(danish).not.toContain('<dd lang="da">');
  });
});
