// Changing one's own password on "Min side": the current password first, the rules
// for the new one, this session kept and every other one ended.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn, type Agent } from '../../helpers/http.js';
import { waitForMail } from '../../helpers/mail.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { SESSION_COOKIE } from '../../../src/middleware/session.js';

const NEW_PASSWORD = 'syv søde sommerfugle flyver';
const MINUTE = 60 * 1000;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ LOGIN_RATE_LIMIT: '3' });
});
afterAll(() => ctx.close());

async function changePassword(agent: Agent, fields: { currentPassword: string; password: string; passwordRepeat?: string }) {
  const page = await agent.get('/min-side/adgangskode').expect(200);
  return agent
    .post('/min-side/adgangskode')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), passwordRepeat: fields.password, ...fields });
}

async function canLogIn(email: string, password: string): Promise<boolean> {
  const agent = supertest.agent(ctx.app);
  const page = await agent.get('/log-ind').expect(200);
  return (
    (
      await agent
        .post('/log-ind')
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), email, password })
    ).status === 303
  );
}

function sessionCookie(setCookie: string[] | string | undefined): string | undefined {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
}

describe('changing the password', () => {
  it('is linked from Min side and shows the form in both languages', async () => {
    const user = await aUser(ctx.db.prisma);
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const account = await agent.get('/min-side').expect(200);
    expect(account.text).toContain('href="/min-side/adgangskode"');
    const page = await agent.get('/min-side/adgangskode').expect(200);
    expect(page.text).toContain('<h1>Skift adgangskode</h1>');
    expect(page.text).toContain('autocomplete="current-password"');
    expect(page.headers['cache-control']).toBe('no-store');
    await agent.get('/sprog/en').expect(303);
    expect((await agent.get('/min-side/adgangskode').expect(200)).text).toContain('<h1>Change password</h1>');
  });

  it('refuses a wrong current password with 422 at the field, echoing nothing and changing nothing', async () => {
    const user = await aUser(ctx.db.prisma);
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const response = await changePassword(agent, { currentPassword: 'forkert-men-langt-nok', password: NEW_PASSWORD });
    expect(response.status).toBe(422);
    expect(response.text).toContain('id="currentPassword-error"');
    expect(response.text).toContain('Den nuværende adgangskode er forkert');
    expect(response.text).toContain('href="#currentPassword"');
    expect(response.text).not.toContain('forkert-men-langt-nok');
    expect(response.text).not.toContain(NEW_PASSWORD);
    expect(await canLogIn(user.email, TEST_PASSWORD)).toBe(true);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'auth.password.changeFailed', actorUserId: user.id } })).toBe(1);
  });

  it('holds the new password to the rules, and to being new', async () => {
    const user = await aUser(ctx.db.prisma);
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const cases = [
      { fields: { currentPassword: TEST_PASSWORD, password: 'elleve-tegn' }, message: 'Adgangskoden skal være på mindst 12 tegn' },
      { fields: { currentPassword: TEST_PASSWORD, password: 'password1234' }, message: 'Adgangskoden er for almindelig' },
      {
        fields: { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, passwordRepeat: 'noget andet helt' },
        message: 'De to adgangskoder er ikke ens',
      },
      {
        fields: { currentPassword: TEST_PASSWORD, password: TEST_PASSWORD },
        message: 'Den nye adgangskode skal være en anden end den nuværende',
      },
      { fields: { currentPassword: '', password: NEW_PASSWORD }, message: 'Skriv din nuværende adgangskode' },
    ];
    for (const { fields, message } of cases) {
      const response = await changePassword(agent, fields);
      expect([message, response.status]).toEqual([message, 422]);
      expect(response.text).toContain(message);
      expect(response.text).not.toMatch(/<input[^>]*type="password"[^>]*value=/);
    }
    expect(await canLogIn(user.email, TEST_PASSWORD)).toBe(true);
  });

  it("changes it, keeps this session (on a new id), ends the user's other sessions and tells them by e-mail", async () => {
    const user = await aUser(ctx.db.prisma, { name: 'Svend Skifter' });
    const here = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const elsewhere = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const other = await logIn(ctx.app, (await aUser(ctx.db.prisma)).email, TEST_PASSWORD);
    ctx.clock.advance(MINUTE);

    const response = await changePassword(here, { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/min-side');
    expect(sessionCookie(response.headers['set-cookie'])).toBeDefined();

    const account = await here.get('/min-side').expect(200);
    expect(account.text).toContain('Din adgangskode er ændret. Du er logget ud alle andre steder.');
    expect((await elsewhere.get('/min-side').expect(303)).headers.location).toBe('/log-ind');
    await other.get('/min-side').expect(200);

    const sessions = await ctx.db.pool.query(`SELECT count(*) FROM "session" WHERE sess->'passport'->>'user' = $1`, [String(user.id)]);
    expect(Number(sessions.rows[0].count)).toBe(1);
    const stored = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordChangedAt).toEqual(ctx.clock.now());
    expect(await canLogIn(user.email, TEST_PASSWORD)).toBe(false);
    expect(await canLogIn(user.email, NEW_PASSWORD)).toBe(true);

    const [notice] = await waitForMail(ctx, (m) => m.to === user.email);
    expect(notice!.subject).toMatch(/^Din adgangskode er ændret/);
    expect(notice!.text).toContain('Hej Svend Skifter');
    expect(notice!.text).toContain(`${ctx.config.baseUrl}/glemt-adgangskode`);
    expect(notice!.text).not.toContain(NEW_PASSWORD);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'auth.password.changed', actorUserId: user.id } });
    expect(audit.details).toEqual({ otherSessionsEnded: 1 });
  });

  it('keeps this session even when the clock has not moved since logging in', async () => {
    const user = await aUser(ctx.db.prisma);
    const here = await logIn(ctx.app, user.email, TEST_PASSWORD);
    expect((await changePassword(here, { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD })).status).toBe(303);
    await here.get('/min-side/adgangskode').expect(200);
  });

  it('limits wrong current passwords per user with 429 and Retry-After', async () => {
    const user = await aUser(ctx.db.prisma);
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    for (let i = 0; i < 3; i++) {
      expect((await changePassword(agent, { currentPassword: `forkert-gæt-nummer-${i}`, password: NEW_PASSWORD })).status).toBe(422);
    }
    const refused = await changePassword(agent, { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.text).toContain('For mange forkerte forsøg');
    expect(await canLogIn(user.email, TEST_PASSWORD)).toBe(true);
    await vi.waitFor(async () =>
      expect(await ctx.db.prisma.auditLog.count({ where: { action: 'auth.password.changeRateLimited', actorUserId: user.id } })).toBe(1),
    );
  });
});
