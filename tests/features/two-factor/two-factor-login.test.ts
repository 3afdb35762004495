// The second step of login: staff and admins (and members who enrolled) are not logged
// in by the password alone; codes work once; recovery codes work once; wrong codes are
// counted, recorded and limited; staff who have not enrolled enrol on the way in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn, type Agent } from '../../helpers/http.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { currentCode, loginCode, nextStepCode, secretFromPage } from '../../helpers/two-factor.js';
import { hashRecoveryCode } from '../../../src/features/two-factor/recovery-codes.js';
import { totpCode } from '../../../src/features/two-factor/totp.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ LOGIN_RATE_LIMIT: '3' });
});
afterAll(() => ctx.close());

/** The password step only; returns the agent and where it was sent. */
async function passwordStep(email: string): Promise<{ agent: Agent; location: string }> {
  const agent = supertest.agent(ctx.app);
  const page = await agent.get('/log-ind').expect(200);
  const response = await agent
    .post('/log-ind')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), email, password: TEST_PASSWORD })
    .expect(303);
  return { agent, location: String(response.headers.location) };
}

async function sendCode(agent: Agent, code: string, mode: 'totp' | 'recovery' = 'totp', path = '/log-ind/kode') {
  const page = await agent.get(mode === 'recovery' ? `${path}?gendannelseskode=1` : path).expect(200);
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), mode, code });
}

const auditCount = (action: string, where: Record<string, unknown> = {}) => ctx.db.prisma.auditLog.count({ where: { action, ...where } });

describe('the second step at login', () => {
  it('does not log staff or admins in with the password alone', async () => {
    for (const role of ['STAFF', 'ADMIN'] as const) {
      const user = await aUser(ctx.db.prisma, { role });
      const { agent, location } = await passwordStep(user.email);
      expect(location).toBe('/log-ind/kode');
      await agent.get('/medarbejder').expect(303).expect('location', '/log-ind');
      const page = await agent.get('/log-ind/kode').expect(200);
      expect(page.text).toContain('Skriv koden fra din app');
      expect(page.text).toContain('autocomplete="one-time-code"');
      expect(page.text).toContain('href="/log-ind/kode?gendannelseskode=1"');
      const done = await sendCode(agent, await loginCode(ctx.app, user.email)).then((r) => r);
      expect([done.status, done.headers.location]).toEqual([303, '/medarbejder']);
      await agent.get('/medarbejder').expect(200);
      expect(await auditCount('auth.second-factor.succeeded', { actorUserId: user.id })).toBe(1);
      const row = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.lastLoginAt).not.toBeNull();
    }
  });

  it('logs association members without two-factor in with the password, as before', async () => {
    const member = await aUser(ctx.db.prisma);
    const { agent, location } = await passwordStep(member.email);
    expect(location).toBe('/min-side');
    await agent.get('/min-side').expect(200);
  });

  it('asks members who turned it on for a code too', async () => {
    const member = await aUser(ctx.db.prisma, { twoFactor: true });
    const { location } = await passwordStep(member.email);
    expect(location).toBe('/log-ind/kode');
  });

  it('refuses a wrong code with 422 and a clear message, and records it', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const { agent } = await passwordStep(user.email);
    const wrong = await sendCode(agent, '000000');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Koden er forkert eller udløbet');
    expect(wrong.text).toContain('href="#code"');
    expect(await auditCount('auth.second-factor.failed', { targetId: String(user.id) })).toBe(1);
    await agent.get('/medarbejder').expect(303);
  });

  it('accepts a code once: the same code in a second login is refused (replay)', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const code = await loginCode(ctx.app, user.email);
    const first = await passwordStep(user.email);
    expect((await sendCode(first.agent, code)).status).toBe(303);
    const second = await passwordStep(user.email);
    expect((await sendCode(second.agent, code)).status).toBe(422);
    expect((await sendCode(second.agent, nextStepCode(ctx.app))).status).toBe(303);
  });

  it('takes a recovery code once, typed in any case with spaces, and records its use', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    await ctx.db.prisma.userRecoveryCode.create({ data: { userId: user.id, codeHash: hashRecoveryCode('abcde23456') } });
    const first = await passwordStep(user.email);
    const page = await first.agent.get('/log-ind/kode?gendannelseskode=1').expect(200);
    expect(page.text).toContain('Skriv en gendannelseskode');
    const used = await sendCode(first.agent, ' ABCDE 23456 ', 'recovery');
    expect([used.status, used.headers.location]).toEqual([303, '/min-side/tofaktor']);
    await first.agent.get('/medarbejder').expect(200);
    expect(await auditCount('user.recovery-code-used', { targetId: String(user.id) })).toBe(1);

    const second = await passwordStep(user.email);
    const again = await sendCode(second.agent, 'abcde-23456', 'recovery');
    expect(again.status).toBe(422);
    expect(again.text).toContain('Gendannelseskoden er forkert eller allerede brugt');
  });

  it('drops the pending login after too many wrong codes: back to the password', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const { agent } = await passwordStep(user.email);
    // LOGIN_RATE_LIMIT 3 here: the limit per user (6) is above the five a pending login may have.
    for (let i = 0; i < 4; i++) expect((await sendCode(agent, '000000')).status).toBe(422);
    const last = await sendCode(agent, '000000');
    expect([last.status, last.headers.location]).toEqual([303, '/log-ind']);
    const login = await agent.get('/log-ind').expect(200);
    expect(login.text).toContain('For mange forkerte koder');
    await agent.get('/log-ind/kode').expect(303).expect('location', '/log-ind?udloebet=1');
    // Each failure is recorded as the pending login's user, not "the system".
    expect(await auditCount('auth.second-factor.failed', { actorUserId: user.id })).toBe(5);
    expect(await auditCount('auth.second-factor.failed', { targetId: String(user.id), actorUserId: null })).toBe(0);
  });

  it('limits wrong codes per user across pending logins with 429', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const first = await passwordStep(user.email);
    for (let i = 0; i < 4; i++) await sendCode(first.agent, '000000');
    const second = await passwordStep(user.email);
    await sendCode(second.agent, '000000');
    await sendCode(second.agent, '000000');
    const limited = await sendCode(second.agent, currentCode(ctx.app));
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('For mange forsøg');
    expect(await auditCount('auth.second-factor.rateLimited', { actorUserId: user.id })).toBeGreaterThan(0);
  });

  it('lets a pending login run out after ten minutes', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const { agent } = await passwordStep(user.email);
    ctx.clock.advance(11 * 60 * 1000);
    await agent.get('/log-ind/kode').expect(303).expect('location', '/log-ind?udloebet=1');
    const page = await agent.get('/log-ind').expect(200);
    const late = await agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), code: currentCode(ctx.app) });
    expect([late.status, late.headers.location]).toEqual([303, '/log-ind?udloebet=1']);
  });

  it('sends to the password first when nobody has given one', async () => {
    await supertest(ctx.app).get('/log-ind/kode').expect(303).expect('location', '/log-ind?udloebet=1');
    await supertest(ctx.app).get('/log-ind/tofaktor').expect(303).expect('location', '/log-ind?udloebet=1');
  });
});

