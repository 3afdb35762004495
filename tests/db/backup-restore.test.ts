// `npm run db:backup` / `db:restore` without pg_dump (#11): a backup of a database with
// the demo data and awkward values, restored into a fresh database, holds every row byte
// for byte, serves pages, and its sequences continue; a database with data is not
// overwritten without --force.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, readBackupHeader, restoreDatabase, RestoreRefusedError, type BackupHeader } from '../../src/db/backup.js';
import { createDatabase } from '../../src/db/database.js';
import { quoteIdentifier } from '../../src/db/embedded-postgres.js';
import { withClient } from '../../src/db/with-client.js';
import { seedAllDemoData } from '../../src/db/seed/seed-all.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createEmptyTestDatabase, createTestDatabase, type TestDatabase } from '../helpers/database.js';

// Quotes, a newline, a tab, a backslash (and one before "." alone on a line, COPY's
// end marker), emoji, Danish letters.
const AWKWARD = `"Ærø" 'Åbenrå' — \\ tab\there\nnew line\r\n\\.\nØst 🎉 \\N`;
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

let source: TestDatabase;
let directory: string;
let file: string;
let header: BackupHeader;

beforeAll(async () => {
  source = await createTestDatabase();
  await seedAllDemoData(source.db.prisma);
  const { pool } = source.db;
  await pool.query(
    `UPDATE municipality_settings SET about_da = $1, contact_phone = NULL, logo_data = $2, logo_type = 'image/png' WHERE id = 1`,
    [AWKWARD, ALL_BYTES],
  );
  await pool.query(`UPDATE users SET name = $1 WHERE id = (SELECT min(id) FROM users)`, [AWKWARD]);
  await pool.query(`INSERT INTO audit_log (action, target_type, details) VALUES ('backup.test', NULL, $1)`, [
    JSON.stringify({ text: AWKWARD, nested: { list: [1, null, 'ø'] } }),
  ]);
  directory = await mkdtemp(path.join(tmpdir(), 'portal-backup-'));
  file = path.join(directory, 'portal.backup');
  header = await backupDatabase(source.url, file);
});

afterAll(async () => {
  await source.drop();
  await rm(directory, { recursive: true, force: true });
});

/** Each backed-up table's row count and a digest of its rows' text, in a stable order. */
async function contents(url: string): Promise<Record<string, { rows: number; digest: string | null }>> {
  return withClient(url, async (client) => {
    const result: Record<string, { rows: number; digest: string | null }> = {};
    for (const { name } of header.tables) {
      const table = quoteIdentifier(name);
      const { rows } = await client.query<{ rows: string; digest: string | null }>(
        `SELECT count(*) AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM ${table} t`,
      );
      result[name] = { rows: Number(rows[0]?.rows), digest: rows[0]?.digest ?? null };
    }
    return result;
  });
}

describe('backup and restore', () => {
  it('writes a file only its owner can read, naming the migrations and every table', async () => {
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readBackupHeader(file)).toEqual(header);
    expect(header.migrations.length).toBeGreaterThan(0);
    const names = header.tables.map((table) => table.name);
    expect(names).toEqual(expect.arrayContaining(['users', 'associations', 'openings', 'audit_log', 'municipality_settings']));
    // Sessions are personal and short-lived; the migrations' table is written by the restore.
    expect(names).not.toContain('session');
    expect(names).not.toContain('_prisma_migrations');
  });

  it('restores every row byte for byte into an empty database, which serves pages and continues its sequences', async () => {
    const target = await createEmptyTestDatabase();
    try {
      await restoreDatabase(target.url, file);
      const before = await contents(source.url);
      expect(Object.values(before).some((table) => table.rows > 0)).toBe(true);
      expect(await contents(target.url)).toEqual(before);

      await withClient(target.url, async (client) => {
        const settings = await client.query<{ about_da: string; logo_data: Buffer; contact_phone: string | null }>(
          'SELECT about_da, logo_data, contact_phone FROM municipality_settings WHERE id = 1',
        );
        expect(settings.rows[0]?.about_da).toBe(AWKWARD);
        expect(settings.rows[0]?.logo_data.equals(ALL_BYTES)).toBe(true);
        expect(settings.rows[0]?.contact_phone).toBeNull();
        const audit = await client.query<{ details: unknown }>(`SELECT details FROM audit_log WHERE action = 'backup.test'`);
        expect(audit.rows[0]?.details).toEqual({ text: AWKWARD, nested: { list: [1, null, 'ø'] } });
        // The migrations are recorded as the portal's start expects (nothing left to apply).
        const migrations = await client.query<{ name: string }>('SELECT migration_name AS name FROM _prisma_migrations ORDER BY 1');
        expect(migrations.rows.map((row) => row.name)).toEqual(header.migrations);
        // A new row gets an id above every restored one.
        const maxId = await client.query<{ max: string }>('SELECT max(id) AS max FROM audit_log');
        const inserted = await client.query<{ id: string }>(`INSERT INTO audit_log (action) VALUES ('after.restore') RETURNING id`);
        expect(BigInt(inserted.rows[0]?.id ?? 0)).toBeGreaterThan(BigInt(maxId.rows[0]?.max ?? 0));
      });

      const restored = createDatabase({ url: target.url });
      try {
        const opening = await restored.prisma.opening.findFirstOrThrow({ where: { status: 'PUBLISHED' }, orderBy: { id: 'asc' } });
        const app = createApp({ prisma: restored.prisma, pool: restored.pool, config: loadConfig({ NODE_ENV: 'test' }) });
        const page = await supertest(app).get(`/opgaver/${opening.id}`).expect(200);
        expect(page.text).toContain(opening.title.replaceAll('&', '&amp;'));
        // The search index (kept by a trigger, restored as data) still finds the opening.
        const search = await supertest(app).get(`/opgaver?q=${encodeURIComponent(opening.title.split(' ')[0] ?? '')}`);
        expect(search.status).toBe(200);
        expect(search.text).toContain(`/opgaver/${opening.id}`);
      } finally {
        await restored.close();
      }
    } finally {
      await target.drop();
    }
  });

  it('refuses a database that has data unless forced, and then replaces what was there', async () => {
    const target = await createTestDatabase();
    try {
      await target.db.pool.query(`INSERT INTO audit_log (action) VALUES ('not.in.backup')`);
      await expect(restoreDatabase(target.url, file)).rejects.toThrow(RestoreRefusedError);
      const kept = await target.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'not.in.backup'`);
      expect(kept.rowCount).toBe(1);
      // The forced restore drops the database under this pool; its connections end.
      await target.db.close();

      await restoreDatabase(target.url, file, { force: true });
      expect(await contents(target.url)).toEqual(await contents(source.url));
    } finally {
      await target.drop();
    }
  });

  it('refuses a file that is not a backup', async () => {
    const target = await createEmptyTestDatabase();
    try {
      await expect(restoreDatabase(target.url, path.join(import.meta.dirname, 'backup-restore.test.ts'))).rejects.toThrow();
    } finally {
      await target.drop();
    }
  });
});
