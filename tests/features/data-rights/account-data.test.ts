// An account holder's own data: the download (no secrets), deleting the account with
// the current password (refused for an association's last member, and for staff and
// admins, whom an admin deactivates),
// which ends every session of the user at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn, type Agent } from '../../helpers/http.js';
import { aUser, anAssociation, TEST_PASSWORD } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function deleteAccount(agent: Agent, password: string) {
  const page = await agent.get('/min-side/slet-konto').expect(200);
  return agent
    .post('/min-side/slet-konto')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), currentPassword: password });
}

describe("the account's own data", () => {
  it('links both from Min side', async () => {
    const user = await aUser(ctx.db.prisma);
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const page = await agent.get('/min-side').expect(200);
    expect(page.text).toContain('href="/min-side/data.json"');
    expect(page.text).toContain('href="/min-side/slet-konto"');
  });

  it('has the breadcrumbs of the other Min side pages: Forside, then Min side (#10: every trail starts at the front page)', async () => {
    const user = await aUser(ctx.db.prisma);
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const crumbs = (html: string) => {
      const start = html.indexOf('<nav class="breadcrumbs"');
      return html.slice(start, html.indexOf('</nav>', start));
    };
    const page = crumbs((await agent.get('/min-side/slet-konto').expect(200)).text);
    const sibling = crumbs((await agent.get('/min-side/tofaktor').expect(200)).text);
    expect(page).toContain('<a class="breadcrumbs__link" href="/min-side">Min side</a>');
    expect(sibling).toContain('href="/min-side"');
    for (const trail of [page, sibling]) {
      expect(trail).toContain('href="/">Forside</a>');
      expect(trail.indexOf('href="/">Forside</a>')).toBeLessThan(trail.indexOf('href="/min-side"'));
    }
  });

  it('downloads the account, its memberships and its own actions, without secrets', async () => {
    const association = await anAssociation(ctx.db.prisma, { name: 'Download Forening' });
    const user = await aUser(ctx.db.prisma, { associationId: association.id, name: 'Dorte Download' });
    await ctx.db.prisma.user.update({ where: { id: user.id }, data: { totpSecret: 'encrypted-secret-value', totpLastStep: 123 } });
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    // The login's security event is written after the response (not awaited): wait for it.
    await expect
      .poll(() => ctx.db.prisma.auditLog.count({ where: { actorUserId: user.id, action: 'auth.login.succeeded' } }))
      .toBeGreaterThan(0);
    const response = await agent.get('/min-side/data.json').expect(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="min-konto.json"');
    expect(response.headers['cache-control']).toBe('no-store');
    const data = JSON.parse(response.text) as {
      account: Record<string, unknown>;
      memberships: { association: string }[];
      activity: { action: string }[];
    };
    expect(data.account).toMatchObject({ id: user.id, email: user.email, name: 'Dorte Download', role: 'ASSOCIATION_MEMBER' });
    expect(data.memberships).toEqual([expect.objectContaining({ associationId: association.id, association: 'Download Forening' })]);
    expect(data.activity.some((row) => row.action.startsWith('auth.login'))).toBe(true);
    for (const secret of ['passwordHash', 'totpSecret', 'totpLastStep', user.passwordHash, 'encrypted-secret-value'])
      expect(response.text).not.toContain(secret);
  });
});

describe('deleting the account', () => {
  it('explains, needs the current password, then deletes the user, ends every session and keeps the audit rows without the person', async () => {
    const association = await anAssociation(ctx.db.prisma);
    await aUser(ctx.db.prisma, { associationId: association.id });
    const user = await aUser(ctx.db.prisma, { associationId: association.id, name: 'Slette Sørensen' });
    const elsewhere = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);

    const page = await agent.get('/min-side/slet-konto').expect(200);
    expect(page.text).toContain('Det sletter vi');
    expect(page.text).toContain('Loggen over ændringer i portalen – uden forbindelse til dig');

    const wrong = await deleteAccount(agent, 'forkert adgangskode');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Adgangskoden er forkert');
    expect(wrong.text).not.toContain('forkert adgangskode"');
    const empty = await deleteAccount(agent, '');
    expect(empty.status).toBe(422);
    expect(await ctx.db.prisma.user.count({ where: { id: user.id } })).toBe(1);

    const done = await deleteAccount(agent, TEST_PASSWORD);
    expect(done.status).toBe(200);
    expect(done.text).toContain('Din konto er slettet');
    expect(done.text).not.toContain('Slette Sørensen');
    expect(await ctx.db.prisma.user.count({ where: { id: user.id } })).toBe(0);
    expect(await ctx.db.prisma.associationMember.count({ where: { userId: user.id } })).toBe(0);
    expect(
      await ctx.db.prisma.$queryRaw<unknown[]>`SELECT sid FROM "session" WHERE sess->'passport'->>'user' = ${String(user.id)}`,
    ).toEqual([]);

    // The other open session is out at once, and this one too.
    const other = await elsewhere.get('/min-side');
    expect([other.status, other.headers.location]).toEqual([303, '/log-ind']);
    const same = await agent.get('/min-side');
    expect([same.status, same.headers.location]).toEqual([303, '/log-ind']);

    // Its earlier actions stay in the trail, no longer linked to the person.
    expect(await ctx.db.prisma.auditLog.count({ where: { actorUserId: user.id } })).toBe(0);
    const deleted = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'account.deleted', targetId: String(user.id) } });
    expect(deleted.actorUserId).toBeNull();
    expect(deleted.details).toMatchObject({ role: 'ASSOCIATION_MEMBER', memberships: 1 });
    expect(JSON.stringify(deleted.details)).not.toContain(user.email);
  });

  it("is refused for an association's last member, with the way to hand over", async () => {
    const association = await anAssociation(ctx.db.prisma, { name: 'Eneste Medlem Forening' });
    const user = await aUser(ctx.db.prisma, { associationId: association.id });
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const page = await agent.get('/min-side/slet-konto').expect(200);
    expect(page.text).toContain('Giv foreningen videre først');
    expect(page.text).toContain(`href="/min-forening/${association.id}/medlemmer"`);
    expect(page.text).not.toContain('name="currentPassword"');
    // A post anyway (an old tab) is refused too.
    const response = await agent
      .post('/min-side/slet-konto')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), currentPassword: TEST_PASSWORD });
    expect(response.status).toBe(409);
    expect(response.text).toContain('Eneste Medlem Forening');
    expect(await ctx.db.prisma.user.count({ where: { id: user.id } })).toBe(1);
  });

  it('is refused for staff and admins: the page explains, no form, and a post is refused in the service', async () => {
    for (const role of ['STAFF', 'ADMIN'] as const) {
      const user = await aUser(ctx.db.prisma, { role });
      await aUser(ctx.db.prisma, { role: 'ADMIN' });
      const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
      const page = await agent.get('/min-side/slet-konto').expect(200);
      expect(page.text).toContain('Medarbejdere sletter ikke selv deres konto');
      expect(page.text).not.toContain('name="currentPassword"');
      expect(page.text).not.toContain('action="/min-side/slet-konto"');
      // The member-only lists (memberships, the association's openings) are not shown.
      expect(page.text).not.toContain('Dit medlemskab af foreninger');
      expect(page.text).not.toContain('Foreningens opgaver');
      const refused = await agent
        .post('/min-side/slet-konto')
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), currentPassword: TEST_PASSWORD });
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('Medarbejdere sletter ikke selv deres konto');
      expect(await ctx.db.prisma.user.count({ where: { id: user.id } })).toBe(1);
      expect(await ctx.db.prisma.auditLog.count({ where: { action: 'account.deleted', targetId: String(user.id) } })).toBe(0);
      await agent.get('/min-side').expect(200);
    }
  });

  it('shows the membership lists to association members', async () => {
    const association = await anAssociation(ctx.db.prisma);
    await aUser(ctx.db.prisma, { associationId: association.id });
    const member = await aUser(ctx.db.prisma, { associationId: association.id });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const page = await agent.get('/min-side/slet-konto').expect(200);
    expect(page.text).toContain('Dit medlemskab af foreninger');
    expect(page.text).toContain('Foreningens opgaver');
    expect(page.text).toContain('name="currentPassword"');
  });

  it('sends anonymous readers to log in', async () => {
    const response = await supertest(ctx.app).get('/min-side/slet-konto');
    expect([response.status, response.headers.location]).toEqual([303, '/log-ind']);
  });
});
