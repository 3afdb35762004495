/// <reference lib="dom" />
// The staff's diff page in a real browser, opened as the agreement's page links to it
// (no versions chosen): the two newest versions compared at once, no axe WCAG 2.1 A/AA
// violations in da and en, no horizontal scroll at 320 px without JavaScript; added and
// removed text on a coloured background, still underlined / struck through.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { anAgreement, aUser, sendVersion, TEST_PASSWORD } from '../helpers/factories/index.js';

const STAFF_EMAIL = 'forskel-medarbejder@example.org';

describe.skipIf(!browserAvailable)('the diff page in a real browser', () => {
  let path = '';
  const app = browserApp(async (ctx) => {
    const prisma = ctx.db.prisma;
    await aUser(prisma, { role: 'STAFF', email: STAFF_EMAIL });
    const agreement = await anAgreement(prisma, { title: 'Grow Your Life' });
    const purpose = agreement.sections.find((s) => s.key === 'purpose')!;
    for (const body of ['Hjælp til de frivillige.', 'Hjælp til Kommunen frivillige og deres familier.']) {
      await prisma.agreementSection.update({ where: { id: purpose.id }, data: { body } });
      await sendVersion(prisma, agreement.id);
    }
    path = `/medarbejder/samarbejdsaftaler/${agreement.id}/forskel`;
  });

  async function staffPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, STAFF_EMAIL, TEST_PASSWORD);
    return page;
  }

  for (const lang of ['da', 'en'] as const) {
    it(`compares the two newest versions at once, with no violations (${lang})`, async () => {
      const page = await staffPage(lang);
      await page.goto(app.session.baseUrl + path);
      expect(await page.locator('main ins').count()).toBeGreaterThan(0);
      expect(await page.locator('main del').count()).toBeGreaterThan(0);
      expect(await wcagViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('marks added and removed text by background and by underline / strike-through, apart from each other', async () => {
    const page = await staffPage('da', { width: 320, javaScript: false });
    await page.goto(app.session.baseUrl + path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const style = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element) => {
          const computed = getComputedStyle(element);
          return { background: computed.backgroundColor, decoration: computed.textDecorationLine };
        });
    const ins = await style('main ins');
    const del = await style('main del');
    expect(ins.decoration).toContain('underline');
    expect(del.decoration).toContain('line-through');
    for (const { background } of [ins, del]) expect(background).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
    expect(ins.background).not.toBe(del.background);
    // The changed paragraph reads with a space between the removed and the added word,
    // for screen readers and on screen.
    expect(await page.locator('main p.preserve-lines').first().textContent()).toMatch(/fjernet: de tilføjet: Kommunen/);
    const removed = await page.locator('main del').first().boundingBox();
    const added = await page.locator('main ins').first().boundingBox();
    if (removed && added && Math.abs(removed.y - added.y) < 2) expect(added.x).toBeGreaterThan(removed.x + removed.width);
    await page.context().close();
  });
});
