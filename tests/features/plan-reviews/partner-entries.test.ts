// An association's own status of the plan actions it is responsible for, from its
// area: only a member of the responsible association may give it (another
// association's action is a 404 in its own area; a non-member is refused by the guard),
// it is optimistically locked, audited, shown to staff next to the municipality's
// status with a visible "afviger" flag where they differ, and read-only once the review
// is finalised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, formFieldsOf, logIn } from '../../helpers/http.js';
import { aPlan, anAction, anAssociation, aReview, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';

let ctx: TestContext;
let staff: Agent;
let member: Agent;
let memberId: number;
let outsider: Agent;
let besoegsven: { id: number; name: string };
let other: { id: number; name: string };

const areaPage = (associationId: number) => `/min-forening/${associationId}/handleplaner`;
const reviewPage = (planId: number, year: number) => `/medarbejder/handleplaner/${planId}/status/${year}`;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  staff = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  besoegsven = await anAssociation(prisma, { name: 'Besøgsvennerne' });
  other = await anAssociation(prisma, { name: 'Anden Forening' });
  const memberUser = await aUser(prisma, { associationId: besoegsven.id, name: 'Mona Medlem' });
  memberId = memberUser.id;
  member = await logIn(ctx.app, memberUser.email, TEST_PASSWORD);
  outsider = await logIn(ctx.app, (await aUser(prisma, { associationId: other.id })).email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

async function postOn(agent: Agent, path: string, action: string, fields: Record<string, string>) {
  const page = await agent.get(path).then(expectStatus(200));
  const own = formFieldsOf(page.text, action);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...(own.version !== undefined ? { version: own.version } : {}), ...fields });
}

async function planWithAction(state: 'DRAFT' | 'IN_COMMITTEE' | 'FINALISED' = 'DRAFT', title = 'Besøgsven til ensomme') {
  const plan = await aPlan(ctx.db.prisma, { title: `Plan for ${title}` });
  const action = await anAction(ctx.db.prisma, plan.id, { year: 2017, title, associationIds: [besoegsven.id] });
  const review = await aReview(ctx.db.prisma, plan.id, 2017, { state, statuses: { [action.id]: 'IN_PROGRESS' } });
  return { plan, action, review };
}

