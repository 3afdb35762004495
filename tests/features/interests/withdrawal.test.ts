// The citizen's withdrawal link: GET only asks, POST deletes the interest for good;
// unknown and used links get one neutral page. Audited without personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom } from '../../helpers/http.js';
import { showInterest, VALID_INTEREST } from '../../helpers/forms.js';
import { anAssociation, anOpening, anInterest } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ INTEREST_RATE_LIMIT: '1000' });
});
afterAll(() => ctx.close());

async function withdraw(token: string) {
  const agent = supertest.agent(ctx.app);
  // Any page with a form gives the session's CSRF token (an unknown token's page has none).
  const page = await agent.get('/log-ind').expect(200);
  const response = await agent
    .post(`/interesse/tilbagetraek/${token}`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text) });
  return { agent, response };
}

describe('withdrawing an interest', () => {
  it('works with the link from the receipt e-mail: deletes the row, idempotently', async () => {
    const association = await anAssociation(ctx.db.prisma, { name: 'Tilbagetræk' });
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const before = (await ctx.readMail()).length;
    await showInterest(ctx.app, opening.id, { ...VALID_INTEREST, email: 'fortryder@example.org' });
    const mail = (await ctx.readMail()).slice(before).find((m) => m.to === 'fortryder@example.org')!;
    const token = /\/interesse\/tilbagetraek\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const row = await ctx.db.prisma.interest.findFirstOrThrow({ where: { email: 'fortryder@example.org' } });

    // GET changes nothing.
    const agent = supertest.agent(ctx.app);
    const confirm = await agent.get(`/interesse/tilbagetraek/${token}`).expect(200);
    expect(confirm.text).toContain('Vil du trække din interesse tilbage?');
    expect(confirm.text).toContain('Lektiehjælper til unge');
    expect(confirm.headers['referrer-policy']).toBe('no-referrer');
    expect(confirm.headers['cache-control']).toBe('no-store');
    expect(await ctx.db.prisma.interest.count({ where: { id: row.id } })).toBe(1);

    const done = await agent
      .post(`/interesse/tilbagetraek/${token}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(confirm.text) })
      .expect(303);
    expect(done.headers.location).toBe('/interesse/tilbagetrukket');
    const donePage = await agent.get('/interesse/tilbagetrukket').expect(200);
    expect(donePage.text).toContain('Din interesse er trukket tilbage');
    expect(await ctx.db.prisma.interest.count({ where: { id: row.id } })).toBe(0);

    const audit = await ctx.db.prisma.auditLog.findMany({ where: { action: 'interest.withdrawn', targetId: String(row.id) } });
    expect(audit).toHaveLength(1);
    const trail = JSON.stringify(audit.map(({ details, targetId, action }) => ({ details, targetId, action })));
    for (const personal of ['fortryder@example.org', VALID_INTEREST.name, VALID_INTEREST.message, token])
      expect(trail).not.toContain(personal);

    // Again: the neutral page, nothing else happens.
    const again = await agent
      .post(`/interesse/tilbagetraek/${token}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(confirm.text) })
      .expect(200);
    expect(again.text).toContain('Der er ingen interesse at trække tilbage');
    const reopened = await agent.get(`/interesse/tilbagetraek/${token}`).expect(200);
    expect(reopened.text).toContain('Der er ingen interesse at trække tilbage');
  });

  it('gives unknown and malformed tokens the same neutral page', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const { interest } = await anInterest(ctx.db.prisma, opening.id);
    for (const token of ['x'.repeat(43), 'kort', '%3Cscript%3E', 'a'.repeat(200)]) {
      const page = await supertest(ctx.app).get(`/interesse/tilbagetraek/${token}`).expect(200);
      expect(page.text).toContain('Der er ingen interesse at trække tilbage');
    }
    const { response } = await withdraw('y'.repeat(43));
    expect(response.status).toBe(200);
    expect(response.text).toContain('Der er ingen interesse at trække tilbage');
    expect(await ctx.db.prisma.interest.count({ where: { id: interest.id } })).toBe(1);
  });

  it('deletes only the interest the token belongs to', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const mine = await anInterest(ctx.db.prisma, opening.id, { email: 'mig@example.org' });
    const theirs = await anInterest(ctx.db.prisma, opening.id, { email: 'dig@example.org' });
    const { response } = await withdraw(mine.token);
    expect(response.status).toBe(303);
    expect(await ctx.db.prisma.interest.count({ where: { id: mine.interest.id } })).toBe(0);
    expect(await ctx.db.prisma.interest.count({ where: { id: theirs.interest.id } })).toBe(1);
  });

  it('needs the CSRF token to delete', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const { interest, token } = await anInterest(ctx.db.prisma, opening.id);
    await supertest(ctx.app).post(`/interesse/tilbagetraek/${token}`).type('form').send({}).expect(403);
    expect(await ctx.db.prisma.interest.count({ where: { id: interest.id } })).toBe(1);
  });

  it('speaks English', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const { token } = await anInterest(ctx.db.prisma, opening.id);
    const page = await supertest(ctx.app).get(`/interesse/tilbagetraek/${token}`).set('Cookie', 'lang=en').expect(200);
    expect(page.text).toContain('Do you want to withdraw your interest?');
  });
});
