/// <reference lib="dom" />
// The agreement template pages in a real browser, in both languages: the template, the
// edit form submitted empty-handed (every title blanked) with its errors, and an old
// version have no axe WCAG 2.1 A/AA violations and no horizontal scroll at 320 px; the
// form saves without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aUser, TEST_PASSWORD } from '../helpers/factories/index.js';

const PAGE = '/medarbejder/aftaleskabelon';
const ADMIN_EMAIL = 'skabelon-admin@example.org';

describe.skipIf(!browserAvailable)('the agreement template in a real browser', () => {
  const app = browserApp((ctx) => aUser(ctx.db.prisma, { role: 'ADMIN', email: ADMIN_EMAIL }));

  async function adminPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, ADMIN_EMAIL, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  for (const lang of ['da', 'en'] as const) {
    it(`the template, the edit form with errors and an old version have no violations (${lang})`, async () => {
      const page = await adminPage(lang);
      await page.goto(app.session.baseUrl + PAGE);
      expect(await wcagViolations(page), PAGE).toEqual([]);

      await page.goto(`${app.session.baseUrl}${PAGE}/rediger`);
      expect(await wcagViolations(page), 'form').toEqual([]);
      // Every text field emptied, then submitted: the titles are required.
      await page.locator('main form input[type=text], main form textarea').evaluateAll((fields) => {
        for (const field of fields as HTMLInputElement[]) field.value = '';
      });
      await page.locator('main form button[type=submit]').click();
      await page.waitForLoadState();
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), 'form with errors').toEqual([]);

      await page.goto(`${app.session.baseUrl}${PAGE}/version/0`);
      expect(await wcagViolations(page), 'version 0').toEqual([]);
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px, and the form saves without JavaScript', async () => {
    const page = await adminPage('da', { width: 320, javaScript: false });
    for (const path of [PAGE, `${PAGE}/rediger`, `${PAGE}/version/0`]) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await page.goto(`${app.session.baseUrl}${PAGE}/rediger`);
    await page.fill('#section-0-titleDa', 'Formål med samarbejdet');
    await page.fill('#note', 'Ny titel');
    await page.locator('main form button[type=submit]').click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(PAGE);
    expect(await page.locator('main h3').first().textContent()).toBe('Formål med samarbejdet');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.goto(`${app.session.baseUrl}${PAGE}/version/0`);
    expect(await page.locator('main h3').first().textContent()).toBe('Formål');
    await page.context().close();
  });
});
