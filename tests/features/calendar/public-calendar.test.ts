// The public calendar page: what is shown (published activities of approved
// associations, weekly ones expanded; the municipality's events), a compact list by
// Danish day a week at a time, filters in the query string (events by their own local
// area and target groups, or for everyone without them), each event's own page, and
// robustness against odd input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anAssociation, aLookup, anActivity, anEvent } from '../../helpers/factories/index.js';

let ctx: TestContext;
let choirSlug: string;
let meetingId: number;
let infoId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  // Monday 23 November 2026 (week 48): the page shows Monday–Sunday weeks.
  ctx.clock.set(new Date('2026-11-23T10:00:00Z'));
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
    place: 'Kulturhuset',
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
  // For the whole municipality and everyone: no area, no target groups.
  meetingId = (
    await anEvent(prisma, {
      title: 'Netværksmøde for foreninger',
      kind: 'NETWORK_MEETING',
      place: 'Rådhuset',
      startsAt: new Date('2026-12-03T16:00:00Z'),
      url: 'https://example.org/tilmelding',
      description: 'Vi deler erfaringer.',
    })
  ).id;
  // For older people in Virum.
  infoId = (
    await anEvent(prisma, {
      title: 'Infomøde i Virum',
      kind: 'OTHER',
      place: 'Virum Bibliotek',
      startsAt: new Date('2026-11-26T09:00:00Z'),
      localAreaId: virum.id,
      targetGroupIds: [elderly.id],
    })
  ).id;
  await anEvent(prisma, { title: 'Kursus i januar', kind: 'COURSE', startsAt: new Date('2027-01-12T17:00:00Z') });
});
afterAll(() => ctx.close());

const get = (path: string, lang?: 'en') => {
  const request = supertest(ctx.app).get(path);
  return lang ? request.set('Cookie', `lang=${lang}`) : request;
};

/** Titles in the order they appear on the page. */
function titles(html: string): string[] {
  return [...html.matchAll(/class="calendar-entry-title"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1] ?? '');
}

const page = async (query: string) => titles((await get(`/kalender${query}`).expect(200)).text);

