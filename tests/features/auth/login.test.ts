import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../../helpers/http.js';
import { loginCode } from '../../helpers/two-factor.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { SESSION_COOKIE } from '../../../src/middleware/session.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ LOGIN_RATE_LIMIT: '3' });
});
afterAll(() => ctx.close());

function sessionCookie(setCookie: string[] | string | undefined): string | undefined {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
}

async function loginPage(agent: ReturnType<typeof supertest.agent>) {
  const page = await agent.get('/log-ind').expect(200);
  return { token: csrfTokenFrom(page.text), cookie: sessionCookie(page.headers['set-cookie']) };
}

describe('login', () => {
  let email: string;
  beforeEach(async () => {
    email = (await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Stine Medarbejder' })).email;
  });

  it('logs in with the right password and code, each step with a new session id, and lands on the staff page', async () => {
    const agent = supertest.agent(ctx.app);
    const { token, cookie: before } = await loginPage(agent);
    const passwordStep = await agent
      .post('/log-ind')
      .type('form')
      .send({ _csrf: token, email: email.toUpperCase(), password: TEST_PASSWORD })
      .expect(303);
    expect(passwordStep.headers.location).toBe('/log-ind/kode');
    const pending = sessionCookie(passwordStep.headers['set-cookie']);
    expect(pending).toBeDefined();
    expect(pending).not.toBe(before);
    const codePage = await agent.get('/log-ind/kode').expect(200);
    const response = await agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(codePage.text), code: await loginCode(ctx.app, email) })
      .expect(303);
    expect(response.headers.location).toBe('/medarbejder');
    const after = sessionCookie(response.headers['set-cookie']);
    expect(after).toBeDefined();
    expect(after).not.toBe(pending);
    const cookieHeader = String(response.headers['set-cookie']);
    expect(cookieHeader).toMatch(/HttpOnly/i);
    expect(cookieHeader).toMatch(/SameSite=Lax/i);
    expect(cookieHeader).not.toMatch(/Domain=/i);

    const staffPage = await agent.get('/medarbejder').expect(200);
    expect(staffPage.text).toContain('Stine Medarbejder');
    expect(staffPage.headers['cache-control']).toBe('no-store');
    const user = await ctx.db.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.lastLoginAt).not.toBeNull();
    // The security event is written after the response (not awaited).
    await expect.poll(() => ctx.db.prisma.auditLog.count({ where: { action: 'auth.login.succeeded', actorUserId: user.id } })).toBe(1);
  });

  it('refuses a wrong password with a message at the field, keeping the e-mail but not the password', async () => {
    const agent = supertest.agent(ctx.app);
    const { token } = await loginPage(agent);
    const response = await agent
      .post('/log-ind')
      .type('form')
      .send({ _csrf: token, email, password: 'forkert-adgangskode-123' })
      .expect(401);
    expect(response.text).toContain('E-mail eller adgangskode er forkert');
    expect(response.text).toContain('data-module="error-summary"');
    expect(response.text).toContain('href="#email"');
    expect(response.text).toContain(`value="${email}"`);
    expect(response.text).not.toContain('forkert-adgangskode-123');
    expect(response.text).toMatch(/<title>Fejl: /);
    await agent.get('/medarbejder').expect(303);
    // Recorded as a security event with the request's id only: not the e-mail typed in.
    await expect.poll(() => ctx.db.prisma.auditLog.count({ where: { action: 'auth.login.failed' } })).toBeGreaterThan(0);
    const row = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'auth.login.failed' }, orderBy: { id: 'desc' } });
    expect(JSON.stringify({ ...row, id: String(row.id) })).not.toContain(email);
  });

  it('gives the same answer for an unknown e-mail as for a wrong password', async () => {
    const agent = supertest.agent(ctx.app);
    const { token } = await loginPage(agent);
    const response = await agent
      .post('/log-ind')
      .type('form')
      .send({ _csrf: token, email: 'nobody@example.org', password: TEST_PASSWORD })
      .expect(401);
    expect(response.text).toContain('E-mail eller adgangskode er forkert');
  });

  it('refuses a deactivated account', async () => {
    const inactive = await aUser(ctx.db.prisma, { role: 'STAFF', active: false });
    const agent = supertest.agent(ctx.app);
    const { token } = await loginPage(agent);
    await agent.post('/log-ind').type('form').send({ _csrf: token, email: inactive.email, password: TEST_PASSWORD }).expect(401);
  });

  it('shows every missing field in the summary and at the field (422)', async () => {
    const agent = supertest.agent(ctx.app);
    const { token } = await loginPage(agent);
    const response = await agent.post('/log-ind').type('form').send({ _csrf: token, email: 'ikke-en-email', password: '' }).expect(422);
    expect(response.text).toContain('Skriv en e-mail i det rigtige format');
    expect(response.text).toContain('Skriv din adgangskode');
    expect(response.text).toContain('id="email-error"');
    expect(response.text).toContain('id="password-error"');
    expect(response.text).toMatch(/id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-error"/);
    expect(response.text).toContain('value="ikke-en-email"');
  });

  it('renders the login page in English after the language switch', async () => {
    const agent = supertest.agent(ctx.app);
    await agent.get('/sprog/en?tilbage=/log-ind').expect(303);
    const { token } = await loginPage(agent);
    const response = await agent.post('/log-ind').type('form').send({ _csrf: token, email: '', password: '' }).expect(422);
    expect(response.text).toContain('<html lang="en"');
    expect(response.text).toContain('Enter your e-mail address');
    expect(response.text).toContain('There is a problem');
  });
});

