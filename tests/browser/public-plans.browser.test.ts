/// <reference lib="dom" />
// The public action-plan pages in a real browser, in both languages, on the demo plan
// (long Danish texts, a finalised review with a correction, carried-over actions): the
// list and the plan's page have no axe WCAG 2.1 A/AA violations, and no horizontal
// scroll at 320 px without JavaScript (the main menu with "Handleplaner" included).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { seedDemoData } from '../../src/db/seed/seed-demo-data.js';
import { DEMO_PLAN_SLUG, DEMO_PLAN_TITLE, seedDemoActionPlan } from '../../src/db/seed/demo-action-plan.js';

describe.skipIf(!browserAvailable)('the public action-plan pages in a real browser', () => {
  const app = browserApp(async (ctx) => {
    await seedDemoData(ctx.db.prisma, { now: ctx.clock.now() });
    await seedDemoActionPlan(ctx.db.prisma);
  });

  const paths = ['/handleplaner', `/handleplaner/${DEMO_PLAN_SLUG}`];
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  for (const lang of ['da', 'en'] as const) {
    it(`the list and a plan's page have no violations (${lang})`, async () => {
      const page = await app.session.newPage(lang);
      for (const path of paths) {
        await page.goto(app.session.baseUrl + path);
        expect(await page.locator('main h1').count(), path).toBe(1);
        expect(await wcagViolations(page), path).toEqual([]);
      }
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px and works without JavaScript', async () => {
    const english = await app.session.newPage('en', { width: 320, javaScript: false });
    for (const path of paths) {
      await english.goto(app.session.baseUrl + path);
      expect(await overflow(english), `${path} (en)`).toBeLessThanOrEqual(0);
    }
    await english.context().close();
    const page = await app.session.newPage('da', { width: 320, javaScript: false });
    for (const path of paths) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    // From the menu to the list and on to the plan, by plain links.
    await page.goto(`${app.session.baseUrl}/`);
    await page.locator('nav').getByRole('link', { name: 'Handleplaner' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/handleplaner');
    await page.getByRole('link', { name: DEMO_PLAN_TITLE }).click();
    await page.waitForLoadState();
    expect(await page.locator('main h1').textContent()).toBe(DEMO_PLAN_TITLE);
    await page.context().close();
  });
});
