// A database of its own for a test file: a clone of the migrated template that the
// global setup (tests/setup/global-setup.ts) made on the run's embedded PostgreSQL.
// Cloning copies files, so a fresh, fully migrated database costs milliseconds.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/db/database.js';
import { quoteIdentifier } from '../../src/db/embedded-postgres.js';

export interface TestDatabase {
  url: string;
  db: Database;
  /** Closes `db` and drops the database. */
  drop(): Promise<void>;
}

/** A fresh database with every migration applied (a clone of the template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { templateDatabase } = inject('testPostgres');
  const name = uniqueDatabaseName();
  await createWithRetry(name, templateDatabase);
  const url = testDatabaseUrl(name);
  const db = createDatabase({ url });
  return {
    url,
    db,
    async drop() {
      await db.close();
      await dropTestDatabase(name);
    },
  };
}

/** A fresh database with nothing in it, for tests of migrating itself. */
export async function createEmptyTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueDatabaseName();
  await withAdminClient((client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
  return { url: testDatabaseUrl(name), drop: () => dropTestDatabase(name) };
}

export function testDatabaseUrl(database: string): string {
  const url = new URL(inject('testPostgres').adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('testPostgres').adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function uniqueDatabaseName(): string {
  return `test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

async function dropTestDatabase(name: string): Promise<void> {
  // FORCE: a pool the test left open must not make the drop fail.
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
}

/**
 * PostgreSQL refuses to clone a template while another session is connected to it
 * ("source database ... is being accessed by other users"); connections to the template
 * are forbidden, but a backend of the set-up may still be on its way out, so retry.
 */
async function createWithRetry(name: string, template: string): Promise<void> {
  const sql = `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdminClient((client) => client.query(sql));
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006'; // object_in_use
      if (!busy || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
