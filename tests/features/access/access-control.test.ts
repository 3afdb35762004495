import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../../helpers/http.js';
import { loginCode } from '../../helpers/two-factor.js';
import { aUser, anAssociation, TEST_PASSWORD } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('role-based access to the staff page', () => {
  it('sends anonymous readers to log in, remembering where they were going', async () => {
    const agent = supertest.agent(ctx.app);
    await agent.get('/medarbejder').expect(303).expect('location', '/log-ind');
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const page = await agent.get('/log-ind');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    await agent
      .post('/log-ind')
      .type('form')
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD })
      .expect(303)
      .expect('location', '/log-ind/kode');
    const codePage = await agent.get('/log-ind/kode').expect(200);
    await agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(codePage.text), code: await loginCode(ctx.app, user.email) })
      .expect(303)
      .expect('location', '/medarbejder');
  });

  it('denies association members with the 403 page, and audits the refusal', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const member = await aUser(ctx.db.prisma, { role: 'ASSOCIATION_MEMBER', associationId: association.id });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const response = await agent.get('/medarbejder').expect(403);
    expect(response.text).toContain('Du har ikke adgang til siden');
    const denied = await ctx.db.prisma.auditLog.findMany({ where: { action: 'access.denied', actorUserId: member.id } });
    expect(denied).toHaveLength(1);
    expect(denied[0]?.details).toMatchObject({ path: '/medarbejder' });
  });

  it('lets staff and admins in', async () => {
    for (const role of ['STAFF', 'ADMIN'] as const) {
      const user = await aUser(ctx.db.prisma, { role });
      const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
      const response = await agent.get('/medarbejder').expect(200);
      expect(response.text).toContain('Medarbejderforside');
    }
  });

  it('lets a member see their own page with their association, and no one else anonymously', async () => {
    const association = await anAssociation(ctx.db.prisma, { name: 'Min Egen Forening' });
    const member = await aUser(ctx.db.prisma, { associationId: association.id });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const page = await agent.get('/min-side').expect(200);
    expect(page.text).toContain('Min Egen Forening');
    await supertest(ctx.app).get('/min-side').expect(303);
  });
});
