// Rate limits are kept in PostgreSQL (src/security/rate-limit-store.ts), not in each
// process's memory: two apps on one database — two portal instances — count together.
// App B is a second createApp on the test context's database, with its own services
// (its own stores, as a second process would have) and the same clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import type { Express } from 'express';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { csrfTokenFrom } from '../helpers/http.js';
import { showInterest, VALID_INTEREST } from '../helpers/forms.js';
import { aUser, anAssociation, anOpening, TEST_PASSWORD } from '../helpers/factories/index.js';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { createDatabase } from '../../src/db/database.js';
import { createRateLimitStores } from '../../src/security/rate-limit-store.js';

const LOGIN_LIMIT = 3;
const INTEREST_LIMIT = 2;
const HOUR_MS = 60 * 60 * 1000;

let ctx: TestContext;
let appA: Express;
let appB: Express;
beforeAll(async () => {
  ctx = await createTestContext({ LOGIN_RATE_LIMIT: String(LOGIN_LIMIT), INTEREST_RATE_LIMIT: String(INTEREST_LIMIT) });
  appA = ctx.app;
  appB = createApp({ prisma: ctx.db.prisma, pool: ctx.db.pool, config: ctx.config, clock: ctx.clock, logger: createLogger('silent') });
});
afterAll(() => ctx.close());

async function failLogin(app: Express, email: string, password = 'forkert-igen-og-igen') {
  const agent = supertest.agent(app);
  const page = await agent.get('/log-ind').expect(200);
  return agent
    .post('/log-ind')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), email, password });
}

describe('rate limits shared by every instance on the database', () => {
  it('counts failed logins on app A towards the limit on app B', async () => {
    const user = await aUser(ctx.db.prisma);
    for (let attempt = 0; attempt < LOGIN_LIMIT; attempt += 1) {
      expect((await failLogin(appA, user.email)).status).toBe(401);
    }
    // B has seen no attempt itself; the right password is refused all the same.
    const limited = await failLogin(appB, user.email, TEST_PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('For mange forsøg');
  });

  it('counts interest submissions on both apps towards one limit', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    expect((await showInterest(appA, opening.id, { ...VALID_INTEREST, email: 'a1@example.org' })).response.status).toBe(303);
    expect((await showInterest(appB, opening.id, { ...VALID_INTEREST, email: 'b1@example.org' })).response.status).toBe(303);
    const third = await showInterest(appA, opening.id, { ...VALID_INTEREST, email: 'a2@example.org' });
    expect(third.response.status).toBe(429);
    expect((await showInterest(appB, opening.id, { ...VALID_INTEREST, email: 'b2@example.org' })).response.status).toBe(429);
    expect(await ctx.db.prisma.interest.count({ where: { openingId: opening.id } })).toBe(INTEREST_LIMIT);

    // The window passes (by the injected clock): both apps accept again.
    ctx.clock.advance(HOUR_MS + 1000);
    expect((await showInterest(appB, opening.id, { ...VALID_INTEREST, email: 'b3@example.org' })).response.status).toBe(303);
    expect((await showInterest(appA, opening.id, { ...VALID_INTEREST, email: 'a3@example.org' })).response.status).toBe(303);
  });

  it('lets a login through again once the window has passed', async () => {
    const user = await aUser(ctx.db.prisma);
    for (let attempt = 0; attempt < LOGIN_LIMIT; attempt += 1) await failLogin(attempt % 2 ? appA : appB, user.email);
    expect((await failLogin(appA, user.email, TEST_PASSWORD)).status).toBe(429);
    ctx.clock.advance(HOUR_MS + 1000);
    expect((await failLogin(appB, user.email, TEST_PASSWORD)).status).toBe(303);
  });

  it('stores no e-mail address in clear, only keyed hashes, and prunes ended windows', async () => {
    const user = await aUser(ctx.db.prisma, { email: 'hemmelig.person@example.org' });
    await failLogin(appA, user.email);
    const rows = await ctx.db.pool.query<{ limiter: string; key_hash: string }>('SELECT limiter, key_hash FROM rate_limits');
    expect(rows.rows.map((row) => row.limiter)).toContain('login-account');
    const dump = JSON.stringify(rows.rows);
    expect(dump).not.toContain('hemmelig');
    expect(dump).not.toContain('example.org');
    for (const row of rows.rows) expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);

    // A new window somewhere deletes the rows whose window has ended.
    ctx.clock.advance(HOUR_MS + 1000);
    await failLogin(appB, 'en.anden@example.org');
    await expect
      .poll(async () => (await ctx.db.pool.query('SELECT 1 FROM rate_limits WHERE resets_at <= $1', [ctx.clock.now()])).rowCount)
      .toBe(0);
  });
});

describe('the login session on two instances', () => {
  it('a login on app A is valid on app B (sessions are in PostgreSQL)', async () => {
    const user = await aUser(ctx.db.prisma);
    const agentA = supertest.agent(appA);
    const page = await agentA.get('/log-ind').expect(200);
    const login = await agentA
      .post('/log-ind')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), email: user.email, password: TEST_PASSWORD })
      .expect(303);
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    const onB = await supertest(appB).get('/min-side').set('Cookie', cookies.join('; '));
    expect(onB.status).toBe(200);
  });
});

describe('the store itself', () => {
  it('counts concurrent hits from two processes’ stores each once (one atomic statement)', async () => {
    const logger = createLogger('silent');
    const processes = [1, 2].map(() =>
      createRateLimitStores({ prisma: ctx.db.prisma, clock: ctx.clock, secret: ctx.config.session.secret, logger }),
    );
    const stores = processes.map((p) => p.store('concurrency-check'));
    // What express-rate-limit does when a limiter is made; the store reads only windowMs.
    for (const store of stores) void store.init?.({ windowMs: HOUR_MS } as Parameters<NonNullable<typeof store.init>>[0]);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.increment('client')));
    expect(answers.map((answer) => answer.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await stores[0]!.get?.('client'))?.totalHits).toBe(20);
  });
});

describe('a store that cannot reach the database', () => {
  it('fails closed: the request goes to the error handler, never past the limiter uncounted', async () => {
    const dead = createDatabase({ url: 'postgresql://nobody:secret@127.0.0.1:1/none', connectionTimeoutMs: 500 });
    try {
      const stores = createRateLimitStores({
        prisma: dead.prisma,
        clock: ctx.clock,
        secret: 'x'.repeat(32),
        logger: createLogger('silent'),
      });
      let passed = false;
      const app = express();
      app.post('/', rateLimit({ store: stores.store('dead'), windowMs: HOUR_MS, limit: 5 }), (_req, res) => {
        passed = true;
        res.sendStatus(204);
      });
      app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        res.sendStatus(503);
      });
      expect((await supertest(app).post('/')).status).toBe(503);
      expect(passed).toBe(false);
    } finally {
      await dead.close();
    }
  });
});
