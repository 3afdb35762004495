// The filter groups' markup (views/openings/_facet.ejs): every kind of group and
// choice, and vocabulary names and slugs (which staff type) escaped wherever they go.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTranslator, type Language } from '../../../src/i18n/i18n.js';
import { createTemplates } from '../../../src/views/layout-engine.js';
import { projectRoot } from '../../../src/paths.js';
import { parseSearchQuery, FACET_ORDER, type Facet } from '../../../src/features/openings/search-schemas.js';
import type { FacetCounts, SearchOutcome, Taxonomies } from '../../../src/features/openings/search-service.js';
import { searchPageModel } from '../../../src/features/openings/search-view-model.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { aLookup, anAssociation, anOpening } from '../../helpers/factories/index.js';

const translator = createTranslator();
const templates = createTemplates(path.join(projectRoot, 'views'), true);
const FACET_TEMPLATE = path.join(projectRoot, 'views/openings/_facet.ejs');

const HOSTILE = `<script>alert("x")</script> & 'Børn' "<&"`;

const taxonomies: Taxonomies = {
  omraade: [
    { id: 1, slug: 'lundtofte', name: { da: 'Lundtofte', en: 'Lundtofte' } },
    { id: 2, slug: 'virum', name: { da: 'Virum & Sorgenfri', en: 'Virum & Sorgenfri' } },
    { id: 3, slug: 'taarbaek', name: { da: 'Taarbæk', en: 'Taarbaek' } },
  ],
  maalgruppe: [
    { id: 4, slug: 'unge', name: { da: 'Unge', en: 'Young people' } },
    { id: 5, slug: 'a"b<c>&d', name: { da: HOSTILE, en: HOSTILE } },
  ],
  fagomraade: [{ id: 6, slug: 'kultur', name: { da: 'Kultur', en: 'Culture' } }],
  kompetence: [{ id: 7, slug: 'sprog', name: { da: 'Sprog <og> undervisning', en: 'Languages' } }],
};

function outcome(query: Record<string, string | string[]>, counts: Partial<Record<Facet, Record<string, number>>>): SearchOutcome {
  const state = parseSearchQuery(query);
  const all = Object.fromEntries(FACET_ORDER.map((facet) => [facet, new Map(Object.entries(counts[facet] ?? {}))])) as FacetCounts;
  return { state, taxonomies, total: 12, pageCount: 1, hits: [], counts: all, suggestions: [] };
}

const SEARCHES: [string, SearchOutcome][] = [
  [
    'nothing chosen',
    outcome(
      {},
      {
        omraade: { lundtofte: 3, virum: 1200, taarbaek: 0 },
        maalgruppe: { unge: 4, 'a"b<c>&d': 2 },
        fagomraade: { kultur: 1 },
        kompetence: { sprog: 5 },
        form: { ONGOING: 3, EPISODIC: 2 },
        tid: { WEEKLY: 1 },
        type: { ASSOCIATION: 4, CHURCH: 1 },
        boerneattest: { ja: 2, nej: 9 },
      },
    ),
  ],
  [
    'choices made, one with no openings left',
    outcome(
      { q: 'lektier', omraade: ['taarbaek', 'virum'], tid: 'WEEKLY', type: 'CHURCH', boerneattest: 'ja' },
      { omraade: { virum: 7 }, maalgruppe: { 'a"b<c>&d': 1 }, tid: { WEEKLY: 1, MONTHLY: 3 }, boerneattest: { ja: 1 } },
    ),
  ],
  ['nothing to choose', outcome({ q: 'ingenting' }, {})],
];

function facetHtml(template: string, search: SearchOutcome, lang: Language): string {
  const t = translator.t(lang);
  const model = searchPageModel(search, t, lang);
  return model.facets.map((group) => templates.render(template, { t, group })).join('');
}

