/// <reference lib="dom" />
// The municipality's settings pages and the public pages that read them, in a real
// browser in both languages: the three admin forms (also with errors), the settings
// page with a logo, the header with the logo, /om, /tilgaengelighed and /privatliv have
// no axe WCAG 2.1 A/AA violations and no horizontal scroll at 320 px; the contact is
// saved and a logo uploaded without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aUser, TEST_PASSWORD } from '../helpers/factories/index.js';
import { greyPng } from '../features/municipality/images.js';

const ADMIN_EMAIL = 'indstillinger-admin@example.org';
const SETTINGS = '/administration/indstillinger';
const TEXTS = '/administration/sider';
const RETENTION = '/administration/opbevaring';
const PUBLIC_PAGES = ['/om', '/tilgaengelighed', '/privatliv'];

describe.skipIf(!browserAvailable)('municipality settings in a real browser', () => {
  const app = browserApp(async (ctx) => {
    await aUser(ctx.db.prisma, { role: 'ADMIN', email: ADMIN_EMAIL });
    // Danish texts only: the English pages show them marked lang="da".
    await ctx.db.prisma.municipalitySettings.create({
      data: {
        id: 1,
        name: 'Browserup Kommune',
        contactEmail: 'frivillig@browserup.example.org',
        aboutDa: 'Portalen samler frivilligt arbejde.\n\nAndet afsnit.',
        privacyIntroDa: 'Vi passer godt på dine oplysninger.',
        accessibilityIssuesDa: 'Regnearket er ikke gennemgået med skærmlæser.',
        accessibilityStatementDate: new Date('2026-11-27T00:00:00Z'),
        accessibilityContact: 'Ring 12 34 56 78 på hverdage.',
      },
    });
  });

  async function adminPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, ADMIN_EMAIL, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const submit = async (page: Page, selector = 'main form button[type=submit]') => {
    await page.locator(selector).first().click();
    await page.waitForLoadState();
  };
  const summaryLinks = (page: Page) =>
    page.locator('[data-module="error-summary"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));

  /** A wide logo (600 × 120), as many municipalities' are: it must still fit at 320 px. */
  async function uploadLogo(page: Page) {
    await page.goto(app.session.baseUrl + SETTINGS);
    await page.setInputFiles('#logo', { name: 'logo.png', mimeType: 'image/png', buffer: greyPng(600, 120) });
    await submit(page, 'form[action="/administration/indstillinger/logo"] button[type=submit]');
    expect(new URL(page.url()).pathname).toBe(SETTINGS);
  }

  for (const lang of ['da', 'en'] as const) {
    it(`the settings, texts and retention forms (also with errors), and the public pages have no violations (${lang})`, async () => {
      const page = await adminPage(lang);
      await page.goto(app.session.baseUrl + SETTINGS);
      expect(await wcagViolations(page), 'settings').toEqual([]);
      await page.fill('#name', '');
      await page.fill('#contactEmail', 'ikke-en-adresse');
      await page.fill('#websiteUrl', 'ftp://browserup.example.org');
      await submit(page);
      expect(await summaryLinks(page)).toEqual(['#name', '#contactEmail', '#websiteUrl']);
      expect(await wcagViolations(page), 'settings with errors').toEqual([]);

      await uploadLogo(page);
      expect(await page.locator('main img.settings-logo-preview').getAttribute('alt')).toBe('Browserup Kommune');
      expect(await page.locator('header .municipality-logo img').getAttribute('alt')).toBe('Browserup Kommune');
      expect(await wcagViolations(page), 'settings with a logo').toEqual([]);

      await page.goto(app.session.baseUrl + TEXTS);
      expect(await wcagViolations(page), 'texts').toEqual([]);
      await page.fill('#accessibilityStatementDate', '31-02-2026');
      await submit(page);
      expect(await summaryLinks(page)).toEqual(['#accessibilityStatementDate']);
      expect(await wcagViolations(page), 'texts with errors').toEqual([]);

      await page.goto(app.session.baseUrl + RETENTION);
      expect(await wcagViolations(page), 'retention').toEqual([]);
      await page.fill('#interestMonths', '0');
      await page.fill('#auditMonths', '');
      await submit(page);
      expect(await summaryLinks(page)).toEqual(['#interestMonths', '#auditMonths']);
      expect(await wcagViolations(page), 'retention with errors').toEqual([]);

      for (const path of PUBLIC_PAGES) {
        await page.goto(app.session.baseUrl + path);
        expect(await wcagViolations(page), path).toEqual([]);
      }
      if (lang === 'en') expect(await page.locator('main [lang="da"]').count()).toBeGreaterThan(0);
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px, and the contact and a logo are saved without JavaScript', async () => {
    const page = await adminPage('da', { width: 320, javaScript: false });
    await page.goto(app.session.baseUrl + SETTINGS);
    await page.fill('#contactPhone', '+45 12 34 56 78');
    await submit(page);
    expect(new URL(page.url()).pathname).toBe(SETTINGS);
    expect(await page.inputValue('#contactPhone')).toBe('+45 12 34 56 78');
    await uploadLogo(page);
    const logo = page.locator('header .municipality-logo img');
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(600);
    expect((await logo.boundingBox())!.width).toBeLessThanOrEqual(160);
    for (const path of ['/', SETTINGS, TEXTS, RETENTION, ...PUBLIC_PAGES]) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await page.context().close();
  });
});
