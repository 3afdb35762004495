// A page whose rendering changed the session (here: the form token made for it) is
// sent only after the session is stored, so the form cannot be posted before its token
// is in PostgreSQL (src/middleware/save-session-before-redirect.ts). Read as a browser
// reads: the moment the token is in the bytes received, the session row must have it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

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
