/// <reference lib="dom" />
// The partners' answer pages in a real browser, in both languages: the association's
// list of agreements, an agreement's page with its answer form (also submitted empty,
// with its errors, and after answering), an external partner's link page and a refused
// link have no axe WCAG 2.1 A/AA violations and no horizontal scroll at 320 px; an
// external partner answers without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aSentAgreement, aUser, anAnswerLink, anAssociation, TEST_PASSWORD } from '../helpers/factories/index.js';

const MEMBER_EMAIL = 'svar-medlem@example.org';

describe.skipIf(!browserAvailable)('partners answering agreements in a real browser', () => {
  let associationId = 0;
  const app = browserApp(async (ctx) => {
    const association = await anAssociation(ctx.db.prisma, { name: 'Haveforeningen Browser' });
    associationId = association.id;
    await aUser(ctx.db.prisma, { email: MEMBER_EMAIL, associationId: association.id, name: 'Mette Browser' });
  });

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  /** A sent agreement with this association and an external partner; the external partner's link path. */
  async function sentAgreement(title: string) {
    const prisma = app.ctx.db.prisma;
    const { agreement, version } = await aSentAgreement(prisma, {
      title,
      associationIds: [associationId],
      externals: [{ name: 'Aftenskolen Browser', contactEmail: 'aftenskolen-browser@example.org' }],
      note: 'Første version.',
    });
    await prisma.agreementBudgetLine.create({
      data: { agreementId: agreement.id, label: 'Frø', amountDkk: 1200, paidBy: 'Kommunen', sortOrder: 1 },
    });
    const external = agreement.parties.find((p) => p.kind === 'EXTERNAL')!;
    const token = await anAnswerLink(prisma, { partyId: external.id, versionId: version.id });
    return { areaPath: `/min-forening/${associationId}/samarbejdsaftaler/${agreement.id}`, linkPath: `/samarbejdsaftale/svar/${token}` };
  }

  for (const lang of ['da', 'en'] as const) {
    it(`the list, an agreement with its form, errors and answer, and the link pages have no violations (${lang})`, async () => {
      const { areaPath, linkPath } = await sentAgreement(`Grow Your Life (${lang})`);
      const page = await app.session.newPage(lang);
      await app.session.logIn(page, MEMBER_EMAIL, TEST_PASSWORD);
      await page.goto(`${app.session.baseUrl}/min-forening/${associationId}/samarbejdsaftaler`);
      expect(await wcagViolations(page), 'list').toEqual([]);

      await page.goto(app.session.baseUrl + areaPath);
      expect(await wcagViolations(page), 'agreement with form').toEqual([]);
      await page.locator('main form button[type=submit]').click();
      await page.waitForLoadState();
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), 'form with errors').toEqual([]);

      await page.check('#answer-1');
      await page.fill('#comment', 'Flere timer, tak.');
      await page.locator('main form button[type=submit]').click();
      await page.waitForLoadState();
      expect(new URL(page.url()).pathname).toBe(areaPath);
      expect(await page.locator('main form[method=post]').count()).toBe(0);
      expect(await wcagViolations(page), 'answered').toEqual([]);

      const anonymous = await app.session.newPage(lang);
      await anonymous.goto(app.session.baseUrl + linkPath);
      expect(await wcagViolations(anonymous), 'link page').toEqual([]);
      const refused = await anonymous.goto(`${app.session.baseUrl}/samarbejdsaftale/svar/${'A'.repeat(43)}`);
      expect(refused?.status()).toBe(404);
      expect(await wcagViolations(anonymous), 'refused link').toEqual([]);
      await anonymous.context().close();
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px, and an external partner answers without JavaScript', async () => {
    const { areaPath, linkPath } = await sentAgreement('Grow Your Life (320)');
    const member = await app.session.newPage('da', { width: 320, javaScript: false });
    await app.session.logIn(member, MEMBER_EMAIL, TEST_PASSWORD);
    for (const path of [`/min-forening/${associationId}/samarbejdsaftaler`, areaPath]) {
      await member.goto(app.session.baseUrl + path);
      expect(await overflow(member), path).toBeLessThanOrEqual(0);
    }
    await member.context().close();

    const page = await app.session.newPage('da', { width: 320, javaScript: false });
    await page.goto(app.session.baseUrl + linkPath);
    expect(await overflow(page), 'link page').toBeLessThanOrEqual(0);
    await page.check('#answer');
    await page.locator('main form button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('main').textContent()).toContain('Tak. Jeres svar er sendt til kommunen.');
    expect(await overflow(page), 'answered').toBeLessThanOrEqual(0);
    // Another browser with the same link: used (410), and that page is narrow too.
    const stranger = await app.session.newPage('da', { width: 320, javaScript: false });
    const response = await stranger.goto(app.session.baseUrl + linkPath);
    expect(response?.status()).toBe(410);
    expect(await overflow(stranger), 'used link').toBeLessThanOrEqual(0);
    await stranger.context().close();
    await page.context().close();
  });
});
