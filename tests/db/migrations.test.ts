// The migrations in prisma/migrations, applied by Prisma's WebAssembly schema engine:
// they build the whole schema on an empty database, are recorded as `prisma migrate
// deploy` records them, apply nothing the second time, and match prisma/schema.prisma.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { migrateDatabase, observeMigrationThreads } from '../../src/db/migrate.js';
import { DEFAULT_MIGRATIONS_DIR, planMigration } from '../../src/db/schema-engine.js';
import { SCHEMA_ENGINE_APPLICATION_NAME } from '../../src/db/schema-engine-adapter.js';
import { createEmptyTestDatabase, createTestDatabase, testDatabaseUrl } from '../helpers/database.js';

const EXPECTED_TABLES = [
  '_ActivityToTargetGroup',
  '_AssociationToFieldOfWork',
  '_EventToTargetGroup',
  '_OpeningToSkillArea',
  '_OpeningToTargetGroup',
  '_PlanActionAgreements',
  '_PlanActionGoals',
  '_PlanActionOpenings',
  '_prisma_migrations',
  'action_plans',
  'activities',
  'agreement_budget_lines',
  'agreement_checklist_items',
  'agreement_evaluation_answers',
  'agreement_evaluations',
  'agreement_parties',
  'agreement_party_links',
  'agreement_reminders',
  'agreement_responses',
  'agreement_sections',
  'agreement_template_sections',
  'agreement_template_versions',
  'agreement_versions',
  'agreements',
  'association_invitations',
  'association_members',
  'associations',
  'audit_log',
  'data_access_links',
  'setup_codes',
  'staff_invitations',
  'user_recovery_codes',
  'committee_decisions',
  'events',
  'fields_of_work',
  'interests',
  'local_areas',
  'municipality_settings',
  'opening_alerts',
  'openings',
  'plan_action_responsibles',
  'plan_actions',
  'plan_goals',
  'plan_review_entries',
  'plan_review_partner_entries',
  'plan_reviews',
  'rate_limits',
  'review_amendments',
  'session',
  'skill_areas',
  'target_groups',
  'users',
];

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

async function migrationNamesOnDisk(): Promise<string[]> {
  const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const tableNames = (url: string): Promise<string[]> =>
  query<{ table_name: string }>(
    url,
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  ).then((rows) => rows.map((row) => row.table_name).sort());

const migrationRows = (url: string): Promise<MigrationRow[]> =>
  query<MigrationRow>(
    url,
    `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
       FROM _prisma_migrations ORDER BY migration_name`,
  );

describe('migrations on an empty database', () => {
  let database: Awaited<ReturnType<typeof createEmptyTestDatabase>>;
  let firstRun: { appliedMigrationNames: string[] };

  beforeAll(async () => {
    database = await createEmptyTestDatabase();
    firstRun = await migrateDatabase(database.url);
  });
  afterAll(() => database?.drop());

  it('applies every migration folder, in order, starting with init', async () => {
    const onDisk = await migrationNamesOnDisk();
    expect(onDisk[0]).toMatch(/^\d{14}_init$/);
    expect(firstRun.appliedMigrationNames).toEqual(onDisk);
  });

  it('creates all tables', async () => {
    expect(await tableNames(database.url)).toEqual(EXPECTED_TABLES.slice().sort());
  });

  it('records each migration in _prisma_migrations as prisma migrate deploy does', async () => {
    const rows = await migrationRows(database.url);
    expect(rows.map((row) => row.migration_name)).toEqual(await migrationNamesOnDisk());
    for (const row of rows) {
      const script = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      // Prisma's checksum: SHA-256 of the script, hex; a mismatch would make the CLI
      // report the migration as edited.
      expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies nothing the second time, without error', async () => {
    const before = await migrationRows(database.url);
    const secondRun = await migrateDatabase(database.url);
    expect(secondRun.appliedMigrationNames).toEqual([]);
    expect(await migrationRows(database.url)).toEqual(before);
  });

  it("installs the job queue's own schema (graphile-worker) beside ours", async () => {
    const rows = await query<{ exists: boolean }>(
      database.url,
      `SELECT to_regprocedure('graphile_worker.add_job(text, json, text, timestamptz, integer, text, integer, text[], text)') IS NOT NULL AS exists`,
    );
    expect(rows[0]?.exists).toBe(true);
  });

  it('leaves no connection of the schema engine behind', async () => {
    const rows = await query<{ count: string }>(
      database.url,
      `SELECT count(*) FROM pg_stat_activity WHERE application_name = '${SCHEMA_ENGINE_APPLICATION_NAME}'`,
    );
    expect(Number(rows[0]?.count)).toBe(0);
  });
});

describe('the test database cloned from the template', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('has all tables and the migration history', async () => {
    expect(await tableNames(database.url)).toEqual(EXPECTED_TABLES.slice().sort());
    const rows = await migrationRows(database.url);
    expect(rows.map((row) => row.migration_name)).toEqual(await migrationNamesOnDisk());
  });

  it('is usable through Prisma', async () => {
    expect(await database.db.prisma.user.count()).toBe(0);
  });

  it('is up to date: migrating it applies nothing', async () => {
    expect((await migrateDatabase(database.url)).appliedMigrationNames).toEqual([]);
  });
});

describe('prisma/schema.prisma', () => {
  it('has a migration for every change (else run `npm run db:migration -- <name>`)', async () => {
    // Replays the migrations on a shadow database and diffs them against the schema.
    expect(await planMigration(testDatabaseUrl('postgres'), 'drift_check')).toBeNull();
  });
});

// Prisma's schema engine is WebAssembly the server needs only while migrating: it runs
// in a worker thread, ended before migrateDatabase returns, so its memory goes with it.
describe('the migration thread', () => {
  let database: Awaited<ReturnType<typeof createEmptyTestDatabase>>;
  beforeAll(async () => {
    database = await createEmptyTestDatabase();
  });
  afterAll(() => {
    observeMigrationThreads(undefined);
    return database?.drop();
  });

  it('has exited when migrateDatabase returns, after applying and after failing', async () => {
    const threads: Worker[] = [];
    observeMigrationThreads((worker) => threads.push(worker));
    const exited = (worker: Worker) => worker.threadId === -1;

    expect((await migrateDatabase(database.url)).appliedMigrationNames.length).toBeGreaterThan(0);
    expect(threads).toHaveLength(1);
    expect(exited(threads[0]!)).toBe(true);

    // A failure crosses the thread as an Error with the engine's message.
    await expect(migrateDatabase(testDatabaseUrl('no_such_database_for_migrations'))).rejects.toThrow(/./);
    expect(threads).toHaveLength(2);
    expect(exited(threads[1]!)).toBe(true);
  });
});
