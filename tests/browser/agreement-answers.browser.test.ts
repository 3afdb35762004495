/// <reference lib="dom" />
// The partners' answer pages in a real browser, in both languages: the association's
// list of agreements, an agreement's page with its answer form (also submitted empty,
// with its errors, and after answering), an external partner's link page and a refused
// link have no axe WCAG 2.1 A/AA violations and no horizontal scroll at 320 px; an
// external partner answers without JavaScript. Version 2 shows what changed since
// version 1, also without violations or sideways scrolling.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aSentAgreement, aUser, anAnswerLink, anAssociation, sendVersion, TEST_PASSWORD } from '../helpers/factories/index.js';

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

  /** A sent agreement amended as version 2 (a new purpose and budget line): the area and link paths of version 2. */
  async function amendedAgreement(title: string) {
    const prisma = app.ctx.db.prisma;
    const { agreement } = await aSentAgreement(prisma, {
      title,
      associationIds: [associationId],
      externals: [{ name: 'Aftenskolen Browser', contactEmail: 'aftenskolen-browser@example.org' }],
      note: 'Første version.',
    });
    const purpose = agreement.sections.find((s) => s.key === 'purpose')!;
    await prisma.agreementSection.update({
      where: { id: purpose.id },
      data: { body: 'Unge og ældre dyrker grøntsager sammen hver tirsdag.' },
    });
    await prisma.agreementBudgetLine.create({
      data: { agreementId: agreement.id, label: 'Frø', amountDkk: 1200, paidBy: 'Kommunen', sortOrder: 1 },
    });
    const v2 = await sendVersion(prisma, agreement.id, { note: 'Nyt formål og et budget, som I bad om.' });
    const external = agreement.parties.find((p) => p.kind === 'EXTERNAL')!;
    const token = await anAnswerLink(prisma, { partyId: external.id, versionId: v2.id });
    return { areaPath: `/min-forening/${associationId}/samarbejdsaftaler/${agreement.id}`, linkPath: `/samarbejdsaftale/svar/${token}` };
  }

  it('shows the changes since version 1 on version 2, without violations (da, en) or sideways scrolling at 320 px', async () => {
    const { areaPath, linkPath } = await amendedAgreement('Grow Your Life (version 2)');
    for (const lang of ['da', 'en'] as const) {
      const page = await app.session.newPage(lang);
      await app.session.logIn(page, MEMBER_EMAIL, TEST_PASSWORD);
      await page.goto(app.session.baseUrl + areaPath);
      expect(await page.locator('main ins').count()).toBeGreaterThan(0);
      expect(
        await page.locator('main h2', { hasText: lang === 'da' ? 'Ændringer siden version 1' : 'Changes since version 1' }).count(),
      ).toBe(1);
      expect(await wcagViolations(page), `version 2 (${lang})`).toEqual([]);
      await page.context().close();
      const anonymous = await app.session.newPage(lang);
      await anonymous.goto(app.session.baseUrl + linkPath);
      expect(await anonymous.locator('main ins').count()).toBeGreaterThan(0);
      expect(await wcagViolations(anonymous), `version 2 by link (${lang})`).toEqual([]);
      await anonymous.context().close();
    }
    const narrow = await app.session.newPage('da', { width: 320, javaScript: false });
    await narrow.goto(app.session.baseUrl + linkPath);
    expect(await narrow.locator('main del').count()).toBeGreaterThan(0);
    expect(await overflow(narrow), 'version 2 by link').toBeLessThanOrEqual(0);
    await narrow.context().close();
  });

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
