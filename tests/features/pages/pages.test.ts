// The fixed public pages read the municipality's settings: /om (the about text, or a
// standard text naming the municipality), /tilgaengelighed (known issues, the
// statement's date, the contact) and /privatliv (the intro and the retention periods
// per purpose). The admin's texts are plain text: escaped, paragraphs by blank lines,
// and an empty English text falls back to the Danish one marked lang="da".
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import type { Prisma } from '../../../src/generated/prisma/client.js';

let ctx: TestContext;
let danish: ReturnType<typeof supertest.agent>;
let english: ReturnType<typeof supertest.agent>;

const EMPTY_TEXTS = {
  aboutDa: '',
  aboutEn: '',
  privacyIntroDa: '',
  privacyIntroEn: '',
  accessibilityStatementDate: null,
  accessibilityIssuesDa: '',
  accessibilityIssuesEn: '',
  accessibilityContact: '',
  interestRetentionMonths: 12,
  memberInactivityMonths: 24,
  auditRetentionMonths: 60,
};

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.db.prisma.municipalitySettings.create({
    data: { id: 1, name: 'Testrup Kommune', contactEmail: 'kommune@testrup.example.org' },
  });
  danish = supertest.agent(ctx.app);
  english = supertest.agent(ctx.app);
  await english.get('/sprog/en');
});
beforeEach(() => settings({}));
afterAll(() => ctx.close());

/** The row set directly, then the cache dropped as the admin's save through the settings service does. */
const settings = async (data: Prisma.MunicipalitySettingsUpdateInput) => {
  await ctx.db.prisma.municipalitySettings.update({ where: { id: 1 }, data: { ...EMPTY_TEXTS, ...data } });
  ctx.services.settings.invalidate();
};

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

describe('/om', () => {
  it('shows a standard text naming the municipality when the admin wrote none, in both languages', async () => {
    expect(main((await danish.get('/om').expect(200)).text)).toContain('Frivilligportalen er Testrup Kommunes sted for frivilligt arbejde');
    expect(main((await english.get('/om').expect(200)).text)).toContain(
      'The volunteer portal is Testrup Kommune&#39;s place for volunteering',
    );
  });

  it('reads the texts from the cache, not the database, until a change drops it', async () => {
    await settings({ aboutDa: 'Første udgave.' });
    expect(main((await danish.get('/om').expect(200)).text)).toContain('Første udgave.');
    // Written behind the service's back: the page views go on without a query.
    await ctx.db.prisma.municipalitySettings.update({ where: { id: 1 }, data: { aboutDa: 'Anden udgave.' } });
    expect(main((await danish.get('/om').expect(200)).text)).toContain('Første udgave.');
    ctx.services.settings.invalidate();
    expect(main((await danish.get('/om').expect(200)).text)).toContain('Anden udgave.');
  });

  it('shows the admin’s text as escaped paragraphs split on blank lines', async () => {
    await settings({ aboutDa: 'Første afsnit\nmed linjeskift.\n\n\nAndet <script>alert(1)</script> afsnit.' });
    const page = main((await danish.get('/om').expect(200)).text);
    expect(page).toContain('<p class="preserve-lines">Første afsnit\nmed linjeskift.</p>');
    expect(page).toContain('<p class="preserve-lines">Andet &lt;script&gt;alert(1)&lt;/script&gt; afsnit.</p>');
    expect(page).not.toContain('<script>alert(1)</script>');
  });

  it('shows the Danish text marked lang="da" on the English page when there is no English text, and the English one when there is', async () => {
    await settings({ aboutDa: 'Om portalen på dansk.' });
    const fallback = main((await english.get('/om').expect(200)).text);
    expect(fallback).toMatch(/<div lang="da">\s*<p class="preserve-lines">Om portalen på dansk.<\/p>/);
    await settings({ aboutDa: 'Om portalen på dansk.', aboutEn: 'About the portal in English.' });
    const translated = main((await english.get('/om').expect(200)).text);
    expect(translated).toContain('About the portal in English.');
    expect(translated).not.toContain('lang="da"');
    expect(main((await danish.get('/om').expect(200)).text)).not.toContain('lang="da"');
  });

  it('is linked from the footer', async () => {
    expect((await danish.get('/').expect(200)).text).toContain('<a href="/om">Om portalen</a>');
  });
});

