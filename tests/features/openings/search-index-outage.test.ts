// The search's facet index while the database is away (issue 11's behaviour must hold):
// the database is cut off by a TCP proxy (tests/helpers/tcp-proxy.ts), which resets the
// index's listening connection too. The search answers 503, the process lives on, and
// once the database is back the index reconnects, loads in full and counts again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../../src/app.js';
import { createDatabase, type Database } from '../../../src/db/database.js';
import { loadConfig } from '../../../src/config.js';
import { createServices, type Services } from '../../../src/services.js';
import { systemClock } from '../../../src/clock.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { anAssociation, anOpening } from '../../helpers/factories/index.js';

let testDb: TestDatabase;
let proxy: TcpProxy;
let db: Database;
let app: Express;
let services: Services;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const target = new URL(testDb.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  db = createDatabase({ url: proxy.urlFor(testDb.url), connectionTimeoutMs: 1000, onPoolError: () => undefined });
  const config = loadConfig({ NODE_ENV: 'test' });
  const log = memoryLogger();
  services = createServices({ prisma: db.prisma, clock: systemClock, config, logger: log.logger });
  app = createApp({ prisma: db.prisma, pool: db.pool, config, logger: log.logger, services });
  const association = await anAssociation(db.prisma);
  await anOpening(db.prisma, association.id, { title: 'Lektiehjælp' });
  const loaded = services.searchFacetIndex.nextLoad();
  services.searchFacetIndex.start(db.pool);
  await loaded;
});
afterAll(async () => {
  await services.searchFacetIndex.stop();
  await db.close();
  await proxy.close();
  await testDb.drop();
});

describe('the facet index during a database outage', () => {
  it('answers the search with 503 while the database is away, then reconnects, reloads and counts again', async () => {
    expect(await services.searchFacetIndex.current()).not.toBeNull();
    await supertest(app).get('/opgaver').expect(200);

    await proxy.stop();
    await supertest(app).get('/opgaver').expect(503);
    await supertest(app).get('/opgaver?q=lektiehj%C3%A6lp').expect(503);
    // The listening connection was reset: nothing is counted from the copy meanwhile.
    await expect.poll(() => services.searchFacetIndex.loaded(), { timeout: 5000 }).toBeNull();

    const reloaded = services.searchFacetIndex.nextLoad();
    await proxy.start();
    await reloaded;
    expect(await services.searchFacetIndex.current()).not.toBeNull();
    const page = await supertest(app).get('/opgaver?q=lektiehj%C3%A6lp').expect(200);
    expect(page.text).toContain('Lektiehjælp');
  }, 60_000);
});
