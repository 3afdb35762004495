// The yearly status review writes its audit rows in the change's own transaction: when
// the audit row cannot be written, starting a review, an entry, a state move, an
// amendment, a carry-over and an association's own status answer with the error page
// and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { type Agent, csrfTokenFrom, logIn } from '../helpers/http.js';
import { aPlan, anAction, anAssociation, aReview, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../helpers/audit.js';

let ctx: TestContext;
let staff: Agent;
let member: Agent;
let associationId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  staff = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  associationId = (await anAssociation(prisma)).id;
  member = await logIn(ctx.app, (await aUser(prisma, { associationId })).email, TEST_PASSWORD);
  await failAuditWrites(prisma);
});
afterAll(async () => {
  await allowAuditWrites(ctx.db.prisma);
  await ctx.close();
});

const reviewPage = (planId: number, year: number) => `/medarbejder/handleplaner/${planId}/status/${year}`;

async function post(agent: Agent, pagePath: string, action: string, fields: Record<string, string>) {
  const page = await agent.get(pagePath).expect(200);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...fields });
}

describe('with audit writes failing', () => {
  it('starts no review', async () => {
    const plan = await aPlan(ctx.db.prisma);
    await anAction(ctx.db.prisma, plan.id, { year: 2017 });
    const path = reviewPage(plan.id, 2017);
    expect((await post(staff, path, `${path}/start`, {})).status).toBe(500);
    expect(await ctx.db.prisma.planReview.count({ where: { planId: plan.id } })).toBe(0);
  });

  it('keeps entries, state and amendments as they were, and carries nothing over', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const action = await anAction(prisma, plan.id, { year: 2017 });
    const review = await aReview(prisma, plan.id, 2017);
    const path = reviewPage(plan.id, 2017);

    expect((await post(staff, path, `${path}/handlinger/${action.id}`, { version: '1', status: 'DONE' })).status).toBe(500);
    expect((await post(staff, path, `${path}/samlet-status`, { actionIds: String(action.id), bulkStatus: 'DONE' })).status).toBe(500);
    expect(
      (await prisma.planReviewEntry.findUniqueOrThrow({ where: { reviewId_actionId: { reviewId: review.id, actionId: action.id } } }))
        .status,
    ).toBe('NOT_STARTED');
    // Carry-over is from a finalised review only.
    const carryPlan = await aPlan(prisma);
    await anAction(prisma, carryPlan.id, { year: 2017 });
    await aReview(prisma, carryPlan.id, 2017, { state: 'FINALISED' });
    const carryPath = reviewPage(carryPlan.id, 2017);
    expect((await post(staff, carryPath, `${carryPath}/videref`, {})).status).toBe(500);
    expect(await prisma.planAction.count({ where: { planId: carryPlan.id, year: 2018 } })).toBe(0);
    expect((await post(staff, path, `${path}/tilstand`, { version: '1', to: 'IN_COMMITTEE' })).status).toBe(500);
    expect((await prisma.planReview.findUniqueOrThrow({ where: { id: review.id } })).state).toBe('DRAFT');

    const finalPlan = await aPlan(prisma);
    const finalAction = await anAction(prisma, finalPlan.id, { year: 2017 });
    await aReview(prisma, finalPlan.id, 2017, { state: 'FINALISED' });
    const finalPath = reviewPage(finalPlan.id, 2017);
    const amend = await post(staff, finalPath, `${finalPath}/handlinger/${finalAction.id}/ret`, {
      version: '1',
      field: 'status',
      newStatus: 'DONE',
      reason: 'Fejl',
    });
    expect(amend.status).toBe(500);
    expect(await prisma.reviewAmendment.count()).toBe(0);
    expect((await prisma.planReviewEntry.findFirstOrThrow({ where: { actionId: finalAction.id } })).status).toBe('NOT_STARTED');
  });

  it('stores no association status', async () => {
    const plan = await aPlan(ctx.db.prisma);
    const action = await anAction(ctx.db.prisma, plan.id, { year: 2017, associationIds: [associationId] });
    await aReview(ctx.db.prisma, plan.id, 2017);
    const area = `/min-forening/${associationId}/handleplaner`;
    expect((await post(member, area, `${area}/${action.id}`, { version: '', status: 'DONE' })).status).toBe(500);
    expect(await ctx.db.prisma.planReviewPartnerEntry.count({ where: { actionId: action.id } })).toBe(0);
  });
});
