/// <reference lib="dom" />
// A plan's overview (with its SVG chart), a year's committee report and the import
// page with row errors, in a real browser in both languages: no axe WCAG 2.1 A/AA
// violations and no horizontal scroll at 320 px; the import works without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aUser, TEST_PASSWORD } from '../helpers/factories/index.js';
import { planScenario } from '../features/plan-reports/plan-scenario.js';

const STAFF_EMAIL = 'handleplaner-rapport@example.org';

/** A CSV with a good row and a bad one (an unknown goal and a bad date). */
const BAD_CSV = Buffer.from(
  [
    'ID;År;Handling;Beskrivelse;Mål (nr.);Ansvarlige;Planlagt fra;Planlagt til;Indikator;Måltal',
    ';2018;God handling;;1;;;;;',
    ';2018;Dårlig handling;;7;;2018-13-01;;;',
  ].join('\r\n'),
  'utf8',
);

describe.skipIf(!browserAvailable)('plan overview, report and import in a real browser', () => {
  let planId = 0;
  const app = browserApp(async (ctx) => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF', email: STAFF_EMAIL });
    planId = (await planScenario(ctx.db.prisma, { staffId: user.id })).plan.id;
  });
  const base = () => `${app.session.baseUrl}/medarbejder/handleplaner/${planId}`;

  async function staffPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, STAFF_EMAIL, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  async function uploadBadFile(page: Page): Promise<void> {
    await page.goto(`${base()}/import`);
    await page.setInputFiles('#file', { name: 'handlinger.csv', mimeType: 'text/csv', buffer: BAD_CSV });
    await page.locator('main form button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
    expect(await page.locator('[data-row-errors] tbody tr').count()).toBe(2);
  }

  for (const lang of ['da', 'en'] as const) {
    it(`the overview, a report and the import with errors have no violations (${lang})`, async () => {
      const page = await staffPage(lang);
      await page.goto(`${base()}/overblik`);
      expect(await page.locator('svg.plan-chart[role="img"]').count()).toBe(1);
      expect(await wcagViolations(page), 'overview').toEqual([]);
      for (const year of [2017, 2018, 2019]) {
        await page.goto(`${base()}/status/${year}/rapport`);
        expect(await wcagViolations(page), `report ${year}`).toEqual([]);
      }
      await page.goto(`${base()}/import`);
      expect(await wcagViolations(page), 'import').toEqual([]);
      await uploadBadFile(page);
      expect(await wcagViolations(page), 'import with errors').toEqual([]);
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px, and the import previews without JavaScript', async () => {
    const page = await staffPage('da', { width: 320, javaScript: false });
    for (const path of ['/overblik', '/status/2017/rapport', '/status/2018/rapport', '/import']) {
      await page.goto(base() + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await uploadBadFile(page);
    expect(await overflow(page), 'import with errors').toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
