/// <reference lib="dom" />
// The evaluation pages in a real browser, in both languages: staff's page (due review,
// then open with the municipality's form, the comparison and the decision form, and
// the form with its errors), the association's answer page and its read-only view
// after a decision, and the external partner's link page have no axe WCAG 2.1 A/AA
// violations and no horizontal scroll at 320 px; an evaluation is opened and answered
// without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import {
  acceptAll,
  aChecklist,
  anAgreement,
  anAssociation,
  anEvaluation,
  anEvaluationAnswer,
  aUser,
  sendVersion,
  TEST_PASSWORD,
} from '../helpers/factories/index.js';
import type { TestContext } from '../helpers/test-app.js';
import { issuePartyLink } from '../../src/features/agreements/party-links.js';

const AGREEMENTS = '/medarbejder/samarbejdsaftaler';
const STAFF_EMAIL = 'evaluering-medarbejder@example.org';
const MEMBER_EMAIL = 'evaluering-medlem@example.org';

const ids = { association: 0, due: [] as number[], open: [] as number[], decided: 0 };
const tokens: string[] = [];

async function activeAgreement(ctx: TestContext, title: string, associationId: number) {
  const agreement = await anAgreement(ctx.db.prisma, {
    title,
    associationIds: [associationId],
    externals: [{ name: 'Aftenskolen Browser', contactEmail: 'aftenskolen-browser@example.org' }],
    startsOn: '2025-12-01',
    reviewIntervalMonths: 12,
  });
  await sendVersion(ctx.db.prisma, agreement.id);
  return acceptAll(ctx.db.prisma, agreement.id);
}

