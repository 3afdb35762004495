// An external database (DATABASE_URL) is not ours to restart, but when its connections
// are cut — a restart, a failover, an administrator ending sessions — the portal must
// carry on by itself: pg's pool drops a client whose connection broke and opens a new
// one, and Prisma's adapter uses that same pool (src/db/database.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { withAdminClient } from '../helpers/database.js';
import { isDatabaseUnavailable } from '../../src/db/errors.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** Ends every connection to the test database but the admin's own, as a server restart would. */
async function terminateBackends(): Promise<number> {
  const database = (await ctx.db.pool.query<{ name: string }>('SELECT current_database() AS name')).rows[0]?.name;
  return withAdminClient(async (admin) => {
    const { rowCount } = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return rowCount ?? 0;
  });
}

describe('the pool after its connections are terminated', () => {
  it('serves the next requests on new connections; a request caught in between is a 503, never a 500', async () => {
    const agent = supertest.agent(ctx.app);
    // Several pooled connections, and a session in the store.
    await agent.get('/log-ind').expect(200);
    await Promise.all([agent.get('/').expect(200), agent.get('/opgaver').expect(200), agent.get('/log-ind').expect(200)]);
    const before = ctx.db.pool.totalCount;
    expect(before).toBeGreaterThan(0);

    expect(await terminateBackends()).toBeGreaterThan(0);

    // A request may meet a pooled connection that has not yet noticed its end (the
    // pool drops each such one as it fails): at most one failure per connection it
    // held, each a 503; then requests are served again.
    const statuses: number[] = [];
    while (statuses.at(-1) !== 200 && statuses.length <= before + 1) statuses.push((await agent.get('/')).status);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.filter((status) => status !== 200).every((status) => status === 503)).toBe(true);
    for (const path of ['/opgaver', '/log-ind', '/']) await agent.get(path).expect(200);
    await supertest(ctx.app).get('/readyz').expect(200);
  });

  it('takes a query ended under it (57P01, through pg and through Prisma) for an outage: 503, not 500', async () => {
    // Queries that hold their connections while the backends are ended, as in a restart.
    const throughPg = ctx.db.pool.query('SELECT pg_sleep(5)').catch((error: unknown) => error);
    const throughPrisma = ctx.db.prisma.$queryRaw`SELECT pg_sleep(5)`.catch((error: unknown) => error);
    // Both sleeps must be running before the backends are ended: ending them earlier would
    // leave a query that starts afterwards on a fresh connection, unharmed.
    const sleeping = () =>
      withAdminClient(async (admin) => {
        const { rows } = await admin.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(5)%' AND pid <> pg_backend_pid()",
        );
        return rows[0]?.n ?? 0;
      });
    while ((await sleeping()) < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    await terminateBackends();
    const pgError = await throughPg;
    const prismaError = await throughPrisma;
    expect((pgError as { code?: string }).code).toBe('57P01');
    expect(isDatabaseUnavailable(pgError)).toBe(true);
    expect(isDatabaseUnavailable(prismaError)).toBe(true);
    // And the portal carries on: at most one request meets a connection not yet dropped.
    const first = (await supertest(ctx.app).get('/')).status;
    expect([200, 503]).toContain(first);
    await supertest(ctx.app).get('/').expect(200);
  });
});
