// `npm run db:restore <file> [--force]`: restores a backup made by `npm run db:backup`
// into DATABASE_URL, or the embedded PostgreSQL's app database. An empty database is
// filled; one with data is replaced only with --force (dropped and created again).
// Stop the portal first: a forced restore ends its connections.
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { restoreDatabase } from '../src/db/backup.js';
import { configuredDatabase } from '../src/db/configured-database.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const files = args.filter((arg) => arg !== '--force');
  if (files.length !== 1 || files[0]?.startsWith('-')) {
    throw new Error('Usage: npm run db:restore -- <file> [--force]');
  }
  const file = path.resolve(files[0] ?? '');
  const config = loadConfig();
  const database = await configuredDatabase(config);
  try {
    if (database.embeddedDataDir) console.log(`Embedded PostgreSQL (${database.embeddedDataDir})`);
    const header = await restoreDatabase(database.url, file, { force, log: (message) => console.log(message) });
    const rows = header.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(`Restored ${header.tables.length} tables (${rows} rows) from the backup of ${header.createdAt}.`);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
