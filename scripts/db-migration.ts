// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/
// migration.sql with the SQL that takes the database the existing migrations build to
// prisma/schema.prisma, as `prisma migrate dev --create-only` does. The existing
// migrations are replayed on a throw-away shadow database on DATABASE_URL's server
// (or the embedded PostgreSQL); no database is changed. Review the file, then apply
// it with `npm run db:migrate`.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../src/db/embedded-postgres.js';
import {
  DEFAULT_MIGRATIONS_DIR,
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
  migrationDirectoryName,
  planMigration,
} from '../src/db/schema-engine.js';
import { projectRoot } from '../src/paths.js';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || process.argv.length > 3) {
    throw new Error('Usage: npm run db:migration -- <name>   (e.g. add_opening_language)');
  }
  migrationDirectoryName(name); // Refuse a name with no letters or digits before any work.
  const config = loadConfig();
  let embedded: EmbeddedPostgresServer | undefined;
  try {
    let serverUrl = config.databaseUrl;
    if (!serverUrl) {
      embedded = await startEmbeddedPostgres(config.embeddedPostgres);
      serverUrl = embedded.url();
    }
    const plan = await planMigration(serverUrl, name);
    if (!plan) {
      console.log('No schema changes: prisma/schema.prisma matches the migrations. Nothing written.');
      return;
    }
    const directory = path.join(DEFAULT_MIGRATIONS_DIR, plan.directoryName);
    if (existsSync(directory)) throw new Error(`The migration directory already exists: ${directory}`);
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, 'migration.sql'), plan.sql, 'utf8');
    const lockPath = path.join(DEFAULT_MIGRATIONS_DIR, MIGRATION_LOCK_FILE);
    if (!existsSync(lockPath)) await writeFile(lockPath, MIGRATION_LOCK_CONTENT, 'utf8');
    console.log(`Wrote ${path.relative(projectRoot, path.join(directory, 'migration.sql'))}`);
    console.log('Review it (data-losing steps are not flagged), then run `npm run db:migrate`.');
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
