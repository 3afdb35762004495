// The public calendar page: what is shown (published activities of approved
// associations, weekly ones expanded; the municipality's events), grouped by day in
// Danish time, filters in the query string, and robustness against odd input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anAssociation, aLookup, anActivity, anEvent } from '../../helpers/factories/index.js';

let ctx: TestContext;
let choirSlug: string;

beforeAll(async () => {
  ctx = await createTestContext(); // the clock says Sunday 22 November 2026
  const prisma = ctx.db.prisma;
  const virum = await aLookup(prisma, 'localArea', 'virum', 'Virum');
  const lyngby = await aLookup(prisma, 'localArea', 'kongens-lyngby', 'Kongens Lyngby');
  const children = await aLookup(prisma, 'targetGroup', 'boern', 'Børn');
  const elderly = await aLookup(prisma, 'targetGroup', 'aeldre', 'Ældre');

  const choir = await anAssociation(prisma, { name: 'Bragekoret' });
  choirSlug = choir.slug;
  // Tuesdays 19:00–21:00 Danish time, begun in summer time.
  await anActivity(prisma, choir.id, {
    title: 'Korprøve',
    startsAt: new Date('2026-10-13T17:00:00Z'),
    endsAt: new Date('2026-10-13T19:00:00Z'),
    weeklyUntil: new Date('2027-03-30T00:00:00Z'),
    localAreaId: lyngby.id,
    targetGroupIds: [elderly.id],
    accessibilityNotes: 'Trinfri adgang og teleslynge',
  });
  const sport = await anAssociation(prisma, { name: 'IF Limone' });
  await anActivity(prisma, sport.id, {
    title: 'Fodbold for børn',
    startsAt: new Date('2026-11-25T15:30:00Z'),
    localAreaId: virum.id,
    targetGroupIds: [children.id],
  });
  await anActivity(prisma, sport.id, { title: 'Hemmelig kladde', startsAt: new Date('2026-11-26T15:30:00Z'), published: false });
  await anActivity(prisma, sport.id, { title: '<script>alert("x")</script>', startsAt: new Date('2026-11-27T15:30:00Z') });
  const pending = await anAssociation(prisma, { name: 'Afventende Forening', status: 'PENDING' });
  await anActivity(prisma, pending.id, { title: 'Venter på godkendelse', startsAt: new Date('2026-11-25T17:00:00Z') });
  await anEvent(prisma, {
    title: 'Netværksmøde for foreninger',
    kind: 'NETWORK_MEETING',
    startsAt: new Date('2026-12-03T16:00:00Z'),
    url: 'https://example.org/tilmelding',
  });
  await anEvent(prisma, { title: 'Kursus i januar', kind: 'COURSE', startsAt: new Date('2027-01-12T17:00:00Z') });
});
afterAll(() => ctx.close());

const get = (path: string, lang?: 'en') => {
  const request = supertest(ctx.app).get(path);
  return lang ? request.set('Cookie', `lang=${lang}`) : request;
};

/** Titles in the order they appear on the page. */
function titles(html: string): string[] {
  return [...html.matchAll(/<h4 class="calendar-entry-title">([^<]*)<\/h4>/g)].map((m) => m[1] ?? '');
}