describe('the filter groups’ markup', () => {
  it('offers each value with openings, keeps a chosen one with none, and gives børneattest its "all" radio', () => {
    const [fresh, chosen, empty] = SEARCHES.map(([, search]) => facetHtml(FACET_TEMPLATE, search, 'da'));
    expect(fresh?.match(/<input /g)).toHaveLength(14);
    expect(fresh).not.toContain('omraade-taarbaek');
    expect(fresh).toContain(
      '<li class="form-group-checkbox"><input class="form-checkbox" type="checkbox" id="omraade-virum" name="omraade" value="virum"> <label class="form-label" for="omraade-virum">Virum &amp; Sorgenfri <span class="opening-search-facet-count">(1200)</span></label></li>',
    );
    expect(fresh).toContain('<input class="form-radio" type="radio" id="boerneattest-alle" name="boerneattest" value="" checked>');
    // Chosen: ticked, and Taarbæk stays (with 0) so it can be unticked.
    expect(chosen).toContain(
      'id="omraade-taarbaek" name="omraade" value="taarbaek" checked> <label class="form-label" for="omraade-taarbaek">Taarbæk <span class="opening-search-facet-count">(0)</span>',
    );
    expect(chosen).toContain('id="boerneattest-ja" name="boerneattest" value="ja" checked>');
    expect(chosen).not.toContain('id="boerneattest-alle" name="boerneattest" value="" checked');
    expect(empty).toBe('');
  });

  it('escapes vocabulary names and slugs in labels, ids and values', () => {
    const search = SEARCHES[1]?.[1];
    if (!search) throw new Error('no search');
    const html = facetHtml(FACET_TEMPLATE, search, 'da');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('a"b<c>&d');
    expect(html).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;Børn&#39; &#34;&lt;&amp;&#34;');
    expect(html).toContain('id="maalgruppe-a&#34;b&lt;c&gt;&amp;d" name="maalgruppe" value="a&#34;b&lt;c&gt;&amp;d"');
    expect(html).toContain('for="maalgruppe-a&#34;b&lt;c&gt;&amp;d"');
    expect(html).toContain('Virum &amp; Sorgenfri <span class="opening-search-facet-count">(7)</span>');
  });
});

describe('the search page with a vocabulary name that needs escaping', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    const prisma = ctx.db.prisma;
    await prisma.municipalitySettings.create({ data: { id: 1, name: 'Testrup Kommune', contactEmail: 'frivillig@example.org' } });
    const area = await aLookup(prisma, 'localArea', 'hoejgaard', 'Høj <b>gård</b> & "Co"', { nameEn: 'High <b>farm</b> & "Co"' });
    const club = await anAssociation(prisma, { name: 'IF Testrup' });
    await anOpening(prisma, club.id, { title: 'Lektiehjælp', localAreaId: area.id, publishedAt: new Date('2026-11-10T10:00:00Z') });
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('shows it escaped in the filter label, in Danish and English', async () => {
    const da = await supertest(ctx.app).get('/opgaver').expect(200);
    expect(da.text).toContain(
      '<label class="form-label" for="omraade-hoejgaard">Høj &lt;b&gt;gård&lt;/b&gt; &amp; &#34;Co&#34; <span class="opening-search-facet-count">(1)</span></label>',
    );
    expect(da.text).not.toContain('<b>gård</b>');
    const en = await supertest(ctx.app).get('/opgaver').set('Cookie', 'lang=en').expect(200);
    expect(en.text).toContain('High &lt;b&gt;farm&lt;/b&gt; &amp; &#34;Co&#34; <span');
    expect(en.text).not.toContain('<b>farm</b>');
  });

  it('lists the result with its facts as before (the fixed texts escaped once by the view model)', async () => {
    const html = (await supertest(ctx.app).get('/opgaver').expect(200)).text;
    const result = /<li class="opening-search-result">[\s\S]*?<\/li>/.exec(html)?.[0] ?? '';
    expect(result.replace(/\s+/g, ' ')).toBe(
      [
        '<li class="opening-search-result"> <h3 class="h4 opening-search-result-title"><a href="/opgaver/',
        /\/opgaver\/(\d+)"/.exec(result)?.[1],
        '">Lektiehjælp</a></h3> <p class="opening-search-result-by">IF Testrup</p>',
        ' <p class="opening-search-result-summary">Kort om opgaven.</p> <dl class="opening-search-facts">',
        ' <div><dt>Lokalområde:</dt> <dd>Høj &lt;b&gt;gård&lt;/b&gt; &amp; &#34;Co&#34;</dd></div>',
        ' <div><dt>Form:</dt> <dd>Fast frivillig</dd></div> <div><dt>Hvor ofte:</dt> <dd>Af og til</dd></div>',
        ' <div><dt>Ansøgningsfrist:</dt> <dd>Ingen frist</dd></div> </dl> </li>',
      ].join(''),
    );
  });
});
