// The RSS and Atom feeds of new openings: well-formed XML with the right content
// type, the newest public openings only (at most 50), absolute links on the
// configured base URL, the search page's filters, and text that stays text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import xmljs from 'xml-js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { aLookup, anAssociation, anOpening } from '../../helpers/factories/index.js';

const BASE_URL = 'https://frivillig.example.org';
let ctx: TestContext;
let visibleIds: number[] = [];
let lundtofteIds: number[] = [];

// xml-js's compact form: elements become keys, text is `_text`, CDATA `_cdata`.
interface XmlNode {
  [key: string]: XmlNode | XmlNode[] | string | undefined;
  _text?: string;
  _cdata?: string;
}

function asArray(node: XmlNode | XmlNode[] | string | undefined): XmlNode[] {
  if (node === undefined || typeof node === 'string') return [];
  return Array.isArray(node) ? node : [node];
}

function parse(xml: string): XmlNode {
  // Throws on XML that is not well-formed.
  return xmljs.xml2js(xml, { compact: true }) as XmlNode;
}

beforeAll(async () => {
  ctx = await createTestContext({ BASE_URL });
  const prisma = ctx.db.prisma;
  await prisma.municipalitySettings.create({
    data: { id: 1, name: 'Testrup Kommune', contactEmail: 'frivillig@example.org' },
  });
  const lundtofte = await aLookup(prisma, 'localArea', 'lundtofte', 'Lundtofte');
  const club = await anAssociation(prisma, { name: 'Kor & Co' });
  const pending = await anAssociation(prisma, { name: 'Ventende', status: 'PENDING' });
  visibleIds = [];
  lundtofteIds = [];
  // 55 public openings, published one minute apart: the feed shows the newest 50.
  for (let i = 0; i < 55; i++) {
    const inLundtofte = i % 5 === 0;
    const opening = await anOpening(prisma, club.id, {
      title: i === 54 ? 'Sang & <b>fed</b> tekst' : `Opgave ${i + 1}`,
      summary: i === 54 ? 'Hjælp med "koncerter" & <script>kaffe</script>' : 'Kort om opgaven.',
      localAreaId: inLundtofte ? lundtofte.id : null,
      publishedAt: new Date(Date.UTC(2026, 10, 1, 10, i)),
      deadline: '2026-12-31',
    });
    visibleIds.unshift(opening.id);
    if (inLundtofte) lundtofteIds.unshift(opening.id);
  }
  await anOpening(prisma, club.id, { title: 'Kladde', status: 'DRAFT' });
  await anOpening(prisma, club.id, { title: 'Udløbet', deadline: '2026-11-01', publishedAt: new Date('2026-11-20T10:00:00Z') });
  await anOpening(prisma, pending.id, { title: 'Ventende opgave', publishedAt: new Date('2026-11-20T10:00:00Z') });
}, 60_000);

afterAll(() => ctx.close());

describe('RSS feed', () => {
  it('is RSS 2.0 with the 50 newest public openings and absolute links', async () => {
    const response = await supertest(ctx.app).get('/feed/opgaver.rss').expect(200);
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const rss = parse(response.text).rss as XmlNode;
    expect((rss._attributes as XmlNode | undefined)?.version).toBe('2.0');
    const channel = rss.channel as XmlNode;
    expect((channel.title as XmlNode)._text).toBe('Nye frivilligopgaver i Testrup Kommune');
    expect((channel.link as XmlNode)._text).toBe(`${BASE_URL}/opgaver`);
    const items = asArray(channel.item);
    expect(items).toHaveLength(50);
    const links = items.map((item) => (item.link as XmlNode)._text);
    expect(links).toEqual(visibleIds.slice(0, 50).map((id) => `${BASE_URL}/opgaver/${id}`));
    expect(response.text).not.toContain('Kladde');
    expect(response.text).not.toContain('Udløbet');
    expect(response.text).not.toContain('Ventende opgave');
  });

  it('keeps titles and summaries as text (escaped for readers that show HTML)', async () => {
    const response = await supertest(ctx.app).get('/feed/opgaver.rss').expect(200);
    const channel = (parse(response.text).rss as XmlNode).channel as XmlNode;
    const first = asArray(channel.item)[0];
    expect((first?.title as XmlNode)._cdata).toBe('Sang &amp; &lt;b&gt;fed&lt;/b&gt; tekst');
    const description = (first?.description as XmlNode)._cdata ?? '';
    expect(description).toContain('Hjælp med &#34;koncerter&#34; &amp; &lt;script&gt;kaffe&lt;/script&gt;');
    expect(description).toContain('Forening: Kor &amp; Co');
    expect(description).toContain('Ansøgningsfrist: 31. december 2026');
    expect(response.text).not.toContain('<script>');
  });

  it('takes the search filters', async () => {
    const response = await supertest(ctx.app).get('/feed/opgaver.rss?omraade=lundtofte').expect(200);
    const channel = (parse(response.text).rss as XmlNode).channel as XmlNode;
    const links = asArray(channel.item).map((item) => (item.link as XmlNode)._text);
    expect(links).toEqual(lundtofteIds.map((id) => `${BASE_URL}/opgaver/${id}`));
    expect((channel.link as XmlNode)._text).toBe(`${BASE_URL}/opgaver?omraade=lundtofte`);
  });

  it('is in English for English readers', async () => {
    const response = await supertest(ctx.app).get('/feed/opgaver.rss').set('Cookie', 'lang=en').expect(200);
    const channel = (parse(response.text).rss as XmlNode).channel as XmlNode;
    expect((channel.title as XmlNode)._text).toBe('New volunteering opportunities in Testrup Kommune');
    expect((channel.language as XmlNode)._text).toBe('en');
  });
});

describe('Atom feed', () => {
  it('is Atom with the same openings, absolute links and its own address', async () => {
    const response = await supertest(ctx.app).get('/feed/opgaver.atom').expect(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parse(response.text).feed as XmlNode;
    expect((feed._attributes as XmlNode | undefined)?.xmlns).toBe('http://www.w3.org/2005/Atom');
    const entries = asArray(feed.entry);
    expect(entries).toHaveLength(50);
    const hrefs = entries.map((entry) => (asArray(entry.link)[0]?._attributes as XmlNode | undefined)?.href);
    expect(hrefs).toEqual(visibleIds.slice(0, 50).map((id) => `${BASE_URL}/opgaver/${id}`));
    expect(entries.map((entry) => (entry.id as XmlNode)._text)).toEqual(hrefs);
    const self = asArray(feed.link).find((link) => (link._attributes as XmlNode | undefined)?.rel === 'self');
    expect((self?._attributes as XmlNode | undefined)?.href).toBe(`${BASE_URL}/feed/opgaver.atom`);
    // The newest opening's publication time.
    expect((feed.updated as XmlNode)._text).toBe('2026-11-01T10:54:00.000Z');
  });
});