describe('GET /kalender', () => {
  it('shows the next four weeks, weekly activities expanded, grouped by Danish day', async () => {
    const response = await get('/kalender').expect(200);
    const html = response.text;
    expect(html).toContain('<title>Kalender – ');
    expect(html).toContain('22. november 2026 – 19. december 2026');
    // Tuesdays 24 Nov, 1, 8 and 15 Dec; one-offs on 25 and 27 Nov; the event on 3 Dec.
    expect(titles(html)).toEqual([
      'Korprøve',
      'Fodbold for børn',
      '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;',
      'Korprøve',
      'Netværksmøde for foreninger',
      'Korprøve',
      'Korprøve',
    ]);
    expect(html).toContain('<time datetime="2026-11-24">tirsdag 24. november 2026</time>');
    expect(html).toContain('<time datetime="2026-11-24T18:00:00.000Z">19.00</time>–<time datetime="2026-11-24T20:00:00.000Z">21.00</time>');
    expect(html).toContain(`<a href="/foreninger/${choirSlug}">Bragekoret</a>`);
    expect(html).toContain('Trinfri adgang og teleslynge');
    expect(html).toContain('Ældre');
    expect(html).toContain('Kongens Lyngby');
    // The event: the municipality as organiser, its kind and its link.
    expect(html).toContain('Kommunen · Netværksmøde');
    expect(html).toContain('href="https://example.org/tilmelding"');
    expect(html).not.toContain('<script>alert');
  });

  it('hides unpublished activities and everything from associations that are not approved', async () => {
    const html = (await get('/kalender').expect(200)).text;
    expect(html).not.toContain('Hemmelig kladde');
    expect(html).not.toContain('Venter på godkendelse');
    expect(html).not.toContain('Afventende Forening');
  });

  it('filters by local area and target group, keeping the municipality’s events', async () => {
    expect(titles((await get('/kalender?omraade=virum').expect(200)).text)).toEqual(['Fodbold for børn', 'Netværksmøde for foreninger']);
    expect(titles((await get('/kalender?omraade=virum&omraade=kongens-lyngby').expect(200)).text)).toEqual([
      'Korprøve',
      'Fodbold for børn',
      'Korprøve',
      'Netværksmøde for foreninger',
      'Korprøve',
      'Korprøve',
    ]);
    expect(titles((await get('/kalender?maalgruppe=aeldre&kun=aktiviteter').expect(200)).text)).toEqual([
      'Korprøve',
      'Korprøve',
      'Korprøve',
      'Korprøve',
    ]);
    // Filters combine: the football is in Virum but not for the elderly.
    expect(titles((await get('/kalender?omraade=virum&maalgruppe=aeldre&kun=aktiviteter').expect(200)).text)).toEqual([]);
  });

  it('shows only events or only activities with `kun`', async () => {
    expect(titles((await get('/kalender?kun=arrangementer').expect(200)).text)).toEqual(['Netværksmøde for foreninger']);
    expect(titles((await get('/kalender?kun=aktiviteter').expect(200)).text)).not.toContain('Netværksmøde for foreninger');
  });

  it('keeps the filters in the form and in the period links', async () => {
    const html = (await get('/kalender?omraade=virum&kun=aktiviteter').expect(200)).text;
    expect(html).toMatch(/value="virum" class="form-checkbox" checked/);
    expect(html).toMatch(/value="aktiviteter" class="form-radio" checked/);
    expect(html).toContain('href="/kalender?fra=2026-12-20&amp;omraade=virum&amp;kun=aktiviteter"');
    expect(html).toContain('href="/kalender?fra=2026-10-25&amp;omraade=virum&amp;kun=aktiviteter"');
  });

  it('moves four weeks with `fra`', async () => {
    const html = (await get('/kalender?fra=2026-12-20').expect(200)).text;
    expect(html).toContain('20. december 2026 – 16. januar 2027');
    expect(titles(html)).toEqual(['Korprøve', 'Korprøve', 'Korprøve', 'Kursus i januar', 'Korprøve']);
    expect(html).toContain('Fra i dag');
  });

  it('falls back to the default view for an unreadable `fra` or unknown filters, never a 500', async () => {
    for (const query of [
      'fra=2026-13-45',
      'fra=abc',
      'fra=99999-01-01',
      'fra=1800-01-01',
      'omraade=findes-ikke',
      'kun=alt',
      'maalgruppe=%00',
    ]) {
      const response = await get(`/kalender?${query}`);
      expect(response.status, query).toBe(200);
      expect(response.text, query).toContain('22. november 2026 – 19. december 2026');
    }
    await get('/kalender?fra=2026-12-01&fra=2026-12-02').expect(400);
    await get('/kalender?kun[x]=1').expect(200); // an unknown key, ignored
  });

  it('says what to try when nothing matches', async () => {
    const html = (await get('/kalender?fra=2035-01-01').expect(200)).text;
    expect(html).toContain('Der er ingen aktiviteter eller arrangementer i perioden');
    expect(html).toContain('href="/foreninger"');
    const filtered = (await get('/kalender?fra=2035-01-01&omraade=virum').expect(200)).text;
    expect(filtered).toContain('fjerne dine valg af område, målgruppe og type');
  });

  it('links the subscription feed with plain-language instructions', async () => {
    const html = (await get('/kalender').expect(200)).text;
    expect(html).toContain('Abonnér på kalenderen');
    expect(html).toContain('href="webcal://localhost:3000/kalender.ics"');
    expect(html).toContain('http://localhost:3000/kalender.ics');
    expect(html).toContain('Google Kalender');
  });

  it('renders in English', async () => {
    const html = (await get('/kalender', 'en').expect(200)).text;
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('<time datetime="2026-11-24">Tuesday 24 November 2026</time>');
    expect(html).toContain('>19:00</time>');
    expect(html).toContain('Next 4 weeks');
    expect(html).toContain('Subscribe to the calendar');
    expect(html).toContain('Ældre (en)');
  });
});
