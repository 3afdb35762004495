// `npm run db:migrate`: applies pending migrations (prisma/migrations) to DATABASE_URL,
// or, when it is unset, to the app's database in the embedded PostgreSQL, started
// for the purpose and stopped again. What `prisma migrate deploy` does, offline.
import { loadConfig } from '../src/config.js';
import { EMBEDDED_APP_DATABASE, startEmbeddedPostgres, type EmbeddedPostgresServer } from '../src/db/embedded-postgres.js';
import { migrateDatabase } from '../src/db/migrate.js';

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedPostgresServer | undefined;
  try {
    let url = config.databaseUrl;
    if (!url) {
      embedded = await startEmbeddedPostgres(config.embeddedPostgres);
      await embedded.ensureDatabase(EMBEDDED_APP_DATABASE);
      url = embedded.url(EMBEDDED_APP_DATABASE);
      console.log(`Embedded PostgreSQL (${config.embeddedPostgres.dataDir}), database "${EMBEDDED_APP_DATABASE}"`);
    }
    const { appliedMigrationNames } = await migrateDatabase(url);
    if (appliedMigrationNames.length === 0) {
      console.log('No pending migrations: the database is up to date.');
    } else {
      console.log(`Applied ${appliedMigrationNames.length} migration(s):`);
      for (const name of appliedMigrationNames) console.log(`  ${name}`);
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
