// Builds the real app in-process on a fresh, migrated test database (its own per test
// file), with real sessions, CSRF and EJS. Nothing the user touches is mocked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { createMailer, readMailFolder, type StoredMail } from '../../src/mail/mailer.js';
import { createTaskList } from '../../src/jobs/tasks.js';
import { runDueJobs } from '../../src/jobs/worker.js';
import { createApp } from '../../src/app.js';
import { createServices, type Services } from '../../src/services.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Clock } from '../../src/clock.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { Lifecycle } from '../../src/features/health/health-routes.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from './database.js';
import { trackVocabularyCache } from './factories/lookups.js';

export interface TestContext {
  app: Express;
  db: Database;
  config: Config;
  clock: FakeClock;
  lifecycle: Lifecycle;
  /** The services the app and the jobs share (for what the server does outside requests, e.g. the first-run code). */
  services: Services;
  /** This file's mail folder: every e-mail the app sends lands here. */
  mailDir: string;
  /** Runs the due jobs (delivering queued e-mail, as the worker would), then reads the mail folder. */
  readMail(): Promise<StoredMail[]>;
  /** Runs every job that is due now, as the portal's worker would. */
  runJobs(): Promise<void>;
  close(): Promise<void>;
}

export class FakeClock implements Clock {
  constructor(private current = new Date('2026-11-22T10:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}

// Each app's clock, so the login helpers can compute the second factor's code for the
// app's time (tests/helpers/two-factor.ts).
const contexts = new WeakMap<Express, { clock: FakeClock; prisma: PrismaClient }>();

function registered(app: Express) {
  const context = contexts.get(app);
  if (!context) throw new Error('not an app made by createTestContext');
  return context;
}

export const clockOf = (app: Express): FakeClock => registered(app).clock;
/** The app's database, for the login helpers' replay bookkeeping only (tests/helpers/two-factor.ts). */
export const prismaOf = (app: Express): PrismaClient => registered(app).prisma;

export interface TestContextOptions {
  logger?: Logger;
  /**
   * Starts the search's facet index (as src/server.ts does) and waits for its first
   * load. Off by default: the search then counts facets in SQL, the reference.
   */
  searchIndex?: boolean;
}

export async function createTestContext(env: Record<string, string> = {}, options: TestContextOptions = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const mailDir = await mkdtemp(path.join(tmpdir(), 'portal-mail-'));
  const config = loadConfig({ NODE_ENV: 'test', MAIL_DIR: mailDir, ...env });
  const clock = new FakeClock();
  const lifecycle: Lifecycle = { shuttingDown: false };
  const logger = options.logger ?? createLogger('silent');
  // Built once for the app and the jobs, as src/server.ts does.
  const services = createServices({ prisma: database.db.prisma, clock, config, logger });
  // So that lookup rows the factories write empty this app's vocabulary cache.
  trackVocabularyCache(database.db.prisma, services.vocabularyCache);
  const app = createApp({
    prisma: database.db.prisma,
    pool: database.db.pool,
    config,
    clock,
    lifecycle,
    services,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  contexts.set(app, { clock, prisma: database.db.prisma });
  if (options.searchIndex) {
    const loaded = services.searchFacetIndex.nextLoad();
    services.searchFacetIndex.start(database.db.pool);
    await loaded;
  }
  const taskList = createTaskList({
    prisma: database.db.prisma,
    mailer: createMailer({ ...config.mail, logger }),
    clock,
    logger,
    services,
    baseUrl: config.baseUrl,
  });
  const runJobs = () => runDueJobs({ pool: database.db.pool, taskList, logger });
  return {
    app,
    db: database.db,
    config,
    clock,
    lifecycle,
    services,
    mailDir,
    runJobs,
    async readMail() {
      await runJobs();
      return readMailFolder(mailDir);
    },
    async close() {
      await services.searchFacetIndex.stop();
      await database.drop();
      await rm(mailDir, { recursive: true, force: true });
    },
  };
}
