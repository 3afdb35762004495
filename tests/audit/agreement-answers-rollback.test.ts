// A partner's answer writes its audit rows in the answer's own transaction, with the
// acceptance, the used-up link and the queued e-mail: when the audit row cannot be
// written, answering in the association's area or through an external partner's link
// answers with the error page and changes nothing (no answer, no acceptance, the link
// still unused, no e-mail queued).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../helpers/http.js';
import { aSentAgreement, aUser, anAnswerLink, anAssociation, TEST_PASSWORD } from '../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../helpers/audit.js';

let ctx: TestContext;
let staffId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  staffId = (await aUser(ctx.db.prisma, { role: 'STAFF' })).id;
  await failAuditWrites(ctx.db.prisma);
});
afterAll(async () => {
  await allowAuditWrites(ctx.db.prisma);
  await ctx.close();
});

async function queuedJobs(): Promise<number> {
  const [row] = await ctx.db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs`;
  return row?.n ?? 0;
}

describe('with audit writes failing', () => {
  it('stores no answer and no acceptance when the last member accepts in the area', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const member = await aUser(ctx.db.prisma, { associationId: association.id });
    const { agreement, version } = await aSentAgreement(ctx.db.prisma, { associationIds: [association.id], createdById: staffId });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const path = `/min-forening/${association.id}/samarbejdsaftaler/${agreement.id}`;
    const page = await agent.get(path).expect(200);
    const response = await agent
      .post(`${path}/svar`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), versionNumber: '1', answer: 'ACCEPTED' });
    expect(response.status).toBe(500);
    expect(await ctx.db.prisma.agreementResponse.count({ where: { versionId: version.id } })).toBe(0);
    expect(await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).toMatchObject({
      status: 'SENT',
      acceptedVersion: null,
      version: 1,
    });
    expect((await ctx.db.prisma.agreementVersion.findUniqueOrThrow({ where: { id: version.id } })).acceptedAt).toBeNull();
    expect(await queuedJobs()).toBe(0);
  });

  it('stores no answer and leaves the link unused when an external partner answers', async () => {
    const { agreement, version } = await aSentAgreement(ctx.db.prisma, {
      externals: [{ name: 'Aftenskolen Rulletilbage', contactEmail: 'rul@example.org' }],
      createdById: staffId,
    });
    const party = agreement.parties.find((p) => p.kind === 'EXTERNAL')!;
    const token = await anAnswerLink(ctx.db.prisma, { partyId: party.id, versionId: version.id });
    const agent = supertest.agent(ctx.app);
    const page = await agent.get(`/samarbejdsaftale/svar/${token}`).expect(200);
    const response = await agent
      .post(`/samarbejdsaftale/svar/${token}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), versionNumber: '1', answer: 'ACCEPTED' });
    expect(response.status).toBe(500);
    expect(await ctx.db.prisma.agreementResponse.count({ where: { versionId: version.id } })).toBe(0);
    expect((await ctx.db.prisma.agreementPartyLink.findFirstOrThrow({ where: { partyId: party.id } })).usedAt).toBeNull();
    expect((await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).status).toBe('SENT');
    expect(await queuedJobs()).toBe(0);
  });

  it('left no audit row of an answer', async () => {
    expect(await ctx.db.prisma.auditLog.count({ where: { targetType: 'agreement' } })).toBe(0);
  });
});
