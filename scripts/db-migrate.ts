// `npm run db:migrate`: applies pending migrations (prisma/migrations) to DATABASE_URL,
// or, when it is unset, to the app's database in the embedded PostgreSQL, started
// for the purpose and stopped again. What `prisma migrate deploy` does, offline.
import { loadConfig } from '../src/config.js';
import { EMBEDDED_APP_DATABASE } from '../src/db/embedded-postgres.js';
import { configuredDatabase } from '../src/db/configured-database.js';
import { migrateDatabase } from '../src/db/migrate.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await configuredDatabase(config);
  try {
    if (database.embeddedDataDir) console.log(`Embedded PostgreSQL (${database.embeddedDataDir}), database "${EMBEDDED_APP_DATABASE}"`);
    const { appliedMigrationNames } = await migrateDatabase(database.url);
    if (appliedMigrationNames.length === 0) {
      console.log('No pending migrations: the database is up to date.');
    } else {
      console.log(`Applied ${appliedMigrationNames.length} migration(s):`);
      for (const name of appliedMigrationNames) console.log(`  ${name}`);
    }
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
