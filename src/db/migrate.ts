// The one call the app makes at start-up (and tests make on a fresh database): bring
// the database up to the migrations in prisma/migrations. Safe to call every start:
// applied migrations are skipped, and concurrent callers wait for each other.
import { applyMigrations, type Log } from './schema-engine.js';

export async function migrateDatabase(url: string, log?: Log): Promise<{ appliedMigrationNames: string[] }> {
  return applyMigrations(url, { log });
}
