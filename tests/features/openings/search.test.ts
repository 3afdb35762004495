// The public search (/opgaver) against a real database: Danish stemming, filters that
// combine, facet counts, sorting, pagination, what is never shown, hostile input,
// shareable URLs and English. One small, known data set; each test reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { aLookup, anAssociation, anOpening, type OpeningOptions } from '../../helpers/factories/index.js';

let ctx: TestContext;
const ids: Record<string, number> = {};

// The fake clock says 22 November 2026, 10:00 UTC.
const IN_30_DAYS = '2026-12-22';
const IN_10_DAYS = '2026-12-02';
const YESTERDAY = '2026-11-21';

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  await prisma.municipalitySettings.create({
    data: { id: 1, name: 'Testrup Kommune', contactEmail: 'frivillig@example.org' },
  });
  const lundtofte = await aLookup(prisma, 'localArea', 'lundtofte', 'Lundtofte', { sortOrder: 10 });
  const virum = await aLookup(prisma, 'localArea', 'virum', 'Virum', { sortOrder: 20 });
  const taarbaek = await aLookup(prisma, 'localArea', 'taarbaek', 'Taarbæk', { sortOrder: 30 });
  const unge = await aLookup(prisma, 'targetGroup', 'unge', 'Unge', { sortOrder: 10 });
  const boern = await aLookup(prisma, 'targetGroup', 'boern', 'Børn', { sortOrder: 20 });
  const aeldre = await aLookup(prisma, 'targetGroup', 'aeldre', 'Ældre', { sortOrder: 30 });
  const idraet = await aLookup(prisma, 'fieldOfWork', 'idraet', 'Idræt', { sortOrder: 10 });
  const kultur = await aLookup(prisma, 'fieldOfWork', 'kultur', 'Kultur', { sortOrder: 20 });
  const sprog = await aLookup(prisma, 'skillArea', 'sprog', 'Sprog og undervisning', { sortOrder: 10 });
  const socialt = await aLookup(prisma, 'skillArea', 'socialt', 'Socialt og omsorg', { sortOrder: 20 });

  const club = await anAssociation(prisma, { name: 'IF Testrup', fieldOfWorkIds: [idraet.id] });
  const library = await anAssociation(prisma, {
    name: 'Testrup Bibliotek',
    organisationType: 'MUNICIPAL_INSTITUTION',
    fieldOfWorkIds: [kultur.id],
  });
  const pending = await anAssociation(prisma, { name: 'Ventende Forening', status: 'PENDING' });

  const create = async (key: string, associationId: number, data: OpeningOptions) => {
    ids[key] = (await anOpening(prisma, associationId, data)).id;
  };
  await create('homework', club.id, {
    title: 'Lektiehjælp i Lundtofte',
    summary: 'Hjælp unge med lektier i klubhuset.',
    localAreaId: lundtofte.id,
    targetGroupIds: [unge.id],
    skillAreaIds: [sprog.id],
    form: 'ONGOING',
    commitment: 'WEEKLY',
    childCertificateRequired: true,
    deadline: IN_30_DAYS,
    publishedAt: new Date('2026-11-10T10:00:00Z'),
  });
  await create('football', club.id, {
    title: 'Fodboldtræner for unge',
    summary: 'Træn et hold en dag i skoleferien.',
    localAreaId: virum.id,
    targetGroupIds: [unge.id, boern.id],
    skillAreaIds: [socialt.id],
    form: 'EPISODIC',
    commitment: 'ONE_OFF',
    childCertificateRequired: true,
    deadline: null,
    publishedAt: new Date('2026-11-20T10:00:00Z'),
  });
  await create('reader', library.id, {
    title: 'Højtlæser for ældre',
    summary: 'Læs højt for ældre en gang om måneden.',
    localAreaId: lundtofte.id,
    targetGroupIds: [aeldre.id],
    skillAreaIds: [socialt.id],
    form: 'PROGRAMME',
    commitment: 'MONTHLY',
    deadline: IN_10_DAYS,
    publishedAt: new Date('2026-11-15T10:00:00Z'),
  });
  await create('cafe', library.id, {
    title: 'Café-vært på biblioteket',
    summary: 'Lav kaffe til kulturaftener.',
    description: 'Caféen ligger ved siden af bibliotekets lektiehjælp, så der er liv hele eftermiddagen.',
    localAreaId: taarbaek.id,
    targetGroupIds: [aeldre.id, unge.id],
    form: 'SELF_ORGANISED',
    commitment: 'OCCASIONAL',
    deadline: '2026-11-22',
    publishedAt: new Date('2026-11-05T10:00:00Z'),
  });
  // Never public.
  await create('draft', club.id, { title: 'Kladde om lektiehjælp', status: 'DRAFT', localAreaId: lundtofte.id });
  await create('closed', club.id, { title: 'Lukket lektiehjælp', status: 'CLOSED', localAreaId: lundtofte.id });
  await create('expired', club.id, { title: 'Udløbet lektiehjælp', deadline: YESTERDAY, localAreaId: lundtofte.id });
  await create('pending', pending.id, { title: 'Lektiehjælp hos ventende forening', localAreaId: lundtofte.id });
}, 60_000);

