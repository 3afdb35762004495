// The one call the app makes at start-up (and tests make on a fresh database): bring
// the database up to the migrations in prisma/migrations, then install or upgrade the
// job queue's own schema (`graphile_worker`, managed by graphile-worker itself). Safe
// to call every start: applied migrations are skipped, and concurrent callers wait
// for each other. `only` limits our migrations to those named (a restore: src/db/backup.ts).
import { runMigrations } from 'graphile-worker';
import { applyMigrations, type Log } from './schema-engine.js';

export async function migrateDatabase(
  url: string,
  log?: Log,
  options: { only?: readonly string[] } = {},
): Promise<{ appliedMigrationNames: string[] }> {
  const applied = await applyMigrations(url, { log, ...options });
  await runMigrations({ connectionString: url, noHandleSignals: true });
  return applied;
}