describe('the association’s page', () => {
  it('lists its actions in reviews, saves its status and comment (audited), and staff see it with the differ flag', async () => {
    const { plan, action, review } = await planWithAction('DRAFT', 'Besøgsven til ensomme');
    // An action of the association without a review yet is not listed; nor another association's action.
    await anAction(ctx.db.prisma, plan.id, { year: 2018, title: 'Uden status endnu', associationIds: [besoegsven.id] });
    const foreign = await anAction(ctx.db.prisma, plan.id, { year: 2017, title: 'Andres handling', associationIds: [other.id] });

    const page = await member.get(areaPage(besoegsven.id)).then(expectStatus(200));
    expect(page.text).toContain('Besøgsven til ensomme');
    expect(page.text).not.toContain('Uden status endnu');
    expect(page.text).not.toContain('Andres handling');
    // The association is told its answer becomes public with the finalised review.
    expect(page.text).toContain('vises også på planens offentlige side, når årets status er godkendt');

    const action1 = `${areaPage(besoegsven.id)}/${action.id}`;
    await postOn(member, areaPage(besoegsven.id), action1, { status: 'DONE', comment: 'Vi nåede det hele.' }).then(expectStatus(303));
    const entry = await ctx.db.prisma.planReviewPartnerEntry.findFirstOrThrow({ where: { reviewId: review.id, actionId: action.id } });
    expect(entry).toMatchObject({
      associationId: besoegsven.id,
      status: 'DONE',
      comment: 'Vi nåede det hele.',
      answeredById: memberId,
      version: 1,
    });
    const [audit] = await ctx.db.prisma.auditLog.findMany({ where: { action: 'plan.review-partner-entry', targetId: String(plan.id) } });
    expect(audit).toMatchObject({ targetType: 'action-plan', actorUserId: memberId });
    expect(audit?.details).toMatchObject({
      actionId: action.id,
      associationId: besoegsven.id,
      after: { status: 'DONE', comment: '(changed)' },
    });

    // Staff: IN_PROGRESS vs the association's DONE → flagged in text with an icon.
    const staffView = await staff.get(reviewPage(plan.id, 2017)).then(expectStatus(200));
    expect(staffView.text).toContain('Vi nåede det hele.');
    expect(staffView.text).toContain('Afviger (kommunen: I gang)');
    expect(staffView.text).toMatch(/<svg[^>]*aria-hidden="true"><use href="[^"]*#error"><\/use><\/svg> Afviger/);
    // At 375 px a wide table hid the comment (#10): each association is a stacked list item
    // with its name, status, flag and comment; the overview has the flag as its own column.
    const partners = staffView.text.slice(staffView.text.indexOf('plan-review-partners'));
    const item = partners.slice(0, partners.indexOf('</ul>'));
    expect(item).toContain('<strong>Besøgsvennerne</strong>');
    expect(item).toContain('Gennemført');
    expect(item).toContain('Afviger (kommunen: I gang)');
    expect(item).toContain('Vi nåede det hele.');
    expect(staffView.text).not.toMatch(/<table[^>]*>\s*<caption[^>]*>[^<]*Kommunens og foreningernes status for/);
    expect(staffView.text).toMatch(/<th scope="col">Kommunen<\/th>\s*<th scope="col">Forskel<\/th>/);

    // Updating: the second save carries version 1; then staff agree, and the flag goes.
    await postOn(member, areaPage(besoegsven.id), action1, { status: 'IN_PROGRESS', comment: '' }).then(expectStatus(303));
    expect((await ctx.db.prisma.planReviewPartnerEntry.findFirstOrThrow({ where: { id: entry.id } })).version).toBe(2);
    const agreed = await staff.get(reviewPage(plan.id, 2017)).then(expectStatus(200));
    expect(agreed.text).not.toContain('Afviger');

    // Another association's action, in this association's area: 404.
    await postOn(member, areaPage(besoegsven.id), `${areaPage(besoegsven.id)}/${foreign.id}`, { status: 'DONE' }).then(expectStatus(404));
  });

  it('answers 409 with the input kept when the entry changed since the page was loaded, and 422 without a status', async () => {
    const { action } = await planWithAction('IN_COMMITTEE', 'Lektiecafé');
    const path = areaPage(besoegsven.id);
    const actionPath = `${path}/${action.id}`;
    const page = await member.get(path).then(expectStatus(200));
    await postOn(member, path, actionPath, { status: 'DONE' }).then(expectStatus(303));
    // The old page had no entry (blank version): someone answered in between.
    const stale = await member
      .post(actionPath)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), version: '', status: 'DROPPED', comment: 'Min kommentar' })
      .then(expectStatus(409));
    expect(stale.text).toContain('Min kommentar');
    const missing = await postOn(member, path, actionPath, { comment: 'Ingen status' }).then(expectStatus(422));
    expect(missing.text).toContain('Vælg en status');
  });

  it('refuses another association’s member (403 by the guard) and shows a finalised review read-only', async () => {
    const { action } = await planWithAction('FINALISED', 'Frivilligjob');
    const path = areaPage(besoegsven.id);
    await outsider.get(path).expect(403);
    const outsiderPage = await outsider.get(areaPage(other.id)).then(expectStatus(200));
    await outsider
      .post(`${path}/${action.id}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(outsiderPage.text), status: 'DONE' })
      .expect(403);
    await outsider
      .post(`${areaPage(other.id)}/${action.id}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(outsiderPage.text), status: 'DONE' })
      .expect(404);

    const page = await member.get(path).then(expectStatus(200));
    expect(page.text).toContain('Frivilligjob');
    expect(page.text).toContain('godkendt endeligt og kan kun læses');
    expect(page.text).not.toContain(`action="${path}/${action.id}"`);
    const refused = await member
      .post(`${path}/${action.id}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), status: 'DONE' })
      .then(expectStatus(409));
    expect(refused.text).toContain('jeres status kan ikke længere ændres');
    expect(await ctx.db.prisma.planReviewPartnerEntry.count({ where: { actionId: action.id } })).toBe(0);
  });

  it('names each action with its year, says in plain words where the status is, and notes a carried action not yet in a review (#11)', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma, { title: 'Plan for fællesskaber' });
    const draft = await anAction(prisma, plan.id, { year: 2017, title: 'Ind i fællesskaber', associationIds: [besoegsven.id] });
    const committee = await anAction(prisma, plan.id, { year: 2018, title: 'Udvalgshandling', associationIds: [besoegsven.id] });
    const finalised = await anAction(prisma, plan.id, { year: 2019, title: 'Godkendt handling', associationIds: [besoegsven.id] });
    await aReview(prisma, plan.id, 2017, { statuses: { [draft.id]: 'IN_PROGRESS' } });
    await aReview(prisma, plan.id, 2018, { state: 'IN_COMMITTEE', statuses: { [committee.id]: 'IN_PROGRESS' } });
    await aReview(prisma, plan.id, 2019, { state: 'FINALISED', statuses: { [finalised.id]: 'POSTPONED' } });
    // 2019's action carried into 2020, where no review is started yet.
    const copy = await anAction(prisma, plan.id, { year: 2020, title: 'Godkendt handling', associationIds: [besoegsven.id] });
    await prisma.planAction.update({ where: { id: copy.id }, data: { carriedFromId: finalised.id } });

    const page = await member.get(areaPage(besoegsven.id)).then(expectStatus(200));
    const section = (id: number) => {
      const start = page.text.indexOf(`id="handling-${id}"`);
      return page.text.slice(start, page.text.indexOf('</section>', start));
    };
    expect(section(draft.id)).toContain('<h2 class="h3">Ind i fællesskaber (2017)</h2>');
    expect(section(draft.id)).toContain('Kommunen arbejder på årets status');
    expect(section(committee.id)).toContain('Udvalgshandling (2018)');
    expect(section(committee.id)).toContain('Til behandling i udvalg — I kan stadig rette');
    expect(section(finalised.id)).toContain('Godkendt handling (2019)');
    expect(section(finalised.id)).toContain('>Godkendt</strong>');
    expect(section(finalised.id)).toContain('Videreført til 2020. Vises her, når kommunen starter status for 2020');
    expect(page.text).not.toContain(`id="handling-${copy.id}"`);
    expect(page.text).not.toContain('Tilstand:');

    // Once 2020's status is started, the copy is listed and the note goes.
    await aReview(prisma, plan.id, 2020);
    const later = await member.get(areaPage(besoegsven.id)).then(expectStatus(200));
    expect(later.text).toContain(`id="handling-${copy.id}"`);
    expect(later.text).toContain('Godkendt handling (2020)');
    expect(later.text).not.toContain('Vises her, når kommunen starter status for 2020');
  });

  it('is linked from Min side', async () => {
    const page = await member.get('/min-side').then(expectStatus(200));
    expect(page.text).toContain(`href="${areaPage(besoegsven.id)}"`);
  });
});
