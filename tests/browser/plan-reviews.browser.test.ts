/// <reference lib="dom" />
// The yearly status review in a real browser, in both languages: staff's review page
// before it is started, as a draft (with an association's differing status and a form
// with errors), before the committees and finalised (with an amendment), and the
// association's page (open and finalised) have no axe WCAG 2.1 A/AA violations and no
// horizontal scroll at 320 px; an action's status is saved without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aPlan, anAction, anAssociation, aReview, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';

const STAFF_EMAIL = 'status-medarbejder@example.org';
const MEMBER_EMAIL = 'status-medlem@example.org';
const ids = { plan: 0, association: 0, draftAction: 0 };
const reviewPath = (year: number) => `/medarbejder/handleplaner/${ids.plan}/status/${year}`;
const areaPath = () => `/min-forening/${ids.association}/handleplaner`;

describe.skipIf(!browserAvailable)('the yearly status review in a real browser', () => {
  const app = browserApp(async (ctx) => {
    const prisma = ctx.db.prisma;
    const staff = await aUser(prisma, { role: 'STAFF', email: STAFF_EMAIL, name: 'Sara Status' });
    const association = await anAssociation(prisma, { name: 'Besøgsvennerne Browser' });
    ids.association = association.id;
    await aUser(prisma, { associationId: association.id, email: MEMBER_EMAIL });
    const plan = await aPlan(prisma, { title: 'Handleplan for frivillighed 2017–2022' });
    ids.plan = plan.id;

    await anAction(prisma, plan.id, { year: 2017, title: 'Frivilligfest på rådhuset' });

    const draft = await anAction(prisma, plan.id, {
      year: 2018,
      title: 'Besøgsvenner til ensomme ældre',
      associationIds: [association.id],
      units: ['Center for Sundhed'],
      indicator: 'Antal besøgsvenner',
      indicatorTarget: 40,
    });
    ids.draftAction = draft.id;
    await anAction(prisma, plan.id, { year: 2018, title: 'Foreningsmesse', goalNumbers: [2] });
    const draftReview = await aReview(prisma, plan.id, 2018, { statuses: { [draft.id]: 'IN_PROGRESS' } });
    await prisma.planReviewPartnerEntry.create({
      data: {
        reviewId: draftReview.id,
        actionId: draft.id,
        associationId: association.id,
        status: 'DONE',
        comment: 'Vi har 42 besøgsvenner.',
        answeredAt: new Date(),
      },
    });

    await anAction(prisma, plan.id, { year: 2019, title: 'Lektiecafé', associationIds: [association.id] });
    const inCommittee = await aReview(prisma, plan.id, 2019, { state: 'IN_COMMITTEE' });
    await prisma.committeeDecision.create({
      data: {
        reviewId: inCommittee.id,
        committee: 'Social- og Sundhedsudvalget',
        meetingDate: new Date('2019-11-12'),
        reference: 'Sag 19/42',
        decision: 'Taget til efterretning.',
      },
    });

    const finalAction = await anAction(prisma, plan.id, { year: 2020, title: 'Frivilligjob-portal', associationIds: [association.id] });
    const finalReview = await aReview(prisma, plan.id, 2020, {
      state: 'FINALISED',
      finalisedById: staff.id,
      statuses: { [finalAction.id]: 'DONE' },
    });
    await prisma.reviewAmendment.create({
      data: {
        reviewId: finalReview.id,
        actionId: finalAction.id,
        field: 'status',
        before: 'IN_PROGRESS',
        after: 'DONE',
        reason: 'Blev færdig i december.',
        amendedById: staff.id,
        amendedAt: new Date(),
      },
    });
  });

  async function loggedIn(email: string, lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, email, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  for (const lang of ['da', 'en'] as const) {
    it(`staff's review page in each state has no violations (${lang})`, async () => {
      const page = await loggedIn(STAFF_EMAIL, lang);
      for (const year of [2017, 2018, 2019, 2020]) {
        await page.goto(app.session.baseUrl + reviewPath(year));
        expect(await page.locator('main h1').count(), String(year)).toBe(1);
        expect(await wcagViolations(page), String(year)).toEqual([]);
      }
      // The draft with its differing association and a form submitted with errors.
      await page.goto(app.session.baseUrl + reviewPath(2018));
      expect(await page.locator('.plan-review-differs').count()).toBe(1);
      await page.locator(`form[action="${reviewPath(2018)}/udvalg"] button[type=submit]`).click();
      await page.waitForLoadState();
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), 'decision form with errors').toEqual([]);
      // The finalised review with its amendment forms (an action's, the meeting's) open.
      await page.goto(app.session.baseUrl + reviewPath(2020));
      const summaries = page.locator('details summary');
      expect(await summaries.count()).toBe(2);
      for (const summary of await summaries.all()) await summary.click();
      expect(await wcagViolations(page), 'amendment forms open').toEqual([]);
      await page.context().close();
    });

    it(`the association's page has no violations (${lang})`, async () => {
      const page = await loggedIn(MEMBER_EMAIL, lang);
      await page.goto(app.session.baseUrl + areaPath());
      expect(await page.locator('main form').count()).toBe(2);
      expect(await wcagViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('shows the associations’ perspectives and the overview’s key columns within 375 px (#10)', async () => {
    const page = await loggedIn(STAFF_EMAIL, 'da', { width: 375 });
    await page.goto(app.session.baseUrl + reviewPath(2018));
    const inView = async (selector: string) => {
      const box = await page.locator(selector).first().boundingBox();
      expect(box, selector).not.toBeNull();
      return box!.x >= 0 && box!.x + box!.width <= 375;
    };
    const partners = `#handling-${ids.draftAction} .plan-review-partners`;
    expect(await page.locator(`${partners} li`).count()).toBe(1);
    for (const text of ['Besøgsvennerne Browser', 'Gennemført', 'Afviger (kommunen: I gang)', 'Vi har 42 besøgsvenner.']) {
      expect(await inView(`${partners} :text("${text}")`), text).toBe(true);
    }
    // The overview: the action, the municipality's status and the differs flag come first and fit.
    const headers = (await page.locator('main table').first().locator('thead th').allTextContents()).map((h) => h.trim());
    expect(headers.slice(0, 3)).toEqual(['Handling', 'Kommunen', 'Forskel']);
    expect(await inView('main table >> nth=0 >> thead th:text-is("Forskel")')).toBe(true);
    await page.context().close();
  });

  it('has no horizontal scroll at 320 px, and an action’s status is saved without JavaScript', async () => {
    const page = await loggedIn(STAFF_EMAIL, 'da', { width: 320, javaScript: false });
    for (const year of [2017, 2018, 2019, 2020]) {
      await page.goto(app.session.baseUrl + reviewPath(year));
      expect(await overflow(page), String(year)).toBeLessThanOrEqual(0);
    }
    await page.goto(app.session.baseUrl + reviewPath(2018));
    const form = page.locator(`form[action="${reviewPath(2018)}/handlinger/${ids.draftAction}"]`);
    await form.locator(`#a${ids.draftAction}-status-2`).check();
    await form.locator(`#a${ids.draftAction}-whatHappened`).fill('42 besøgsvenner er i gang.');
    await form.locator('button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('.alert-success').count()).toBe(1);
    expect(await form.locator(`#a${ids.draftAction}-whatHappened`).inputValue()).toBe('42 besøgsvenner er i gang.');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();

    const member = await loggedIn(MEMBER_EMAIL, 'da', { width: 320, javaScript: false });
    await member.goto(app.session.baseUrl + areaPath());
    expect(await overflow(member)).toBeLessThanOrEqual(0);
    await member.context().close();
  });
});
