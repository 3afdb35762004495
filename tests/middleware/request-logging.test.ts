// The request log: one line per answered request with its id, method and path (never
// the query), at a level by status; none for the health probes; the handlers' own
// lines (req.log) carry the same request fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { memoryLogger } from '../helpers/memory-logger.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { csrfTokenFrom } from '../helpers/http.js';
import { HONEYPOT_FIELD } from '../../src/validation/honeypot.js';

interface Line {
  level: number;
  msg: string;
  req?: { id: string; method: string; path: string };
  res?: { statusCode: number };
  responseTime?: number;
  errorKind?: string;
}

const memory = memoryLogger();
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { logger: memory.logger });
});
afterAll(() => ctx.close());

function lines(): Line[] {
  return memory
    .text()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Line);
}

describe('request log', () => {
  it('writes one line per page with the request id, method and path without the query', async () => {
    const response = await supertest(ctx.app).get('/opgaver?q=personligt-ord').expect(200);
    const id = String(response.headers['x-request-id']);
    const mine = lines().filter((line) => line.req?.id === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      msg: 'request completed',
      level: 30,
      req: { method: 'GET', path: '/opgaver' },
      res: { statusCode: 200 },
    });
    expect(typeof mine[0]?.responseTime).toBe('number');
    expect(memory.text()).not.toContain('personligt-ord');
  });

  it('logs a 404 at warn, and keeps a safe request id from the proxy', async () => {
    await supertest(ctx.app).get('/findes-ikke').set('X-Request-Id', 'proxy-id-12345').expect(404).expect('X-Request-Id', 'proxy-id-12345');
    const mine = lines().filter((line) => line.req?.id === 'proxy-id-12345');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 40, res: { statusCode: 404 }, req: { path: '/findes-ikke' } });
  });

  it('replaces an unsafe request id with its own', async () => {
    const response = await supertest(ctx.app).get('/').set('X-Request-Id', 'bad id <script>');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('does not log the health probes', async () => {
    const before = memory.text().length;
    await supertest(ctx.app).get('/healthz').expect(200);
    await supertest(ctx.app).get('/readyz');
    expect(memory.text().slice(before)).toBe('');
  });

  it("gives the handlers' own lines the request's fields (req.log)", async () => {
    // A filled honeypot on the association registration is logged by its handler through req.log.
    const agent = supertest.agent(ctx.app);
    const form = await agent.get('/foreninger/ny').expect(200);
    const response = await agent
      .post('/foreninger/ny')
      .type('form')
      .send({ _csrf: csrfTokenFrom(form.text), [HONEYPOT_FIELD]: 'http://spam.example' })
      .expect(303);
    const id = String(response.headers['x-request-id']);
    const own = lines().filter((line) => line.req?.id === id && line.msg === 'association registration dropped');
    expect(own).toHaveLength(1);
    expect(own[0]?.req).toEqual({ id, method: 'POST', path: '/foreninger/ny' });
  });
});
