/// <reference lib="dom" />
// The interest journey in a real browser, in Danish and English, on desktop and
// phone: opening page, the form after an empty submit (errors focus the summary),
// the receipt, and the association's interests and openings pages — zero axe WCAG
// 2.1 A/AA violations, no horizontal scroll at 320 px, all of it without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anOpening } from '../../helpers/factories/index.js';
import { browserAvailable, startBrowserSession, wcagViolations, type BrowserSession } from '../../helpers/browser.js';
import { seedDemoData } from '../../../src/db/seed/seed-demo-data.js';
import { DEMO_PASSWORD } from '../../../src/db/seed/demo-data.js';
import { seedDemoInterests } from '../../../src/db/seed/demo-interests.js';

// axe takes a second or two per page and these journeys visit many pages, more so
// when the whole suite runs in parallel.
const JOURNEY_TIMEOUT = 90_000;

describe.skipIf(!browserAvailable)('interests in a real browser', () => {
  let ctx: TestContext;
  let session: BrowserSession;
  let openingId: number;
  let associationId: number;
  let draftId: number;

  beforeAll(async () => {
    ctx = await createTestContext({ INTEREST_RATE_LIMIT: '1000' });
    await seedDemoData(ctx.db.prisma, { now: ctx.clock.now() });
    await seedDemoInterests(ctx.db.prisma, ctx.clock.now());
    const opening = await ctx.db.prisma.opening.findFirstOrThrow({
      where: { title: 'Lektiehjælper til unge i Lundtofte', association: { slug: 'if-limone' } },
    });
    openingId = opening.id;
    associationId = opening.associationId;
    draftId = (await anOpening(ctx.db.prisma, associationId, { detailed: true, status: 'DRAFT', title: 'Kladde til forhåndsvisning' })).id;
    session = await startBrowserSession(ctx.app);
  });
  afterAll(async () => {
    await session?.close();
    await ctx?.close();
  });

  const newPage = (lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> =>
    session.newPage(lang, options);

  const horizontalOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  /** How far this page's own content (main) sticks out to the right; the shared header is tested elsewhere. */
  const mainOverflow = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return Math.max(0, ...Array.from(document.querySelectorAll('main *')).map((el) => el.getBoundingClientRect().right - width));
    });
  /** Clicks a submit button and waits for the next page to load (its URL may be the same). */
  async function submitWith(page: Page, selector: string) {
    const loaded = page.waitForEvent('load');
    await page.locator(selector).first().click();
    await loaded;
  }

  for (const lang of ['da', 'en'] as const) {
    it(
      `a citizen opens an opening, fixes an empty form and gets the receipt (${lang})`,
      async () => {
        const page = await newPage(lang);
        await page.goto(`${session.baseUrl}/opgaver/${openingId}`);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await wcagViolations(page), 'opening page').toEqual([]);

        await submitWith(page, '#interesse button[type=submit]');
        await page.waitForFunction(() => document.activeElement?.getAttribute('data-module') === 'error-summary');
        expect(await page.title()).toMatch(lang === 'da' ? /^Fejl: / : /^Error: /);
        expect(await wcagViolations(page), 'form after empty submit').toEqual([]);
        await page.locator('[data-module="error-summary"] a[href="#consent"]').click();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent');

        await page.fill('#name', 'Test Browsersen');
        await page.fill('#email', `browser-${lang}@example.org`);
        await page.check('#consent');
        await submitWith(page, '#interesse button[type=submit]');
        expect(page.url()).toMatch(/\/interesse\/kvittering$/);
        expect(await wcagViolations(page), 'receipt').toEqual([]);
        expect(await ctx.db.prisma.interest.count({ where: { email: `browser-${lang}@example.org` } })).toBe(1);

        // The withdrawal link from the receipt e-mail: confirm, done, and used again.
        const mail = (await ctx.readMail()).find((m) => m.to === `browser-${lang}@example.org`)!;
        const path = /\/interesse\/tilbagetraek\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
        await page.goto(session.baseUrl + path);
        expect(await wcagViolations(page), 'withdrawal confirm').toEqual([]);
        await submitWith(page, 'main button[type=submit]');
        expect(page.url()).toMatch(/\/interesse\/tilbagetrukket$/);
        expect(await wcagViolations(page), 'withdrawal done').toEqual([]);
        await page.goto(session.baseUrl + path);
        expect(await wcagViolations(page), 'nothing to withdraw').toEqual([]);
        expect(await ctx.db.prisma.interest.count({ where: { email: `browser-${lang}@example.org` } })).toBe(0);
        await page.context().close();
      },
      JOURNEY_TIMEOUT,
    );

    it(
      `the association sees its interests and manages openings without violations (${lang})`,
      async () => {
        const page = await newPage(lang);
        await page.goto(`${session.baseUrl}/log-ind`);
        await page.fill('#email', 'forening@example.org');
        await page.fill('#password', DEMO_PASSWORD);
        await page.locator('main button[type=submit]').click();
        await page.waitForURL(/\/min-side$/);
        for (const path of ['interesserede', 'opgaver', 'opgaver/ny', `opgaver/${openingId}/rediger`]) {
          await page.goto(`${session.baseUrl}/min-forening/${associationId}/${path}`);
          expect(await wcagViolations(page), path).toEqual([]);
        }
        await page.goto(`${session.baseUrl}/opgaver/${draftId}`);
        expect(await page.locator('.alert-warning').count()).toBe(1);
        expect(await wcagViolations(page), 'draft preview').toEqual([]);
        // The new-opening form after an empty submit.
        await page.goto(`${session.baseUrl}/min-forening/${associationId}/opgaver/ny`);
        await page.fill('#contactName', '');
        await submitWith(page, '#handling button[value="kladde"]');
        await page.waitForFunction(() => document.activeElement?.getAttribute('data-module') === 'error-summary');
        expect(await wcagViolations(page), 'opening form after empty submit').toEqual([]);

        // Mark an interest contacted, by keyboard-reachable controls.
        await page.goto(`${session.baseUrl}/min-forening/${associationId}/interesserede`);
        const first = page.locator('.interest-card').first();
        await first.locator('select').selectOption('CONTACTED');
        const loaded = page.waitForEvent('load');
        await first.locator('button[type=submit]').click();
        await loaded;
        expect(await page.locator('.alert-success').count(), page.url() + (await page.locator('main').innerText()).slice(0, 600)).toBe(1);
        expect(await wcagViolations(page), 'after status change').toEqual([]);
        await page.context().close();
      },
      JOURNEY_TIMEOUT,
    );
  }

  it(
    'works without JavaScript and without horizontal scroll at 320 px',
    async () => {
      const page = await newPage('da', { width: 320, javaScript: false });
      await page.goto(`${session.baseUrl}/opgaver/${openingId}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await submitWith(page, '#interesse button[type=submit]');
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.fill('#name', 'Uden Javascript');
      await page.fill('#email', 'nojs@example.org');
      await page.check('#consent');
      await submitWith(page, '#interesse button[type=submit]');
      expect(page.url()).toMatch(/\/interesse\/kvittering$/);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      await page.goto(`${session.baseUrl}/log-ind`);
      await page.fill('#email', 'forening@example.org');
      await page.fill('#password', DEMO_PASSWORD);
      await page.locator('main button[type=submit]').click();
      await page.waitForURL(/\/min-side$/);
      for (const path of ['interesserede', 'opgaver', 'opgaver/ny']) {
        await page.goto(`${session.baseUrl}/min-forening/${associationId}/${path}`);
        expect(await mainOverflow(page), path).toBeLessThanOrEqual(0);
      }
      await page.context().close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'keeps the honeypot out of the keyboard’s way',
    async () => {
      const page = await newPage('da');
      await page.goto(`${session.baseUrl}/opgaver/${openingId}`);
      // From the message: the privacy link in the consent text, then the checkbox.
      await page.focus('#message');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/privatliv');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent');
      await page.context().close();
    },
    JOURNEY_TIMEOUT,
  );
});
