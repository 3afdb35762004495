// Forgotten password: the same reply for every address, a link by e-mail that works
// once and for 60 minutes, the password rules, and every session ended afterwards.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../../helpers/http.js';
import { waitForMail } from '../../helpers/mail.js';
import { postForgotPassword, resetLinkFor, submitNewPassword } from '../../helpers/forms.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { createAuthService } from '../../../src/features/auth/auth-service.js';
import { loggablePath } from '../../../src/middleware/request-logging.js';
import {
  RESET_REQUESTS_PER_ADDRESS_PER_HOUR,
  RESET_REQUESTS_PER_EMAIL_PER_HOUR,
} from '../../../src/features/auth/password-reset-routes.js';

const NEW_PASSWORD = 'blå cykel på lang tur';
const MINUTE = 60 * 1000;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function canLogIn(email: string, password: string): Promise<boolean> {
  const agent = supertest.agent(ctx.app);
  const page = await agent.get('/log-ind').expect(200);
  const response = await agent
    .post('/log-ind')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), email, password });
  return response.status === 303;
}

const sessionRowsOf = async (userId: number) =>
  Number((await ctx.db.pool.query(`SELECT count(*) FROM "session" WHERE sess->'passport'->>'user' = $1`, [String(userId)])).rows[0].count);

/** The page without the parts that differ on every request. */
const comparable = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '');

describe('asking for a reset link', () => {
  it('gives the same status, redirect and page for a known and an unknown e-mail; only the known one gets an e-mail', async () => {
    const user = await aUser(ctx.db.prisma, { name: 'Karen Kendt' });
    const unknown = `ukendt-${Date.now()}@example.org`;

    const replies = [];
    for (const email of [user.email.toUpperCase(), unknown]) {
      const agent = supertest.agent(ctx.app);
      const response = await postForgotPassword(agent, email);
      const page = await agent.get(response.headers.location ?? '/').expect(200);
      replies.push({ status: response.status, location: response.headers.location, page: comparable(page.text) });
    }
    expect(replies[0]!.status).toBe(303);
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[0]!.page).toContain('Hvis e-mailen findes, har vi sendt et link');

    const [mail] = await waitForMail(ctx, (m) => m.to === user.email);
    expect(mail!.subject).toMatch(/^Nulstil din adgangskode – Frivillig i /);
    expect(mail!.text).toContain('Hej Karen Kendt');
    expect(mail!.text).toContain(`${ctx.config.baseUrl}/nulstil-adgangskode/`);
    expect(mail!.text).toContain('60 minutter');
    expect((await ctx.readMail()).filter((m) => m.to === unknown)).toEqual([]);

    // The trail says a request came, never which unknown address was typed.
    const trail = await ctx.db.prisma.auditLog.findMany({ where: { action: 'auth.passwordReset.requested' } });
    expect(trail.map((row) => (row.details as { outcome: string }).outcome).sort()).toEqual(['sent', 'unknown']);
    expect(
      JSON.stringify(trail.map(({ action, targetType, targetId, details }) => ({ action, targetType, targetId, details }))),
    ).not.toContain(unknown);
    expect(trail.find((row) => row.targetId === String(user.id))).toBeDefined();
  });

  it('sends nothing to a deactivated user, with the same reply', async () => {
    const inactive = await aUser(ctx.db.prisma, { active: false });
    const active = await aUser(ctx.db.prisma);
    const response = await postForgotPassword(supertest.agent(ctx.app), inactive.email);
    expect([response.status, response.headers.location]).toEqual([303, '/glemt-adgangskode']);
    expect((await postForgotPassword(supertest.agent(ctx.app), active.email)).status).toBe(303);
    await waitForMail(ctx, (m) => m.to === active.email);
    expect((await ctx.readMail()).filter((m) => m.to === inactive.email)).toEqual([]);
  });

  it('asks again for a missing or malformed e-mail (422), in the form', async () => {
    const agent = supertest.agent(ctx.app);
    const page = await agent.get('/glemt-adgangskode').expect(200);
    const response = await agent
      .post('/glemt-adgangskode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), email: 'ikke-en-mail' })
      .expect(422);
    expect(response.text).toContain('Skriv en e-mail i det rigtige format');
    expect(response.text).toContain('value="ikke-en-mail"');
  });

  it('links from the login page', async () => {
    const page = await supertest(ctx.app).get('/log-ind').expect(200);
    expect(page.text).toContain('href="/glemt-adgangskode"');
    expect(page.text).toContain('Glemt din adgangskode?');
  });
});

