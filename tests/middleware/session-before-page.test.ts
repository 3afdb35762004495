// A page whose rendering changed the session (here: the form token made for it) is
// sent only after the session is stored, so the form cannot be posted before its token
// is in PostgreSQL (src/middleware/save-session-before-redirect.ts). Read as a browser
// reads: the moment the token is in the bytes received, the session row must have it.
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

/** GETs the path; as soon as a form token has arrived, reads the session row named by the cookie. */
function tokenAndStoredSession(path: string): Promise<{ token: string; stored: string | null }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path }, (response) => {
      const cookie = (response.headers['set-cookie'] ?? []).join(';');
      const sid = /=s%3A([^.;]+)\./.exec(cookie)?.[1];
      let body = '';
      let done = false;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
        if (done || !token) return;
        done = true;
        ctx.db.pool
          .query<{ sess: unknown }>('SELECT sess FROM "session" WHERE sid = $1', [sid ?? ''])
          .then((result) => resolve({ token, stored: result.rows[0] ? JSON.stringify(result.rows[0].sess) : null }), reject);
      });
      response.on('end', () => {
        if (!done) reject(new Error(`no form token in ${path}`));
      });
    });
    request.on('error', reject);
  });
}

describe('a page that made its form token', () => {
  it('arrives only after the session holding the token is stored', async () => {
    for (let i = 0; i < 5; i++) {
      const { token, stored } = await tokenAndStoredSession('/log-ind');
      expect(stored).toContain(token);
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
