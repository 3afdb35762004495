// A page whose rendering changed the session (here: the flash message it shows, taken
// out of the session) is sent only after the session is stored
// (src/middleware/save-session-before-redirect.ts), so the next request cannot read the
// old session and show the message twice. Read as a browser reads: the moment the
// message is in the bytes received, the session row must no longer hold it. (Form
// tokens no longer live in the session: src/middleware/csrf.ts; a form page makes no
// session at all: tests/middleware/anonymous-no-session.test.ts.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { csrfTokenFrom } from '../helpers/http.js';
import { loginCode } from '../helpers/two-factor.js';
import { aUser, TEST_PASSWORD } from '../helpers/factories/index.js';

let ctx: TestContext;
let server: http.Server;
beforeAll(async () => {
  ctx = await createTestContext();
  server = http.createServer(ctx.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await ctx.close();
});

/** GETs the path with the cookie; as soon as `marker` has arrived, reads the session row named by the cookie. */
function markerAndStoredSession(path: string, cookie: string, marker: string): Promise<string | null> {
  const { port } = server.address() as AddressInfo;
  const sid = /=s%3A([^.;]+)\./.exec(cookie)?.[1];
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers: { cookie } }, (response) => {
      let body = '';
      let done = false;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (done || !body.includes(marker)) return;
        done = true;
        ctx.db.pool
          .query<{ sess: unknown }>('SELECT sess FROM "session" WHERE sid = $1', [sid ?? ''])
          .then((result) => resolve(result.rows[0] ? JSON.stringify(result.rows[0].sess) : null), reject);
      });
      response.on('end', () => {
        if (!done) reject(new Error(`no ${marker} in ${path}`));
      });
    });
    request.on('error', reject);
  });
}

describe('a page that changed the session', () => {
  it('arrives only after the changed session is stored', async () => {
    for (let i = 0; i < 3; i++) {
      const agent = supertest.agent(ctx.app);
      const page = await agent.get('/glemt-adgangskode').expect(200);
      const answer = await agent
        .post('/glemt-adgangskode')
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), email: `nobody-${i}@example.org` })
        .expect(303);
      const cookie = (answer.headers['set-cookie'] as unknown as string[]).map((line) => line.split(';')[0]).join('; ');
      const before = await ctx.db.pool.query<{ sess: unknown }>('SELECT sess FROM "session" WHERE sid = $1', [
        /=s%3A([^.;]+)\./.exec(cookie)?.[1] ?? '',
      ]);
      expect(JSON.stringify(before.rows[0]?.sess)).toContain('auth.passwordReset.forgot.sent');
      // The store's write is held back a little, as on a busy database: a page sent
      // before its session is stored would now be read with the old row every time.
      const pool = ctx.db.pool;
      const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
      const query = vi.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
        const [sql] = args;
        if (typeof sql === 'string' && sql.startsWith('INSERT INTO "session"')) {
          return new Promise((resolve) => setTimeout(resolve, 200)).then(() => original(...args));
        }
        return original(...args);
      }) as typeof pool.query);
      let stored: string | null;
      try {
        stored = await markerAndStoredSession('/glemt-adgangskode', cookie, 'Hvis e-mailen findes, har vi sendt et link');
      } finally {
        query.mockRestore();
      }
      expect(stored).not.toBeNull();
      expect(stored).not.toContain('auth.passwordReset.forgot.sent');
    }
  });
});

describe('a regenerated session (the steps of a login)', () => {
  // express-session stored a regenerated session a second time after the redirect had
  // gone out; that late copy could overwrite the next page's form token (the code step
  // refused as expired). Each state of the session is now stored once, before the redirect.
  it('is not stored again after the redirect with what was already stored', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = supertest.agent(ctx.app);
    const loginPage = await agent.get('/log-ind').expect(200);
    // The session data of each store write (connect-pg-simple's upsert), in order, as
    // written: without the cookie, whose expiry `rolling` moves on every write.
    const states: string[] = [];
    const pool = ctx.db.pool;
    const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const query = vi.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
      const [sql, values] = args as [unknown, unknown[] | undefined];
      if (typeof sql === 'string' && sql.startsWith('INSERT INTO "session"')) {
        const { cookie: _cookie, ...data } = values?.[0] as Record<string, unknown>;
        states.push(JSON.stringify(data));
      }
      return original(...args);
    }) as typeof pool.query);
    try {
      await agent
        .post('/log-ind')
        .type('form')
        .send({ _csrf: csrfTokenFrom(loginPage.text), email: staff.email, password: TEST_PASSWORD })
        .expect(303)
        .expect('Location', '/log-ind/kode');
      const codePage = await agent.get('/log-ind/kode').expect(200);
      await agent
        .post('/log-ind/kode')
        .type('form')
        .send({ _csrf: csrfTokenFrom(codePage.text), code: await loginCode(ctx.app, staff.email) })
        .expect(303);
      expect(states.length).toBeGreaterThanOrEqual(3);
      // No write repeats the one before it: the late copy is gone.
      expect(states.filter((state, i) => i > 0 && state === states[i - 1])).toEqual([]);
    } finally {
      query.mockRestore();
    }
    await agent.get('/min-side').expect(200);
  });
});
