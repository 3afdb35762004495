// Changes to interests write their audit row in the change's own transaction, and a
// new interest queues its e-mails there too: when the audit row cannot be written,
// showing interest, changing an interest's status and withdrawing an interest answer
// with the error page, change nothing and queue no e-mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../helpers/http.js';
import { showInterest } from '../helpers/forms.js';
import { aUser, anAssociation, TEST_PASSWORD, anInterest, anOpening } from '../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../helpers/audit.js';

let ctx: TestContext;
let associationId: number;
let openingId: number;

beforeAll(async () => {
  ctx = await createTestContext({ INTEREST_RATE_LIMIT: '1000' });
  const association = await anAssociation(ctx.db.prisma);
  associationId = association.id;
  openingId = (await anOpening(ctx.db.prisma, associationId, { detailed: true })).id;
  // Someone to notify, had the interest been stored.
  await aUser(ctx.db.prisma, { associationId });
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
  it('stores no interest and queues no e-mail when a citizen shows interest', async () => {
    const { response } = await showInterest(ctx.app, openingId);
    expect(response.status).toBe(500);
    expect(await ctx.db.prisma.interest.count({ where: { openingId } })).toBe(0);
    expect(await queuedJobs()).toBe(0);
    expect(await ctx.readMail()).toEqual([]);
  });

  it('keeps an interest’s status when the association changes it', async () => {
    const { interest } = await anInterest(ctx.db.prisma, openingId);
    const member = await aUser(ctx.db.prisma, { associationId });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const list = await agent.get(`/min-forening/${associationId}/interesserede`).expect(200);
    const response = await agent
      .post(`/min-forening/${associationId}/interesserede/${interest.id}/status`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(list.text), status: 'CONTACTED' });
    expect(response.status).toBe(500);
    const row = await ctx.db.prisma.interest.findUniqueOrThrow({ where: { id: interest.id } });
    expect(row.status).toBe('NEW');
    expect(row.statusChangedAt).toBeNull();
  });

  it('keeps an interest the citizen tries to withdraw', async () => {
    const { interest, token } = await anInterest(ctx.db.prisma, openingId);
    const agent = supertest.agent(ctx.app);
    const confirm = await agent.get(`/interesse/tilbagetraek/${token}`).expect(200);
    const response = await agent
      .post(`/interesse/tilbagetraek/${token}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(confirm.text) });
    expect(response.status).toBe(500);
    expect(await ctx.db.prisma.interest.count({ where: { id: interest.id } })).toBe(1);
  });

  it('left no audit row of an interest change', async () => {
    expect(await ctx.db.prisma.auditLog.count({ where: { targetType: 'interest' } })).toBe(0);
  });
});
