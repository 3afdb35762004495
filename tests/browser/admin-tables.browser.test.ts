/// <reference lib="dom" />
// The new admin pages' wide tables at a phone's 375 px: every sideways-scrolling box is
// a focusable region (tabindex 0) named by the table's heading, so a keyboard reaches it
// and scrolls it with the arrow keys. "Mine data" is a list of cards instead of a table,
// so its withdraw button is seen without scrolling sideways.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable } from '../helpers/browser.js';
import { aLookup, anAssociation, anInterest, anOpening, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';
import { newSecretToken } from '../../src/security/secret-token.js';

const ADMIN_EMAIL = 'tabel-admin@example.org';
const WIDTH = 375;

describe.skipIf(!browserAvailable)('admin tables at 375 px', () => {
  let adminId = 0;
  let changeRowId = '';
  let openingId = 0;
  const app = browserApp(async (ctx) => {
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN', email: ADMIN_EMAIL, name: 'Tabel Administrator' });
    adminId = admin.id;
    await ctx.db.prisma.staffInvitation.create({
      data: {
        email: 'en-meget-lang-adresse-til-en-ny-medarbejder@forvaltningen.example.org',
        role: 'STAFF',
        tokenHash: 't'.repeat(64),
        invitedById: admin.id,
        expiresAt: new Date('2030-01-01T00:00:00Z'),
      },
    });
    await aLookup(ctx.db.prisma, 'localArea', 'tabel-omraade', 'Et område med et temmelig langt navn');
    const row = await ctx.db.prisma.auditLog.create({
      data: {
        action: 'user.role-changed',
        actorUserId: admin.id,
        targetType: 'user',
        targetId: String(admin.id),
        details: { before: { role: 'STAFF' }, after: { role: 'ADMIN' } },
      },
    });
    changeRowId = String(row.id);
    const association = await anAssociation(ctx.db.prisma, { name: 'Tabel Forening med et langt navn' });
    openingId = (await anOpening(ctx.db.prisma, association.id, { detailed: true })).id;
  });

  const url = (path: string) => app.session.baseUrl + path;
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  /** Each scrolling box on the page: focusable, a region, named by a heading that exists; the arrow keys scroll it when it is wider than the screen. */
  async function checkRegions(page: Page, path: string): Promise<number> {
    await page.goto(url(path));
    const boxes = page.locator('main .table--responsive-scroll');
    const count = await boxes.count();
    for (let i = 0; i < count; i += 1) {
      const box = boxes.nth(i);
      const facts = await box.evaluate((el) => {
        const heading = document.getElementById(el.getAttribute('aria-labelledby') ?? '');
        return { role: el.getAttribute('role'), tabIndex: (el as HTMLElement).tabIndex, name: heading?.textContent?.trim() ?? '' };
      });
      expect(facts.role, `${path} #${i}`).toBe('region');
      expect(facts.tabIndex, `${path} #${i}`).toBe(0);
      expect(facts.name, `${path} #${i}`).not.toBe('');
      await box.focus();
      expect(await box.evaluate((el) => document.activeElement === el), `${path} #${i} focused`).toBe(true);
      const wide = await box.evaluate((el) => el.scrollWidth > el.clientWidth);
      if (wide) {
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => box.evaluate((el) => el.scrollLeft), { message: `${path} #${i} scrolls by keyboard` }).toBeGreaterThan(0);
      }
    }
    expect(await overflow(page), path).toBeLessThanOrEqual(0);
    return count;
  }

  it('every scrolling table on the admin pages is a focusable, named region', async () => {
    const page = await app.session.newPage('da', { width: WIDTH });
    await app.session.logIn(page, ADMIN_EMAIL, TEST_PASSWORD);
    expect(await checkRegions(page, '/administration/brugere')).toBe(2);
    expect(await checkRegions(page, `/administration/brugere/${adminId}`)).toBe(1);
    expect(await checkRegions(page, '/administration/ordlister')).toBe(1);
    expect(await checkRegions(page, '/administration/ordlister/omraader')).toBe(1);
    expect(await checkRegions(page, '/administration/log')).toBe(1);
    expect(await checkRegions(page, `/administration/log/${changeRowId}`)).toBe(1);
    await page.context().close();
  });

  it("Mine data shows each interest's status and withdraw button without scrolling sideways", async () => {
    const email = 'kort@example.org';
    await anInterest(app.ctx.db.prisma, openingId, { email, status: 'CONTACTED' });
    await anInterest(app.ctx.db.prisma, openingId, { email });
    const { token, tokenHash } = newSecretToken();
    await app.ctx.db.prisma.dataAccessLink.create({
      data: { email, tokenHash, expiresAt: new Date(app.ctx.clock.now().getTime() + 60 * 60 * 1000) },
    });
    for (const javaScript of [true, false]) {
      const page = await app.session.newPage('da', { width: WIDTH, javaScript });
      await page.goto(url(`/mine-data/${token}`));
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      const buttons = page.locator('main form[action*="/tilbagetraek/"] button');
      expect(await buttons.count()).toBe(2);
      for (let i = 0; i < 2; i += 1) {
        const box = await buttons.nth(i).boundingBox();
        expect(box, 'withdraw button').not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH);
      }
      const status = page.locator('main .interest-card dd', { hasText: 'Kontaktet' }).first();
      const statusBox = await status.boundingBox();
      expect(statusBox!.x + statusBox!.width).toBeLessThanOrEqual(WIDTH);
      await page.context().close();
    }
  });
});
