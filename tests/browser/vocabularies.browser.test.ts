/// <reference lib="dom" />
// The vocabulary pages in a real browser, in both languages: the overview, a list with
// active and retired values, the add form with its errors, the edit form and the merge
// page have no axe WCAG 2.1 A/AA violations and no horizontal scroll at 320 px; a value
// is added, retired and merged without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aLookup, anAssociation, anOpening, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';
import { vocabulariesChanged } from '../helpers/factories/lookups.js';

const BASE = '/administration/ordlister';
const LIST = `${BASE}/maalgrupper`;
const ADMIN_EMAIL = 'ordlister-admin@example.org';

describe.skipIf(!browserAvailable)('the vocabulary pages in a real browser', () => {
  const ids = { active: 0, retired: 0 };
  const app = browserApp(async (ctx) => {
    await aUser(ctx.db.prisma, { role: 'ADMIN', email: ADMIN_EMAIL });
    ids.active = (await aLookup(ctx.db.prisma, 'targetGroup', 'browser-unge', 'Unge', { nameEn: 'Young people', sortOrder: 1 })).id;
    ids.retired = (await aLookup(ctx.db.prisma, 'targetGroup', 'browser-gamle', 'Gamle', { nameEn: 'Old people', sortOrder: 2 })).id;
    await ctx.db.prisma.targetGroup.update({ where: { id: ids.retired }, data: { retiredAt: new Date() } });
    vocabulariesChanged(ctx.services);
    const association = await anAssociation(ctx.db.prisma);
    await anOpening(ctx.db.prisma, association.id, { targetGroupIds: [ids.active, ids.retired] });
  });

  async function adminPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, ADMIN_EMAIL, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const submit = async (page: Page) => {
    await page.locator('main form button[type=submit]').first().click();
    await page.waitForLoadState();
  };

  for (const lang of ['da', 'en'] as const) {
    it(`the overview, a list, the add form with errors, the edit form and the merge page have no violations (${lang})`, async () => {
      const page = await adminPage(lang);
      await page.goto(app.session.baseUrl + BASE);
      expect(await wcagViolations(page), 'overview').toEqual([]);
      await page.goto(app.session.baseUrl + LIST);
      expect(await wcagViolations(page), 'list').toEqual([]);

      await page.goto(`${app.session.baseUrl}${LIST}/ny`);
      expect(await wcagViolations(page), 'add form').toEqual([]);
      // A Danish name the list already has (in another case) and no English name: both at once.
      await page.fill('#nameDa', 'unge');
      await submit(page);
      expect(
        await page.locator('[data-module="error-summary"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ).toEqual(['#nameDa', '#nameEn']);
      expect(await wcagViolations(page), 'add form with errors').toEqual([]);

      await page.goto(`${app.session.baseUrl}${LIST}/${ids.active}/rediger`);
      expect(await wcagViolations(page), 'edit form').toEqual([]);
      await page.goto(`${app.session.baseUrl}${LIST}/${ids.retired}/flet`);
      expect(await wcagViolations(page), 'merge page').toEqual([]);
      await submit(page);
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), 'merge page with an error').toEqual([]);
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px; a value is added, retired and merged without JavaScript', async () => {
    const page = await adminPage('da', { width: 320, javaScript: false });
    for (const path of [BASE, LIST, `${LIST}/ny`, `${LIST}/${ids.active}/rediger`, `${LIST}/${ids.retired}/flet`]) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }

    await page.goto(`${app.session.baseUrl}${LIST}/ny`);
    await page.fill('#nameDa', 'Familier');
    await page.fill('#nameEn', 'Families');
    await submit(page);
    expect(new URL(page.url()).pathname).toBe(LIST);
    const row = page.locator('tr', { hasText: 'Familier' });
    expect(await row.locator('.badge').textContent()).toBe('Aktiv');

    await row.getByRole('button', { name: /Udfas/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('tr', { hasText: 'Familier' }).locator('.badge').textContent()).toBe('Udfaset');

    await page.goto(`${app.session.baseUrl}${LIST}/${ids.retired}/flet`);
    await page.selectOption('#targetId', String(ids.active));
    await submit(page);
    expect(new URL(page.url()).pathname).toBe(LIST);
    expect(await page.locator('main table').textContent()).not.toContain('Gamle');
    await page.context().close();
  });
});
