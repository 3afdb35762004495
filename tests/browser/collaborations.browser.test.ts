/// <reference lib="dom" />
// The public "Samarbejder" pages in a real browser, in both languages: the list and an
// agreement's page have no axe WCAG 2.1 A/AA violations, and no horizontal scroll at
// 320 px without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { anAgreementInForce, anAssociation, anOpening, linkOpening } from '../helpers/factories/index.js';

describe.skipIf(!browserAvailable)('the public collaborations pages in a real browser', () => {
  const state: { agreementId?: number } = {};
  const app = browserApp(async (ctx) => {
    const prisma = ctx.db.prisma;
    const centre = await anAssociation(prisma, { name: 'Frivilligcenter Browser' });
    const agreement = await anAgreementInForce(prisma, {
      title: 'Grow Your Life',
      level: 'PARTNERSHIP',
      associationIds: [centre.id],
      externals: [{ name: 'FOF Browser', contactEmail: 'fof@example.org' }],
      sectionBody: (key) => (key === 'purpose' ? 'Unge voksne med udviklingshæmning får et større netværk.\nSammen med frivillige.' : ''),
      howToJoin: 'Kom forbi caféen en torsdag, eller skriv til frivilligcentret.',
    });
    const opening = await anOpening(prisma, centre.id, { title: 'Frivillig i caféen', deadline: '2026-12-31' });
    await linkOpening(prisma, opening.id, agreement.id);
    await anAgreementInForce(prisma, { title: 'Uden opgaver', associationIds: [centre.id] });
    state.agreementId = agreement.id;
  });

  const paths = () => ['/samarbejder', `/samarbejder/${state.agreementId}`];
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  for (const lang of ['da', 'en'] as const) {
    it(`the list and an agreement's page have no violations (${lang})`, async () => {
      const page = await app.session.newPage(lang);
      for (const path of paths()) {
        await page.goto(app.session.baseUrl + path);
        expect(await page.locator('main h1').count(), path).toBe(1);
        expect(await wcagViolations(page), path).toEqual([]);
      }
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px and works without JavaScript', async () => {
    const page = await app.session.newPage('da', { width: 320, javaScript: false });
    for (const path of paths()) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    // From the list to the agreement and on to its opening, by plain links.
    await page.goto(`${app.session.baseUrl}/samarbejder`);
    await page.getByRole('link', { name: 'Grow Your Life' }).click();
    await page.waitForLoadState();
    expect(await page.locator('main h1').textContent()).toBe('Grow Your Life');
    await page.getByRole('link', { name: 'Frivillig i caféen' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toMatch(/^\/opgaver\/\d+$/);
    await page.context().close();
  });
});
