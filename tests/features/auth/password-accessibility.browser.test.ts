/// <reference lib="dom" />
// The password pages in a real browser, in both languages: zero axe WCAG 2.1 A/AA
// violations (each form after an empty submit too), the error summary takes focus,
// no horizontal scroll at 320 px, and the whole reset works without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { resetPathFrom, waitForMail } from '../../helpers/mail.js';
import { resetLinkFor } from '../../helpers/forms.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { browserAvailable, startBrowserSession, wcagViolations, type BrowserSession } from '../../helpers/browser.js';

describe.skipIf(!browserAvailable)('password pages in a real browser', () => {
  let ctx: TestContext;
  let session: BrowserSession;

  beforeAll(async () => {
    ctx = await createTestContext();
    session = await startBrowserSession(ctx.app);
  });
  afterAll(async () => {
    await session?.close();
    await ctx?.close();
  });

  const newPage = (lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}) => session.newPage(lang, options);

  async function expectAccessible(page: Page, label: string) {
    expect(await wcagViolations(page), label).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, label).toBeLessThanOrEqual(0);
  }

  async function submitEmpty(page: Page) {
    await page.locator('main button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-module'))).toBe('error-summary');
  }

  for (const lang of ['da', 'en'] as const) {
    it(`forgot-password, reset and invalid-link pages have no violations (${lang})`, async () => {
      const user = await aUser(ctx.db.prisma);
      const page = await newPage(lang);
      await page.goto(`${session.baseUrl}/glemt-adgangskode`);
      await expectAccessible(page, 'forgot');
      await submitEmpty(page);
      await expectAccessible(page, 'forgot, empty submit');
      await page.fill('#email', user.email);
      await page.locator('main button[type=submit]').click();
      await page.waitForURL(/\/glemt-adgangskode$/);
      expect(await page.locator('main .alert-info').count()).toBe(1);
      await expectAccessible(page, 'forgot, sent');

      const path = resetPathFrom((await waitForMail(ctx, (m) => m.to === user.email))[0]!);
      await page.goto(session.baseUrl + path);
      await expectAccessible(page, 'reset');
      await submitEmpty(page);
      await expectAccessible(page, 'reset, empty submit');
      await page.goto(`${session.baseUrl}/nulstil-adgangskode/ugyldigt`);
      await expectAccessible(page, 'invalid link');
      await page.context().close();
    });

    it(`the change-password page has no violations, also after an empty submit (${lang})`, async () => {
      const user = await aUser(ctx.db.prisma);
      const page = await newPage(lang, { width: 320 });
      await page.goto(`${session.baseUrl}/log-ind`);
      await page.fill('#email', user.email);
      await page.fill('#password', TEST_PASSWORD);
      await page.locator('main button[type=submit]').click();
      await page.waitForURL(/\/min-side$/);
      await page.locator('main a[href="/min-side/adgangskode"]').click();
      await page.waitForURL(/\/min-side\/adgangskode$/);
      await expectAccessible(page, 'change password');
      await submitEmpty(page);
      await expectAccessible(page, 'change password, empty submit');
      await page.context().close();
    });
  }

  it('resets a password without JavaScript, at 320 px', async () => {
    const user = await aUser(ctx.db.prisma);
    const path = await resetLinkFor(ctx, user.email);
    const page = await newPage('da', { width: 320, javaScript: false });
    await page.goto(session.baseUrl + path);
    await page.fill('#password', 'en helt ny og lang adgangskode');
    await page.fill('#passwordRepeat', 'en helt ny og lang adgangskode');
    await page.locator('main button[type=submit]').click();
    await page.waitForURL(/\/log-ind$/);
    expect(await page.locator('main .alert-success').textContent()).toContain('Din adgangskode er ændret');
    // (axe needs JavaScript; the page itself is checked in the tests above.)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
