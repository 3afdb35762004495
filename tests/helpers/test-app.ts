// Builds the real app in-process on a fresh, migrated test database (its own per test
// file), with real sessions, CSRF and EJS. Nothing the user touches is mocked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { readMailFolder, type StoredMail } from '../../src/mail/mailer.js';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/logger.js';
import type { Lifecycle } from '../../src/features/health/health-routes.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from './database.js';

export interface TestContext {
  app: Express;
  db: Database;
  config: Config;
  clock: FakeClock;
  lifecycle: Lifecycle;
  /** This file's mail folder: every e-mail the app sends lands here. */
  mailDir: string;
  readMail(): Promise<StoredMail[]>;
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

export async function createTestContext(env: Record<string, string> = {}, options: { logger?: Logger } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const mailDir = await mkdtemp(path.join(tmpdir(), 'portal-mail-'));
  const config = loadConfig({ NODE_ENV: 'test', MAIL_DIR: mailDir, ...env });
  const clock = new FakeClock();
  const lifecycle: Lifecycle = { shuttingDown: false };
  const app = createApp({
    prisma: database.db.prisma,
    pool: database.db.pool,
    config,
    clock,
    lifecycle,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    app,
    db: database.db,
    config,
    clock,
    lifecycle,
    mailDir,
    readMail: () => readMailFolder(mailDir),
    async close() {
      await database.drop();
      await rm(mailDir, { recursive: true, force: true });
    },
  };
}
