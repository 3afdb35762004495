/// <reference lib="dom" />
// Two-factor login in a real browser, in both languages: the code step (and its
// recovery-code form and error state), enrolment with the server-drawn QR code, the
// recovery codes page and "Min side"'s two-factor page have no axe WCAG 2.1 A/AA
// violations; at 320 px without JavaScript there is no horizontal scroll, and a staff
// member enrols and logs in with a code.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aUser, TEST_PASSWORD } from '../helpers/factories/index.js';
import { loginCode, secretFromPage } from '../helpers/two-factor.js';
import { totpCode } from '../../src/features/two-factor/totp.js';
import { hashRecoveryCode } from '../../src/features/two-factor/recovery-codes.js';

const enrolled = (lang: string) => `tofaktor-${lang}@example.org`;
const notEnrolled = (lang: string) => `ny-medarbejder-${lang}@example.org`;
const member = (lang: string) => `medlem-${lang}@example.org`;
const lostPhone = (lang: string) => `tabt-telefon-${lang}@example.org`;
const RECOVERY_CODES: Record<string, string> = { da: 'abcde-23456', en: 'abcde-34567', nojs: 'abcde-45678' };

describe.skipIf(!browserAvailable)('two-factor login in a real browser', () => {
  const app = browserApp(async (ctx) => {
    for (const lang of ['da', 'en', 'nojs']) {
      await aUser(ctx.db.prisma, { role: 'STAFF', email: enrolled(lang) });
      await aUser(ctx.db.prisma, { role: 'ADMIN', email: notEnrolled(lang), twoFactor: false });
      await aUser(ctx.db.prisma, { email: member(lang) });
      const lost = await aUser(ctx.db.prisma, { role: 'STAFF', email: lostPhone(lang) });
      await ctx.db.prisma.userRecoveryCode.create({
        data: { userId: lost.id, codeHash: hashRecoveryCode(RECOVERY_CODES[lang]!.replace('-', '')) },
      });
    }
  });

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  async function passwordStep(page: Page, email: string): Promise<string> {
    await page.goto(`${app.session.baseUrl}/log-ind`);
    await page.fill('#email', email);
    await page.fill('#password', TEST_PASSWORD);
    await page.locator('main button[type=submit]').click();
    await page.waitForLoadState();
    return new URL(page.url()).pathname;
  }

  async function submit(page: Page, field: string, value: string) {
    await page.fill(`#${field}`, value);
    // Wait for the answer page itself (also when it has the same address, as a refused code's).
    await Promise.all([page.waitForNavigation(), page.locator(`main form:has(#${field}) button[type=submit]`).click()]);
    await page.waitForLoadState();
  }

  for (const lang of ['da', 'en'] as const) {
    it(`the code step, enrolment, the recovery codes and Min side have no violations (${lang})`, async () => {
      const page = await app.session.newPage(lang);
      expect(await passwordStep(page, enrolled(lang))).toBe('/log-ind/kode');
      expect(await wcagViolations(page), 'code step').toEqual([]);
      await submit(page, 'code', '000000');
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), 'code step with error').toEqual([]);
      await page.goto(`${app.session.baseUrl}/log-ind/kode?gendannelseskode=1`);
      expect(await wcagViolations(page), 'recovery code step').toEqual([]);
      await page.goto(`${app.session.baseUrl}/log-ind/kode`);
      await submit(page, 'code', await loginCode(app.ctx.app, enrolled(lang)));
      expect(new URL(page.url()).pathname).toBe('/medarbejder');
      await page.goto(`${app.session.baseUrl}/min-side/tofaktor`);
      expect(await wcagViolations(page), 'min side, enrolled staff').toEqual([]);
      await page.context().close();

      const newcomer = await app.session.newPage(lang);
      expect(await passwordStep(newcomer, notEnrolled(lang))).toBe('/log-ind/tofaktor');
      expect(await newcomer.locator('svg[role="img"][aria-label]:not(.alert-icon)').count()).toBe(1);
      expect(await wcagViolations(newcomer), 'enrolment').toEqual([]);
      await submit(newcomer, 'code', '000000');
      expect(await wcagViolations(newcomer), 'enrolment with error').toEqual([]);
      const secret = secretFromPage(await newcomer.content());
      await submit(newcomer, 'code', totpCode(secret, app.ctx.clock.now()));
      expect(new URL(newcomer.url()).pathname).toBe('/log-ind/gendannelseskoder');
      expect(await newcomer.locator('main code').count()).toBe(10);
      expect(await wcagViolations(newcomer), 'recovery codes').toEqual([]);
      await newcomer.context().close();

      const memberPage = await app.session.newPage(lang);
      await app.session.logIn(memberPage, member(lang), TEST_PASSWORD);
      await memberPage.goto(`${app.session.baseUrl}/min-side/tofaktor`);
      expect(await memberPage.locator('svg[role="img"][aria-label]:not(.alert-icon)').count()).toBe(1);
      expect(await wcagViolations(memberPage), 'min side, member enrolling').toEqual([]);
      await memberPage.context().close();

      // A lost phone: after a recovery code, Min side offers the new app at once.
      const lost = await app.session.newPage(lang);
      expect(await passwordStep(lost, lostPhone(lang))).toBe('/log-ind/kode');
      await lost.goto(`${app.session.baseUrl}/log-ind/kode?gendannelseskode=1`);
      await submit(lost, 'code', RECOVERY_CODES[lang]!);
      expect(new URL(lost.url()).pathname).toBe('/min-side/tofaktor');
      expect(await lost.locator('main .alert-info h2').textContent()).toBe(
        lang === 'da' ? 'Du loggede ind med en gendannelseskode' : 'You logged in with a recovery code',
      );
      expect(await lost.locator('svg[role="img"][aria-label]:not(.alert-icon)').count()).toBe(1);
      expect(await lost.locator('#replaceCode, #renewCode').count()).toBe(0);
      expect(await wcagViolations(lost), 'min side after a recovery code').toEqual([]);
      await lost.context().close();
    });
  }

  it('has no horizontal scroll at 320 px, and works without JavaScript', async () => {
    const page = await app.session.newPage('da', { width: 320, javaScript: false });
    expect(await passwordStep(page, notEnrolled('nojs'))).toBe('/log-ind/tofaktor');
    expect(await overflow(page), 'enrolment').toBeLessThanOrEqual(0);
    const secret = secretFromPage(await page.content());
    await submit(page, 'code', totpCode(secret, app.ctx.clock.now()));
    expect(await overflow(page), 'recovery codes').toBeLessThanOrEqual(0);
    await page.locator('main a.button').click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/medarbejder');
    await page.goto(`${app.session.baseUrl}/min-side/tofaktor`);
    expect(await overflow(page), 'min side').toBeLessThanOrEqual(0);
    await page.context().close();

    const second = await app.session.newPage('en', { width: 320, javaScript: false });
    expect(await passwordStep(second, enrolled('nojs'))).toBe('/log-ind/kode');
    expect(await overflow(second), 'code step').toBeLessThanOrEqual(0);
    await second.locator('main a[href="/log-ind/kode?gendannelseskode=1"]').click();
    await second.waitForLoadState();
    expect(await second.locator('#code').getAttribute('autocomplete')).toBe('off');
    await second.locator('main a[href="/log-ind/kode"]').click();
    await second.waitForLoadState();
    await submit(second, 'code', await loginCode(app.ctx.app, enrolled('nojs')));
    expect(new URL(second.url()).pathname).toBe('/medarbejder');
    await second.context().close();

    const lost = await app.session.newPage('da', { width: 320, javaScript: false });
    expect(await passwordStep(lost, lostPhone('nojs'))).toBe('/log-ind/kode');
    await lost.goto(`${app.session.baseUrl}/log-ind/kode?gendannelseskode=1`);
    await submit(lost, 'code', RECOVERY_CODES.nojs!);
    expect(new URL(lost.url()).pathname).toBe('/min-side/tofaktor');
    expect(await overflow(lost), 'min side after a recovery code').toBeLessThanOrEqual(0);
    const secret2 = secretFromPage(await lost.content());
    await submit(lost, 'enrolCode', totpCode(secret2, app.ctx.clock.now()));
    expect(new URL(lost.url()).pathname).toBe('/log-ind/gendannelseskoder');
    await lost.context().close();
  });
});