describe('using the link', () => {
  it('sets a new password once; the link is refused after that, the old password fails and the new one works', async () => {
    const user = await aUser(ctx.db.prisma);
    const path = await resetLinkFor(ctx, user.email);

    const agent = supertest.agent(ctx.app);
    const form = await agent.get(path).expect(200);
    expect(form.text).toContain(user.email);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    const done = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(form.text), password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD })
      .expect(303);
    expect(done.headers.location).toBe('/log-ind');
    const login = await agent.get('/log-ind').expect(200);
    expect(login.text).toContain('Din adgangskode er ændret. Log ind med den nye adgangskode.');

    const stored = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored.passwordChangedAt).toEqual(ctx.clock.now());
    expect(await canLogIn(user.email, TEST_PASSWORD)).toBe(false);
    expect(await canLogIn(user.email, NEW_PASSWORD)).toBe(true);

    // Used: the same link is one clear page, with the way to a new link.
    const again = await supertest(ctx.app).get(path).expect(404);
    expect(again.text).toContain('Linket virker ikke');
    expect(again.text).toContain('href="/glemt-adgangskode"');
    const replay = await submitNewPassword(supertest.agent(ctx.app), path, 'endnu en ny lang adgangskode');
    expect(replay.status).toBe(404);

    await waitForMail(ctx, (m) => m.to === user.email && m.subject.startsWith('Din adgangskode er ændret'));
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'auth.passwordReset.completed', actorUserId: user.id } })).toBe(1);
  });

  it('also refuses a link sent earlier once the password has been reset with a later one', async () => {
    const user = await aUser(ctx.db.prisma);
    const first = await resetLinkFor(ctx, user.email);
    const second = await resetLinkFor(ctx, user.email);
    expect((await submitNewPassword(supertest.agent(ctx.app), second, NEW_PASSWORD)).status).toBe(303);
    expect((await supertest(ctx.app).get(first)).status).toBe(404);
  });

  it('expires after 60 minutes', async () => {
    const user = await aUser(ctx.db.prisma);
    const path = await resetLinkFor(ctx, user.email);
    ctx.clock.advance(59 * MINUTE);
    await supertest(ctx.app).get(path).expect(200);
    ctx.clock.advance(1 * MINUTE);
    const expired = await supertest(ctx.app).get(path).expect(404);
    expect(expired.text).toContain('Linket virker ikke');
    expect((await submitNewPassword(supertest.agent(ctx.app), path, NEW_PASSWORD)).status).toBe(404);
    expect(await canLogIn(user.email, TEST_PASSWORD)).toBe(true);
  });

  it("cannot reset another user's password, and refuses altered or made-up links", async () => {
    const alice = await aUser(ctx.db.prisma);
    const bob = await aUser(ctx.db.prisma);
    const path = await resetLinkFor(ctx, alice.email);
    const [payload, signature] = path.replace('/nulstil-adgangskode/', '').split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { u: number; e: number };
    const forBob = Buffer.from(JSON.stringify({ ...claims, u: bob.id })).toString('base64url');
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    const attempts = [
      `/nulstil-adgangskode/${forBob}.${signature}`,
      `/nulstil-adgangskode/${payload}.${flipped}`,
      '/nulstil-adgangskode/abc',
      `/nulstil-adgangskode/${'a'.repeat(5000)}`,
    ];
    for (const attempt of attempts) {
      expect([attempt.slice(0, 60), (await supertest(ctx.app).get(attempt)).status]).toEqual([attempt.slice(0, 60), 404]);
      expect((await submitNewPassword(supertest.agent(ctx.app), attempt, NEW_PASSWORD)).status).toBe(404);
    }
    expect(await canLogIn(bob.email, TEST_PASSWORD)).toBe(true);
    expect(await canLogIn(alice.email, TEST_PASSWORD)).toBe(true);
  });

  it('holds the new password to the rules (422, nothing echoed) and leaves the link usable', async () => {
    const user = await aUser(ctx.db.prisma);
    const path = await resetLinkFor(ctx, user.email);
    const cases = [
      { password: 'elleve-tegn', repeat: 'elleve-tegn', message: 'Adgangskoden skal være på mindst 12 tegn' },
      { password: 'password1234', repeat: 'password1234', message: 'Adgangskoden er for almindelig' },
      { password: 'en lang og god adgangskode', repeat: 'en anden lang adgangskode', message: 'De to adgangskoder er ikke ens' },
      { password: user.email, repeat: user.email, message: 'Adgangskoden må ikke være din e-mail' },
    ];
    for (const { password, repeat, message } of cases) {
      const response = await submitNewPassword(supertest.agent(ctx.app), path, password, repeat);
      expect(response.status).toBe(422);
      expect(response.text).toContain(message);
      // No password field is filled in again (the hidden username holds the e-mail by design).
      expect(response.text).not.toMatch(/<input[^>]*type="password"[^>]*value=/);
      if (password !== user.email) expect(response.text).not.toContain(password);
    }
    expect(await canLogIn(user.email, TEST_PASSWORD)).toBe(true);
    expect((await submitNewPassword(supertest.agent(ctx.app), path, NEW_PASSWORD)).status).toBe(303);
  });

  it("ends the user's other sessions at once (their rows are deleted)", async () => {
    const user = await aUser(ctx.db.prisma);
    const elsewhere = await logIn(ctx.app, user.email, TEST_PASSWORD);
    await elsewhere.get('/min-side').expect(200);
    expect(await sessionRowsOf(user.id)).toBe(1);

    const path = await resetLinkFor(ctx, user.email);
    expect((await submitNewPassword(supertest.agent(ctx.app), path, NEW_PASSWORD)).status).toBe(303);
    expect(await sessionRowsOf(user.id)).toBe(0);
    const after = await elsewhere.get('/min-side').expect(303);
    expect(after.headers.location).toBe('/log-ind');
  });

  it('also refuses a session that started before the change even if its row is written back', async () => {
    const user = await aUser(ctx.db.prisma);
    const elsewhere = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const { rows } = await ctx.db.pool.query(`SELECT sid, sess, expire FROM "session" WHERE sess->'passport'->>'user' = $1`, [
      String(user.id),
    ]);
    expect(rows).toHaveLength(1);

    ctx.clock.advance(MINUTE);
    const path = await resetLinkFor(ctx, user.email);
    expect((await submitNewPassword(supertest.agent(ctx.app), path, NEW_PASSWORD)).status).toBe(303);
    // A request in flight when the password changed could store its session again.
    await ctx.db.pool.query(`INSERT INTO "session" (sid, sess, expire) VALUES ($1, $2, $3)`, [
      rows[0].sid,
      JSON.stringify(rows[0].sess),
      rows[0].expire,
    ]);
    const after = await elsewhere.get('/min-side').expect(303);
    expect(after.headers.location).toBe('/log-ind');
  });

  it('loadSessionUser refuses sessions that began before the password changed, and accepts later ones', async () => {
    const user = await aUser(ctx.db.prisma);
    const changedAt = new Date('2026-11-22T12:00:00Z');
    await ctx.db.prisma.user.update({ where: { id: user.id }, data: { passwordChangedAt: changedAt } });
    const auth = createAuthService(ctx.db.prisma);
    expect(await auth.loadSessionUser(user.id, changedAt.getTime() - 1, false)).toBeNull();
    expect((await auth.loadSessionUser(user.id, changedAt.getTime(), false))?.id).toBe(user.id);
    expect((await auth.loadSessionUser(user.id, changedAt.getTime() + 1, false))?.id).toBe(user.id);
  });

  it('logs the link without its token', () => {
    expect(loggablePath('/nulstil-adgangskode/eyJ1Ijo3fQ.abc_def-123')).toBe('/nulstil-adgangskode/[token]');
  });
});