describe('rate limit on login', () => {
  it('answers 429 with Retry-After after repeated failures for one account, without locking others out', async () => {
    const target = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const other = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = supertest.agent(ctx.app);
    const { token } = await loginPage(agent);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await agent.post('/log-ind').type('form').send({ _csrf: token, email: target.email, password: 'forkert-igen-og-igen' }).expect(401);
    }
    const limited = await agent
      .post('/log-ind')
      .type('form')
      .send({ _csrf: token, email: target.email, password: TEST_PASSWORD })
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.text).toContain('For mange forsøg');

    // Another account from the same address is not locked out by the first one's failures.
    await agent.post('/log-ind').type('form').send({ _csrf: token, email: other.email, password: TEST_PASSWORD }).expect(303);
  });
});

describe('logout', () => {
  it('destroys the server-side session and ends access', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const sessionsBefore = await ctx.db.prisma.session.count();
    const page = await agent.get('/medarbejder').expect(200);
    const response = await agent
      .post('/log-ud')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(303);
    expect(response.headers.location).toBe('/logget-ud');
    expect(await ctx.db.prisma.session.count()).toBe(sessionsBefore - 1);
    await agent.get('/medarbejder').expect(303).expect('location', '/log-ind');
    const loggedOut = await agent.get('/logget-ud').expect(200);
    expect(loggedOut.text).toContain('Du er nu logget ud');
  });

  it('ends sessions of a user who is deactivated meanwhile', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    await agent.get('/medarbejder').expect(200);
    await ctx.db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    await agent.get('/medarbejder').expect(303);
  });

  it('ends a session left idle for the idle timeout (the cookie and the stored session run out together)', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const page = await agent.get('/medarbejder').expect(200);
    const cookie = (page.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith('portal.sid='));
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookie ?? '')?.[1] ?? '');
    expect((expires - Date.now()) / 60_000).toBeCloseTo(ctx.config.session.idleMinutes, 0);
    // The store keeps the same deadline; past it, the session is gone whatever the cookie says.
    const sid = decodeURIComponent(/portal\.sid=s%3A([^.;]+)/.exec(cookie ?? '')?.[1] ?? '');
    const { rows } = await ctx.db.pool.query<{ minutes: number }>(
      'SELECT extract(epoch FROM expire - now()) / 60 AS minutes FROM "session" WHERE sid = $1',
      [sid],
    );
    expect(Number(rows[0]?.minutes)).toBeCloseTo(ctx.config.session.idleMinutes, 0);
    await ctx.db.pool.query(`UPDATE "session" SET expire = now() - interval '1 second' WHERE sid = $1`, [sid]);
    await agent.get('/medarbejder').expect(303).expect('location', '/log-ind');
  });

  it('ends a session after the absolute timeout, however active', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    await agent.get('/medarbejder').expect(200);
    ctx.clock.advance((ctx.config.session.absoluteHours + 1) * 60 * 60 * 1000);
    await agent.get('/medarbejder').expect(303).expect('location', '/log-ind?udloebet=1');
    ctx.clock.advance(-(ctx.config.session.absoluteHours + 1) * 60 * 60 * 1000);
  });
});
