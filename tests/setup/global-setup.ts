// Vitest global setup: ONE embedded PostgreSQL for the whole run, in a fresh temporary
// data directory on a free port, with a migrated `template_portal` database. Each test
// file clones that template (tests/helpers/database.ts), which takes milliseconds,
// instead of migrating its own database. Removed again at teardown.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { quoteIdentifier, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { migrateDatabase } from '../../src/db/migrate.js';

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
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
    await server.createDatabase(TEMPLATE_DATABASE);
    await migrateDatabase(server.url(TEMPLATE_DATABASE));
    // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template;
    // forbidding connections rules out a test (or a slow backend exit) doing so.
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${quoteIdentifier(TEMPLATE_DATABASE)} WITH ALLOW_CONNECTIONS false`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('testPostgres', { adminUrl: server.url(), templateDatabase: TEMPLATE_DATABASE });
  return teardown;
}

/** A port free right now on loopback (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
