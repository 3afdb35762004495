/// <reference lib="dom" />
// Collaboration-agreement drafts in a real browser, in both languages: the list, the
// new form submitted with every kind of mistake (all its errors at once), a draft's page
// and its edit form have no axe WCAG 2.1 A/AA violations and no horizontal scroll at
// 320 px; a draft is created, and a partner's contact corrected, without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { anAssociation, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';

const LIST = '/medarbejder/samarbejdsaftaler';
const STAFF_EMAIL = 'aftaler-medarbejder@example.org';

describe.skipIf(!browserAvailable)('collaboration-agreement drafts in a real browser', () => {
  const app = browserApp(async (ctx) => {
    await aUser(ctx.db.prisma, { role: 'STAFF', email: STAFF_EMAIL });
    await anAssociation(ctx.db.prisma, { name: 'Frivilligcenter Browser' });
  });

  async function staffPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, STAFF_EMAIL, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  /** Fills the new form with a valid draft and submits it; answers the draft's path. */
  async function createDraft(page: Page, title: string): Promise<string> {
    await page.goto(`${app.session.baseUrl}${LIST}/ny`);
    await page.fill('#title', title);
    await page.fill('#municipalUnit', 'Center for Sundhed');
    await page.check('#level');
    await page.fill('#startsOn', '2026-01-15');
    await page.fill('#reviewIntervalMonths', '6');
    await page.check('#associationIds');
    await page.fill('#external-1-name', 'Aftenskolen Browser');
    await page.fill('#external-1-contactEmail', 'aftenskolen@example.org');
    await page.locator('main form button[type=submit]').click();
    await page.waitForLoadState();
    const path = new URL(page.url()).pathname;
    expect(path).toMatch(/^\/medarbejder\/samarbejdsaftaler\/\d+$/);
    return path;
  }

  for (const lang of ['da', 'en'] as const) {
    it(`the list, the new form with errors, a draft and its edit form have no violations (${lang})`, async () => {
      const page = await staffPage(lang);
      await page.goto(app.session.baseUrl + LIST);
      expect(await wcagViolations(page), 'list').toEqual([]);

      await page.goto(`${app.session.baseUrl}${LIST}/ny`);
      expect(await wcagViolations(page), 'new form').toEqual([]);
      // Every kind of mistake at once: one submit shows them all, the cross-field ones too.
      await page.fill('#startsOn', '2026-05-01');
      await page.fill('#endsOn', '2026-04-01');
      await page.fill('#noticeMonths', 'tre');
      await page.locator('main form button[type=submit]').click();
      await page.waitForLoadState();
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(
        await page.locator('[data-module="error-summary"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ).toEqual(['#title', '#municipalUnit', '#level', '#endsOn', '#noticeMonths', '#partners']);
      expect(await wcagViolations(page), 'new form with errors').toEqual([]);

      const draft = await createDraft(page, `Grow Your Life (${lang})`);
      expect(await wcagViolations(page), 'draft').toEqual([]);
      await page.goto(`${app.session.baseUrl}${draft}/rediger`);
      expect(await wcagViolations(page), 'edit form').toEqual([]);

      await page.goto(app.session.baseUrl + LIST);
      expect(await wcagViolations(page), 'list with a draft').toEqual([]);
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px, and a draft is created without JavaScript', async () => {
    const page = await staffPage('da', { width: 320, javaScript: false });
    for (const path of [LIST, `${LIST}/ny`]) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    const draft = await createDraft(page, 'Grow Your Life');
    expect(await page.locator('main h1').textContent()).toBe('Grow Your Life');
    // The external partner's name and e-mail are corrected on the edit form.
    await page.goto(`${app.session.baseUrl}${draft}/rediger`);
    const email = page.locator('input[name$="-contactEmail"][value="aftenskolen@example.org"]');
    const group = (await email.getAttribute('name'))!.replace(/-contactEmail$/, '');
    await email.fill('ny@aftenskolen.example.org');
    await page.fill(`#${group}-name`, 'Aftenskolen Browser (rettet)');
    await page.locator('main form button[type=submit]').click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(draft);
    expect(await page.locator('main').textContent()).toContain('Aftenskolen Browser (rettet)');
    await page.goto(`${app.session.baseUrl}${draft}/rediger`);
    expect(await page.inputValue(`#${group}-contactEmail`)).toBe('ny@aftenskolen.example.org');
    for (const path of [draft, `${draft}/rediger`, LIST]) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await page.context().close();
  });
});
