/// <reference lib="dom" />
// The one date field, the error summary in field order and Min side in the breadcrumbs,
// in a real browser: an association's opening and activity forms, empty and with a
// wrong date, have no axe WCAG 2.1 A/AA violations in either language and no horizontal
// scroll at 320 px; a date typed as 1.3.2027 is saved without JavaScript at 375 px.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { anAssociation, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';

const MEMBER_EMAIL = 'formularer-medlem@example.org';

describe.skipIf(!browserAvailable)('forms in a real browser', () => {
  let associationId = 0;
  const app = browserApp(async (ctx) => {
    associationId = (await anAssociation(ctx.db.prisma, { name: 'Formularforeningen' })).id;
    await aUser(ctx.db.prisma, { associationId, email: MEMBER_EMAIL });
  });

  async function memberPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, MEMBER_EMAIL, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const summaryTargets = (page: Page) =>
    page.locator('[data-module="error-summary"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  /** The ids of the summary's targets in the order they come on the page. */
  const pageOrder = (page: Page, targets: (string | null)[]) =>
    page.evaluate((ids) => {
      const all = Array.from(document.querySelectorAll('main [id]')).map((element) => `#${element.id}`);
      return ids.filter((id): id is string => id !== null).sort((a, b) => all.indexOf(a) - all.indexOf(b));
    }, targets);

  for (const lang of ['da', 'en'] as const) {
    it(`the opening and activity forms, empty and with a wrong date, have no violations (${lang})`, async () => {
      const page = await memberPage(lang);
      for (const form of ['opgaver/ny', 'aktiviteter/ny']) {
        await page.goto(`${app.session.baseUrl}/min-forening/${associationId}/${form}`);
        expect(await wcagViolations(page), form).toEqual([]);
        expect(await page.locator('main input[type=date]').count(), form).toBe(0);
        expect(await page.locator('main nav.breadcrumbs a[href="/min-side"]').count(), form).toBe(1);
        const dateField = form === 'opgaver/ny' ? '#startsOn' : '#date';
        await page.fill(dateField, '30-02-2026');
        await page.locator('main form button[type=submit]').first().click();
        await page.waitForLoadState();
        const targets = await summaryTargets(page);
        expect(targets, form).toContain(dateField);
        expect(targets, form).toEqual(await pageOrder(page, targets));
        expect(await page.locator(`${dateField}-error`).textContent(), form).toContain(lang === 'da' ? 'dd-mm-åååå' : 'dd-mm-yyyy');
        expect(await wcagViolations(page), `${form} with errors`).toEqual([]);
      }
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px, and a typed date is saved without JavaScript at 375 px', async () => {
    const narrow = await memberPage('da', { width: 320, javaScript: false });
    for (const form of ['opgaver/ny', 'aktiviteter/ny', 'aktiviteter']) {
      await narrow.goto(`${app.session.baseUrl}/min-forening/${associationId}/${form}`);
      expect(await overflow(narrow), form).toBeLessThanOrEqual(0);
    }
    await narrow.context().close();

    const page = await memberPage('da', { width: 375, javaScript: false });
    await page.goto(`${app.session.baseUrl}/min-forening/${associationId}/aktiviteter/ny`);
    await page.fill('#title', 'Browserkor');
    await page.fill('#place', 'Kulturhuset');
    await page.check('input[name="recurrence"][value="ONCE"]');
    await page.fill('#date', '1.3.2027');
    await page.fill('#startTime', '19.00');
    await page.locator('main form button[type=submit]').first().click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(`/min-forening/${associationId}/aktiviteter`);
    expect(await page.locator('main').textContent()).toContain('Browserkor');
    await page.context().close();
  });
});