describe('/tilgaengelighed', () => {
  it('says no known issues are registered, and names the municipality’s e-mail, when the admin left them empty', async () => {
    const page = main((await danish.get('/tilgaengelighed').expect(200)).text);
    expect(page).toContain('Der er ikke registreret kendte problemer.');
    expect(page).toContain('href="mailto:kommune@testrup.example.org"');
    expect(page).not.toContain('Erklæringen er senest opdateret');
    expect(page).toContain('Digitaliseringsstyrelsen');
  });

  it('shows the known issues, the statement’s date and the contact from the settings', async () => {
    await settings({
      accessibilityIssuesDa: 'PDF-filerne er ikke tilgængelige.',
      accessibilityIssuesEn: '',
      accessibilityStatementDate: new Date('2026-11-27T00:00:00Z'),
      accessibilityContact: 'Ring <b>12 34 56 78</b>',
    });
    const da = main((await danish.get('/tilgaengelighed').expect(200)).text);
    expect(da).toContain('PDF-filerne er ikke tilgængelige.');
    expect(da).not.toContain('ikke registreret kendte problemer');
    expect(da).toContain('Erklæringen er senest opdateret d. 27. november 2026.');
    expect(da).toContain('Ring &lt;b&gt;12 34 56 78&lt;/b&gt;');
    const en = main((await english.get('/tilgaengelighed').expect(200)).text);
    expect(en).toMatch(/<div lang="da">\s*<p class="preserve-lines">PDF-filerne er ikke tilgængelige.<\/p>/);
    expect(en).toContain('The statement was last updated on 27 November 2026.');
  });

  it('makes the e-mail addresses in the contact text mailto links, escaping everything else first', async () => {
    await settings({
      accessibilityContact:
        'Skriv til tilgaengelighed@testrup.example.org. <a href="https://evil.example">klik</a> "x@y.dk" <script>alert(1)</script>',
    });
    const da = main((await danish.get('/tilgaengelighed').expect(200)).text);
    expect(da).toContain(
      '<p class="preserve-lines">Skriv til <a href="mailto:tilgaengelighed@testrup.example.org">tilgaengelighed@testrup.example.org</a>. ' +
        '&lt;a href=&#34;https://evil.example&#34;&gt;klik&lt;/a&gt; &#34;<a href="mailto:x@y.dk">x@y.dk</a>&#34; ' +
        '&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(da).not.toContain('<script>');
    expect(da).not.toContain('href="https://evil.example"');
    // The English page shows the same (Danish) text, marked as Danish, with the same link.
    const en = main((await english.get('/tilgaengelighed').expect(200)).text);
    expect(en).toMatch(/<div lang="da">\s*<p class="preserve-lines">Skriv til <a href="mailto:tilgaengelighed@testrup.example.org">/);
  });
});

describe('/privatliv', () => {
  it('lists each purpose with the data kept and the periods from the settings', async () => {
    await settings({
      interestRetentionMonths: 9,
      memberInactivityMonths: 30,
      auditRetentionMonths: 48,
      privacyIntroDa: 'Vores <i>intro</i>.',
    });
    const page = main((await danish.get('/privatliv').expect(200)).text);
    expect(page).toContain('Testrup Kommune er dataansvarlig');
    expect(page).toContain('Vores &lt;i&gt;intro&lt;/i&gt;.');
    for (const purpose of ['interests', 'members', 'staff', 'audit']) expect(page).toContain(`data-purpose="${purpose}"`);
    expect(page).toContain('Slettes 9 måneder efter, at du viste interesse');
    expect(page).toContain('ikke har logget ind i 30 måneder');
    expect(page).toContain('Gemmes i 48 måneder.');
    expect(page).toContain('Så længe du er ansat');
    expect(page).toContain('href="/mine-data"');
    expect(page).toContain('href="/min-side"');
    expect(page).toContain('nødvendige cookies');
    const en = main((await english.get('/privatliv').expect(200)).text);
    expect(en).toContain('Deleted 9 months after you offered to help');
    expect(en).toContain('Kept for 48 months.');
    expect(en).toMatch(/<div lang="da">\s*<p class="preserve-lines">Vores &lt;i&gt;intro&lt;\/i&gt;.<\/p>/);
  });

  it('uses the default periods on a portal without settings', async () => {
    await ctx.db.prisma.municipalitySettings.deleteMany();
    ctx.services.settings.invalidate();
    try {
      const page = main((await danish.get('/privatliv').expect(200)).text);
      expect(page).toContain('Slettes 12 måneder efter');
      expect(page).toContain('ikke har logget ind i 24 måneder');
      expect(page).toContain('Gemmes i 60 måneder.');
    } finally {
      await ctx.db.prisma.municipalitySettings.create({
        data: { id: 1, name: 'Testrup Kommune', contactEmail: 'kommune@testrup.example.org' },
      });
    }
  });
});
