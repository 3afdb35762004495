/// <reference lib="dom" />
// The search page in a real browser, as a new volunteer uses it: find lektiehjælp
// openings for young people in Lundtofte and open one. axe finds no WCAG 2.1 A/AA
// violations (plain, filtered, empty; Danish and English); the keyboard reaches the
// search field and the filters; no horizontal scroll at 320 px; no JavaScript needed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { seedDemoData } from '../../src/db/seed/seed-demo-data.js';

describe.skipIf(!browserAvailable)('the search page in a real browser', () => {
  const app = browserApp((ctx) => seedDemoData(ctx.db.prisma, { now: ctx.clock.now() }));

  const newPage = (lang: 'da' | 'en', options: { width?: number; height?: number; javaScript?: boolean } = {}): Promise<Page> =>
    app.session.newPage(lang, options);

  const texts = {
    da: { button: 'Søg', young: 'Unge', found: 'Lektiehjælper til unge i Lundtofte', none: 'Ingen frivilligopgaver' },
    en: { button: 'Search', young: 'Young people', found: 'Lektiehjælper til unge i Lundtofte', none: 'No volunteering opportunities' },
  } as const;

  for (const lang of ['da', 'en'] as const) {
    it(`finds lektiehjælp for young people in Lundtofte and opens it, without violations (${lang})`, { timeout: 60_000 }, async () => {
      const page = await newPage(lang);
      await page.goto(`${app.session.baseUrl}/opgaver`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await wcagViolations(page), 'empty search').toEqual([]);

      await page.fill('#q', 'lektiehjælper');
      await page.getByRole('checkbox', { name: new RegExp(`^${texts[lang].young}\\b`) }).check();
      await page.getByRole('checkbox', { name: /^Lundtofte\b/ }).check();
      await page.getByRole('button', { name: texts[lang].button, exact: true }).click();
      await page.waitForURL(/maalgruppe=unge/);

      const url = new URL(page.url());
      expect(url.pathname).toBe('/opgaver');
      expect(url.searchParams.get('q')).toBe('lektiehjælper');
      expect(url.searchParams.getAll('omraade')).toEqual(['lundtofte']);
      expect(url.searchParams.getAll('maalgruppe')).toEqual(['unge']);
      expect(await page.title()).toMatch(/lektiehjælper/);
      const results = page.locator('.opening-search-list > li');
      expect(await results.count()).toBe(1);
      await expect.poll(() => page.locator('[role=status]').first().textContent()).toMatch(/1/);
      expect(await wcagViolations(page), 'with filters').toEqual([]);

      const link = page.getByRole('link', { name: texts[lang].found });
      const href = await link.getAttribute('href');
      expect(href).toMatch(/^\/opgaver\/\d+$/);
      await link.click();
      await page.waitForURL(new RegExp(`${href}$`));

      await page.goto(`${app.session.baseUrl}/opgaver?q=undervandsrugby&omraade=lundtofte`);
      expect(await page.locator('[role=status]').first().textContent()).toContain(texts[lang].none);
      expect(await wcagViolations(page), 'zero results').toEqual([]);
      await page.context().close();
    });
  }

  it('lets the keyboard reach the skip link, the search field and the filters, in that order', async () => {
    const page = await newPage('da');
    await page.goto(`${app.session.baseUrl}/opgaver`);
    const focused: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      focused.push(
        await page.evaluate(() => {
          const element = document.activeElement;
          if (!element) return '';
          if (element.classList.contains('skipnav')) return 'skipnav';
          return element.id || element.tagName.toLowerCase();
        }),
      );
    }
    expect(focused[0]).toBe('skipnav');
    const search = focused.indexOf('q');
    const firstArea = focused.findIndex((id) => id.startsWith('omraade-'));
    expect(search).toBeGreaterThan(0);
    expect(firstArea).toBeGreaterThan(search);
    // A filter can be ticked from the keyboard.
    await page.focus('#omraade-lundtofte');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#omraade-lundtofte')).toBe(true);
    await page.context().close();
  });

  it('works without JavaScript and has no horizontal scroll at 320 px', async () => {
    const page = await newPage('da', { width: 320, javaScript: false });
    await page.goto(`${app.session.baseUrl}/opgaver`);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The filter panel and its groups fold open and shut natively (<details>), and the form submits.
    await page.locator('summary', { hasText: 'Filtre' }).click();
    await page.locator('summary', { hasText: 'Hvor ofte' }).click();
    await page.getByRole('checkbox', { name: /^Hver uge\b/ }).check();
    await page.fill('#q', 'lektiehjælp');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.waitForURL(/tid=WEEKLY/);
    // The form also sent its empty fields (boerneattest=); the server moved to the minimal URL.
    expect(new URL(page.url()).search).toBe('?q=lektiehj%C3%A6lp&tid=WEEKLY');
    expect(await page.locator('.opening-search-list > li').count()).toBeGreaterThan(0);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // Pages of results and the empty result fit too.
    await page.goto(`${app.session.baseUrl}/opgaver?q=undervandsrugby&omraade=lundtofte&maalgruppe=unge`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  // #10: on a phone the results come first; on a wide screen the filters stand beside them.
  for (const lang of ['da', 'en'] as const) {
    for (const javaScript of [true, false]) {
      it(`starts the results within the first screen at 375 px, filters folded (${lang}, ${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
        const page = await newPage(lang, { width: 375, height: 900, javaScript });
        await page.goto(`${app.session.baseUrl}/opgaver?maalgruppe=unge`);
        expect(await page.locator('.opening-search-panel').getAttribute('open')).toBeNull();
        expect(await page.locator('.opening-search-panel > summary').textContent()).toMatch(
          lang === 'da' ? /Filtre \(1 valgt\)/ : /Filters \(1 selected\)/,
        );
        const first = await page.locator('.opening-search-list > li').first().boundingBox();
        expect(first?.y).toBeLessThan(900);
        expect(await page.getByRole('checkbox', { name: new RegExp(`^${texts[lang].young}\\b`) }).isVisible()).toBe(false);
        // axe runs as a script in the page, so only where JavaScript runs.
        if (javaScript) expect(await wcagViolations(page), 'phone').toEqual([]);
        await page.context().close();
      });
    }
  }

  it('shows the filters beside the results at 1280 px', async () => {
    const page = await newPage('da', { width: 1280, height: 900 });
    await page.goto(`${app.session.baseUrl}/opgaver`);
    const area = page.getByRole('checkbox', { name: /^Lundtofte\b/ });
    expect(await area.isVisible()).toBe(true);
    const filters = await page.locator('.opening-search-filters').boundingBox();
    const results = await page.locator('.opening-search-results').boundingBox();
    expect(filters && results).toBeTruthy();
    if (filters && results) {
      expect(filters.x + filters.width).toBeLessThanOrEqual(results.x + 1);
      expect(Math.abs(filters.y - results.y)).toBeLessThan(50);
    }
    // With JavaScript the form sends no empty fields, so there is no redirect to make.
    await area.check();
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.waitForURL(/omraade=lundtofte/);
    expect(new URL(page.url()).search).toBe('?omraade=lundtofte');
    // With every field emptied the address is the page's own, without a bare "?" (#10).
    await page.getByRole('checkbox', { name: /^Lundtofte\b/ }).uncheck();
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.waitForURL((url) => !url.search.includes('omraade'));
    expect(page.url()).toBe(`${app.session.baseUrl}/opgaver`);
    await page.context().close();
  });

  it('offers a link past the open filters to the first result at 1280 px, and none on a phone (#10)', async () => {
    const page = await newPage('da', { width: 1280, height: 900 });
    await page.goto(`${app.session.baseUrl}/opgaver`);
    const skip = page.getByRole('link', { name: 'Gå til resultaterne' });
    expect(await skip.isVisible()).toBe(true);
    await page.focus('#q');
    // The search field, its button, then the link: before any filter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#resultater');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // The next stop is in the results (the alert link or the first result), not a filter.
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#resultater')))).toBe(true);
    expect(await wcagViolations(page)).toEqual([]);
    await page.context().close();
    const phone = await newPage('da', { width: 375 });
    await phone.goto(`${app.session.baseUrl}/opgaver`);
    expect(await phone.getByRole('link', { name: 'Gå til resultaterne' }).isVisible()).toBe(false);
    await phone.context().close();
  });

  it('offers the target group for an English "young", and following it finds openings', async () => {
    const page = await newPage('en', { width: 375 });
    await page.goto(`${app.session.baseUrl}/opgaver?q=young`);
    // Named in English only, as the filter names it (#10).
    const suggestion = page.getByRole('link', { name: 'target group Young people' });
    expect(await suggestion.getAttribute('href')).toBe('/opgaver?maalgruppe=unge');
    expect(await page.locator('.opening-search-suggestion [lang="da"]').count()).toBe(0);
    expect(await wcagViolations(page), 'suggestion').toEqual([]);
    await suggestion.click();
    await page.waitForURL(/maalgruppe=unge/);
    expect(await page.locator('.opening-search-list > li').count()).toBeGreaterThan(0);
    // Danish content is marked as such on the English page: the cards, then the opening.
    expect(await page.locator('.opening-search-result-title[lang="da"]').count()).toBeGreaterThan(0);
    await page.locator('.opening-search-result-title a').first().click();
    await page.waitForURL(/\/opgaver\/\d+$/);
    expect(await page.locator('h1[lang="da"]').count()).toBe(1);
    expect(await wcagViolations(page), 'opening page in English').toEqual([]);
    await page.context().close();
  });
});