describe('both languages', () => {
  it('renders the forgot, reset and invalid-link pages in English', async () => {
    const user = await aUser(ctx.db.prisma);
    const path = await resetLinkFor(ctx, user.email);
    const english = (url: string) => supertest(ctx.app).get(url).set('Cookie', 'lang=en');
    expect((await english('/glemt-adgangskode').expect(200)).text).toContain('Forgotten password');
    expect((await english(path).expect(200)).text).toContain('Choose a new password');
    expect((await english('/nulstil-adgangskode/abc').expect(404)).text).toContain('The link does not work');
    expect((await english('/log-ind').expect(200)).text).toContain('Forgotten your password?');
  });
});

describe('rate limits', () => {
  let limited: TestContext;
  beforeAll(async () => {
    limited = await createTestContext();
  });
  afterAll(() => limited.close());

  it('refuses more links per e-mail than the hourly limit with 429 and Retry-After, in the reader’s language', async () => {
    const user = await aUser(limited.db.prisma);
    for (let i = 0; i < RESET_REQUESTS_PER_EMAIL_PER_HOUR; i++) {
      expect((await postForgotPassword(supertest.agent(limited.app), user.email)).status).toBe(303);
    }
    const refused = await postForgotPassword(supertest.agent(limited.app), user.email.toUpperCase());
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.text).toContain('Du har bedt om for mange links');

    const englishAgent = supertest.agent(limited.app);
    await englishAgent.get('/sprog/en').expect(303);
    const english = await postForgotPassword(englishAgent, user.email);
    expect(english.status).toBe(429);
    expect(english.text).toContain('You have asked for too many links');

    await waitForMail(limited, (m) => m.to === user.email, RESET_REQUESTS_PER_EMAIL_PER_HOUR);
    expect((await limited.readMail()).filter((m) => m.to === user.email)).toHaveLength(RESET_REQUESTS_PER_EMAIL_PER_HOUR);
    await vi.waitFor(async () =>
      expect(await limited.db.prisma.auditLog.count({ where: { action: 'auth.passwordReset.rateLimited' } })).toBe(2),
    );
  });

  it('refuses more requests per network address than its hourly limit, whatever the e-mail', async () => {
    // The first test used RESET_REQUESTS_PER_EMAIL_PER_HOUR of this address's allowance.
    const remaining = RESET_REQUESTS_PER_ADDRESS_PER_HOUR - RESET_REQUESTS_PER_EMAIL_PER_HOUR;
    for (let i = 0; i < remaining; i++) {
      expect((await postForgotPassword(supertest.agent(limited.app), `spray-${i}@example.org`)).status).toBe(303);
    }
    const refused = await postForgotPassword(supertest.agent(limited.app), 'spray-last@example.org');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
  });
});
