import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import pg from 'pg';
import { createApp } from '../../../src/app.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('health endpoints', () => {
  it('reports liveness', async () => {
    const response = await supertest(ctx.app).get('/healthz').expect(200).expect('Content-Type', /json/);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('reports readiness when the database answers', async () => {
    const response = await supertest(ctx.app).get('/readyz').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('reports not ready while shutting down, while liveness stays up', async () => {
    ctx.lifecycle.shuttingDown = true;
    try {
      await supertest(ctx.app).get('/readyz').expect(503);
      await supertest(ctx.app).get('/healthz').expect(200);
    } finally {
      ctx.lifecycle.shuttingDown = false;
    }
  });

  it('reports not ready when the database cannot be reached', async () => {
    // A pool pointing at a port nothing listens on: a real unreachable database.
    const deadPool = new pg.Pool({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 500 });
    deadPool.on('error', () => undefined);
    const app = createApp({ prisma: ctx.db.prisma, pool: deadPool, config: ctx.config });
    const response = await supertest(app).get('/readyz').expect(503);
    expect(response.body).toEqual({ status: 'unavailable', database: 'unreachable' });
    await supertest(app).get('/healthz').expect(200);
    await deadPool.end();
  });
});
