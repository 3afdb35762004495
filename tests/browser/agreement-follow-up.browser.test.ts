/// <reference lib="dom" />
// The staff's follow-up page in a real browser, in both languages, with an agreement in
// each list (and flags: asked for changes, declined, overdue, ended by notice): no axe
// WCAG 2.1 A/AA violations, and no horizontal scroll at 320 px without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { AgreementStatus } from '../../src/generated/prisma/enums.js';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import {
  acceptAll,
  anAgreement,
  anAssociation,
  answerVersion,
  aUser,
  sendVersion,
  TEST_PASSWORD,
  type AgreementOptions,
} from '../helpers/factories/index.js';

const PAGE = '/medarbejder/samarbejdsaftaler/opfoelgning';
const STAFF_EMAIL = 'opfoelgning-medarbejder@example.org';

async function prepare(prisma: PrismaClient) {
  await aUser(prisma, { role: 'STAFF', email: STAFF_EMAIL });
  const alfa = await anAssociation(prisma, { name: 'Foreningen Alfa med et ret langt navn uden ende' });
  const partners: AgreementOptions = {
    associationIds: [alfa.id],
    externals: [{ name: 'Aftenskolen Beta', contactEmail: 'beta@example.org' }],
    reviewIntervalMonths: null,
  };
  const inForce = async (title: string, options: AgreementOptions, status: AgreementStatus = 'ACTIVE') => {
    const agreement = await anAgreement(prisma, { title, ...partners, ...options });
    await sendVersion(prisma, agreement.id);
    return acceptAll(prisma, agreement.id, status);
  };
  const asked = await anAgreement(prisma, { title: 'Lektiecafé i biblioteket', ...partners });
  const version = await sendVersion(prisma, asked.id, { now: new Date('2026-11-10T10:00:00Z') });
  const [alfaParty, betaParty] = asked.parties.filter((p) => p.kind !== 'MUNICIPALITY');
  await answerVersion(prisma, { versionId: version.id, partyId: alfaParty!.id, answer: 'CHANGES_REQUESTED', comment: 'Flere timer' });
  await answerVersion(prisma, { versionId: version.id, partyId: betaParty!.id, answer: 'DECLINED', comment: 'Nej tak' });
  await anAgreement(prisma, { title: 'Besøgsvenner', ...partners }).then((a) => sendVersion(prisma, a.id));
  await inForce('Grow Your Life', { startsOn: '2027-01-05' }, 'ACCEPTED');
  await inForce('Motion for seniorer', { startsOn: '2025-06-01', reviewIntervalMonths: 12 });
  const notice = await inForce('Julehjælp', { endsOn: '2027-01-10' });
  await prisma.agreement.update({ where: { id: notice.id }, data: { terminatedOn: new Date('2026-11-10T00:00:00Z') } });
}

describe.skipIf(!browserAvailable)('the agreement follow-up page in a real browser', () => {
  const app = browserApp((ctx) => prepare(ctx.db.prisma));

  async function staffPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, STAFF_EMAIL, TEST_PASSWORD);
    return page;
  }

  for (const lang of ['da', 'en'] as const) {
    it(`has no violations (${lang})`, async () => {
      const page = await staffPage(lang);
      await page.goto(app.session.baseUrl + PAGE);
      expect(await page.locator('main h2').count()).toBe(4);
      expect(await page.locator('main table').count()).toBe(4);
      expect(await wcagViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px without JavaScript', async () => {
    const page = await staffPage('da', { width: 320, javaScript: false });
    await page.goto(app.session.baseUrl + PAGE);
    expect(await page.locator('main h1').textContent()).toBe('Opfølgning på samarbejdsaftaler');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('shows the answers and the review state without scrolling the table sideways at 375 px', async () => {
    const page = await staffPage('da', { width: 375, javaScript: false });
    await page.goto(app.session.baseUrl + PAGE);
    const rightEdge = async (selector: string) => {
      const box = await page.locator(selector).first().boundingBox();
      expect(box, selector).not.toBeNull();
      return box!.x + box!.width;
    };
    expect(await rightEdge('#awaiting ~ div table thead th:nth-child(2)')).toBeLessThanOrEqual(375);
    expect(await page.locator('#awaiting ~ div table thead th:nth-child(2)').first().textContent()).toBe('Svar');
    expect(await page.locator('#review ~ div table thead th:nth-child(2)').first().textContent()).toBe('Evaluering');
    expect(await rightEdge('#review ~ div table thead th:nth-child(2)')).toBeLessThanOrEqual(375);
    expect(await page.getByRole('link', { name: /^Kan evalueres nu\s*: Motion for seniorer$/ }).count()).toBe(1);
    await page.context().close();
  });
});
