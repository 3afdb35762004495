/// <reference lib="dom" />
// The administration index, the staff-account pages, accepting a staff invitation and
// the first-run set-up page in a real browser, in both languages: no axe WCAG 2.1 A/AA
// violations (forms with errors too), no horizontal scroll at 320 px, and inviting,
// accepting and deactivating work without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aUser, TEST_PASSWORD } from '../helpers/factories/index.js';
import { NEW_PASSWORD } from '../helpers/forms.js';

const USERS = '/administration/brugere';
const ADMIN_EMAIL = 'konti-admin@example.org';
const STAFF_EMAIL = 'konti-medarbejder@example.org';

describe.skipIf(!browserAvailable)('staff accounts in a real browser', () => {
  let staffId = 0;
  const app = browserApp(async (ctx) => {
    // Inactive at first: the set-up page is open only while no active admin exists.
    await aUser(ctx.db.prisma, { role: 'ADMIN', email: ADMIN_EMAIL, name: 'Konti Administrator', active: false });
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF', email: STAFF_EMAIL, name: 'Konti Medarbejder' });
    await ctx.db.prisma.user.update({ where: { id: staff.id }, data: { totpEnabledAt: new Date('2026-11-01T09:00:00Z') } });
    staffId = staff.id;
  });

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const submit = async (page: Page, form = 'main form') => {
    await page.locator(`${form} button[type=submit]`).first().click();
    await page.waitForLoadState();
  };

  async function adminPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, ADMIN_EMAIL, TEST_PASSWORD);
    return page;
  }

  /** Invites `email` from the list page; answers the token from the e-mail. */
  async function invite(page: Page, email: string): Promise<string> {
    await page.goto(app.session.baseUrl + USERS);
    await page.fill('#email', email);
    await submit(page, 'form[action$="/inviter"]');
    expect(new URL(page.url()).pathname).toBe(USERS);
    const mail = (await app.ctx.readMail()).filter((m) => m.to === email).at(-1);
    const token = /\/medarbejder-invitation\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error(`No invitation to ${email}`);
    return token;
  }

  it('the set-up page, with and without errors, has no violations and fits 320 px (da, en), then closes', async () => {
    for (const lang of ['da', 'en'] as const) {
      const page = await app.session.newPage(lang);
      await page.goto(`${app.session.baseUrl}/opsaetning`);
      expect(await wcagViolations(page), `set-up (${lang})`).toEqual([]);
      await page.fill('#setupCode', 'AAAA-BBBB-CCCC');
      await submit(page);
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), `set-up with errors (${lang})`).toEqual([]);
      await page.context().close();
    }
    const narrow = await app.session.newPage('da', { width: 320, javaScript: false });
    await narrow.goto(`${app.session.baseUrl}/opsaetning`);
    expect(await overflow(narrow)).toBeLessThanOrEqual(0);
    await narrow.context().close();

    await app.ctx.db.prisma.user.updateMany({ where: { email: ADMIN_EMAIL }, data: { active: true } });
  });

  for (const lang of ['da', 'en'] as const) {
    it(`the index, the list (with errors and a pending invitation), an account and the invitation pages have no violations (${lang})`, async () => {
      const page = await adminPage(lang);
      await page.goto(`${app.session.baseUrl}/administration`);
      expect(await wcagViolations(page), 'index').toEqual([]);

      await page.goto(app.session.baseUrl + USERS);
      expect(await wcagViolations(page), 'list').toEqual([]);
      await page.fill('#email', 'ikke en adresse');
      await submit(page, 'form[action$="/inviter"]');
      expect(
        await page.locator('[data-module="error-summary"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ).toEqual(['#email']);
      expect(await wcagViolations(page), 'list with errors').toEqual([]);

      const token = await invite(page, `ny-${lang}@example.org`);
      expect(await wcagViolations(page), 'list with a pending invitation').toEqual([]);

      await page.goto(`${app.session.baseUrl}${USERS}/${staffId}`);
      expect(await wcagViolations(page), 'account').toEqual([]);

      const invitee = await app.session.newPage(lang);
      await invitee.goto(`${app.session.baseUrl}/medarbejder-invitation/${token}`);
      expect(await wcagViolations(invitee), 'invitation').toEqual([]);
      await invitee.fill('#password', 'kort');
      await submit(invitee);
      expect(await invitee.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(invitee), 'invitation with errors').toEqual([]);
      await invitee.goto(`${app.session.baseUrl}/medarbejder-invitation/not-a-token`);
      expect(await wcagViolations(invitee), 'invalid invitation').toEqual([]);
      await invitee.context().close();
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px; inviting, accepting and deactivating work without JavaScript', async () => {
    const page = await adminPage('da', { width: 320, javaScript: false });
    for (const path of ['/administration', USERS, `${USERS}/${staffId}`]) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    const token = await invite(page, 'uden-js@example.org');
    await page.goto(app.session.baseUrl + USERS);
    expect(await overflow(page), 'list with a pending invitation').toBeLessThanOrEqual(0);

    const invitee = await app.session.newPage('da', { width: 320, javaScript: false });
    await invitee.goto(`${app.session.baseUrl}/medarbejder-invitation/${token}`);
    expect(await overflow(invitee), 'invitation').toBeLessThanOrEqual(0);
    await invitee.fill('#name', 'Uden Javascript');
    await invitee.fill('#password', NEW_PASSWORD);
    await invitee.fill('#passwordRepeat', NEW_PASSWORD);
    await submit(invitee);
    expect(new URL(invitee.url()).pathname).toBe('/log-ind');
    const created = await app.ctx.db.prisma.user.findUniqueOrThrow({ where: { email: 'uden-js@example.org' } });
    expect(created.role).toBe('STAFF');
    await invitee.context().close();

    await page.goto(`${app.session.baseUrl}${USERS}/${created.id}`);
    await submit(page, 'form[action$="/deaktiver"]');
    expect(new URL(page.url()).pathname).toBe(`${USERS}/${created.id}`);
    expect((await app.ctx.db.prisma.user.findUniqueOrThrow({ where: { id: created.id } })).active).toBe(false);
    expect(await overflow(page), 'deactivated account').toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