describe('enrolment at login (staff who have not set it up)', () => {
  it('shows a QR code and the secret, confirms with a code, then shows ten recovery codes once', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF', twoFactor: false });
    const { agent, location } = await passwordStep(user.email);
    expect(location).toBe('/log-ind/tofaktor');
    await agent.get('/log-ind/kode').expect(303).expect('location', '/log-ind/tofaktor');
    const page = await agent.get('/log-ind/tofaktor').expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toMatch(/<svg [^>]*role="img" aria-label="QR-kode til godkendelses-appen/);
    expect(page.text).not.toMatch(/<img[^>]+qr/i);
    const secret = secretFromPage(page.text);
    expect(page.text).toMatch(/class="two-factor-secret"[^>]*>([A-Z2-7]{4} )+[A-Z2-7]{1,4}</);
    // The same secret until it is confirmed (a reload does not change it).
    expect(secretFromPage((await agent.get('/log-ind/tofaktor')).text)).toBe(secret);
    await agent.get('/medarbejder').expect(303);

    const wrong = await sendCode(agent, '000000', 'totp', '/log-ind/tofaktor');
    expect(wrong.status).toBe(422);
    expect(secretFromPage(wrong.text)).toBe(secret);

    const done = await sendCode(agent, totpCode(secret, ctx.clock.now()), 'totp', '/log-ind/tofaktor');
    expect([done.status, done.headers.location]).toEqual([303, '/log-ind/gendannelseskoder']);
    const codesPage = await agent.get('/log-ind/gendannelseskoder').expect(200);
    expect(codesPage.headers['cache-control']).toBe('no-store');
    const codes = [...codesPage.text.matchAll(/<code lang="en">([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect(codesPage.text).toContain('href="/medarbejder"');
    // Shown once.
    await agent.get('/log-ind/gendannelseskoder').expect(303).expect('location', '/min-side/tofaktor');
    await agent.get('/medarbejder').expect(200);

    const row = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { recoveryCodes: true } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(row.totpSecret).not.toContain(secret);
    expect(row.recoveryCodes.map((c) => c.codeHash).sort()).toEqual(codes.map((c) => hashRecoveryCode(c.replace('-', ''))).sort());
    expect(await auditCount('user.two-factor-enrolled', { targetId: String(user.id) })).toBe(1);

    // Next time: the code step, where a saved recovery code works.
    const next = await passwordStep(user.email);
    expect(next.location).toBe('/log-ind/kode');
    expect((await sendCode(next.agent, codes[3]!, 'recovery')).status).toBe(303);
  });
});

describe('a staff session without the second factor (belt and braces)', () => {
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  function staffGetRoutes(): string[] {
    const out: string[] = [];
    const walk = (stack: Layer[]) => {
      for (const layer of stack) {
        if (layer.route?.methods.get && /^\/(medarbejder|administration)(\/|$)/.test(layer.route.path)) out.push(layer.route.path);
        else if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((ctx.app as unknown as { router: { stack: Layer[] } }).router.stack);
    return out.map((path) => path.replace(/:[A-Za-z]+/g, '1'));
  }

  it('reaches no staff or admin page after the password step alone', async () => {
    const routes = staffGetRoutes();
    expect(routes.length).toBeGreaterThan(20);
    for (const role of ['STAFF', 'ADMIN'] as const) {
      const user = await aUser(ctx.db.prisma, { role });
      const { agent } = await passwordStep(user.email);
      for (const path of routes) {
        const response = await agent.get(path);
        expect([role, path, response.status, response.headers.location]).toEqual([role, path, 303, '/log-ind']);
      }
    }
  });

  it('treats a logged-in staff session that lacks the flag as logged out (a session from another path)', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    await agent.get('/medarbejder').expect(200);
    await ctx.db.pool.query(`UPDATE "session" SET sess = (sess::jsonb - 'secondFactorAt')::json WHERE sess->'passport'->>'user' = $1`, [
      String(user.id),
    ]);
    await agent.get('/medarbejder').expect(303).expect('location', '/log-ind');
    for (const path of staffGetRoutes()) expect([path, (await agent.get(path)).status]).toEqual([path, 303]);
  });
});
