// The portal while its database is away: the database is cut off by a TCP proxy in
// front of the test PostgreSQL (tests/helpers/tcp-proxy.ts), so open connections are
// reset and new ones refused, as when the server process dies.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { createDatabase, type Database } from '../../src/db/database.js';
import { loadConfig } from '../../src/config.js';
import { RETRY_AFTER_SECONDS } from '../../src/middleware/error-handler.js';
import { SESSION_COOKIE, sessionStoreErrorLog } from '../../src/middleware/session.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { memoryLogger } from '../helpers/memory-logger.js';

let testDb: TestDatabase;
let proxy: TcpProxy;
let db: Database;
let app: Express;
let log: ReturnType<typeof memoryLogger>;
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const target = new URL(testDb.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  db = createDatabase({ url: proxy.urlFor(testDb.url), connectionTimeoutMs: 1000, onPoolError: () => undefined });
  log = memoryLogger();
  app = createApp({ prisma: db.prisma, pool: db.pool, config: loadConfig({ NODE_ENV: 'test' }), logger: log.logger });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
  await proxy.close();
  await testDb.drop();
});
beforeEach(async () => {
  await proxy.start().catch(() => undefined);
});

/**
 * A browser's session: the cookie set by an answer that needs one (the forgotten-password
 * form's flash message; a form page alone starts no session, ADR 0032).
 */
async function sessionCookie(): Promise<string> {
  const agent = supertest.agent(app);
  const page = await agent.get('/glemt-adgangskode').expect(200);
  const _csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  const response = await agent.post('/glemt-adgangskode').type('form').send({ _csrf, email: 'nobody@example.org' }).expect(303);
  const cookie = (response.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

/** A GET over a real socket of `agent`, so a connection reset shows as one. */
function get(agent: http.Agent, path: string, cookie: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}${path}`, { agent, headers: { cookie } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, reusedSocket: request.reusedSocket }),
      );
    });
    request.on('error', reject);
  });
}

describe('a database outage', () => {
  it('answers a request with a session cookie with 503 and Retry-After in the reader language, on a connection that stays open', async () => {
    const cookie = await sessionCookie();
    const linesBefore = log.text().split('\n').length;
    await proxy.stop();
    // One socket for every request, so a connection the server resets shows up as an
    // error (or a fresh socket) on the next request.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(agent, '/log-ind', `${cookie}; lang=en`);
      expect(first.status).toBe(503);
      expect(first.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
      expect(first.body).toContain('<html lang="en"');
      expect(first.body).toContain('The portal is temporarily unavailable');
      expect(first.body).toContain(String(first.headers['x-request-id']));
      const second = await get(agent, '/', cookie);
      expect(second.status).toBe(503);
      expect(second.body).toContain('Portalen er midlertidigt utilgængelig');
      expect(second.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }

    // The store's failure went to the JSON log, once per request, without the session id.
    const lines = log
      .text()
      .split('\n')
      .slice(linesBefore - 1)
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { msg: string; errorKind?: string });
    const failures = lines.filter((line) => line.msg === 'request failed');
    expect(failures).toHaveLength(2);
    expect(failures.every((line) => line.errorKind === 'Error:ECONNREFUSED')).toBe(true);
    expect(lines.filter((line) => line.msg === 'session could not be stored after the answer')).toHaveLength(0);
    const sessionId =
      decodeURIComponent(cookie.split('=')[1] ?? '')
        .slice(2)
        .split('.')[0] ?? '';
    expect(sessionId.length).toBeGreaterThan(10);
    expect(log.text()).not.toContain(sessionId);
  });

  it('keeps the session: once the database is back, the same cookie is the same session', async () => {
    const cookie = await sessionCookie();
    const sessionId =
      decodeURIComponent(cookie.split('=')[1] ?? '')
        .slice(2)
        .split('.')[0] ?? '';
    await proxy.stop();
    await supertest(app).get('/').set('Cookie', cookie).expect(503);
    await proxy.start();
    await supertest(app).get('/').set('Cookie', cookie).expect(200);
    const { rowCount } = await testDb.db.pool.query('SELECT 1 FROM session WHERE sid = $1', [sessionId]);
    expect(rowCount).toBe(1);
  });

  it('answers a page without a session with 503 while the database is away, and 200 when it is back', async () => {
    await supertest(app).get('/').expect(200);
    await proxy.stop();
    const response = await supertest(app).get('/').expect(503);
    expect(response.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
    await proxy.start();
    await supertest(app).get('/').expect(200);
  });
});

describe("the session store's own errors", () => {
  it('go to the JSON log with the kind of the error, not of the text the store puts before it', () => {
    const memory = memoryLogger();
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    // As connect-pg-simple calls it when pruning fails.
    sessionStoreErrorLog(memory.logger)('Failed to prune sessions:', error);
    const line = JSON.parse(memory.text().trim()) as { msg: string; errorKind: string };
    expect(line.msg).toBe('session store error');
    expect(line.errorKind).toBe('Error:ECONNREFUSED');
  });
});
