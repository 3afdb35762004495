/// <reference lib="dom" />
// The association pages in a real browser, on the demo data, in both languages: zero
// axe WCAG 2.1 A/AA violations (the registration form after an empty submit too), the
// error summary takes focus, no horizontal scroll at 320 px, and the directory's
// filters work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { browserAvailable, startBrowserSession, wcagViolations, type BrowserSession } from '../../helpers/browser.js';
import { seedDemoData } from '../../../src/db/seed/seed-demo-data.js';
import { DEMO_PASSWORD } from '../../../src/db/seed/demo-data.js';

describe.skipIf(!browserAvailable)('association pages in a real browser', () => {
  let ctx: TestContext;
  let session: BrowserSession;
  let limoneId: number;
  let pendingId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.db.prisma, { now: ctx.clock.now() });
    limoneId = (await ctx.db.prisma.association.findUniqueOrThrow({ where: { slug: 'if-limone' } })).id;
    pendingId = (await ctx.db.prisma.association.findFirstOrThrow({ where: { status: 'PENDING' } })).id;
    session = await startBrowserSession(ctx.app);
  });
  afterAll(async () => {
    await session?.close();
    await ctx?.close();
  });

  const newPage = (lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}) => session.newPage(lang, options);
  const logInAs = (page: Page, email: string) => session.logIn(page, email, DEMO_PASSWORD);

  for (const lang of ['da', 'en'] as const) {
    it(`the registration form, empty and after an empty submit, has no violations and focuses the summary (${lang})`, async () => {
      const page = await newPage(lang);
      await page.goto(`${session.baseUrl}/foreninger/ny`);
      expect(await wcagViolations(page)).toEqual([]);
      await page.locator('main button[type=submit]').click();
      await page.waitForLoadState();
      expect(await page.title()).toMatch(lang === 'da' ? /^Fejl: / : /^Error: /);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-module'))).toBe('error-summary');
      expect(await wcagViolations(page)).toEqual([]);
      await page.locator('[data-module="error-summary"] a[href="#fieldsOfWork"]').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('fieldsOfWork');
      // The honeypot is out of reach: not focusable by Tab, hidden from assistive tech.
      expect(await page.locator('#website').getAttribute('tabindex')).toBe('-1');
      await page.context().close();
    });

    it(`the directory, a filtered directory, an empty result and a profile have no violations (${lang})`, async () => {
      const page = await newPage(lang);
      for (const path of [
        '/foreninger',
        '/foreninger?fagomraade=idraet&omraade=kongens-lyngby',
        '/foreninger?q=xyzzy',
        '/foreninger/if-limone',
      ]) {
        await page.goto(session.baseUrl + path);
        expect(await wcagViolations(page), path).toEqual([]);
        expect(await page.locator('h1').count(), path).toBe(1);
      }
      await page.context().close();
    });

    it(`the members' and staff pages have no violations (${lang})`, async () => {
      const member = await newPage(lang);
      await logInAs(member, 'forening@example.org');
      for (const path of [`/min-forening/${limoneId}/profil`, `/min-forening/${limoneId}/medlemmer`]) {
        await member.goto(session.baseUrl + path);
        expect(await wcagViolations(member), path).toEqual([]);
      }
      // An invitation form submitted empty.
      await member.locator('form[action$="/inviter"] button[type=submit]').click();
      await member.waitForLoadState();
      expect(await wcagViolations(member), 'invite errors').toEqual([]);
      await member.context().close();

      const staff = await newPage(lang);
      await logInAs(staff, 'medarbejder@example.org');
      for (const path of ['/medarbejder/foreninger', `/medarbejder/foreninger/${pendingId}`]) {
        await staff.goto(session.baseUrl + path);
        expect(await wcagViolations(staff), path).toEqual([]);
      }
      await staff.locator('form[action$="/afvis"] button[type=submit]').click();
      await staff.waitForLoadState();
      expect(await wcagViolations(staff), 'reject errors').toEqual([]);
      await staff.context().close();
    });
  }

  it('stacks the members and approval tables on a phone: every cell labelled, e-mails not broken (#10)', async () => {
    const member = await newPage('da', { width: 375 });
    await logInAs(member, 'forening@example.org');
    await member.goto(`${session.baseUrl}/min-forening/${limoneId}/medlemmer`);
    const email = member.locator('main table td[data-title="E-mail"]').first();
    // One line: the cell is as wide as the table, not a column squeezed to a few letters.
    const box = await email.boundingBox();
    const lineHeight = await email.evaluate((cell) => parseFloat(getComputedStyle(cell).lineHeight) || 24);
    expect(box && box.height).toBeLessThan(lineHeight * 2 + 40);
    expect(await member.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await member.context().close();

    const staff = await newPage('da', { width: 375 });
    await logInAs(staff, 'medarbejder@example.org');
    await staff.goto(`${session.baseUrl}/medarbejder/foreninger`);
    expect(await staff.locator('main table td:not([data-title])').count()).toBe(0);
    expect(await staff.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await staff.context().close();
  });

  it('has no horizontal scroll at 320 px, and filters work without JavaScript', async () => {
    const page = await newPage('da', { width: 320, javaScript: false });
    for (const path of ['/foreninger', '/foreninger/ny', '/foreninger/if-limone']) {
      await page.goto(session.baseUrl + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.goto(`${session.baseUrl}/foreninger`);
    await page.locator('summary', { hasText: 'Fagområde' }).click();
    await page.locator('input[name="fagomraade"][value="idraet"]').check();
    await page.locator('main button[type=submit]').click();
    await page.waitForLoadState();
    expect(page.url()).toContain('fagomraade=idraet');
    expect(await page.locator('input[name="fagomraade"][value="idraet"]').isChecked()).toBe(true);
    await page.context().close();
  });
});
