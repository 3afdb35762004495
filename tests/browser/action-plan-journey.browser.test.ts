/// <reference lib="dom" />
// The action-plans issue's "tried as a new user would", in a real browser from start to
// end: staff add a 2018 action under goal 2 with an association responsible; staff
// start the 2018 review; the association (on a phone, in English) gives its status for
// that action; staff see it side by side, flagged as differing, set the statuses (one
// action by its own form, the rest in bulk), record the meeting and a committee's
// decision, send the review to the committee and finalise it; correct one status by
// amendment; download the committee report's CSV; carry the unfinished actions into
// 2019; and the overview's matrix and chart show the change. axe on every page passed.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aPlan, anAction, anAssociation, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';

const STAFF = 'hanne.handleplan@example.org';
const MEMBER = 'besoegsven@example.org';
const NEW_ACTION = 'Frivilligbørs på biblioteket';

describe.skipIf(!browserAvailable)('an action plan year, from a new action to carry-over, in a browser', () => {
  const ids = { plan: 0, association: 0, fair: 0, homework: 0, party: 0 };
  const app = browserApp(async (ctx) => {
    const prisma = ctx.db.prisma;
    await aUser(prisma, { role: 'STAFF', email: STAFF, name: 'Hanne Handleplan' });
    ids.association = (await anAssociation(prisma, { name: 'Besøgsvennerne Nord' })).id;
    await aUser(prisma, { email: MEMBER, name: 'Bent Besøgsven', associationId: ids.association });
    ids.plan = (await aPlan(prisma, { title: 'Handleplan for frivillighed 2017–2022', firstYear: 2017, lastYear: 2022, goals: 3 })).id;
    ids.fair = (
      await anAction(prisma, ids.plan, { year: 2018, title: 'Foreningsmesse', goalNumbers: [2], associationIds: [ids.association] })
    ).id;
    ids.homework = (await anAction(prisma, ids.plan, { year: 2018, title: 'Lektiecafé', goalNumbers: [1] })).id;
    ids.party = (await anAction(prisma, ids.plan, { year: 2018, title: 'Frivilligfest på rådhuset', goalNumbers: [2, 3] })).id;
  });

  const planPath = () => `/medarbejder/handleplaner/${ids.plan}`;
  const reviewPath = () => `${planPath()}/status/2018`;
  const url = (path: string) => `${app.session.baseUrl}${path}`;

  async function expectAccessible(page: Page, what: string) {
    expect(await wcagViolations(page), what).toEqual([]);
  }

  async function submit(page: Page, form: string) {
    await page.locator(`${form} button[type=submit]`).click();
    await page.waitForLoadState();
  }

  /** The overview's figures for goal 2: the matrix's 2018 and 2019 cells, the chart's bar and its table row. */
  async function goal2Figures(page: Page) {
    await page.goto(url(`${planPath()}/overblik`));
    const svg = page.locator('svg.plan-chart[role="img"]');
    expect(await svg.locator('title').textContent()).toBe('Fremdrift pr. mål');
    expect(await svg.locator('desc').textContent()).toContain('én pr. mål');
    const progressRow = page.locator('table[data-progress] tr[data-goal="2"]');
    const progress: Record<string, string> = {};
    for (const status of ['DONE', 'IN_PROGRESS', 'NOT_STARTED', 'POSTPONED', 'DROPPED', 'NOT_REVIEWED']) {
      progress[status] = (await progressRow.locator(`td[data-status="${status}"]`).textContent())!.trim();
    }
    return {
      matrix2018: (await page.locator('table[data-matrix] tr[data-goal="2"] td[data-year="2018"]').textContent())!.trim(),
      matrix2019: (await page.locator('table[data-matrix] tr[data-goal="2"] td[data-year="2019"]').textContent())!.trim(),
      bar: (await svg.locator('g[data-goal="2"] text[data-figures]').allTextContents()).join(' ').trim(),
      progress,
    };
  }

  it('is planned, reviewed with the association, finalised, amended, exported, carried over and counted', async () => {
    const prisma = app.ctx.db.prisma;
    const staff = await app.session.newPage('da', { width: 1280 });
    await app.session.logIn(staff, STAFF, TEST_PASSWORD);

    // 1. Staff add a 2018 action under goal 2, with the association responsible.
    await staff.goto(url(planPath()));
    expect(await staff.locator('main h1').textContent()).toBe('Handleplan for frivillighed 2017–2022');
    await expectAccessible(staff, 'plan page');
    await staff.getByRole('link', { name: 'Tilføj handling for 2018' }).click();
    await staff.waitForURL(new RegExp(`${planPath()}/handlinger/ny\\?aar=2018$`));
    expect(await staff.locator('#year').inputValue()).toBe('2018');
    await expectAccessible(staff, 'new action form');
    await staff.fill('#title', NEW_ACTION);
    await staff.fill('#description', 'Foreningerne møder nye frivillige på biblioteket en lørdag i oktober.');
    await staff.check('input[name=goalNumbers][value="2"]');
    await staff.check(`input[name=associationIds][value="${ids.association}"]`);
    await submit(staff, `main form[action="${planPath()}/handlinger/ny"]`);
    await staff.waitForURL(new RegExp(`${planPath()}#aar-2018$`));
    const table2018 = staff.locator('#aar-2018 ~ div.table--responsive-scroll').first();
    const newRow = table2018.locator('tbody tr', { hasText: NEW_ACTION });
    expect(await newRow.count()).toBe(1);
    expect(await newRow.locator('td').nth(1).textContent()).toContain('Mål 2');
    expect(await newRow.locator('td').nth(2).textContent()).toContain('Besøgsvennerne Nord');
    const created = await prisma.planAction.findFirstOrThrow({
      where: { planId: ids.plan, title: NEW_ACTION },
      include: { goals: true, responsibles: true },
    });
    expect(created.year).toBe(2018);
    expect(created.goals.map((g) => g.number)).toEqual([2]);
    expect(created.responsibles).toEqual([expect.objectContaining({ kind: 'ASSOCIATION', associationId: ids.association })]);

    // The overview before the review: goal 2 has three 2018 actions, none reviewed.
    const before = await goal2Figures(staff);
    await expectAccessible(staff, 'overview before the review');
    expect(before.matrix2018).toBe('3 ikke vurderet');
    expect(before.matrix2019).toBe('–');
    expect(before.bar).toBe('3 ikke vurderet');
    expect(before.progress).toMatchObject({ DONE: '0', POSTPONED: '0', DROPPED: '0', NOT_REVIEWED: '3' });

    // 2. Staff start the 2018 review.
    await staff.goto(url(reviewPath()));
    await expectAccessible(staff, 'review not started');
    await submit(staff, `main form[action="${reviewPath()}/start"]`);
    const review = await prisma.planReview.findFirstOrThrow({ where: { planId: ids.plan, year: 2018 }, include: { entries: true } });
    expect(review.state).toBe('DRAFT');
    expect(review.entries).toHaveLength(4);
    expect(await staff.locator('main').textContent()).toContain('Kladde');

    // 3. The association, on a phone and in English, gives its status for its actions.
    const member = await app.session.newPage('en', { width: 375 });
    await app.session.logIn(member, MEMBER, TEST_PASSWORD);
    await member.goto(url(`/min-forening/${ids.association}/handleplaner`));
    expect(await member.locator('html').getAttribute('lang')).toBe('en');
    expect(await member.locator('main section h2').allTextContents()).toEqual(
      expect.arrayContaining([`${NEW_ACTION} (2018)`, 'Foreningsmesse (2018)']),
    );
    await expectAccessible(member, 'association plan actions (en)');
    const memberForm = `main form[action="/min-forening/${ids.association}/handleplaner/${created.id}"]`;
    await member.check(`${memberForm} input[name=status][value=DONE]`);
    await member.fill(`${memberForm} textarea[name=comment]`, 'Børsen blev holdt 13. oktober med 60 besøgende.');
    await submit(member, memberForm);
    expect(await member.locator('.alert-success').count()).toBe(1);
    await expectAccessible(member, 'association status saved (en)');
    const partner = await prisma.planReviewPartnerEntry.findFirstOrThrow({ where: { reviewId: review.id, actionId: created.id } });
    expect(partner).toMatchObject({ associationId: ids.association, status: 'DONE' });

    // 4. Staff see the association's status side by side; theirs differs once staff say "I gang".
    await staff.goto(url(reviewPath()));
    const section = staff.locator(`#handling-${created.id}`);
    // The associations' perspectives are a stacked list (name, status, flag, comment), not a wide table.
    expect(await section.locator('.plan-review-partners').textContent()).toContain('Besøgsvennerne Nord');
    expect(await section.locator('.plan-review-partners').textContent()).toContain('60 besøgende');
    const ownForm = `#handling-${created.id} form[action="${reviewPath()}/handlinger/${created.id}"]`;
    await staff.check(`${ownForm} input[name=status][value=IN_PROGRESS]`);
    await staff.fill(`${ownForm} textarea[name=whatHappened]`, 'Første børs holdt; en til i foråret.');
    await submit(staff, ownForm);
    expect(await staff.locator('.alert-success').count()).toBe(1);
    expect(await staff.locator(`#handling-${created.id} .plan-review-differs`).count()).toBe(1);
    expect(await staff.locator(`#handling-${created.id} .plan-review-partners`).textContent()).toContain('Afviger (kommunen: I gang)');
    await expectAccessible(staff, 'review with a differing association');

    // The others in bulk: the fair and the homework café postponed, the party dropped.
    const bulk = `main form[action="${reviewPath()}/samlet-status"]`;
    await staff.check(`${bulk} input[name=actionIds][value="${ids.fair}"]`);
    await staff.check(`${bulk} input[name=actionIds][value="${ids.homework}"]`);
    await staff.check(`${bulk} input[name=bulkStatus][value=POSTPONED]`);
    await submit(staff, bulk);
    await staff.check(`${bulk} input[name=actionIds][value="${ids.party}"]`);
    await staff.check(`${bulk} input[name=bulkStatus][value=DROPPED]`);
    await submit(staff, bulk);
    const statuses = async () =>
      Object.fromEntries(
        (await prisma.planReviewEntry.findMany({ where: { reviewId: review.id } })).map((entry) => [entry.actionId, entry.status]),
      );
    expect(await statuses()).toEqual({
      [created.id]: 'IN_PROGRESS',
      [ids.fair]: 'POSTPONED',
      [ids.homework]: 'POSTPONED',
      [ids.party]: 'DROPPED',
    });

    // The meeting and the committee's decision.
    const meeting = `main form[action="${reviewPath()}/moede"]`;
    await staff.fill(`${meeting} #meeting-meetingDate`, '2018-11-20');
    await staff.fill(`${meeting} #meeting-meetingPlace`, 'Rådhuset, mødelokale 2');
    await staff.fill(`${meeting} #meeting-participants`, 'Hanne Handleplan, Besøgsvennerne Nord');
    await staff.fill(`${meeting} #meeting-summary`, 'Året gennemgået handling for handling.');
    await submit(staff, meeting);
    const decision = `main form[action="${reviewPath()}/udvalg"]`;
    await staff.fill(`${decision} #decision-committee`, 'Social- og Sundhedsudvalget');
    await staff.fill(`${decision} #decision-decisionDate`, '2018-12-04');
    await staff.fill(`${decision} #decision-reference`, 'Sag 18/123');
    await staff.fill(`${decision} #decision-decision`, 'Udvalget tog status til efterretning.');
    await submit(staff, decision);
    expect(await staff.locator('#udvalg + div table').textContent()).toContain('Social- og Sundhedsudvalget');

    // To the committee, then finalised.
    await submit(staff, `main form[action="${reviewPath()}/tilstand"]:has(input[name=to][value=IN_COMMITTEE])`);
    expect((await prisma.planReview.findUniqueOrThrow({ where: { id: review.id } })).state).toBe('IN_COMMITTEE');
    await expectAccessible(staff, 'review in committee');
    await submit(staff, `main form[action="${reviewPath()}/tilstand"]:has(input[name=to][value=FINALISED])`);
    const finalised = await prisma.planReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(finalised).toMatchObject({ state: 'FINALISED', meetingPlace: 'Rådhuset, mødelokale 2' });
    expect(finalised.finalisedAt).not.toBeNull();
    expect(await staff.locator('main .font-lead').textContent()).toContain('Endelig');
    expect(await staff.locator(`main form[action="${reviewPath()}/samlet-status"]`).count()).toBe(0);

    // 5. One status corrected by amendment, with its reason.
    // One small form per field (the status form is the one naming field=status), prefilled.
    const amendForm = `#handling-${created.id} form[action="${reviewPath()}/handlinger/${created.id}/ret"]:has(input[name=field][value=status])`;
    const amendOpen = staff.locator(`#handling-${created.id} details summary`);
    expect((await amendOpen.textContent())!.trim()).toBe('Ret (ændring)');
    await amendOpen.click();
    await expectAccessible(staff, 'finalised review, amendment form open');
    expect(await staff.isChecked(`${amendForm} input[name=newStatus][value=IN_PROGRESS]`)).toBe(true);
    await staff.check(`${amendForm} input[name=newStatus][value=DONE]`);
    await staff.fill(`${amendForm} textarea[name=reason]`, 'Foreningen havde ret: børsen blev gennemført.');
    await submit(staff, amendForm);
    const amendments = staff.locator('#rettelser + div table tbody tr');
    expect(await amendments.count()).toBe(1);
    const amendmentCells = (await amendments.first().locator('th, td').allTextContents()).map((text) => text.trim());
    expect(amendmentCells.slice(0, 5)).toEqual([
      NEW_ACTION,
      'Status',
      'I gang',
      'Gennemført',
      'Foreningen havde ret: børsen blev gennemført.',
    ]);
    expect(amendmentCells[5]).toBe('Hanne Handleplan');
    await expectAccessible(staff, 'finalised review with an amendment');
    expect((await statuses())[created.id]).toBe('DONE');
    expect(await prisma.reviewAmendment.findFirstOrThrow({ where: { reviewId: review.id } })).toMatchObject({
      actionId: created.id,
      field: 'status',
      before: 'IN_PROGRESS',
      after: 'DONE',
    });

    // The association reads the finalised, corrected status; its form is gone.
    await member.goto(url(`/min-forening/${ids.association}/handleplaner`));
    const memberSection = member.locator(`#handling-${created.id}`);
    expect(await memberSection.locator('form').count()).toBe(0);
    expect(await memberSection.textContent()).toContain('The status is finalised and can only be read.');
    expect(await memberSection.locator('dd').allTextContents()).toEqual([
      'Done',
      'Børsen blev holdt 13. oktober med 60 besøgende.',
      'Done',
    ]);
    await expectAccessible(member, 'association plan actions, finalised (en)');

    // 6. The committee report, and its CSV downloaded.
    await staff.goto(url(`${reviewPath()}/rapport`));
    const reportAction = staff.locator(`section[data-action="${created.id}"]`);
    expect(await reportAction.locator('[data-column=status]').textContent()).toBe('Gennemført');
    const reportAmendment = (await staff.locator('main table:has(th:text-is("Hvorfor")) tbody tr td').allTextContents()).map((text) =>
      text.trim(),
    );
    expect(reportAmendment.slice(1, 5)).toEqual([
      `${NEW_ACTION}: Status`,
      'I gang',
      'Gennemført',
      'Foreningen havde ret: børsen blev gennemført.',
    ]);
    await expectAccessible(staff, 'committee report');
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.locator('main a[href$="/rapport.csv"]').click()]);
    expect(download.suggestedFilename()).toBe(`handleplan-${ids.plan}-status-2018.csv`);
    const rows = parse(await readFile(await download.path()), { delimiter: ';', bom: true }) as string[][];
    const [header, ...body] = rows;
    const column = (label: string) => header!.indexOf(label);
    const exported = body.find((row) => row[column('Handling')] === NEW_ACTION);
    expect(exported, 'the new action in the CSV').toBeDefined();
    expect(exported![column('Status')]).toBe('Gennemført');
    expect(exported![column('Mål (nr.)')]).toBe('2');
    expect(exported![column('Ansvarlige')]).toContain('Besøgsvennerne Nord');
    expect(body.find((row) => row[column('Handling')] === 'Foreningsmesse')![column('Status')]).toBe('Udskudt');

    // 7. The unfinished actions carried into 2019.
    await staff.goto(url(reviewPath()));
    expect(await staff.locator('#videref ~ p').allTextContents()).toContain('Handlinger, der kan videreføres nu: 2.');
    await submit(staff, `main form[action="${reviewPath()}/videref"]`);
    expect(await staff.locator('.alert-success').count()).toBe(1);
    const carried = await prisma.planAction.findMany({ where: { planId: ids.plan, year: 2019 }, orderBy: { title: 'asc' } });
    expect(carried.map((a) => [a.title, a.carriedFromId])).toEqual([
      ['Foreningsmesse', ids.fair],
      ['Lektiecafé', ids.homework],
    ]);
    const fairCopy = await prisma.planAction.findFirstOrThrow({
      where: { id: carried[0]!.id },
      include: { goals: true, responsibles: true },
    });
    expect(fairCopy.goals.map((g) => g.number)).toEqual([2]);
    expect(fairCopy.responsibles).toEqual([expect.objectContaining({ kind: 'ASSOCIATION', associationId: ids.association })]);
    expect(await staff.locator(`#handling-${ids.fair}`).textContent()).toContain('Videreført til 2019');
    expect(await staff.locator('#videref ~ p').allTextContents()).toContain('Handlinger, der kan videreføres nu: 0.');
    await staff.goto(url(planPath()));
    const table2019 = staff.locator('#aar-2019 ~ div.table--responsive-scroll').first();
    for (const title of ['Foreningsmesse', 'Lektiecafé']) {
      expect(await table2019.locator('tbody tr', { hasText: title }).textContent()).toContain('Videreført fra 2018');
    }
    expect(await table2019.locator('tbody tr', { hasText: NEW_ACTION }).count()).toBe(0);
    await expectAccessible(staff, 'plan page after carry-over');

    // 8. The overview after: goal 2's 2018 cell has the statuses, 2019 the carried fair,
    // and the chart counts the fair once — by its latest ASSESSED status (postponed in
    // 2018), since its 2019 copy is not assessed yet.
    const after = await goal2Figures(staff);
    await expectAccessible(staff, 'overview after the review');
    expect(after.matrix2018).toBe('1 gennemført, 1 udskudt, 1 droppet');
    expect(after.matrix2019).toBe('1 ikke vurderet');
    expect(after.bar).toBe('1 gennemført, 1 udskudt, 1 droppet');
    expect(after.progress).toMatchObject({ DONE: '1', POSTPONED: '1', DROPPED: '1', NOT_REVIEWED: '0' });
    expect(after).not.toEqual(before);

    // The plan's history tells who did what.
    await staff.goto(url(`${planPath()}/historik`));
    const history = (await staff.locator('main table').textContent()) ?? '';
    for (const who of ['Hanne Handleplan', 'Bent Besøgsven']) expect(history).toContain(who);
    expect(history).not.toMatch(/plan\.[a-z]/);
    await expectAccessible(staff, 'plan history');

    // Every step is in the plan's audit log.
    const audited = (await prisma.auditLog.findMany({ where: { targetType: 'action-plan', targetId: String(ids.plan) } })).map(
      (row) => row.action,
    );
    for (const action of [
      'plan.action-created',
      'plan.review-started',
      'plan.review-partner-entry',
      'plan.review-entry-saved',
      'plan.review-bulk-status',
      'plan.review-meeting-saved',
      'plan.review-decision-added',
      'plan.review-state-changed',
      'plan.review-finalised',
      'plan.review-amended',
      'plan.actions-carried-over',
    ]) {
      expect(audited).toContain(action);
    }
    await member.context().close();
    await staff.context().close();
  });
});
