/// <reference lib="dom" />
// Every foundation page, in both languages, in a real browser: zero axe WCAG 2.1 A/AA
// violations, skip link first, errors focus the summary, no horizontal scroll at 320 px.
import { describe, expect, it } from 'vitest';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { seedAllDemoData } from '../../src/db/seed/seed-all.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-data.js';

const PUBLIC_PAGES = [
  '/',
  '/log-ind',
  '/logget-ud',
  '/privatliv',
  '/tilgaengelighed',
  '/findes-ikke',
  '/glemt-adgangskode',
  '/nulstil-adgangskode/ugyldigt-link',
];

describe.skipIf(!browserAvailable)('accessibility in a real browser', () => {
  const app = browserApp((ctx) => seedAllDemoData(ctx.db.prisma, { now: ctx.clock.now() }));

  const newPage = (lang: 'da' | 'en') => app.session.newPage(lang);

  for (const lang of ['da', 'en'] as const) {
    it(`public pages have no WCAG 2.1 A/AA violations (${lang})`, async () => {
      const page = await newPage(lang);
      for (const path of PUBLIC_PAGES) {
        await page.goto(app.session.baseUrl + path);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await wcagViolations(page), path).toEqual([]);
      }
      await page.context().close();
    });

    it(`login errors focus the summary, whose links focus the fields, without violations (${lang})`, async () => {
      const page = await newPage(lang);
      await page.goto(`${app.session.baseUrl}/log-ind`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('skipnav'))).toBe(true);
      await page.locator('main button[type=submit]').click();
      await page.waitForLoadState();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-module'))).toBe('error-summary');
      expect(await page.title()).toMatch(lang === 'da' ? /^Fejl: / : /^Error: /);
      expect(await wcagViolations(page)).toEqual([]);
      await page.locator('[data-module="error-summary"] a[href="#password"]').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
      await page.context().close();
    });

    it(`staff pages have no violations once logged in (${lang})`, async () => {
      const page = await newPage(lang);
      // Password, then the second step (the demo staff's code) through the login pages.
      await app.session.logIn(page, 'medarbejder@example.org', DEMO_PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/medarbejder');
      expect(await wcagViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px and works without JavaScript', async () => {
    const context = await app.session.newContext({ width: 320, height: 640, javaScript: false });
    const page = await context.newPage();
    for (const path of ['/', '/log-ind']) {
      await page.goto(app.session.baseUrl + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      // The main menu is visible without the JavaScript drawer.
      expect(await page.locator('nav.nav a.nav-link').first().isVisible()).toBe(true);
    }
    // Logging in works without JavaScript too.
    await page.goto(`${app.session.baseUrl}/log-ind`);
    await page.fill('#email', 'forening@example.org');
    await page.fill('#password', DEMO_PASSWORD);
    await page.locator('main button[type=submit]').click();
    await page.waitForURL(/\/min-side$/);
    expect(await page.locator('h1').textContent()).toContain('Min side');
    await context.close();
  });
});