describe.skipIf(!browserAvailable)('agreement evaluations in a real browser', () => {
  const app = browserApp(async (ctx) => {
    const prisma = ctx.db.prisma;
    await aUser(prisma, { role: 'STAFF', email: STAFF_EMAIL });
    const association = await anAssociation(prisma, { name: 'Frivilligcenter Browser' });
    ids.association = association.id;
    await aUser(prisma, { associationId: association.id, email: MEMBER_EMAIL });
    // Per language and one for the no-JavaScript run: an agreement whose review is due,
    // and one with its evaluation open (the association's and the external's pages).
    for (const run of ['da', 'en', 'nojs']) {
      ids.due.push((await activeAgreement(ctx, `Grow Your Life (${run})`, association.id)).id);
      const open = await activeAgreement(ctx, `Haver for alle (${run})`, association.id);
      ids.open.push(open.id);
      const evaluation = await anEvaluation(prisma, open.id);
      await anEvaluationAnswer(prisma, evaluation.id, open.parties[0]!.id, { checklist: aChecklist(4), outcomes: 'Godt samarbejde.' });
      tokens.push(
        await prisma.$transaction((tx) =>
          issuePartyLink(tx, { partyId: open.parties[2]!.id, purpose: 'EVALUATE', evaluationId: evaluation.id, now: ctx.clock.now() }),
        ),
      );
    }
    const decided = await activeAgreement(ctx, 'Besluttet aftale', association.id);
    ids.decided = decided.id;
    const evaluation = await anEvaluation(prisma, decided.id, { decision: 'CONTINUE' });
    await anEvaluationAnswer(prisma, evaluation.id, decided.parties[0]!.id, { checklist: aChecklist(4) });
    // Long texts, as partners write them: they must not push the ratings off a narrow screen.
    const written = Object.fromEntries(
      Object.entries(aChecklist(1)).map(([key, answer]) => [
        key,
        {
          ...answer,
          howItWent: 'Ændringer i planen blev ofte besluttet uden os, og det gjorde det svært at nå at give besked videre.',
          toChange: 'Faste møder hver anden uge.',
        },
      ]),
    );
    await anEvaluationAnswer(prisma, evaluation.id, decided.parties[1]!.id, { checklist: written });
  });

  async function loggedIn(email: string, lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, email, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const staffPath = (id: number) => `${AGREEMENTS}/${id}/evaluering`;
  const areaPath = (id: number) => `/min-forening/${ids.association}/samarbejdsaftaler/${id}/evaluering`;

  (['da', 'en'] as const).forEach((lang, run) => {
    it(`staff, association and external pages have no violations (${lang})`, async () => {
      const staff = await loggedIn(STAFF_EMAIL, lang);
      await staff.goto(app.session.baseUrl + staffPath(ids.due[run]!));
      expect(await wcagViolations(staff), 'due').toEqual([]);
      await staff.locator('#open').click();
      await staff.waitForLoadState();
      expect(await staff.locator('main form').count()).toBeGreaterThan(1);
      expect(await wcagViolations(staff), 'open').toEqual([]);
      // The decision without the municipality's answer: the error summary.
      await staff.locator('main form').last().locator('button[type=submit]').click();
      await staff.waitForLoadState();
      expect(await staff.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(staff), 'decision errors').toEqual([]);
      await staff.goto(app.session.baseUrl + staffPath(ids.decided));
      expect(await wcagViolations(staff), 'decided').toEqual([]);
      await staff.context().close();

      const member = await loggedIn(MEMBER_EMAIL, lang);
      await member.goto(app.session.baseUrl + areaPath(ids.open[run]!));
      expect(await wcagViolations(member), 'association form').toEqual([]);
      await member.fill('#volunteersInvolved', '-1');
      await member.locator('main form button[type=submit]').click();
      await member.waitForLoadState();
      expect(await member.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(member), 'association form with errors').toEqual([]);
      await member.goto(app.session.baseUrl + areaPath(ids.decided));
      expect(await wcagViolations(member), 'association read-only').toEqual([]);
      await member.context().close();

      const external = await app.session.newPage(lang);
      await external.goto(`${app.session.baseUrl}/samarbejdsaftale/evaluering/${tokens[run]!}`);
      expect(await wcagViolations(external), 'external form').toEqual([]);
      await external.locator('main form button[type=submit]').click();
      await external.waitForLoadState();
      expect(new URL(external.url()).pathname).toBe('/samarbejdsaftale/evaluering/tak');
      expect(await wcagViolations(external), 'external done').toEqual([]);
      await external.goto(`${app.session.baseUrl}/samarbejdsaftale/evaluering/${tokens[run]!}`);
      expect(await wcagViolations(external), 'external used').toEqual([]);
      await external.context().close();
    });
  });

  it('shows the flag and every party’s rating without sideways scrolling at 375 px, the texts below', async () => {
    const staff = await loggedIn(STAFF_EMAIL, 'da', { width: 375, javaScript: false });
    await staff.goto(app.session.baseUrl + staffPath(ids.decided));
    const tables = staff.locator('main table.evaluation-ratings');
    expect(await tables.count()).toBeGreaterThan(0);
    // No ratings table scrolls inside its wrapper, and its rating column is on screen.
    const hidden = await staff.evaluate(
      () =>
        Array.from(document.querySelectorAll('main table.evaluation-ratings')).filter((table) => {
          const wrapper = table.parentElement!;
          const rating = table.querySelector('tbody td')!.getBoundingClientRect();
          return wrapper.scrollWidth > wrapper.clientWidth || rating.right > document.documentElement.clientWidth;
        }).length,
    );
    expect(hidden).toBe(0);
    // The first item: the flag, then the ratings, then what the parties wrote.
    const order = await staff.evaluate(() => {
      const heading = Array.from(document.querySelectorAll('main h3')).find((h) =>
        h.nextElementSibling?.classList.contains('evaluation-differs'),
      )!;
      const flag = heading.nextElementSibling!;
      const table = flag.nextElementSibling!;
      return [flag.className, table.querySelector('table')?.className, table.nextElementSibling?.tagName];
    });
    expect(order).toEqual(['evaluation-differs', 'table evaluation-ratings', 'DL']);
    expect(await staff.locator('main dl.evaluation-texts').first().textContent()).toContain('Hvordan gik det?');
    await staff.context().close();
  });

  it('has no horizontal scroll at 320 px, and works without JavaScript', async () => {
    const staff = await loggedIn(STAFF_EMAIL, 'da', { width: 320, javaScript: false });
    await staff.goto(app.session.baseUrl + staffPath(ids.due[2]!));
    expect(await overflow(staff), 'due').toBeLessThanOrEqual(0);
    await staff.locator('#open').click();
    await staff.waitForLoadState();
    expect(await overflow(staff), 'open').toBeLessThanOrEqual(0);
    await staff.check('#item-mutual-trust-rating');
    await staff.locator('main form').nth(0).locator('button[type=submit]').click();
    await staff.waitForLoadState();
    expect(await staff.locator('.alert-success').count()).toBe(1);
    await staff.goto(app.session.baseUrl + staffPath(ids.decided));
    expect(await overflow(staff), 'decided').toBeLessThanOrEqual(0);
    await staff.context().close();

    const member = await loggedIn(MEMBER_EMAIL, 'da', { width: 320, javaScript: false });
    for (const path of [areaPath(ids.open[2]!), areaPath(ids.decided)]) {
      await member.goto(app.session.baseUrl + path);
      expect(await overflow(member), path).toBeLessThanOrEqual(0);
    }
    await member.context().close();

    const external = await app.session.newPage('da', { width: 320, javaScript: false });
    await external.goto(`${app.session.baseUrl}/samarbejdsaftale/evaluering/${tokens[2]!}`);
    expect(await overflow(external), 'external').toBeLessThanOrEqual(0);
    await external.context().close();
  });
});
