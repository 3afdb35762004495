import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../../helpers/http.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('CSRF protection', () => {
  it('rejects a login post without a token with the 403 page and logs nobody in', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = supertest.agent(ctx.app);
    await agent.get('/log-ind').expect(200);
    const response = await agent.post('/log-ind').type('form').send({ email: user.email, password: TEST_PASSWORD }).expect(403);
    expect(response.text).toContain('Formularen er udløbet');
    await agent.get('/medarbejder').expect(303);
  });

  it('rejects a token from another session', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const attacker = supertest.agent(ctx.app);
    const foreignToken = csrfTokenFrom((await attacker.get('/log-ind')).text);
    const victim = supertest.agent(ctx.app);
    await victim.get('/log-ind').expect(200);
    await victim.post('/log-ind').type('form').send({ _csrf: foreignToken, email: user.email, password: TEST_PASSWORD }).expect(403);
  });

  it('rejects a logout without a token and keeps the session', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    await agent.post('/log-ud').type('form').send({}).expect(403);
    await agent.get('/medarbejder').expect(200);
  });
});