afterAll(() => ctx.close());

const HIDDEN_TITLES = ['Kladde om lektiehjælp', 'Lukket lektiehjælp', 'Udløbet lektiehjælp', 'Lektiehjælp hos ventende forening'];

/** The opening titles in the results list, in order. */
function resultTitles(html: string): string[] {
  return [...html.matchAll(/<h3 class="h4 opening-search-result-title"><a href="\/opgaver\/\d+">([^<]*)<\/a>/g)].map((match) =>
    decode(match[1] ?? ''),
  );
}

function decode(text: string): string {
  return text.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** The count shown next to a filter choice, e.g. countFor(html, 'omraade', 'virum'). */
function countFor(html: string, facet: string, value: string): number | undefined {
  const match = new RegExp(`for="${facet}-${value}">[^<]*<span class="opening-search-facet-count">\\((\\d+)\\)`).exec(html);
  return match ? Number(match[1]) : undefined;
}

function isChecked(html: string, facet: string, value: string): boolean {
  return new RegExp(`id="${facet}-${value}" name="${facet}" value="${value}" checked`).test(html);
}

/** Where a search address is redirected to (its minimal form). */
async function redirectOf(query: string): Promise<string | undefined> {
  const response = await supertest(ctx.app).get(`/opgaver?${query}`).expect(302);
  return response.headers.location;
}

async function search(query: string, lang?: 'en') {
  const request = supertest(ctx.app).get(`/opgaver${query ? `?${query}` : ''}`);
  if (lang) request.set('Cookie', `lang=${lang}`);
  const response = await request.expect(200);
  return response.text;
}

describe('the search page', () => {
  it('lists the public openings, newest first, and nothing else', async () => {
    const response = await supertest(ctx.app).get('/opgaver').expect(200);
    // A search is a plain GET: no session, no cookie, cacheable by nobody's identity.
    expect(response.headers['set-cookie']).toBeUndefined();
    const html = response.text;
    expect(html).toContain('<title>Frivilligopgaver – Frivillig i Testrup Kommune</title>');
    expect(html).toMatch(/<h1>Frivilligopgaver<\/h1>/);
    expect(resultTitles(html)).toEqual([
      'Fodboldtræner for unge',
      'Højtlæser for ældre',
      'Lektiehjælp i Lundtofte',
      'Café-vært på biblioteket',
    ]);
    for (const title of HIDDEN_TITLES) expect(html).not.toContain(title);
    expect(html).toMatch(/<p role="status" class="opening-search-count">4 frivilligopgaver passer til din søgning<\/p>/);
    // Works without JavaScript: a plain GET form with a submit button.
    expect(html).toMatch(/<form method="get" action="\/opgaver"/);
    expect(html).toMatch(/<button class="button button-primary" type="submit">Søg<\/button>/);
    // Result details: association, area, form, commitment, deadline, certificate tag.
    expect(html).toContain(`href="/opgaver/${ids.homework}"`);
    expect(html).toContain('IF Testrup');
    expect(html).toContain('Hver uge');
    expect(html).toContain('22. december 2026');
    expect(html).toContain('Kræver børneattest');
    expect(html).toContain('Ingen frist');
  });

  it('never finds hidden openings, even when searching for their words', async () => {
    const html = await search('q=lektiehj%C3%A6lp');
    expect(resultTitles(html).sort()).toEqual(['Café-vært på biblioteket', 'Lektiehjælp i Lundtofte']);
    for (const title of HIDDEN_TITLES) expect(html).not.toContain(title);
  });

  it('uses Danish stemming: "lektiehjælpere" and "lektiehjælper" find "lektiehjælp"', async () => {
    for (const word of ['lektiehj%C3%A6lpere', 'lektiehj%C3%A6lper', 'Lektiehj%C3%A6lperen']) {
      const titles = resultTitles(await search(`q=${word}`));
      expect(titles, word).toContain('Lektiehjælp i Lundtofte');
      expect(titles, word).not.toContain('Fodboldtræner for unge');
    }
  });

  it('finds Danish compounds by their first part, and ranks title matches first', async () => {
    expect(resultTitles(await search('q=fodbold'))).toEqual(['Fodboldtræner for unge']);
    // Title match (weight A) before a mention in the description (weight D).
    expect(resultTitles(await search('q=lektiehj%C3%A6lp'))).toEqual(['Lektiehjælp i Lundtofte', 'Café-vært på biblioteket']);
    // Several words must all match.
    expect(resultTitles(await search('q=lektiehj%C3%A6lp+klubhuset'))).toEqual(['Lektiehjælp i Lundtofte']);
  });

  it('understands web-search syntax: phrases, OR and exclusion', async () => {
    expect(resultTitles(await search(`q=${encodeURIComponent('"lektiehjælp i lundtofte"')}`))).toEqual(['Lektiehjælp i Lundtofte']);
    expect(resultTitles(await search(`q=${encodeURIComponent('fodboldtræner OR højtlæser')}`)).sort()).toEqual([
      'Fodboldtræner for unge',
      'Højtlæser for ældre',
    ]);
    expect(resultTitles(await search(`q=${encodeURIComponent('lektiehjælp -café')}`))).toEqual(['Lektiehjælp i Lundtofte']);
  });

  it('titles the page after the search', async () => {
    expect(await search('q=lektiehj%C3%A6lp')).toContain('<title>Søgning: lektiehjælp – Frivillig i Testrup Kommune</title>');
    expect(await search('omraade=lundtofte&maalgruppe=unge')).toContain(
      '<title>Frivilligopgaver – 2 filtre valgt – Frivillig i Testrup Kommune</title>',
    );
  });
});

describe('filters', () => {
  it('combine across facets (AND) and within a facet (OR)', async () => {
    expect(resultTitles(await search('omraade=lundtofte&maalgruppe=unge'))).toEqual(['Lektiehjælp i Lundtofte']);
    expect(resultTitles(await search('omraade=lundtofte&omraade=virum'))).toEqual([
      'Fodboldtræner for unge',
      'Højtlæser for ældre',
      'Lektiehjælp i Lundtofte',
    ]);
    expect(resultTitles(await search('omraade=lundtofte&omraade=virum&maalgruppe=unge'))).toEqual([
      'Fodboldtræner for unge',
      'Lektiehjælp i Lundtofte',
    ]);
    expect(resultTitles(await search('q=lektiehj%C3%A6lp&omraade=taarbaek&maalgruppe=unge'))).toEqual(['Café-vært på biblioteket']);
  });

  it('filter on every facet', async () => {
    const cases: [string, string[]][] = [
      ['boerneattest=ja', ['Fodboldtræner for unge', 'Lektiehjælp i Lundtofte']],
      ['boerneattest=nej', ['Højtlæser for ældre', 'Café-vært på biblioteket']],
      ['type=MUNICIPAL_INSTITUTION', ['Højtlæser for ældre', 'Café-vært på biblioteket']],
      ['fagomraade=idraet', ['Fodboldtræner for unge', 'Lektiehjælp i Lundtofte']],
      ['tid=WEEKLY&tid=MONTHLY', ['Højtlæser for ældre', 'Lektiehjælp i Lundtofte']],
      ['form=EPISODIC', ['Fodboldtræner for unge']],
      ['kompetence=sprog', ['Lektiehjælp i Lundtofte']],
      ['maalgruppe=aeldre', ['Højtlæser for ældre', 'Café-vært på biblioteket']],
    ];
    for (const [query, titles] of cases) expect(resultTitles(await search(query)), query).toEqual(titles);
  });

  it('show counts per value that apply every other filter and the text', async () => {
    const all = await search('');
    expect(countFor(all, 'omraade', 'lundtofte')).toBe(2);
    expect(countFor(all, 'omraade', 'virum')).toBe(1);
    expect(countFor(all, 'maalgruppe', 'unge')).toBe(3);
    expect(countFor(all, 'boerneattest', 'ja')).toBe(2);
    expect(countFor(all, 'type', 'ASSOCIATION')).toBe(2);
    expect(countFor(all, 'fagomraade', 'kultur')).toBe(2);
    expect(countFor(all, 'kompetence', 'socialt')).toBe(2);
    expect(countFor(all, 'tid', 'ONE_OFF')).toBe(1);

    // Choosing Lundtofte still shows what the other areas have, while every other
    // facet counts within Lundtofte.
    const lundtofte = await search('omraade=lundtofte');
    expect(countFor(lundtofte, 'omraade', 'virum')).toBe(1);
    expect(countFor(lundtofte, 'omraade', 'taarbaek')).toBe(1);
    expect(countFor(lundtofte, 'omraade', 'lundtofte')).toBe(2);
    expect(countFor(lundtofte, 'maalgruppe', 'unge')).toBe(1);
    expect(countFor(lundtofte, 'maalgruppe', 'aeldre')).toBe(1);
    // A value with no results is not offered at all (see "zero counts" below).
    expect(countFor(lundtofte, 'maalgruppe', 'boern')).toBeUndefined();

    // With a target group too, the area counts apply the target group (and vice versa).
    const both = await search('omraade=lundtofte&maalgruppe=unge');
    expect(countFor(both, 'omraade', 'virum')).toBe(1);
    expect(countFor(both, 'omraade', 'taarbaek')).toBe(1);
    expect(countFor(both, 'omraade', 'lundtofte')).toBe(1);
    expect(countFor(both, 'maalgruppe', 'aeldre')).toBe(1);
    expect(countFor(both, 'maalgruppe', 'boern')).toBeUndefined();
    expect(countFor(both, 'boerneattest', 'ja')).toBe(1);

    // Free text narrows every count.
    const text = await search('q=lektiehj%C3%A6lp');
    expect(countFor(text, 'omraade', 'lundtofte')).toBe(1);
    expect(countFor(text, 'omraade', 'virum')).toBeUndefined();
    expect(countFor(text, 'maalgruppe', 'unge')).toBe(2);
  });

  it('shows chosen filters checked and as links that remove one filter each', async () => {
    const html = await search('q=lektiehj%C3%A6lp&omraade=lundtofte&omraade=taarbaek&maalgruppe=unge&sortering=nyeste');
    expect(isChecked(html, 'omraade', 'lundtofte')).toBe(true);
    expect(isChecked(html, 'omraade', 'taarbaek')).toBe(true);
    expect(isChecked(html, 'omraade', 'virum')).toBe(false);
    expect(isChecked(html, 'maalgruppe', 'unge')).toBe(true);
    expect(html).toContain('value="lektiehjælp"');
    expect(html).toContain('<input type="hidden" name="sortering" value="nyeste">');
    expect(html).toContain(
      '<a href="/opgaver?q=lektiehj%C3%A6lp&amp;omraade=taarbaek&amp;maalgruppe=unge&amp;sortering=nyeste" class="tag tag-icon"><span class="sr-only">Fjern filter: </span>Lundtofte',
    );
    expect(html).toContain(
      // (Without words, newest first is the default order, so it leaves the URL.)
      '<a href="/opgaver?omraade=lundtofte&amp;omraade=taarbaek&amp;maalgruppe=unge" class="tag tag-icon"><span class="sr-only">Fjern søgeord: </span>lektiehjælp',
    );
    expect(html).toContain('href="/opgaver?q=lektiehj%C3%A6lp&amp;sortering=nyeste">Fjern alle filtre</a>');
    // The remove links lead to the searches they promise.
    expect(resultTitles(await search('q=lektiehj%C3%A6lp&omraade=taarbaek&maalgruppe=unge'))).toEqual(['Café-vært på biblioteket']);
  });
});

describe('sorting and pagination', () => {
  let batchIds: number[] = [];

  beforeAll(async () => {
    const association = await anAssociation(ctx.db.prisma, { name: 'Sideforeningen' });
    batchIds = [];
    for (let i = 0; i < 45; i++) {
      const opening = await anOpening(ctx.db.prisma, association.id, {
        title: `Sidetest nummer ${i + 1}`,
        summary: 'Pagineringsprøve',
        publishedAt: new Date(Date.UTC(2026, 9, 1, 10, i)),
        deadline: i % 3 === 0 ? null : `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
      });
      batchIds.push(opening.id);
    }
  });

  it('pages through 45 results 20 at a time, with no opening twice or left out', async () => {
    const seen: string[] = [];
    const first = await search('q=pagineringspr%C3%B8ve');
    expect(first).toContain('Viser 1–20 af 45 frivilligopgaver');
    expect(first).toMatch(/<nav class="pagination" aria-label="Sider med resultater">/);
    expect(first).toContain(
      '<a href="/opgaver?q=pagineringspr%C3%B8ve" class="button current-page" aria-current="page" aria-label="Side 1">1</a>',
    );
    expect(first).toContain('<a href="/opgaver?q=pagineringspr%C3%B8ve&amp;side=2" rel="next"');
    expect(first).not.toContain('rel="prev"');
    seen.push(...resultTitles(first));

    const second = await search('q=pagineringspr%C3%B8ve&side=2');
    expect(second).toContain('Viser 21–40 af 45 frivilligopgaver');
    expect(second).toContain('<a href="/opgaver?q=pagineringspr%C3%B8ve" rel="prev"');
    expect(second).toContain('aria-current="page" aria-label="Side 2">2</a>');
    expect(second).toContain('<title>Søgning: pagineringsprøve, side 2 – Frivillig i Testrup Kommune</title>');
    seen.push(...resultTitles(second));

    const third = await search('q=pagineringspr%C3%B8ve&side=3');
    expect(third).toContain('Viser 41–45 af 45 frivilligopgaver');
    expect(third).not.toContain('rel="next"');
    seen.push(...resultTitles(third));

    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
  });

  it('sorts by newest by default and by deadline (soonest first, none last) on request', async () => {
    const newest = resultTitles(await search('q=pagineringspr%C3%B8ve'));
    expect(newest.slice(0, 3)).toEqual(['Sidetest nummer 45', 'Sidetest nummer 44', 'Sidetest nummer 43']);

    const deadlines = await ctx.db.prisma.opening.findMany({
      where: { id: { in: batchIds } },
      select: { title: true, deadline: true, publishedAt: true, id: true },
    });
    const expected = deadlines
      .sort(
        (a, b) =>
          (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity) ||
          (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) ||
          b.id - a.id,
      )
      .map((o) => o.title);
    const pages = [];
    for (const side of [1, 2, 3])
      pages.push(...resultTitles(await search(`q=pagineringspr%C3%B8ve&sortering=frist${side > 1 ? `&side=${side}` : ''}`)));
    expect(pages).toEqual(expected);

    const html = await search('q=pagineringspr%C3%B8ve&sortering=frist');
    // The sort links keep the search and start again at page 1.
    expect(html).toContain(
      '<a href="/opgaver?q=pagineringspr%C3%B8ve&amp;sortering=frist" aria-current="true" class="current">Ansøgningsfrist</a>',
    );
    expect(html).toContain('<a href="/opgaver?q=pagineringspr%C3%B8ve">Bedste match</a>');
    expect(html).toContain('<a href="/opgaver?q=pagineringspr%C3%B8ve&amp;sortering=nyeste">Nyeste</a>');
    // Pagination keeps the sort.
    expect(html).toContain('href="/opgaver?q=pagineringspr%C3%B8ve&amp;sortering=frist&amp;side=2"');
  });

  it('explains a page past the last one instead of failing', async () => {
    const html = await search('q=pagineringspr%C3%B8ve&side=9');
    expect(resultTitles(html)).toEqual([]);
    expect(html).toContain('Siden findes ikke');
    expect(html).toContain('45 frivilligopgaver passer til din søgning');
    expect(html).toContain('href="/opgaver?q=pagineringspr%C3%B8ve">Gå til første side</a>');
  });
});

describe('visibility over time', () => {
  it('lets openings disappear by themselves once their deadline has passed (Danish calendar day)', async () => {
    try {
      // 23:30 UTC on 22 November is already 23 November in Copenhagen: an opening whose
      // last day was 22 November is gone.
      ctx.clock.set(new Date('2026-11-22T22:30:00Z'));
      expect(resultTitles(await search(''))).toContain('Café-vært på biblioteket');
      ctx.clock.set(new Date('2026-11-22T23:30:00Z'));
      expect(resultTitles(await search(''))).not.toContain('Café-vært på biblioteket');

      ctx.clock.set(new Date('2026-12-03T10:00:00Z'));
      const later = resultTitles(await search('omraade=lundtofte'));
      expect(later).toEqual(['Lektiehjælp i Lundtofte']);
    } finally {
      ctx.clock.set(new Date('2026-11-22T10:00:00Z'));
    }
  });
});

describe('hostile and odd input', () => {
  it('treats SQL and markup in the search words as text', async () => {
    const sql = await search(`q=${encodeURIComponent("' OR 1=1--")}`);
    expect(resultTitles(sql)).toEqual([]);
    expect(sql).toContain('Ingen frivilligopgaver passer til din søgning');
    expect(sql).toContain('value="&#39; OR 1=1--"');

    const drop = await search(`q=${encodeURIComponent('lektiehjælp"); DROP TABLE openings; --')}`);
    expect(drop).toContain('passer til din søgning');
    expect(await ctx.db.prisma.opening.count()).toBeGreaterThan(0);

    const markup = await search(`q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(markup).not.toContain('<script>alert(1)</script>');
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    for (const q of ['&', '!', ':*', '(', 'a & | !b', '\\', "'", '""', '-', 'OR', 'og i på']) {
      await supertest(ctx.app).get('/opgaver').query({ q }).expect(200);
    }
  });

  it('ignores values it does not know instead of failing', async () => {
    for (const query of [
      'side=abc',
      'side=-1',
      'side=0',
      'side=99999999999999999999',
      'side=2.5',
      'sortering=bogus',
      'sortering=relevans',
      'form=BOGUS',
      'tid=sometimes',
      'type=ROBOT',
      'boerneattest=maybe',
      'omraade=..%2F..%2Fetc',
      'omraade=findes-ikke',
      'q=',
      'unknown=1',
    ]) {
      // Each is dropped from the address on the way (a redirect to the minimal URL).
      const response = await supertest(ctx.app).get(`/opgaver?${query}`).redirects(1);
      expect(response.status, query).toBe(200);
      expect(response.text, query).toMatch(/<h1>Frivilligopgaver<\/h1>/);
      expect(resultTitles(response.text).length, query).toBeGreaterThan(0);
    }
    // Overlong words are cut to 200 characters rather than refused.
    const long = await search(`q=${'x'.repeat(200)}`);
    expect(await redirectOf(`q=${'x'.repeat(5000)}`)).toBe(`/opgaver?q=${'x'.repeat(200)}`);
    expect(long).toContain(`value="${'x'.repeat(200)}"`);
    // A page number that makes no sense is the first page.
    expect(await redirectOf('side=abc')).toBe('/opgaver');
    // An unknown area is not shown as a chosen filter.
    expect(await search('omraade=findes-ikke')).not.toContain('Valgte filtre');
  });

  it('rejects a repeated single-value parameter with 400, not 500, and ignores bracketed keys', async () => {
    await supertest(ctx.app).get('/opgaver?q=a&q=b').expect(400);
    await supertest(ctx.app).get('/opgaver?side=1&side=2').expect(400);
    await supertest(ctx.app).get('/opgaver?sortering=frist&sortering=nyeste').expect(400);
    // The simple query parser keeps "omraade[x]" as a key of its own, which names no filter.
    expect(await redirectOf('omraade[x]=lundtofte')).toBe('/opgaver');
  });
});

describe('an empty result', () => {
  it('says so and suggests what to try instead, with links that remove each filter', async () => {
    await anAssociation(ctx.db.prisma, { name: 'Frivilligcenter Testrup', organisationType: 'VOLUNTEER_CENTRE' });
    const html = await search('q=undervandsrugby&omraade=virum&maalgruppe=aeldre');
    expect(resultTitles(html)).toEqual([]);
    expect(html).toMatch(/role="status"[^>]*>Ingen frivilligopgaver passer til din søgning</);
    expect(html).toContain('Prøv at gøre søgningen bredere');
    expect(html).toContain('href="/opgaver?q=undervandsrugby&amp;maalgruppe=aeldre"><span class="sr-only">Fjern filter: </span>Virum</a>');
    expect(html).toContain('href="/opgaver?q=undervandsrugby&amp;omraade=virum"><span class="sr-only">Fjern filter: </span>Ældre</a>');
    expect(html).toContain('Brug færre eller andre ord');
    expect(html).toContain('href="/opgaver?omraade=virum&amp;maalgruppe=aeldre">Søg uden ”undervandsrugby”</a>');
    expect(html).toContain('<a href="/opgaver">Se alle frivilligopgaver</a>');
    expect(html).toContain('<a href="/foreninger">');
    expect(html).toMatch(
      /href="\/foreninger\/frivilligcenter-testrup-[a-f0-9]+">Få hjælp til at finde en opgave hos <span>Frivilligcenter Testrup<\/span></,
    );
  });
});

describe('in English', () => {
  it('renders the page, filters and results in English', async () => {
    const html = await search('omraade=lundtofte', 'en');
    expect(html).toContain('<html lang="en"');
    expect(html).toMatch(/<h1>Volunteering opportunities<\/h1>/);
    expect(html).toContain('Local area');
    expect(html).toContain('Target group');
    expect(html).toContain('Lundtofte (en)');
    expect(html).toContain('2 volunteering opportunities match your search');
    expect(html).toContain('Requires a child protection certificate');
    expect(html).toContain('Every week');
    expect(html).toContain('22 December 2026');
    expect(html).not.toContain('Kræver børneattest');
  });
});

describe('feeds', () => {
  it('links the feeds from the search page, for people and for browsers', async () => {
    const html = await search('omraade=lundtofte&sortering=frist');
    expect(html).toContain('<a href="/feed/opgaver.rss?omraade=lundtofte" class="function-link">');
    expect(html).toContain('Abonnér på nye opgaver (RSS)');
    expect(html).toMatch(/<link rel="alternate" type="application\/rss\+xml" href="\/feed\/opgaver.rss\?omraade=lundtofte"/);
    expect(html).toMatch(/<link rel="alternate" type="application\/atom\+xml" href="\/feed\/opgaver.atom\?omraade=lundtofte"/);
  });
});
