// Staff's yearly status review, through the pages: start it (an entry per action of
// exactly that year), save an action's entry (409 when stale), bulk status, the
// meeting and committee decisions, the state moves, the lock once finalised, the
// amendments (reason required; append-only in the database) and carry-over of the
// unfinished actions to next year (only once, within the plan's period). Every change
// leaves its audit row on the plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, formFieldsOf, logIn } from '../../helpers/http.js';
import { aPlan, anAction, anAgreement, anAssociation, anOpening, aReview, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';

let ctx: TestContext;
let staff: Agent;
let staffId: number;

const reviewPage = (planId: number, year: number) => `/medarbejder/handleplaner/${planId}/status/${year}`;

beforeAll(async () => {
  ctx = await createTestContext();
  const user = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Sara Sagsbehandler' });
  staffId = user.id;
  staff = await logIn(ctx.app, user.email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

/** Posts the form with `action` on the page at `path`: its own hidden fields (token, version) and `fields`. */
async function postOn(path: string, action: string, fields: Record<string, string | string[]> = {}) {
  const page = await staff.get(path).then(expectStatus(200));
  const own = formFieldsOf(page.text, action);
  return staff
    .post(action)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...(own.version !== undefined ? { version: own.version } : {}), ...fields });
}

const auditOf = (planId: number, action: string) =>
  ctx.db.prisma.auditLog.findMany({ where: { targetType: 'action-plan', targetId: String(planId), action }, orderBy: { id: 'asc' } });

const entryOf = (reviewId: number, actionId: number) =>
  ctx.db.prisma.planReviewEntry.findUniqueOrThrow({ where: { reviewId_actionId: { reviewId, actionId } } });

const entryForm = (status: string, extra: Record<string, string> = {}) => ({
  status,
  whatHappened: 'Tre arrangementer i bibliotekerne.',
  evidence: 'https://example.org/rapport',
  nextStep: 'Flere arrangementer.',
  ...extra,
});

describe('starting a review', () => {
  it('shows a start button, then creates the review with an entry for exactly that year’s actions', async () => {
    const plan = await aPlan(ctx.db.prisma);
    const a1 = await anAction(ctx.db.prisma, plan.id, { year: 2018, title: 'Frivilligfest' });
    const a2 = await anAction(ctx.db.prisma, plan.id, { year: 2018, title: 'Foreningsmesse' });
    await anAction(ctx.db.prisma, plan.id, { year: 2019, title: 'Næste år' });
    const path = reviewPage(plan.id, 2018);

    const before = await staff.get(path).then(expectStatus(200));
    expect(before.text).toContain('Start status for 2018');
    expect(before.text).toContain('alle 2 handlinger');
    // Starting sets no status: the text says so (#0).
    expect(before.text).toContain('hver som »Ikke vurderet endnu«');
    expect(before.text).not.toContain('Ikke startet«');

    await postOn(path, `${path}/start`).then(expectStatus(303));
    const review = await ctx.db.prisma.planReview.findUniqueOrThrow({
      where: { planId_year: { planId: plan.id, year: 2018 } },
      include: { entries: true },
    });
    expect(review.state).toBe('DRAFT');
    expect(review.entries.map((e) => e.actionId).sort()).toEqual([a1.id, a2.id].sort());
    // Not assessed yet: no status until staff set one ("not started" is an assessment).
    expect(review.entries.every((e) => e.status === null)).toBe(true);
    const [audit] = await auditOf(plan.id, 'plan.review-started');
    expect(audit?.actorUserId).toBe(staffId);
    expect(audit?.details).toMatchObject({ reviewId: review.id, year: 2018 });

    const page = await staff.get(path).then(expectStatus(200));
    expect(page.text).toContain('Frivilligfest');
    expect(page.text).toContain('Foreningsmesse');
    expect(page.text).not.toContain('Næste år');

    // Starting again changes nothing.
    await postOn(path, `${path}/start`).then(expectStatus(303));
    expect(await ctx.db.prisma.planReview.count({ where: { planId: plan.id } })).toBe(1);
    expect(await auditOf(plan.id, 'plan.review-started')).toHaveLength(1);
  });

  it('answers 404 for a year outside the plan’s period, an unknown plan or a malformed year', async () => {
    const plan = await aPlan(ctx.db.prisma, { firstYear: 2017, lastYear: 2022 });
    await staff.get(reviewPage(plan.id, 2016)).expect(404);
    await staff.get(reviewPage(plan.id, 2023)).expect(404);
    await staff.get(reviewPage(999999, 2018)).expect(404);
    await staff.get(`/medarbejder/handleplaner/${plan.id}/status/18`).expect(404);
    await staff.get(`/medarbejder/handleplaner/abc/status/2018`).expect(404);
    const path = reviewPage(plan.id, 2018);
    const page = await staff.get(path).then(expectStatus(200));
    await staff
      .post(`${reviewPage(plan.id, 2023)}/start`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(404);
  });
});

describe('an action’s entry', () => {
  it('saves the status and texts, audits the status change and only "(changed)" of the texts', async () => {
    const plan = await aPlan(ctx.db.prisma);
    const action = await anAction(ctx.db.prisma, plan.id, { year: 2017, indicator: 'Antal nye frivillige', indicatorTarget: 50 });
    const review = await aReview(ctx.db.prisma, plan.id, 2017);
    const path = reviewPage(plan.id, 2017);

    await postOn(path, `${path}/handlinger/${action.id}`, entryForm('IN_PROGRESS', { indicatorActual: '42' })).then(expectStatus(303));
    const entry = await entryOf(review.id, action.id);
    expect(entry).toMatchObject({
      status: 'IN_PROGRESS',
      whatHappened: 'Tre arrangementer i bibliotekerne.',
      evidence: 'https://example.org/rapport',
      nextStep: 'Flere arrangementer.',
      indicatorActual: 42,
      updatedById: staffId,
      version: 2,
    });
    const [audit] = await auditOf(plan.id, 'plan.review-entry-saved');
    expect(audit?.details).toMatchObject({
      actionId: action.id,
      before: { status: 'NOT_STARTED', indicatorActual: null, whatHappened: '(changed)' },
      after: { status: 'IN_PROGRESS', indicatorActual: 42, whatHappened: '(changed)' },
    });
    expect(JSON.stringify(audit?.details)).not.toContain('bibliotekerne');
  });

  it('answers 409 with the input kept when someone saved first, and 422 for a missing status or a bad count', async () => {
    const plan = await aPlan(ctx.db.prisma);
    const action = await anAction(ctx.db.prisma, plan.id, { year: 2017, indicator: 'Antal' });
    const review = await aReview(ctx.db.prisma, plan.id, 2017);
    const path = reviewPage(plan.id, 2017);
    const page = await staff.get(path).then(expectStatus(200));
    const form = formFieldsOf(page.text, `${path}/handlinger/${action.id}`);
    expect(form.version).toBe('1');
    await postOn(path, `${path}/handlinger/${action.id}`, entryForm('DONE')).then(expectStatus(303));

    const stale = await staff
      .post(`${path}/handlinger/${action.id}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), version: '1', ...entryForm('DROPPED', { whatHappened: 'Min egen tekst' }) })
      .then(expectStatus(409));
    expect(stale.text).toContain('Min egen tekst');
    expect(stale.text).toContain('Nogen har gemt i mellemtiden');
    expect((await entryOf(review.id, action.id)).status).toBe('DONE');

    const missing = await postOn(path, `${path}/handlinger/${action.id}`, { whatHappened: 'Uden status' }).then(expectStatus(422));
    expect(missing.text).toContain('Vælg en status');
    expect(missing.text).toContain(`href="#a${action.id}-status"`);
    const badCount = await postOn(path, `${path}/handlinger/${action.id}`, entryForm('DONE', { indicatorActual: 'mange' })).then(
      expectStatus(422),
    );
    expect(badCount.text).toContain('Skriv et helt tal');
  });

  it('answers 404 for an action of another year or plan', async () => {
    const plan = await aPlan(ctx.db.prisma);
    await anAction(ctx.db.prisma, plan.id, { year: 2017 });
    const later = await anAction(ctx.db.prisma, plan.id, { year: 2018 });
    await aReview(ctx.db.prisma, plan.id, 2017);
    const path = reviewPage(plan.id, 2017);
    await postOn(path, `${path}/handlinger/${later.id}`, entryForm('DONE')).then(expectStatus(404));
    await postOn(path, `${path}/handlinger/abc`, entryForm('DONE')).then(expectStatus(404));
  });
});

describe('bulk status', () => {
  it('sets one status for the chosen actions in one audit row listing them', async () => {
    const plan = await aPlan(ctx.db.prisma);
    const a1 = await anAction(ctx.db.prisma, plan.id, { year: 2017 });
    const a2 = await anAction(ctx.db.prisma, plan.id, { year: 2017 });
    const a3 = await anAction(ctx.db.prisma, plan.id, { year: 2017 });
    const review = await aReview(ctx.db.prisma, plan.id, 2017);
    const path = reviewPage(plan.id, 2017);

    await postOn(path, `${path}/samlet-status`, { actionIds: [String(a1.id), String(a3.id)], bulkStatus: 'DONE' }).then(expectStatus(303));
    expect((await entryOf(review.id, a1.id)).status).toBe('DONE');
    expect((await entryOf(review.id, a2.id)).status).toBe('NOT_STARTED');
    expect((await entryOf(review.id, a3.id)).status).toBe('DONE');
    const audits = await auditOf(plan.id, 'plan.review-bulk-status');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.details).toMatchObject({ actionIds: [a1.id, a3.id].sort((x, y) => x - y), status: 'DONE' });

    const none = await postOn(path, `${path}/samlet-status`, { bulkStatus: 'DONE' }).then(expectStatus(422));
    expect(none.text).toContain('Vælg mindst én handling');
    const other = await anAction(ctx.db.prisma, plan.id, { year: 2018 });
    await postOn(path, `${path}/samlet-status`, { actionIds: [String(a1.id), String(other.id)], bulkStatus: 'DROPPED' }).then(
      expectStatus(404),
    );
    expect((await entryOf(review.id, a1.id)).status).toBe('DONE');
  });
});

describe('the meeting and the committees', () => {
  it('saves the meeting (409 when stale) and adds committee decisions, audited', async () => {
    const plan = await aPlan(ctx.db.prisma);
    await anAction(ctx.db.prisma, plan.id, { year: 2017 });
    const review = await aReview(ctx.db.prisma, plan.id, 2017);
    const path = reviewPage(plan.id, 2017);
    const page = await staff.get(path).then(expectStatus(200));
    // Wording (#12): one name for the meeting, a plain state heading, the hint at the place.
    expect(page.text).toContain('<h2 id="moede" class="mt-8">Opfølgningsmøde</h2>');
    expect(page.text).toContain('<h2 id="tilstand">Godkendelse</h2>');
    expect(page.text).not.toContain('Hvor er statussen?');
    expect(page.text).toContain('id="meeting-meetingPlace-hint">Fx Frivillig Fredag i uge 39.');
    // The date's hint is the portal's one date format (views/partials/date-input.ejs).
    expect(page.text).toContain('id="meeting-meetingDate-hint">Skriv datoen som dd-mm-åååå, fx 24-12-2026.');

    await postOn(path, `${path}/moede`, { meetingDate: '2017-09-29', meetingPlace: 'Lyngby Rådhus', participants: 'Følgegruppen' }).then(
      expectStatus(303),
    );
    const saved = await ctx.db.prisma.planReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(saved.meetingDate?.toISOString().slice(0, 10)).toBe('2017-09-29');
    expect(saved.meetingPlace).toBe('Lyngby Rådhus');
    const [meetingAudit] = await auditOf(plan.id, 'plan.review-meeting-saved');
    expect(meetingAudit?.details).toMatchObject({ after: { meetingDate: '2017-09-29T00:00:00.000Z', meetingPlace: '(changed)' } });

    const stale = await staff
      .post(`${path}/moede`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), version: '1', meetingPlace: 'Et andet sted' })
      .then(expectStatus(409));
    expect(stale.text).toContain('Et andet sted');
    const badDate = await postOn(path, `${path}/moede`, { meetingDate: '2017-02-30' }).then(expectStatus(422));
    expect(badDate.text).toContain('Skriv en rigtig dato som dd-mm-åååå');

    await postOn(path, `${path}/udvalg`, {
      committee: 'Social- og Sundhedsudvalget',
      decisionDate: '2017-11-14',
      reference: 'Sag 17/1234',
      decision: 'Taget til efterretning.',
    }).then(expectStatus(303));
    const decisions = await ctx.db.prisma.committeeDecision.findMany({ where: { reviewId: review.id } });
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ committee: 'Social- og Sundhedsudvalget', reference: 'Sag 17/1234' });
    expect(await auditOf(plan.id, 'plan.review-decision-added')).toHaveLength(1);
    const shown = await staff.get(path).then(expectStatus(200));
    expect(shown.text).toContain('Sag 17/1234');

    const missing = await postOn(path, `${path}/udvalg`, { committee: '', decision: '' }).then(expectStatus(422));
    expect(missing.text).toContain('Skriv hvilket udvalg');
    expect(missing.text).toContain('Skriv mødedatoen');
  });
});

describe('state moves and the lock', () => {
  it('moves DRAFT → IN_COMMITTEE → DRAFT → IN_COMMITTEE → FINALISED, audited; skipping or stale moves are 409', async () => {
    const plan = await aPlan(ctx.db.prisma);
    await anAction(ctx.db.prisma, plan.id, { year: 2017 });
    const review = await aReview(ctx.db.prisma, plan.id, 2017);
    const path = reviewPage(plan.id, 2017);
    const move = (to: string) => postOn(path, `${path}/tilstand`, { to });
    const state = async () => (await ctx.db.prisma.planReview.findUniqueOrThrow({ where: { id: review.id } })).state;

    // Not straight to finalised.
    const page = await staff.get(path).then(expectStatus(200));
    await staff
      .post(`${path}/tilstand`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), version: '1', to: 'FINALISED' })
      .then(expectStatus(409));
    expect(await state()).toBe('DRAFT');

    await move('IN_COMMITTEE').then(expectStatus(303));
    expect(await state()).toBe('IN_COMMITTEE');
    await move('DRAFT').then(expectStatus(303));
    expect(await state()).toBe('DRAFT');
    await move('IN_COMMITTEE').then(expectStatus(303));
    // The page loaded before the last move is stale.
    await staff
      .post(`${path}/tilstand`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), version: '1', to: 'FINALISED' })
      .then(expectStatus(409));
    await move('FINALISED').then(expectStatus(303));
    const finalised = await ctx.db.prisma.planReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(finalised).toMatchObject({ state: 'FINALISED', finalisedById: staffId });
    expect(finalised.finalisedAt).not.toBeNull();

    const moves = await auditOf(plan.id, 'plan.review-state-changed');
    expect(moves.map((a) => (a.details as { after: { state: string } }).after.state)).toEqual(['IN_COMMITTEE', 'DRAFT', 'IN_COMMITTEE']);
    const [final] = await auditOf(plan.id, 'plan.review-finalised');
    expect(final?.details).toMatchObject({ before: { state: 'IN_COMMITTEE' }, after: { state: 'FINALISED' } });

    const shown = await staff.get(path).then(expectStatus(200));
    expect(shown.text).toContain('Godkendt endeligt');
    expect(shown.text).not.toContain(`action="${path}/tilstand"`);
  });

  it('refuses every staff edit of a finalised review with a clear message', async () => {
    const plan = await aPlan(ctx.db.prisma);
    const action = await anAction(ctx.db.prisma, plan.id, { year: 2017 });
    const review = await aReview(ctx.db.prisma, plan.id, 2017, { state: 'FINALISED', statuses: { [action.id]: 'DONE' } });
    const path = reviewPage(plan.id, 2017);
    const page = await staff.get(path).then(expectStatus(200));
    expect(page.text).not.toContain(`action="${path}/handlinger/${action.id}"`);
    expect(page.text).not.toContain(`action="${path}/moede"`);
    const token = csrfTokenFrom(page.text);
    const post = (action: string, fields: Record<string, string | string[]>) =>
      staff
        .post(action)
        .type('form')
        .send({ _csrf: token, ...fields });

    const entry = await post(`${path}/handlinger/${action.id}`, { version: '1', ...entryForm('DROPPED') }).then(expectStatus(409));
    expect(entry.text).toContain('godkendt endeligt og er låst');
    await post(`${path}/moede`, { version: '1', meetingPlace: 'Et sted' }).then(expectStatus(409));
    await post(`${path}/samlet-status`, { actionIds: String(action.id), bulkStatus: 'DROPPED' }).then(expectStatus(409));
    await post(`${path}/udvalg`, { committee: 'Udvalg', decisionDate: '2017-11-01', decision: 'Ja' }).then(expectStatus(409));
    await post(`${path}/tilstand`, { version: '1', to: 'DRAFT' }).then(expectStatus(409));
    expect(await entryOf(review.id, action.id)).toMatchObject({ status: 'DONE', version: 1 });
    expect(await ctx.db.prisma.planReview.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({
      state: 'FINALISED',
      meetingPlace: '',
    });
  });
});

describe('actions not assessed yet (#0)', () => {
  it('refuses to finalise with an unassessed action (422, the message, nothing changed) and names the actions', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const assessed = await anAction(prisma, plan.id, { year: 2017, title: 'Vurderet handling' });
    const open = await anAction(prisma, plan.id, { year: 2017, title: 'Uvurderet handling' });
    const review = await aReview(prisma, plan.id, 2017, { state: 'IN_COMMITTEE', statuses: { [assessed.id]: 'DONE' } });
    await prisma.planReviewEntry.update({
      where: { reviewId_actionId: { reviewId: review.id, actionId: open.id } },
      data: { status: null },
    });
    const path = reviewPage(plan.id, 2017);

    const refused = await postOn(path, `${path}/tilstand`, { to: 'FINALISED' }).then(expectStatus(422));
    expect(refused.text).toContain('Giv alle årets handlinger en status, før statussen godkendes endeligt');
    expect(refused.text).toContain('nogle af årets handlinger er ikke vurderet');
    // Not the "someone saved first" alert: nobody did.
    expect(refused.text).not.toContain('Nogen har gemt i mellemtiden');
    const stateSection = refused.text.slice(
      refused.text.indexOf('id="tilstand"'),
      refused.text.indexOf('<h2', refused.text.indexOf('id="tilstand"')),
    );
    expect(stateSection).toContain(`<a href="#handling-${open.id}">Uvurderet handling</a>`);
    expect(stateSection).not.toContain(`#handling-${assessed.id}`);
    expect(await prisma.planReview.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ state: 'IN_COMMITTEE', version: 1 });
    expect(await auditOf(plan.id, 'plan.review-finalised')).toHaveLength(0);
    expect((await entryOf(review.id, open.id)).status).toBeNull();
  });

  it('shows an unassessed action as "Ikke vurderet endnu" with no radio checked, and never flags a differing association', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const association = await anAssociation(prisma, { name: 'Uvurderet Forening' });
    const action = await anAction(prisma, plan.id, { year: 2017, title: 'Ikke vurderet', associationIds: [association.id] });
    const review = await aReview(prisma, plan.id, 2017);
    await prisma.planReviewEntry.update({
      where: { reviewId_actionId: { reviewId: review.id, actionId: action.id } },
      data: { status: null },
    });
    await prisma.planReviewPartnerEntry.create({
      data: {
        reviewId: review.id,
        actionId: action.id,
        associationId: association.id,
        status: 'DONE',
        comment: 'Vi er færdige.',
        answeredAt: new Date(),
      },
    });
    const path = reviewPage(plan.id, 2017);
    const page = await staff.get(path).then(expectStatus(200));
    expect(page.text).toContain('Ikke vurderet endnu');
    const form = page.text.slice(page.text.indexOf(`action="${path}/handlinger/${action.id}"`));
    const radios = form.slice(0, form.indexOf('</fieldset>'));
    expect(radios).toContain('name="status"');
    expect(radios).not.toContain('checked');
    expect(page.text).toContain('Vi er færdige.');
    expect(page.text).not.toContain('Afviger');
    expect(page.text).not.toContain('plan-review-differs');
  });
});

describe('amendments of a finalised review', () => {
  it('records who, when, why and before/after, updates the entry, and shows it with the review', async () => {
    const plan = await aPlan(ctx.db.prisma);
    const action = await anAction(ctx.db.prisma, plan.id, { year: 2017, title: 'Frivilligbørs' });
    const review = await aReview(ctx.db.prisma, plan.id, 2017, { state: 'FINALISED', statuses: { [action.id]: 'IN_PROGRESS' } });
    const path = reviewPage(plan.id, 2017);
    const amendPath = `${path}/handlinger/${action.id}/ret`;
    await ctx.db.prisma.planReviewEntry.update({
      where: { reviewId_actionId: { reviewId: review.id, actionId: action.id } },
      data: { nextStep: 'Næste børs i foråret.' },
    });
    const before = await staff.get(path).then(expectStatus(200));
    expect(before.text).toContain('Ret (ændring)');
    // One small form per field (#5), in a collapsed <details>, each prefilled with the current value.
    const details = before.text.slice(before.text.indexOf(`<details class="mt-5">`), before.text.indexOf('</details>'));
    const forms = details.split('<form').slice(1);
    expect(forms.map((f) => /name="field" value="([a-zA-Z]+)"/.exec(f)?.[1])).toEqual(['status', 'whatHappened', 'evidence', 'nextStep']);
    expect(forms[0]).toMatch(/value="IN_PROGRESS" class="form-radio" checked/);
    expect(forms[0]).not.toContain('name="value"');
    expect(forms[3]).toMatch(/<textarea[^>]*id="r\d+-nextStep-value" name="value"[^>]*>Næste børs i foråret\.<\/textarea>/);
    expect(forms[3]).not.toContain('name="newStatus"');
    for (const form of forms) expect(form).toContain('name="reason"');
    // A field that is not one of the forms' is not our form.
    await postOn(path, amendPath, { field: 'title', value: 'x', reason: 'Fejl' }).then(expectStatus(400));

    const noReason = await postOn(path, amendPath, { field: 'status', newStatus: 'DONE', reason: '' }).then(expectStatus(422));
    expect(noReason.text).toContain('Skriv en begrundelse for rettelsen');
    // The refused form's details open, with the input kept and the error at its field.
    expect(noReason.text).toContain('<details class="mt-5" open>');
    expect(noReason.text).toContain(`href="#r${action.id}-status-reason"`);
    expect(noReason.text).toMatch(/value="DONE" class="form-radio" checked/);
    const noStatus = await postOn(path, amendPath, { field: 'status', reason: 'Fejl' }).then(expectStatus(422));
    expect(noStatus.text).toContain('Vælg den nye status');
    expect(await ctx.db.prisma.reviewAmendment.count({ where: { reviewId: review.id } })).toBe(0);

    await postOn(path, amendPath, { field: 'status', newStatus: 'DONE', reason: 'Blev færdig i december.' }).then(expectStatus(303));
    await postOn(path, amendPath, { field: 'whatHappened', value: 'To børser afholdt.', reason: 'Manglede.' }).then(expectStatus(303));
    const amendments = await ctx.db.prisma.reviewAmendment.findMany({ where: { reviewId: review.id }, orderBy: { id: 'asc' } });
    expect(amendments).toHaveLength(2);
    expect(amendments[0]).toMatchObject({
      actionId: action.id,
      field: 'status',
      before: 'IN_PROGRESS',
      after: 'DONE',
      reason: 'Blev færdig i december.',
      amendedById: staffId,
    });
    expect(amendments[1]).toMatchObject({ field: 'whatHappened', before: '', after: 'To børser afholdt.' });
    expect(await entryOf(review.id, action.id)).toMatchObject({ status: 'DONE', whatHappened: 'To børser afholdt.' });

    const audits = await auditOf(plan.id, 'plan.review-amended');
    expect(audits).toHaveLength(2);
    expect(audits[0]?.details).toMatchObject({
      field: 'status',
      before: { status: 'IN_PROGRESS' },
      after: { status: 'DONE' },
      reason: '(changed)',
    });
    expect(audits[1]?.details).toMatchObject({ before: { whatHappened: '(changed)' }, after: { whatHappened: '(changed)' } });

    const page = await staff.get(path).then(expectStatus(200));
    expect(page.text).toContain('Rettelser efter endelig godkendelse');
    expect(page.text).toContain('Blev færdig i december.');
    expect(page.text).toContain('Sara Sagsbehandler');
    expect(await ctx.db.prisma.planReview.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ state: 'FINALISED' });

    // The same value again is no correction.
    await postOn(path, amendPath, { field: 'status', newStatus: 'DONE', reason: 'Igen' }).then(expectStatus(422));
  });

  it('corrects the finalised meeting the same way: an amendment without an action, the review updated', async () => {
    const plan = await aPlan(ctx.db.prisma);
    await anAction(ctx.db.prisma, plan.id, { year: 2017 });
    const review = await aReview(ctx.db.prisma, plan.id, 2017, { state: 'FINALISED' });
    await ctx.db.prisma.planReview.update({
      where: { id: review.id },
      data: { meetingDate: new Date('2017-09-22'), meetingPlace: 'Rådhuset' },
    });
    const path = reviewPage(plan.id, 2017);
    // Each meeting field its own form, prefilled (#5).
    const shown = await staff.get(path).then(expectStatus(200));
    expect(shown.text).toMatch(
      /<input class="form-input input-char-11" type="text" id="rm-meetingDate-value" name="value" value="22-09-2017"/,
    );
    expect(shown.text).toMatch(/id="rm-meetingPlace-value" name="value" value="Rådhuset"/);

    const badDate = await postOn(path, `${path}/moede/ret`, { field: 'meetingDate', value: '2017-13-01', reason: 'Forkert dato' }).then(
      expectStatus(422),
    );
    expect(badDate.text).toContain('Skriv en rigtig dato som dd-mm-åååå');
    await postOn(path, `${path}/moede/ret`, { field: 'meetingDate', value: '2017-09-29', reason: 'Mødet var i uge 39.' }).then(
      expectStatus(303),
    );
    const saved = await ctx.db.prisma.planReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(saved.meetingDate?.toISOString().slice(0, 10)).toBe('2017-09-29');
    expect(saved.state).toBe('FINALISED');
    const [amendment] = await ctx.db.prisma.reviewAmendment.findMany({ where: { reviewId: review.id } });
    expect(amendment).toMatchObject({
      actionId: null,
      field: 'meetingDate',
      before: '2017-09-22',
      after: '2017-09-29',
      amendedById: staffId,
    });
    const [audit] = await auditOf(plan.id, 'plan.review-amended');
    expect(audit?.details).toMatchObject({
      field: 'meetingDate',
      before: { meetingDate: '2017-09-22' },
      after: { meetingDate: '2017-09-29' },
    });
    const page = await staff.get(path).then(expectStatus(200));
    expect(page.text).toContain('Mødet var i uge 39.');
  });

  it('is only for a finalised review, and the amendments table refuses changes (append-only)', async () => {
    const plan = await aPlan(ctx.db.prisma);
    const action = await anAction(ctx.db.prisma, plan.id, { year: 2017 });
    const review = await aReview(ctx.db.prisma, plan.id, 2017);
    const path = reviewPage(plan.id, 2017);
    const page = await staff.get(path).then(expectStatus(200));
    await staff
      .post(`${path}/handlinger/${action.id}/ret`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), version: '1', field: 'status', newStatus: 'DONE', reason: 'Fejl' })
      .then(expectStatus(409));

    const amendment = await ctx.db.prisma.reviewAmendment.create({
      data: {
        reviewId: review.id,
        actionId: action.id,
        field: 'status',
        before: 'NOT_STARTED',
        after: 'DONE',
        reason: 'Test',
        amendedAt: new Date(),
      },
    });
    await expect(ctx.db.prisma.reviewAmendment.update({ where: { id: amendment.id }, data: { reason: 'Ændret' } })).rejects.toThrow();
    expect((await ctx.db.prisma.reviewAmendment.findUniqueOrThrow({ where: { id: amendment.id } })).reason).toBe('Test');
  });
});

