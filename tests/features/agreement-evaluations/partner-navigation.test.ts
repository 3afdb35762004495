// How an association finds its evaluation without the e-mail: the agreement's page in
// its area links to the evaluation when one is open ("give your answer") or decided
// ("closed"), and the evaluation page has the area's breadcrumbs and a link back to the
// agreement. The external partner's link page has neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn, type Agent } from '../../helpers/http.js';
import { acceptAll, anAgreement, anAssociation, anEvaluation, aUser, sendVersion, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { issuePartyLink } from '../../../src/features/agreements/party-links.js';

let ctx: TestContext;
let member: Agent;
let association: { id: number; name: string };

beforeAll(async () => {
  ctx = await createTestContext();
  association = await anAssociation(ctx.db.prisma, { name: 'Frivilligcenter Navigation' });
  member = await logIn(ctx.app, (await aUser(ctx.db.prisma, { associationId: association.id })).email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

const agreementPage = (id: number) => `/min-forening/${association.id}/samarbejdsaftaler/${id}`;

async function activeAgreement(title: string) {
  const prisma = ctx.db.prisma;
  const agreement = await anAgreement(prisma, {
    title,
    associationIds: [association.id],
    externals: [{ name: 'Aftenskolen Navigation', contactEmail: 'navigation@example.org' }],
    startsOn: '2025-12-01',
    reviewIntervalMonths: 12,
  });
  await sendVersion(prisma, agreement.id);
  await acceptAll(prisma, agreement.id, 'ACTIVE');
  return agreement;
}

describe('the evaluation from the association’s agreement page', () => {
  it('is not linked while no evaluation is open or decided', async () => {
    const agreement = await activeAgreement('Uden evaluering');
    const page = await member.get(agreementPage(agreement.id)).expect(200);
    expect(page.text).not.toContain('/evaluering"');
    expect(page.text).not.toContain('<dt>Evaluering</dt>');
  });

  it('links an open evaluation with its state, and the evaluation page leads back', async () => {
    const agreement = await activeAgreement('Grow Your Life');
    await anEvaluation(ctx.db.prisma, agreement.id, { reviewDate: '2026-12-01', decision: null });
    const page = await member.get(agreementPage(agreement.id)).expect(200);
    expect(page.text).toContain('<dt>Evaluering</dt>');
    expect(page.text).toContain(`<a href="${agreementPage(agreement.id)}/evaluering">Evaluering åben — giv jeres svar</a>`);
    expect(page.text).toContain('evalueringen pr. 1. december 2026');
    const english = await member.get(agreementPage(agreement.id)).set('Cookie', 'lang=en').expect(200);
    expect(english.text).toContain('>Evaluation open — give your answer</a>');

    const evaluation = await member.get(`${agreementPage(agreement.id)}/evaluering`).expect(200);
    const start = evaluation.text.indexOf('<nav class="breadcrumbs"');
    expect(start).toBeGreaterThan(-1);
    const crumbs = evaluation.text.slice(start, evaluation.text.indexOf('</nav>', start));
    expect(crumbs).toContain('<a class="breadcrumbs__link" href="/min-side">Min side</a>');
    expect(crumbs).toContain(`<a class="breadcrumbs__link" href="/min-forening/${association.id}/samarbejdsaftaler">Samarbejdsaftaler</a>`);
    expect(crumbs).toContain(`<a class="breadcrumbs__link" href="${agreementPage(agreement.id)}">Grow Your Life</a>`);
    expect(crumbs).toMatch(/aria-current="page">.*Evaluering<\/li>/s);
    expect(evaluation.text).toContain(`<a href="${agreementPage(agreement.id)}">Tilbage til aftalen</a>`);
    const englishEvaluation = await member
      .get(`${agreementPage(agreement.id)}/evaluering`)
      .set('Cookie', 'lang=en')
      .expect(200);
    expect(englishEvaluation.text).toContain('>Back to the agreement</a>');
  });

  it('links a decided evaluation as closed', async () => {
    const agreement = await activeAgreement('Besluttet');
    await anEvaluation(ctx.db.prisma, agreement.id, { reviewDate: '2026-12-01', decision: 'CONTINUE' });
    const page = await member.get(agreementPage(agreement.id)).expect(200);
    expect(page.text).toContain(`<a href="${agreementPage(agreement.id)}/evaluering">Evaluering afsluttet — se resultatet</a>`);
    expect(page.text).not.toContain('Evaluering åben');
    // An open one wins over an older decided one.
    await anEvaluation(ctx.db.prisma, agreement.id, { reviewDate: '2027-12-01', decision: null });
    expect((await member.get(agreementPage(agreement.id)).expect(200)).text).toContain('Evaluering åben — giv jeres svar');
  });

  it('has no area breadcrumbs or back link on the external partner’s link page', async () => {
    const agreement = await activeAgreement('Via link');
    const evaluation = await anEvaluation(ctx.db.prisma, agreement.id, { reviewDate: '2026-12-01', decision: null });
    const external = agreement.parties.find((p) => p.kind === 'EXTERNAL')!;
    const token = await ctx.db.prisma.$transaction((tx) =>
      issuePartyLink(tx, { partyId: external.id, purpose: 'EVALUATE', evaluationId: evaluation.id, now: ctx.clock.now() }),
    );
    const page = await supertest(ctx.app).get(`/samarbejdsaftale/evaluering/${token}`).expect(200);
    expect(page.text).not.toContain('<nav class="breadcrumbs"');
    expect(page.text).not.toContain('Tilbage til aftalen');
    expect(page.text).not.toContain('/min-forening/');
  });
});
