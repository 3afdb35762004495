// The evaluation's changes write their audit rows in the change's own transaction:
// when an audit row cannot be written, opening, answering (also through an external
// partner's link, which then stays unused) and deciding answer with the error page
// and change nothing — no evaluation, no answer, no decision, no renewal, no mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { csrfTokenFrom, formTokens, logIn, type Agent } from '../helpers/http.js';
import {
  acceptAll,
  anAgreement,
  anAssociation,
  anEvaluation,
  anEvaluationAnswer,
  aUser,
  sendVersion,
  TEST_PASSWORD,
} from '../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../helpers/audit.js';
import { DEFAULT_CHECKLIST } from '../../src/features/agreement-template/default-template.js';
import { issuePartyLink } from '../../src/features/agreements/party-links.js';

let ctx: TestContext;
let staff: Agent;
let agreementId: number;
let partyIds: number[];

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  staff = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  const association = await anAssociation(prisma);
  const agreement = await anAgreement(prisma, {
    associationIds: [association.id],
    externals: [{ name: 'Aftenskolen', contactEmail: 'aftenskolen@example.org' }],
    startsOn: '2025-12-01',
    reviewIntervalMonths: 12,
  });
  agreementId = agreement.id;
  partyIds = agreement.parties.map((p) => p.id);
  await sendVersion(prisma, agreement.id);
  await acceptAll(prisma, agreement.id);
  await failAuditWrites(prisma);
});
afterAll(async () => {
  await allowAuditWrites(ctx.db.prisma);
  await ctx.close();
});

const page = () => `/medarbejder/samarbejdsaftaler/${agreementId}/evaluering`;
const answerForm = () => Object.fromEntries(DEFAULT_CHECKLIST.map((item) => [`item-${item.key}-rating`, '3'] as const));

async function post(action: string, fields: Record<string, string>) {
  const html = (await staff.get(page()).expect(200)).text;
  return staff
    .post(action)
    .type('form')
    .send({ _csrf: csrfTokenFrom(html), ...fields });
}

describe('with audit writes failing', () => {
  it('opens no evaluation and sends no mail', async () => {
    const before = (await ctx.readMail()).length;
    expect((await post(`${page()}/aabn`, {})).status).toBe(500);
    expect(await ctx.db.prisma.agreementEvaluation.count({ where: { agreementId } })).toBe(0);
    expect(await ctx.db.prisma.agreementPartyLink.count({ where: { partyId: { in: partyIds } } })).toBe(0);
    expect((await ctx.readMail()).length).toBe(before);
  });

  it('saves no answer, and an external link stays unused', async () => {
    const evaluation = await anEvaluation(ctx.db.prisma, agreementId);
    const html = (await staff.get(page()).expect(200)).text;
    const response = await staff
      .post(`${page()}/svar`)
      .type('form')
      .send({ ...formTokens(html), evaluationId: String(evaluation.id), ...answerForm() });
    expect(response.status).toBe(500);

    const token = await ctx.db.prisma.$transaction((tx) =>
      issuePartyLink(tx, { partyId: partyIds[2]!, purpose: 'EVALUATE', evaluationId: evaluation.id, now: ctx.clock.now() }),
    );
    const anonymous = supertest.agent(ctx.app);
    const linkPage = await anonymous.get(`/samarbejdsaftale/evaluering/${token}`).expect(200);
    const viaLink = await anonymous
      .post(`/samarbejdsaftale/evaluering/${token}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(linkPage.text), ...answerForm() });
    expect(viaLink.status).toBe(500);
    expect(await ctx.db.prisma.agreementEvaluationAnswer.count({ where: { evaluationId: evaluation.id } })).toBe(0);
    expect((await ctx.db.prisma.agreementPartyLink.findFirstOrThrow({ where: { evaluationId: evaluation.id } })).usedAt).toBeNull();
  });

  it('decides nothing: no decision, no notice, no renewal', async () => {
    const evaluation = await ctx.db.prisma.agreementEvaluation.findFirstOrThrow({ where: { agreementId } });
    await anEvaluationAnswer(ctx.db.prisma, evaluation.id, partyIds[0]!);
    const before = await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreementId } });
    const agreements = await ctx.db.prisma.agreement.count();
    for (const decision of ['CONTINUE', 'RENEW', 'END']) {
      const response = await post(`${page()}/beslutning`, { evaluationId: String(evaluation.id), evaluationVersion: '1', decision });
      expect(response.status).toBe(500);
    }
    expect((await ctx.db.prisma.agreementEvaluation.findUniqueOrThrow({ where: { id: evaluation.id } })).decision).toBeNull();
    expect(await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreementId } })).toEqual(before);
    expect(await ctx.db.prisma.agreement.count()).toBe(agreements);
  });
});
