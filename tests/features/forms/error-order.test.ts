// The error summary lists errors in the order of the fields on the page: the layout
// sorts them by where each summary link's target is in the page (orderErrorsByPage),
// so no form can drift from its schema's key order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn, submissionKeyFrom, type Agent } from '../../helpers/http.js';
import { anAssociation, anOpening, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { orderErrorsByPage } from '../../../src/validation/form.js';

describe('orderErrorsByPage', () => {
  it('sorts by the position of each target on the page; targets not on it first, stable', () => {
    const page = '<input id="a"><input id="b"><input id="c">';
    const errors = [
      { field: 'c', key: 'k.c' },
      { field: 'form', key: 'k.form' },
      { field: 'a', key: 'k.a' },
      { field: 'missing', key: 'k.missing' },
      { field: 'b', key: 'k.b' },
    ];
    expect(orderErrorsByPage(errors, page).map((e) => e.field)).toEqual(['form', 'missing', 'a', 'b', 'c']);
  });

  it('matches whole ids only (a field named "date" is not found in id="date-hint")', () => {
    const page = '<span id="date-hint"></span><input id="title"><input id="date">';
    expect(orderErrorsByPage([{ field: 'date' }, { field: 'title' }], page).map((e) => e.field)).toEqual(['title', 'date']);
  });
});

let ctx: TestContext;
let member: Agent;
let staff: Agent;
let associationId: number;
let openingId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  associationId = (await anAssociation(prisma, { name: 'Rækkefølgeforeningen' })).id;
  openingId = (await anOpening(prisma, associationId)).id;
  member = await logIn(ctx.app, (await aUser(prisma, { associationId })).email, TEST_PASSWORD);
  staff = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

/** The targets of the summary's links, in the order it lists them. */
function summaryTargets(html: string): string[] {
  const summary = /<div class="alert alert-error"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
}

/** A 422 answer whose summary lists its (several) errors in the order their fields come on the page. */
function expectSummaryFollowsPage(response: { status: number; text: string }): string[] {
  expect(response.status).toBe(422);
  const targets = summaryTargets(response.text);
  // An empty form has several errors, or the order would prove nothing.
  expect(targets.length).toBeGreaterThanOrEqual(2);
  const body = response.text.slice(response.text.indexOf('</ul>', response.text.indexOf('alert-error')));
  const positions = targets.map((id) => body.indexOf(`id="${id}"`));
  expect(
    positions.every((at) => at >= 0),
    `every target on the page: ${targets.join(', ')}`,
  ).toBe(true);
  expect(positions, `summary order ${targets.join(', ')}`).toEqual([...positions].sort((a, b) => a - b));
  return targets;
}

/** Posts the form at `path` with nothing filled in (but `extra`) and checks its summary. */
async function expectSummaryInPageOrder(agent: Agent, path: string, extra: Record<string, string> = {}) {
  const page = await agent.get(path).expect(200);
  const response = await agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...extra });
  return expectSummaryFollowsPage(response);
}

describe('the summary of an empty form follows the fields on the page', () => {
  it('association registration', async () => {
    await expectSummaryInPageOrder(supertest.agent(ctx.app), '/foreninger/ny');
  });

  it('login', async () => {
    const targets = await expectSummaryInPageOrder(supertest.agent(ctx.app), '/log-ind');
    expect(targets).toEqual(['email', 'password']);
  });

  it('a volunteering opportunity', async () => {
    const base = `/min-forening/${associationId}/opgaver`;
    await expectSummaryInPageOrder(member, `${base}/ny`, { startsOn: '30-02-2026', handling: 'kladde' });
  });

  it('an activity', async () => {
    await expectSummaryInPageOrder(member, `/min-forening/${associationId}/aktiviteter/ny`);
  });

  it('an event', async () => {
    await expectSummaryInPageOrder(staff, '/medarbejder/arrangementer/ny');
  });

  it('an agreement', async () => {
    await expectSummaryInPageOrder(staff, '/medarbejder/samarbejdsaftaler/ny');
  });

  it('the interest form', async () => {
    const agent = supertest.agent(ctx.app);
    const page = await agent.get(`/opgaver/${openingId}`).expect(200);
    const response = await agent
      .post(`/opgaver/${openingId}/interesse`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), submissionKey: submissionKeyFrom(page.text), email: 'ikke-en-adresse' });
    expectSummaryFollowsPage(response);
  });
});
