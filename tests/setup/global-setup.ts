// Vitest global setup: ONE embedded PostgreSQL for the whole run, in a fresh temporary
// data directory on a free port, with a migrated `template_portal` database. Each test
// file clones that template (tests/helpers/database.ts), which takes milliseconds,
// instead of migrating its own database. Removed again at teardown.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../src/db/free-port.js';
import { quoteIdentifier, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { withClient } from '../../src/db/with-client.js';
import { hashPassword } from '../../src/features/auth/password.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

export const TEMPLATE_DATABASE = 'template_portal';

export interface TestPostgres {
  /** URL of the server's maintenance database (`postgres`), for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** A migrated database to clone; nothing may connect to it. */
  templateDatabase: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testPostgres: TestPostgres;
    /** The argon2id hash of TEST_PASSWORD, for test users. */
    testPasswordHash: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Hashed while PostgreSQL starts.
  const testPasswordHash = hashPassword(TEST_PASSWORD);
  // Under /tmp (world-traversable), since as root PostgreSQL runs as `postgres`.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-test-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    log: process.env.TEST_PG_LOG ? (message) => console.log(`[test-pg] ${message}`) : undefined,
  });
  const teardown = async (): Promise<void> => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    // This server's data is thrown away at teardown, so nothing needs to survive a
    // crash: not waiting for the disk makes every commit (each request saves its
    // session), clone and drop much cheaper, and the tests still run the same SQL.
    await withClient(server.url(), async (admin) => {
      for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) {
        await admin.query(`ALTER SYSTEM SET ${setting} = off`);
      }
      await admin.query('SELECT pg_reload_conf()');
    });
    await server.createDatabase(TEMPLATE_DATABASE);
    await migrateDatabase(server.url(TEMPLATE_DATABASE));
    // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template;
    // forbidding connections rules out a test (or a slow backend exit) doing so.
    await withClient(server.url(), (admin) =>
      admin.query(`ALTER DATABASE ${quoteIdentifier(TEMPLATE_DATABASE)} WITH ALLOW_CONNECTIONS false`),
    );
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('testPostgres', { adminUrl: server.url(), templateDatabase: TEMPLATE_DATABASE });
  project.provide('testPasswordHash', await testPasswordHash);
  return teardown;
}
