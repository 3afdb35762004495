/// <reference lib="dom" />
// People's data rights in a real browser, in both languages: "Mine data" (the form, its
// errors, the "sent" page, a link's page, an expired link), deleting one's account and
// the admin's erasure (form, preview, result) have no axe WCAG 2.1 A/AA violations and
// no horizontal scroll at 320 px; a citizen withdraws an interest and an admin erases a
// person without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { anAssociation, anInterest, anOpening, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';
import { newSecretToken } from '../../src/security/secret-token.js';

const ADMIN_EMAIL = 'data-admin@example.org';
const HOUR_MS = 60 * 60 * 1000;

describe.skipIf(!browserAvailable)('data rights in a real browser', () => {
  let openingId = 0;
  let associationId = 0;
  const app = browserApp(async (ctx) => {
    await aUser(ctx.db.prisma, { role: 'ADMIN', email: ADMIN_EMAIL });
    const association = await anAssociation(ctx.db.prisma, { name: 'Databeskyttelse Forening' });
    associationId = association.id;
    openingId = (await anOpening(ctx.db.prisma, association.id, { detailed: true })).id;
    await aUser(ctx.db.prisma, { associationId });
  });

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const url = (path: string) => app.session.baseUrl + path;
  const submit = async (page: Page) => {
    await page.locator('main form button[type=submit]').first().click();
    await page.waitForLoadState();
  };

  /** A "Mine data" link (as the e-mail would carry) to an address with two interests. */
  async function linkWithInterests(email: string): Promise<string> {
    await anInterest(app.ctx.db.prisma, openingId, { email, status: 'CONTACTED' });
    await anInterest(app.ctx.db.prisma, openingId, { email });
    const { token, tokenHash } = newSecretToken();
    const expiresAt = new Date(app.ctx.clock.now().getTime() + HOUR_MS);
    await app.ctx.db.prisma.dataAccessLink.create({ data: { email, tokenHash, expiresAt } });
    return `/mine-data/${token}`;
  }

  for (const lang of ['da', 'en'] as const) {
    it(`Mine data's pages have no violations (${lang})`, async () => {
      const page = await app.session.newPage(lang);
      await page.goto(url('/mine-data'));
      expect(await wcagViolations(page), 'form').toEqual([]);
      await submit(page);
      expect(await page.locator('[data-module="error-summary"] a').getAttribute('href')).toBe('#email');
      expect(await wcagViolations(page), 'form with errors').toEqual([]);
      await page.fill('#email', `ukendt-${lang}@example.org`);
      await submit(page);
      expect(new URL(page.url()).pathname).toBe('/mine-data/sendt');
      expect(await wcagViolations(page), 'sent').toEqual([]);

      const link = await linkWithInterests(`borger-${lang}@example.org`);
      await page.goto(url(link));
      expect(await page.locator('main .interest-card').count()).toBe(2);
      expect(await wcagViolations(page), 'link page').toEqual([]);
      await page.goto(url('/mine-data/' + 'x'.repeat(43)));
      expect(await wcagViolations(page), 'invalid link').toEqual([]);
      await page.context().close();
    });

    it(`deleting an account has no violations (${lang})`, async () => {
      const member = await aUser(app.ctx.db.prisma, { associationId });
      const page = await app.session.newPage(lang);
      await app.session.logIn(page, member.email, TEST_PASSWORD);
      await page.goto(url('/min-side'));
      expect(await wcagViolations(page), 'Min side').toEqual([]);
      await page.goto(url('/min-side/slet-konto'));
      expect(await wcagViolations(page), 'delete form').toEqual([]);
      await page.fill('#currentPassword', 'forkert forkert forkert');
      await submit(page);
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), 'delete form with errors').toEqual([]);
      await page.fill('#currentPassword', TEST_PASSWORD);
      await submit(page);
      expect(await page.locator('main h1').textContent()).toBe(lang === 'da' ? 'Din konto er slettet' : 'Your account is deleted');
      expect(await wcagViolations(page), 'deleted').toEqual([]);

      const lonely = await anAssociation(app.ctx.db.prisma, { name: `Ensom ${lang}` });
      const last = await aUser(app.ctx.db.prisma, { associationId: lonely.id });
      const lastPage = await app.session.newPage(lang);
      await app.session.logIn(lastPage, last.email, TEST_PASSWORD);
      await lastPage.goto(url('/min-side/slet-konto'));
      expect(await wcagViolations(lastPage), 'delete refused').toEqual([]);

      // Staff are told that an admin deactivates them: no form.
      const staff = await aUser(app.ctx.db.prisma, { role: 'STAFF' });
      const staffPage = await app.session.newPage(lang);
      await app.session.logIn(staffPage, staff.email, TEST_PASSWORD);
      await staffPage.goto(url('/min-side/slet-konto'));
      expect(await staffPage.locator('main form[action="/min-side/slet-konto"]').count()).toBe(0);
      expect(await wcagViolations(staffPage), 'delete refused for staff').toEqual([]);
      await page.context().close();
      await lastPage.context().close();
      await staffPage.context().close();
    });

    it(`the admin's erasure has no violations (${lang})`, async () => {
      const email = `slettes-${lang}@example.org`;
      await anInterest(app.ctx.db.prisma, openingId, { email });
      const page = await app.session.newPage(lang);
      await app.session.logIn(page, ADMIN_EMAIL, TEST_PASSWORD);
      await page.goto(url('/administration/sletning'));
      expect(await wcagViolations(page), 'form').toEqual([]);
      await submit(page);
      expect(await wcagViolations(page), 'form with errors').toEqual([]);
      await page.fill('#email', email);
      await submit(page);
      expect(await wcagViolations(page), 'preview').toEqual([]);
      await submit(page);
      expect(await page.locator('main').textContent()).toContain(lang === 'da' ? '1 interesse er slettet' : '1 interest was erased');
      expect(await wcagViolations(page), 'done').toEqual([]);
      await page.goto(url('/administration/sletning'));
      await page.fill('#email', ADMIN_EMAIL);
      await submit(page);
      expect(await wcagViolations(page), 'refused').toEqual([]);
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px, and works without JavaScript', async () => {
    const page = await app.session.newPage('da', { width: 320, javaScript: false });
    const link = await linkWithInterests('smal@example.org');
    for (const path of ['/mine-data', '/mine-data/sendt', link]) {
      await page.goto(url(path));
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    // Withdraw the first interest, then the rest.
    await page.goto(url(link));
    await page.locator('main .interest-card form button[type=submit]').first().click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(link);
    expect(await page.locator('main .interest-card').count()).toBe(1);
    await page.locator(`main form[action="${link}/tilbagetraek-alle"] button`).click();
    await page.waitForLoadState();
    expect(await page.locator('main .interest-card').count()).toBe(0);
    expect(await app.ctx.db.prisma.interest.count({ where: { email: 'smal@example.org' } })).toBe(0);

    const admin = await app.session.newPage('da', { width: 320, javaScript: false });
    await app.session.logIn(admin, ADMIN_EMAIL, TEST_PASSWORD);
    await anInterest(app.ctx.db.prisma, openingId, { email: 'smal-slet@example.org' });
    await admin.goto(url('/administration/sletning'));
    expect(await overflow(admin), 'erasure form').toBeLessThanOrEqual(0);
    await admin.fill('#email', 'smal-slet@example.org');
    await submit(admin);
    expect(await overflow(admin), 'preview').toBeLessThanOrEqual(0);
    await submit(admin);
    expect(await overflow(admin), 'done').toBeLessThanOrEqual(0);
    expect(await app.ctx.db.prisma.interest.count({ where: { email: 'smal-slet@example.org' } })).toBe(0);

    const member = await aUser(app.ctx.db.prisma, { associationId });
    const memberPage = await app.session.newPage('da', { width: 320, javaScript: false });
    await app.session.logIn(memberPage, member.email, TEST_PASSWORD);
    for (const path of ['/min-side', '/min-side/slet-konto']) {
      await memberPage.goto(url(path));
      expect(await overflow(memberPage), path).toBeLessThanOrEqual(0);
    }
    await page.context().close();
    await admin.context().close();
    await memberPage.context().close();
  });
});