describe('carry-over to next year', () => {
  it('copies exactly the unfinished actions once, with goals, responsibles, agreements, openings and indicator, and shows where they came from', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const association = await anAssociation(prisma, { name: 'Lyngby Besøgsven' });
    const notStarted = await anAction(prisma, plan.id, {
      year: 2017,
      title: 'Ikke startet-handling',
      goalNumbers: [1, 2],
      associationIds: [association.id],
      units: ['Center for Kultur'],
    });
    const inProgress = await anAction(prisma, plan.id, {
      year: 2017,
      title: 'I gang-handling',
      indicator: 'Antal besøg',
      indicatorTarget: 30,
    });
    const postponed = await anAction(prisma, plan.id, { year: 2017, title: 'Udskudt-handling' });
    const done = await anAction(prisma, plan.id, { year: 2017, title: 'Gennemført-handling' });
    const dropped = await anAction(prisma, plan.id, { year: 2017, title: 'Droppet-handling' });
    const agreement = await anAgreement(prisma, { title: 'Besøgsvenaftale', associationIds: [association.id] });
    const opening = await anOpening(prisma, association.id);
    await prisma.planAction.update({
      where: { id: notStarted.id },
      data: {
        agreements: { connect: { id: agreement.id } },
        openings: { connect: { id: opening.id } },
        plannedFrom: new Date('2017-03-01'),
      },
    });
    const review = await aReview(prisma, plan.id, 2017, {
      statuses: {
        [notStarted.id]: 'NOT_STARTED',
        [inProgress.id]: 'IN_PROGRESS',
        [postponed.id]: 'POSTPONED',
        [done.id]: 'DONE',
        [dropped.id]: 'DROPPED',
      },
    });
    const path = reviewPage(plan.id, 2017);

    // Not before the status is finalised (#3): the page explains, the service refuses.
    const draftPage = await staff.get(path).then(expectStatus(200));
    expect(draftPage.text).toContain('Handlingerne kan videreføres, når statussen er godkendt endeligt.');
    expect(draftPage.text).not.toContain(`action="${path}/videref"`);
    const early = await staff
      .post(`${path}/videref`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(draftPage.text) })
      .then(expectStatus(422));
    expect(early.text).toContain('kan videreføres, når statussen er godkendt endeligt; intet blev videreført');
    expect(await prisma.planAction.count({ where: { planId: plan.id, year: 2018 } })).toBe(0);
    expect(await auditOf(plan.id, 'plan.actions-carried-over')).toHaveLength(0);
    await prisma.planReview.update({ where: { id: review.id }, data: { state: 'FINALISED', finalisedAt: new Date() } });

    expect((await staff.get(path).then(expectStatus(200))).text).toContain('Handlinger, der kan videreføres nu: 3.');

    const carriedResponse = await postOn(path, `${path}/videref`).then(expectStatus(303));
    // The success message says how many and links to next year on the plan page.
    const success = await staff.get(carriedResponse.headers.location!).then(expectStatus(200));
    expect(success.text).toContain('3 ufærdige handlinger er videreført til 2018.');
    expect(success.text).toContain(`<a href="/medarbejder/handleplaner/${plan.id}#aar-2018">Se 2018 på handleplanen</a>`);
    // Nothing left to carry: no button.
    expect(success.text).toContain('Handlinger, der kan videreføres nu: 0.');
    expect(success.text).not.toContain(`action="${path}/videref"`);
    // A hand-typed count that is not true is not shown.
    expect((await staff.get(`${path}?viderefoert=9`).then(expectStatus(200))).text).not.toContain('er videreført til 2018.');
    const carried = await prisma.planAction.findMany({
      where: { planId: plan.id, year: 2018 },
      include: {
        goals: { select: { number: true } },
        responsibles: { orderBy: { sortOrder: 'asc' } },
        agreements: { select: { id: true } },
        openings: { select: { id: true } },
      },
      orderBy: { id: 'asc' },
    });
    expect(carried.map((a) => a.carriedFromId).sort()).toEqual([notStarted.id, inProgress.id, postponed.id].sort());
    const fromNotStarted = carried.find((a) => a.carriedFromId === notStarted.id)!;
    expect(fromNotStarted.title).toBe('Ikke startet-handling');
    expect(fromNotStarted.goals.map((g) => g.number).sort()).toEqual([1, 2]);
    expect(fromNotStarted.responsibles.map((r) => [r.kind, r.associationId, r.name])).toEqual([
      ['MUNICIPAL_UNIT', null, 'Center for Kultur'],
      ['ASSOCIATION', association.id, ''],
    ]);
    expect(fromNotStarted.agreements).toEqual([{ id: agreement.id }]);
    expect(fromNotStarted.openings).toEqual([{ id: opening.id }]);
    // The planned period moves with the year.
    expect(fromNotStarted.plannedFrom?.toISOString().slice(0, 10)).toBe('2018-03-01');
    expect(carried.find((a) => a.carriedFromId === inProgress.id)).toMatchObject({ indicator: 'Antal besøg', indicatorTarget: 30 });

    const [audit] = await auditOf(plan.id, 'plan.actions-carried-over');
    expect(audit?.details).toMatchObject({ year: 2017, toYear: 2018 });
    expect(((audit?.details as { actionIds: number[] }).actionIds ?? []).sort()).toEqual(
      [notStarted.id, inProgress.id, postponed.id].sort(),
    );
    const created = await auditOf(plan.id, 'plan.action-created');
    expect(created).toHaveLength(3);
    expect(created[0]?.details).toMatchObject({ source: 'carry-over' });

    // Only once.
    const again = await staff
      .post(`${path}/videref`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(success.text) })
      .then(expectStatus(422));
    expect(again.text).toContain('ingen ufærdige handlinger');
    expect(await prisma.planAction.count({ where: { planId: plan.id, year: 2018 } })).toBe(3);

    // Next year's review shows where they came from.
    const nextPath = reviewPage(plan.id, 2018);
    await postOn(nextPath, `${nextPath}/start`).then(expectStatus(303));
    const next = await staff.get(nextPath).then(expectStatus(200));
    expect(next.text).toContain('Videreført fra 2017');
  });

  it('is refused beyond the plan’s last year', async () => {
    const plan = await aPlan(ctx.db.prisma, { firstYear: 2017, lastYear: 2018 });
    await anAction(ctx.db.prisma, plan.id, { year: 2018 });
    await aReview(ctx.db.prisma, plan.id, 2018);
    const path = reviewPage(plan.id, 2018);
    const page = await staff.get(path).then(expectStatus(200));
    expect(page.text).toContain('planens sidste år');
    await staff
      .post(`${path}/videref`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .then(expectStatus(422));
    expect(await ctx.db.prisma.planAction.count({ where: { planId: plan.id, year: 2019 } })).toBe(0);
    expect(await auditOf(plan.id, 'plan.actions-carried-over')).toHaveLength(0);
  });
});