describe('GET /kalender', () => {
  it('shows this week as a compact list: a heading per Danish day, a row per occurrence', async () => {
    const response = await get('/kalender').expect(200);
    const html = response.text;
    expect(html).toContain('<title>Kalender – ');
    expect(html).toContain('Uge 48: 23. november 2026 – 29. november 2026');
    // The Tuesday rehearsal, the football, the info meeting (10:00) and the escaped title.
    expect(titles(html)).toEqual(['Korprøve', 'Fodbold for børn', 'Infomøde i Virum', '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;']);
    // One heading per day, without the year (the period above names it).
    expect(html).toContain('<time datetime="2026-11-24">tirsdag 24. november</time>');
    expect(html.match(/class="calendar-day-heading"/g)).toHaveLength(4);
    expect(html).toContain('<time datetime="2026-11-24T18:00:00.000Z">19.00</time>–<time datetime="2026-11-24T20:00:00.000Z">21.00</time>');
    // The title leads to the association's profile (an activity) or the event's page.
    expect(html).toContain(`<a href="/foreninger/${choirSlug}" class="calendar-entry-title">Korprøve</a>`);
    expect(html).toContain(`<a href="/kalender/arrangementer/${infoId}" class="calendar-entry-title">Infomøde i Virum</a>`);
    // Place and organiser on one short line; the event's organiser is its kind.
    expect(html).toMatch(/<span>Kulturhuset<\/span>\s*· <span>Bragekoret<\/span>/);
    expect(html).toMatch(/<span>Virum Bibliotek<\/span>\s*· <span>Arrangement<\/span>/);
    // The long parts live on the linked pages, not in the list.
    expect(html).not.toContain('Trinfri adgang og teleslynge');
    expect(html).not.toContain('<script>alert');
  });

  it('hides unpublished activities and everything from associations that are not approved', async () => {
    const html = (await get('/kalender').expect(200)).text;
    expect(html).not.toContain('Hemmelig kladde');
    expect(html).not.toContain('Venter på godkendelse');
    expect(html).not.toContain('Afventende Forening');
  });

  it('filters activities and events by local area and target group; events without them are for everyone', async () => {
    // An event with an area shows under that area only; activities likewise.
    expect(await page('?omraade=virum')).toEqual(['Fodbold for børn', 'Infomøde i Virum']);
    expect(await page('?omraade=kongens-lyngby')).toEqual(['Korprøve']);
    expect(await page('?omraade=virum&omraade=kongens-lyngby')).toEqual(['Korprøve', 'Fodbold for børn', 'Infomøde i Virum']);
    expect(await page('?maalgruppe=aeldre')).toEqual(['Korprøve', 'Infomøde i Virum']);
    expect(await page('?maalgruppe=boern')).toEqual(['Fodbold for børn']);
    // The network meeting has neither: it stays under any area or target-group filter.
    expect(await page('?fra=2026-11-30&omraade=virum')).toEqual(['Netværksmøde for foreninger']);
    expect(await page('?fra=2026-11-30&maalgruppe=boern')).toEqual(['Netværksmøde for foreninger']);
    expect(await page('?fra=2026-11-30&maalgruppe=aeldre')).toEqual(['Korprøve', 'Netværksmøde for foreninger']);
    // Filters combine: the football is in Virum but not for the elderly.
    expect(await page('?omraade=virum&maalgruppe=aeldre&kun=aktiviteter')).toEqual([]);
    expect(await page('?omraade=virum&maalgruppe=aeldre&kun=arrangementer')).toEqual(['Infomøde i Virum']);
  });

  it('shows only events or only activities with `kun`', async () => {
    expect(await page('?kun=arrangementer')).toEqual(['Infomøde i Virum']);
    expect(await page('?kun=aktiviteter')).toEqual(['Korprøve', 'Fodbold for børn', '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;']);
  });

  it('keeps the filters in the form and in the week links, and opens the filters while any is chosen', async () => {
    const html = (await get('/kalender?omraade=virum&kun=aktiviteter').expect(200)).text;
    expect(html).toMatch(/value="virum" class="form-checkbox" checked/);
    expect(html).toMatch(/value="aktiviteter" class="form-radio" checked/);
    expect(html).toContain('href="/kalender?fra=2026-11-30&amp;omraade=virum&amp;kun=aktiviteter" rel="next"');
    expect(html).toContain('href="/kalender?fra=2026-11-16&amp;omraade=virum&amp;kun=aktiviteter" rel="prev"');
    expect(html).toMatch(
      /<details class="details calendar-filters-toggle" open>\s*<summary class="details-summary">Afgræns kalenderen \(2 valgt\)/,
    );
    const plain = (await get('/kalender').expect(200)).text;
    expect(plain).toContain('<details class="details calendar-filters-toggle">');
    // The first page's address is the shortest one.
    expect(plain).toContain('href="/kalender?fra=2026-11-30" rel="next"');
  });

  it('moves a week at a time with `fra`', async () => {
    const html = (await get('/kalender?fra=2027-01-11').expect(200)).text;
    expect(html).toContain('Uge 2: 11. januar 2027 – 17. januar 2027');
    expect(titles(html)).toEqual(['Kursus i januar', 'Korprøve']);
    expect(html).toContain('Denne uge');
    expect(html).toContain('Næste uge');
  });

  it('pages by Monday–Sunday weeks: any day in `fra` moves to its Monday (#10)', async () => {
    // A Sunday, a Wednesday: the week they are in.
    await get('/kalender?fra=2027-01-17').expect(302).expect('location', '/kalender?fra=2027-01-11');
    await get('/kalender?fra=2026-12-02&omraade=virum').expect(302).expect('location', '/kalender?fra=2026-11-30&omraade=virum');
    // The event page's link back lands on its week's Monday.
    expect((await get(`/kalender/arrangementer/${infoId}`).expect(200)).text).toContain('href="/kalender?fra=2026-11-23"');
    // Week 53 and week 1 across a new year.
    expect((await get('/kalender?fra=2026-12-28').expect(200)).text).toContain('Uge 53: 28. december 2026 – 3. januar 2027');
    expect((await get('/kalender?fra=2027-01-04', 'en').expect(200)).text).toContain('Week 1: 4 January 2027 – 10 January 2027');
  });

  it('shows the current week from today: on a Sunday only the Sunday, then Monday–Sunday', async () => {
    ctx.clock.set(new Date('2026-11-29T10:00:00Z'));
    try {
      const html = (await get('/kalender').expect(200)).text;
      expect(html).toContain('Uge 48: 29. november 2026 – 29. november 2026');
      expect(titles(html)).toEqual([]);
      expect(html).toContain('href="/kalender?fra=2026-11-30" rel="next"');
      expect(html).toContain('href="/kalender?fra=2026-11-16" rel="prev"');
    } finally {
      ctx.clock.set(new Date('2026-11-23T10:00:00Z'));
    }
  });

  it('sends a form sent with empty or unknown fields to the minimal address (#10)', async () => {
    await get('/kalender?kun=').expect(302).expect('location', '/kalender');
    await get('/kalender?fra=2026-11-23&kun=&omraade=virum').expect(302).expect('location', '/kalender?fra=2026-11-23&omraade=virum');
    await get('/kalender?kun=aktiviteter&omraade=virum').expect(302).expect('location', '/kalender?omraade=virum&kun=aktiviteter');
    await get('/kalender?omraade=virum&kun=aktiviteter').expect(200);
  });

  it('counts each area and target group for the week and leaves out those with nothing (#10)', async () => {
    const html = (await get('/kalender').expect(200)).text;
    // Virum: the football and the info meeting; Kongens Lyngby: the rehearsal.
    expect(html).toContain('Virum (2)</label>');
    expect(html).toContain('Kongens Lyngby (1)</label>');
    expect(html).toContain('Ældre (2)</label>');
    expect(html).toContain('Børn (1)</label>');
    // Counts follow the other filters: with only events, Lyngby and children have none.
    const events = (await get('/kalender?kun=arrangementer').expect(200)).text;
    expect(events).toContain('Virum (1)</label>');
    expect(events).not.toContain('value="kongens-lyngby"');
    expect(events).not.toContain('value="boern"');
    // A chosen value stays, so it can be unticked.
    const chosen = (await get('/kalender?omraade=kongens-lyngby&kun=arrangementer').expect(200)).text;
    expect(chosen).toMatch(/value="kongens-lyngby" class="form-checkbox" checked/);
    expect(chosen).toContain('Kongens Lyngby (0)</label>');
    // A week with only the municipality-wide meeting: it shows under every area and group.
    const next = (await get('/kalender?fra=2026-11-30&kun=arrangementer').expect(200)).text;
    expect(next).toContain('Virum (1)</label>');
    expect(next).toContain('Kongens Lyngby (1)</label>');
  });

  it('falls back to the default view for an unreadable `fra` or unknown filters, never a 500', async () => {
    for (const query of ['fra=2026-13-45', 'fra=abc', 'fra=99999-01-01', 'fra=1800-01-01', 'omraade=findes-ikke', 'kun=alt']) {
      // What cannot be read leaves the address: the default view.
      const response = await get(`/kalender?${query}`);
      expect(response.status, query).toBe(302);
      expect(response.headers.location, query).toBe('/kalender');
    }
    // A control character is taken out first (src/middleware/control-characters.ts); the
    // empty filter left then leaves the address too.
    await get('/kalender?maalgruppe=%00').expect(302).expect('location', '/kalender?maalgruppe=');
    await get('/kalender?maalgruppe=').expect(302).expect('location', '/kalender');
    await get('/kalender?fra=2026-12-01&fra=2026-12-02').expect(400);
    await get('/kalender?kun[x]=1').expect(302).expect('location', '/kalender'); // an unknown key, dropped
  });

  it('says what to try when nothing matches', async () => {
    const html = (await get('/kalender?fra=2035-01-01').redirects(1).expect(200)).text;
    expect(html).toContain('Der er ingen aktiviteter eller arrangementer i perioden');
    expect(html).toContain('href="/foreninger"');
    const filtered = (await get('/kalender?fra=2034-12-25&omraade=virum').expect(200)).text;
    expect(filtered).toContain('fjerne dine valg af område, målgruppe og type');
  });

  it('links the subscription feed with plain-language instructions', async () => {
    const html = (await get('/kalender').expect(200)).text;
    expect(html).toContain('Abonnér på kalenderen');
    expect(html).toContain('href="webcal://localhost:3000/kalender.ics"');
    expect(html).toContain('http://localhost:3000/kalender.ics');
    expect(html).toContain('Google Kalender');
  });

  it('renders in English, with the associations’ and staff’s Danish text marked lang="da"', async () => {
    const html = (await get('/kalender', 'en').expect(200)).text;
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('<time datetime="2026-11-24">Tuesday 24 November</time>');
    expect(html).toContain('>19:00</time>');
    expect(html).toContain('Next week');
    expect(html).toContain('Subscribe to the calendar');
    expect(html).toContain('Ældre (en)');
    expect(html).toContain(`<a href="/foreninger/${choirSlug}" class="calendar-entry-title" lang="da">Korprøve</a>`);
    // Our words and theirs in separate elements: the place and association in Danish, the kind in English.
    expect(html).toMatch(/<span lang="da">Kulturhuset<\/span>\s*· <span lang="da">Bragekoret<\/span>/);
    expect(html).toMatch(/<span lang="da">Virum Bibliotek<\/span>\s*· <span>Event<\/span>/);
    // Danish pages need no marking.
    const danishMain = (await get('/kalender').expect(200)).text.split('<main')[1]?.split('</main>')[0];
    expect(danishMain).toContain('Korprøve');
    expect(danishMain).not.toContain('lang="da"');
  });
});

