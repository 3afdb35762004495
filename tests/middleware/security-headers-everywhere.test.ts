// Every response the portal writes carries the same security headers as its pages
// (#11): health probes, static files and their 404s, redirects, 400/413/503 pages, an
// upload over its limit, and the answers Node's HTTP parser gives by itself (431 for
// oversized headers, 400 for an unparsable request). X-Frame-Options agrees with the CSP's frame-ancestors 'none'.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createApp } from '../../src/app.js';
import { createDatabase } from '../../src/db/database.js';
import { answerClientErrorsWithSecurityHeaders } from '../../src/middleware/security-headers.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../helpers/http.js';
import { aUser, TEST_PASSWORD } from '../helpers/factories/index.js';
import { LOGO_UPLOAD_PATH } from '../../src/features/municipality/logo-upload.js';

type Headers = Record<string, string | string[] | undefined>;

let ctx: TestContext;
let server: Server;
let port: number;
beforeAll(async () => {
  ctx = await createTestContext();
  // A listening server, set up as src/server.ts sets up its own.
  server = createServer(ctx.app);
  answerClientErrorsWithSecurityHeaders(server, { hsts: ctx.config.session.cookieSecure });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ctx.close();
});

/** Sends raw bytes and parses the status line and headers of the answer. */
function rawRequest(bytes: string): Promise<{ status: number; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Headers = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers });
    });
    socket.write(bytes);
  });
}

const SECURITY_HEADERS = [
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'cross-origin-opener-policy',
];

describe('security headers on every kind of response', () => {
  it('sends the page headers, X-Frame-Options DENY matching the CSP, on all of them', async () => {
    const page = await supertest(ctx.app).get('/').expect(200);
    const expected = Object.fromEntries(SECURITY_HEADERS.map((name) => [name, page.headers[name]]));
    expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(expected['x-frame-options']).toBe('DENY');
    expect(expected['x-content-type-options']).toBe('nosniff');
    expect(expected['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(expected['cross-origin-opener-policy']).toBe('same-origin');

    // A multipart upload over its limit (multer) is answered with the form and its message.
    const admin = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'ADMIN' })).email, TEST_PASSWORD);
    const token = csrfTokenFrom((await admin.get('/administration/indstillinger')).text);
    const tooLargeUpload = admin
      .post(LOGO_UPLOAD_PATH)
      .field('_csrf', token)
      .attach('logo', Buffer.alloc(600 * 1024), { filename: 'logo.png', contentType: 'image/png' });

    const dead = createDatabase({ url: 'postgresql://nobody:secret@127.0.0.1:1/none', connectionTimeoutMs: 500 });
    const deadApp = createApp({ prisma: dead.prisma, pool: dead.pool, config: ctx.config });
    const answers: Array<[string, number, Promise<{ status: number; headers: Headers }>]> = [
      ['liveness', 200, supertest(ctx.app).get('/healthz')],
      ['readiness', 200, supertest(ctx.app).get('/readyz')],
      ['static file', 200, supertest(ctx.app).get('/static/css/app.css')],
      ['design-system file', 200, supertest(ctx.app).get('/assets/dkfds/css/dkfds.min.css')],
      ['missing static file', 404, supertest(ctx.app).get('/static/findes-ikke.css')],
      ['malformed static path', 404, supertest(ctx.app).get('/static/%E0%A4%A')],
      ['unknown page', 404, supertest(ctx.app).get('/findes-ikke')],
      ['redirect', 302, supertest(ctx.app).get('/opgaver?q=a%00b')],
      ['repeated query parameter', 400, supertest(ctx.app).get('/?q=a&q=b')],
      [
        'form body too large',
        413,
        supertest(ctx.app)
          .post('/log-ind')
          .type('form')
          .send(`email=${'a'.repeat(300_000)}`),
      ],
      ['upload too large', 422, tooLargeUpload],
      ['outage: no database (503)', 503, supertest(deadApp).get('/')],
      // Answered by Node's HTTP parser before Express sees anything:
      ['header fields too large', 431, rawRequest(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)],
      ['unparsable request', 400, rawRequest('NOT HTTP AT ALL\r\n\r\n')],
    ];
    for (const [label, status, answer] of answers) {
      const response = await answer;
      expect(response.status, label).toBe(status);
      for (const name of SECURITY_HEADERS) expect(response.headers[name], `${label}: ${name}`).toEqual(expected[name]);
    }
    await dead.close();
  });

  it('keeps health probes free of sessions', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const response = await supertest(ctx.app).get(path).expect(200);
      expect(response.headers['set-cookie'], path).toBeUndefined();
    }
  });
});
