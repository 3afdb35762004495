/// <reference lib="dom" />
// The calendar pages and forms in a real browser, on the demo data, in both
// languages: zero axe WCAG 2.1 A/AA violations (also at 320 px), errors focus the
// summary, no horizontal scroll at 320 px, a week of the calendar stays a few screens
// tall on a phone, and the calendar works without JavaScript and by keyboard.
// Set CALENDAR_SCREENSHOTS=<dir> to also save full-page screenshots for review.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { browserAvailable, startBrowserSession, wcagViolations, type BrowserSession } from '../helpers/browser.js';
import { seedDemoData } from '../../src/db/seed/seed-demo-data.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-data.js';
import { seedDemoCalendar } from '../../src/db/seed/demo-calendar.js';
import { localDateOf } from '../../src/features/calendar/copenhagen-time.js';

const screenshotDir = process.env.CALENDAR_SCREENSHOTS;

describe.skipIf(!browserAvailable)('calendar pages in a real browser', () => {
  let ctx: TestContext;
  let session: BrowserSession;
  let associationId: number;
  let activityId: number;
  let eventId: number;
  let nextWeek: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    // A Monday: the calendar's first page is the current week from today (#10), a whole week.
    ctx.clock.set(new Date('2026-11-23T10:00:00Z'));
    await seedDemoData(ctx.db.prisma, { now: ctx.clock.now() });
    await seedDemoCalendar(ctx.db.prisma, ctx.clock.now());
    const limone = await ctx.db.prisma.association.findUniqueOrThrow({ where: { slug: 'if-limone' } });
    associationId = limone.id;
    activityId = (await ctx.db.prisma.activity.findFirstOrThrow({ where: { associationId } })).id;
    eventId = (await ctx.db.prisma.event.findFirstOrThrow({ where: { title: { startsWith: 'Infomøde' } } })).id;
    nextWeek = localDateOf(new Date(ctx.clock.now().getTime() + 7 * 24 * 60 * 60 * 1000));
    session = await startBrowserSession(ctx.app);
    if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await session?.close();
    await ctx?.close();
  });

  const newPage = (lang: 'da' | 'en', width = 1280, javaScript = true) => session.newPage(lang, { width, height: 900, javaScript });
  const logInAs = (page: Page, email: string) => session.logIn(page, email, DEMO_PASSWORD);

  async function check(page: Page, name: string) {
    expect(await wcagViolations(page), name).toEqual([]);
    expect(await page.locator('h1').count(), name).toBe(1);
    if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  }

  for (const lang of ['da', 'en'] as const) {
    it(`public calendar has no violations, on desktop and phone (${lang})`, async () => {
      for (const [device, width] of [
        ['desktop', 1280],
        ['phone', 375],
      ] as const) {
        const page = await newPage(lang, width);
        await page.goto(`${session.baseUrl}/kalender`);
        await check(page, `kalender-${device}-${lang}`);
        await page.goto(`${session.baseUrl}/kalender?omraade=kongens-lyngby&maalgruppe=boern&kun=aktiviteter`);
        await check(page, `kalender-filtered-${device}-${lang}`);
        await page.goto(`${session.baseUrl}/kalender?fra=2035-01-01`);
        await check(page, `kalender-empty-${device}-${lang}`);
        await page.goto(`${session.baseUrl}/kalender/arrangementer/${eventId}`);
        await check(page, `event-page-${device}-${lang}`);
        await page.context().close();
      }
    });

    it(`public calendar fits 320 px without violations, and a week is a few screens on a phone (${lang})`, async () => {
      const narrow = await newPage(lang, 320);
      for (const url of ['/kalender', '/kalender?omraade=kongens-lyngby&kun=arrangementer', `/kalender/arrangementer/${eventId}`]) {
        await narrow.goto(`${session.baseUrl}${url}`);
        expect(await wcagViolations(narrow), url).toEqual([]);
        const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, url).toBeLessThanOrEqual(0);
      }
      await narrow.context().close();
      // Four weeks of full cards were ~12,400 px tall at 375 px; a week of compact rows
      // with the demo data is about 2,600 px (header and footer included).
      const phone = await newPage(lang, 375);
      for (const url of ['/kalender', `/kalender?fra=${nextWeek}`]) {
        await phone.goto(`${session.baseUrl}${url}`);
        const height = await phone.evaluate(() => document.documentElement.scrollHeight);
        expect(height, url).toBeLessThan(3000);
        expect(await phone.locator('.calendar-entry-title').count(), url).toBeGreaterThanOrEqual(5);
      }
      await phone.context().close();
    });

    it(`activity pages and forms have no violations, and errors focus the summary (${lang})`, async () => {
      const page = await newPage(lang);
      await logInAs(page, 'forening@example.org');
      const base = `${session.baseUrl}/min-forening/${associationId}/aktiviteter`;
      await page.goto(base);
      await check(page, `activities-${lang}`);
      await page.goto(`${base}/ny`);
      await check(page, `activity-new-${lang}`);
      await page.locator('main form button[type=submit]').click();
      await page.waitForLoadState();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-module'))).toBe('error-summary');
      await check(page, `activity-new-errors-${lang}`);
      await page.locator('[data-module="error-summary"] a[href="#title"]').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('title');
      await page.goto(`${base}/${activityId}/rediger`);
      await check(page, `activity-edit-${lang}`);
      await page.goto(`${base}/${activityId}/slet`);
      await check(page, `activity-delete-${lang}`);
      await page.context().close();
    });

    it(`staff event pages and forms have no violations (${lang})`, async () => {
      const page = await newPage(lang);
      await logInAs(page, 'medarbejder@example.org');
      await page.goto(`${session.baseUrl}/medarbejder/arrangementer`);
      await check(page, `events-${lang}`);
      await page.goto(`${session.baseUrl}/medarbejder/arrangementer/ny`);
      await page.locator('main form button[type=submit]').click();
      await page.waitForLoadState();
      await check(page, `event-new-errors-${lang}`);
      await page.goto(`${session.baseUrl}/medarbejder/arrangementer/${eventId}/rediger`);
      await check(page, `event-edit-${lang}`);
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px and filters without JavaScript', async () => {
    const page = await newPage('da', 320, false);
    await page.goto(`${session.baseUrl}/kalender`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The filters are folded away; a <details> opens without JavaScript.
    await page.locator('summary', { hasText: 'Afgræns kalenderen' }).click();
    await page.locator('summary', { hasText: 'Lokalområde' }).click();
    await page.locator('label', { hasText: 'Lundtofte' }).click();
    await page.locator('button', { hasText: 'Vis kalender' }).click();
    await page.waitForURL(/omraade=lundtofte/);
    // The form also sent "kun="; the server moved to the minimal address (#10).
    expect(new URL(page.url()).search).toBe('?omraade=lundtofte');
    expect(await page.locator('.calendar-entry-title').allTextContents()).toContain('Fodboldtræning for børn og unge');
    expect(await page.locator('.calendar-entry-title').allTextContents()).not.toContain('Korprøve i Bragekoret');
    // "Next week" keeps the filter, without JavaScript.
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(/fra=.*omraade=lundtofte/);
    expect(await page.locator('.calendar-entry-title').allTextContents()).toContain('Fodboldtræning for børn og unge');
    await page.context().close();
  });

  it('sends no empty fields with JavaScript: nothing chosen opens /kalender itself (#10)', async () => {
    const page = await newPage('da', 1280);
    await page.goto(`${session.baseUrl}/kalender?omraade=lundtofte`);
    await page.locator('label', { hasText: 'Lundtofte' }).click();
    await page.locator('button', { hasText: 'Vis kalender' }).click();
    await page.waitForURL((url) => !url.search.includes('omraade'));
    expect(page.url()).toBe(`${session.baseUrl}/kalender`);
    await page.context().close();
  });

  it('reaches the filters and an entry by keyboard, and the entry opens its page', async () => {
    const page = await newPage('en', 375);
    await page.goto(`${session.baseUrl}/kalender`);
    await page.locator('summary', { hasText: 'Narrow down the calendar' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('details.calendar-filters-toggle').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    const link = page.locator('a.calendar-entry-title', { hasText: 'Infomøde: Bliv frivillig i Taarbæk' });
    expect(await link.getAttribute('lang')).toBe('da');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/kalender\/arrangementer\/\d+$/);
    expect(await page.locator('h1').textContent()).toBe('Infomøde: Bliv frivillig i Taarbæk');
    expect(await page.locator('main').textContent()).toContain('Older people');
    await page.context().close();
  });
});
