// A request without the session cookie gets no session made up front
// (src/middleware/session.ts): express-session runs only when something first uses
// req.session — then exactly as before, so a flash message, a receipt or a login from
// such a visitor still starts a stored session. A request with the cookie loads its
// session as always. The portal's own flows (login, flash, receipts) from cookie-less
// visitors are covered by their feature tests; this file pins the mechanism on a small
// app with the real middleware and the real session table.
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { createLogger } from '../../src/logger.js';
import { SESSION_COOKIE, sessionPending, sessions } from '../../src/middleware/session.js';
import { guardRegenerate, saveSessionBeforeRedirect } from '../../src/middleware/save-session-before-redirect.js';
import { exposeFlash } from '../../src/middleware/flash.js';

let ctx: TestContext;
let app: Express;
const started: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  app = express();
  app.use(cookieParser());
  app.use(
    sessions({
      pool: ctx.db.pool,
      secret: ctx.config.session.secret,
      idleMinutes: 30,
      cookieSecure: false,
      logger: createLogger('silent'),
      onStart: (req, session) => {
        started.push(req.path);
        guardRegenerate(req, session);
      },
    }),
  );
  app.use(saveSessionBeforeRedirect);
  app.use(exposeFlash);
  app.get('/look', (req, res) => {
    // 'sessionID' is express-session's: present only once it has run for this request.
    res.json({ pending: sessionPending(req), sessionId: 'sessionID' in req, flash: res.locals.flash as unknown });
  });
  app.get('/read', (req, res) => {
    res.json({ returnTo: req.session.returnTo ?? null, pending: sessionPending(req) });
  });
  app.get('/write', (req, res) => {
    req.session.flash = [{ type: 'success', key: 'test.saved' }];
    res.redirect(303, '/look');
  });
  app.get('/page', (_req, res) => {
    res.send('ok');
  });
});
afterAll(async () => {
  await ctx.close();
});

const sessionRows = async (): Promise<number> =>
  Number((await ctx.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM "session"')).rows[0]?.n);

describe('a request without the session cookie', () => {
  it('gets no session made while nothing uses it: no id, no cookie, no row', async () => {
    const before = await sessionRows();
    started.length = 0;
    const answer = await supertest(app).get('/look').expect(200);
    expect(answer.body).toEqual({ pending: true, sessionId: false, flash: [] });
    expect(answer.headers['set-cookie']).toBeUndefined();
    await supertest(app).get('/page').set('Cookie', 'other=1').expect(200);
    expect(started).toEqual([]);
    expect(await sessionRows()).toBe(before);
  });

  it('gets one made on first use, and an unchanged one is still not stored', async () => {
    const before = await sessionRows();
    started.length = 0;
    const answer = await supertest(app).get('/read').expect(200);
    expect(answer.body).toEqual({ returnTo: null, pending: false });
    expect(started).toEqual(['/read']);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(await sessionRows()).toBe(before);
  });

  it('keeps what is written: stored before the redirect, shown once with the cookie', async () => {
    const before = await sessionRows();
    const agent = supertest.agent(app);
    const answer = await agent.get('/write').expect(303);
    expect(String(answer.headers['set-cookie'])).toContain(`${SESSION_COOKIE}=`);
    expect(await sessionRows()).toBe(before + 1);
    const shown = await agent.get('/look').expect(200);
    // With the cookie the session is loaded as always, and the message taken out of it.
    expect(shown.body).toEqual({ pending: false, sessionId: true, flash: [{ type: 'success', key: 'test.saved' }] });
    expect((await agent.get('/look').expect(200)).body).toMatchObject({ flash: [] });
  });
});