describe('GET /kalender/arrangementer/:eventId', () => {
  it('shows an event with its place, local area, target groups, description and sign-up link', async () => {
    const info = (await get(`/kalender/arrangementer/${infoId}`).expect(200)).text;
    expect(info).toContain('<h1>Infomøde i Virum</h1>');
    expect(info).toContain('torsdag den 26. november 2026, kl. 10.00–12.00');
    expect(info).toContain('Virum Bibliotek');
    expect(info).toMatch(/<dt>Lokalområde<\/dt>\s*<dd>Virum<\/dd>/);
    expect(info).toMatch(/<dt>Målgruppe<\/dt>\s*<dd>Ældre<\/dd>/);
    expect(info).toContain('href="/kalender?fra=2026-11-23"');

    const meeting = (await get(`/kalender/arrangementer/${meetingId}`).expect(200)).text;
    expect(meeting).toContain('Vi deler erfaringer.');
    expect(meeting).toMatch(/<dt>Målgruppe<\/dt>\s*<dd>Alle<\/dd>/);
    expect(meeting).not.toContain('<dt>Lokalområde</dt>');
    expect(meeting).toContain('href="https://example.org/tilmelding"');
  });

  it('marks the Danish text lang="da" on the English page', async () => {
    const html = (await get(`/kalender/arrangementer/${meetingId}`, 'en').expect(200)).text;
    expect(html).toContain('<h1 lang="da">Netværksmøde for foreninger</h1>');
    expect(html).toContain('<span lang="da">Rådhuset</span>');
    expect(html).toContain('<p class="preserve-lines" lang="da">Vi deler erfaringer.</p>');
    expect(html).toMatch(/<dt>Type<\/dt>\s*<dd>Network meeting<\/dd>/);
    expect(html).toMatch(/<dt>Target group<\/dt>\s*<dd>Everyone<\/dd>/);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    await get('/kalender/arrangementer/999999').expect(404);
    await get('/kalender/arrangementer/abc').expect(404);
    await get('/kalender/arrangementer/1e2').expect(404);
  });
});
