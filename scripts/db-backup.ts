// `npm run db:backup [file]`: a backup of the portal's data (DATABASE_URL, or the
// embedded PostgreSQL's app database, started for the purpose and stopped again) in
// one file, readable by its owner only. Needs no pg_dump: src/db/backup.ts.
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { backupDatabase } from '../src/db/backup.js';
import { configuredDatabase } from '../src/db/configured-database.js';

async function main(): Promise<void> {
  const stamp = new Date()
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z');
  const file = path.resolve(process.argv[2] ?? `portal-${stamp}.backup`);
  const config = loadConfig();
  const database = await configuredDatabase(config);
  try {
    if (database.embeddedDataDir) console.log(`Embedded PostgreSQL (${database.embeddedDataDir})`);
    const header = await backupDatabase(database.url, file);
    const rows = header.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(`Backed up ${header.tables.length} tables (${rows} rows) at migration ${header.migrations.at(-1) ?? '(none)'} to ${file}`);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
