import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../../helpers/http.js';
import { aUser, anAssociation, TEST_PASSWORD } from '../../helpers/factories/index.js';

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

  it('binds a logged-in token to the session: the token from before the login is refused after it', async () => {
    // A member without a second factor: the password logs in at once.
    const association = await anAssociation(ctx.db.prisma);
    const member = await aUser(ctx.db.prisma, { associationId: association.id });
    const agent = supertest.agent(ctx.app);
    const before = csrfTokenFrom((await agent.get('/log-ind').expect(200)).text);
    await agent.post('/log-ind').type('form').send({ _csrf: before, email: member.email, password: TEST_PASSWORD }).expect(303);
    // A cookie planted before the login (or this one) is no token for the logged-in session.
    await agent.post('/log-ud').type('form').send({ _csrf: before }).expect(403);
    const page = await agent.get('/min-side').expect(200);
    const after = csrfTokenFrom(page.text);
    expect(after).not.toBe(before);
    await agent.post('/log-ud').type('form').send({ _csrf: after }).expect(303);
  });

  it("refuses another logged-in user's token and cookie", async () => {
    const association = await anAssociation(ctx.db.prisma);
    const victim = await logIn(ctx.app, (await aUser(ctx.db.prisma, { associationId: association.id })).email, TEST_PASSWORD);
    const attacker = await logIn(ctx.app, (await aUser(ctx.db.prisma, { associationId: association.id })).email, TEST_PASSWORD);
    const attackerPage = await attacker.get('/min-side').expect(200);
    const attackerToken = csrfTokenFrom(attackerPage.text);
    const attackerCookie = (attackerPage.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('portal.csrf='));
    expect(attackerCookie).toBeDefined();
    await victim.get('/min-side').expect(200);
    // Even with the attacker's cookie planted next to the token, the HMAC names another session.
    await victim.post('/log-ud').set('Cookie', attackerCookie!.split(';')[0]!).type('form').send({ _csrf: attackerToken }).expect(403);
    await victim.get('/min-side').expect(200);
  });

  it('gives a form page one token and the cookie that matches it, and starts no session', async () => {
    const page = await supertest(ctx.app).get('/foreninger/ny').expect(200);
    const tokens = new Set([...page.text.matchAll(/name="_csrf" value="([^"]+)"/g)].map((match) => match[1]));
    expect(tokens.size).toBe(1);
    const cookies = page.headers['set-cookie'] as unknown as string[];
    expect(cookies.filter((c) => c.startsWith('portal.sid='))).toEqual([]);
    const csrfCookies = cookies.filter((c) => c.startsWith('portal.csrf='));
    expect(csrfCookies).toHaveLength(1);
    expect(csrfCookies[0]).toContain(`portal.csrf=${encodeURIComponent([...tokens][0]!)};`);
    expect(csrfCookies[0]).toMatch(/; HttpOnly/);
    expect(csrfCookies[0]).toMatch(/; SameSite=Lax/);
    expect(csrfCookies[0]).not.toMatch(/Domain=/i);
  });
});

describe('CSRF cookie behind TLS', () => {
  let secure: TestContext;
  beforeAll(async () => {
    secure = await createTestContext({ TRUST_PROXY: '1', COOKIE_SECURE: 'true' });
  });
  afterAll(() => secure.close());

  it('is a __Host- cookie: Secure, Path=/, no Domain', async () => {
    const page = await supertest(secure.app).get('/log-ind').set('X-Forwarded-Proto', 'https').expect(200);
    const cookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-portal.csrf='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});
