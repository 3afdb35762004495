// A logical backup of the portal's data, and its restore, with nothing but a
// PostgreSQL connection: the embedded server ships no pg_dump (only initdb, pg_ctl and
// postgres), so `npm run db:backup` / `db:restore` do in TypeScript what a pg_dump of
// the data would. The format and what is left out: docs/adr/0028-logical-backup-format.md.
//
// File (gzip): one JSON header line; then per table of the header, in its order, the
// table's rows as COPY text lines (a row per line: COPY escapes newlines, tabs and
// backslashes) and a line `\.`, which no row can be (a backslash in data is written
// `\\`); then the line {"complete":true}, so a truncated file is noticed.
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { quoteIdentifier } from './embedded-postgres.js';
import { withClient } from './with-client.js';
import { migrateDatabase } from './migrate.js';
import { readMigrationsList, DEFAULT_MIGRATIONS_DIR } from './schema-engine.js';

export const BACKUP_FORMAT = 'frivillig-portal-backup';
export const BACKUP_VERSION = 1;

/**
 * Not backed up: `session` (personal and short-lived; a restore logs everyone out),
 * and `_prisma_migrations`, which the restore's own migration run writes again (the
 * header names the migrations). graphile-worker's schema is left out too: its jobs
 * are e-mails waiting to be sent, and restoring them would send again what went out
 * after the backup; its crontab needs no state.
 */
export const TABLES_NOT_BACKED_UP: readonly string[] = ['session', '_prisma_migrations'];

export interface BackupTable {
  name: string;
  /** Stored columns in table order (generated columns are computed again). */
  columns: string[];
  rows: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** The migrations the backed-up schema had, in order: the restore applies exactly these. */
  migrations: string[];
  tables: BackupTable[];
}

/** The restore would overwrite data, or the backup cannot be restored by this version. */
export class RestoreRefusedError extends Error {}

const END_OF_TABLE = '\\.';
const COMPLETE_LINE = JSON.stringify({ complete: true });

/**
 * Writes a backup of the database at `url` to `file` (mode 0600: it holds personal
 * data and password hashes). Every table is read in one REPEATABLE READ snapshot, so
 * the backup is consistent while the portal keeps running. Written to a temporary
 * name and renamed at the end: a failed backup leaves no half file behind.
 */
export async function backupDatabase(url: string, file: string): Promise<BackupHeader> {
  return withClient(url, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const { rows: migrationRows } = await client.query<{ name: string }>(
        `SELECT migration_name AS name FROM _prisma_migrations
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      );
      const { rows: tableRows } = await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT (c.relname = ANY($1)) ORDER BY c.relname`,
        [TABLES_NOT_BACKED_UP],
      );
      const tables: BackupTable[] = [];
      for (const { name } of tableRows) {
        const columns = await storedColumns(client, name);
        const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${quoteIdentifier(name)}`);
        tables.push({ name, columns, rows: Number(rows[0]?.count ?? 0) });
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        migrations: migrationRows.map((row) => row.name),
        tables,
      };

      async function* content(): AsyncGenerator<Buffer | string> {
        yield `${JSON.stringify(header)}\n`;
        for (const table of tables) {
          const columns = table.columns.map(quoteIdentifier).join(', ');
          yield* client.query(copyTo(`COPY ${quoteIdentifier(table.name)} (${columns}) TO STDOUT`));
          yield `${END_OF_TABLE}\n`;
        }
        yield `${COMPLETE_LINE}\n`;
      }

      const partial = `${file}.partial`;
      try {
        await pipeline(Readable.from(content()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
        // The mode above applies only to a new file; a leftover partial file keeps its own.
        await chmod(partial, 0o600);
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return header;
    } finally {
      // A read-only transaction: nothing to undo; a failed COPY may have ended it already.
      await client.query('ROLLBACK').catch(() => {});
    }
  });
}

async function storedColumns(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      ORDER BY attnum`,
    [quoteIdentifier(table)],
  );
  return rows.map((row) => row.name);
}

/** The backup's lines, as bytes without their newline. */
async function* linesOf(file: string): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  const source = createReadStream(file);
  const gunzip = createGunzip();
  // pipe() passes on no error: a missing file would otherwise leave the loop waiting.
  source.on('error', (error) => gunzip.destroy(error));
  for await (const chunk of source.pipe(gunzip) as AsyncIterable<Buffer>) {
    let data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let newline: number;
    while ((newline = data.indexOf(0x0a)) !== -1) {
      yield data.subarray(0, newline);
      data = data.subarray(newline + 1);
    }
    rest = Buffer.from(data);
  }
  if (rest.length > 0) yield rest;
}

/** Reads only the header of a backup file. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = linesOf(file);
  try {
    return parseHeader((await lines.next()).value);
  } finally {
    await lines.return(undefined);
  }
}

function parseHeader(line: Buffer | undefined): BackupHeader {
  let header: Partial<BackupHeader> | undefined;
  try {
    header = line ? (JSON.parse(line.toString('utf8')) as Partial<BackupHeader>) : undefined;
  } catch {
    header = undefined;
  }
  if (header?.format !== BACKUP_FORMAT) throw new RestoreRefusedError('This file is not a backup made by `npm run db:backup`.');
  if (header.version !== BACKUP_VERSION) {
    throw new RestoreRefusedError(`This backup has format version ${String(header.version)}; this version reads ${BACKUP_VERSION}.`);
  }
  return header as BackupHeader;
}

export interface RestoreOptions {
  /** Replace a database that is not empty: it is dropped and created again. */
  force?: boolean;
  log?: (message: string) => void;
}

/**
 * Restores `file` into the database at `url`. Refuses a database that has tables
 * unless `force` (then the database is dropped and created again, which needs a role
 * that may create databases). Applies the backup's migrations, then loads every table
 * and sets each sequence past its table's largest id, all in one transaction: if
 * loading fails, nothing of the data is there (the migrated, empty schema is).
 * Loading turns off triggers and foreign-key checks for its transaction
 * (session_replication_role = replica: the rows are a consistent snapshot, loaded in
 * any order), which needs a superuser, as the embedded and compose roles are.
 */
export async function restoreDatabase(url: string, file: string, options: RestoreOptions = {}): Promise<BackupHeader> {
  const log = options.log ?? (() => {});
  const lines = linesOf(file);
  try {
    const header = parseHeader((await lines.next()).value);
    const known = new Set((await readMigrationsList(DEFAULT_MIGRATIONS_DIR)).migrationDirectories.map((entry) => entry.path));
    const unknown = header.migrations.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new RestoreRefusedError(
        `The backup was made by a newer version of the portal (migrations unknown here: ${unknown.join(', ')}). Restore it with that version.`,
      );
    }

    if (!(await isEmpty(url))) {
      if (!options.force) {
        throw new RestoreRefusedError('The database is not empty. Restoring replaces everything in it: run again with --force to do so.');
      }
      log('Dropping and creating the database again (--force)');
      await recreateDatabase(url);
    }

    log(`Applying the backup's ${header.migrations.length} migrations`);
    await migrateDatabase(url, undefined, { only: header.migrations });

    await withClient(url, async (client) => {
      await client.query('BEGIN');
      try {
        await client.query('SET LOCAL session_replication_role = replica').catch((error: { code?: string }) => {
          if (error.code === '42501') {
            throw new RestoreRefusedError('Restoring needs a superuser role (to load tables without triggers and foreign-key checks).');
          }
          throw error;
        });
        for (const table of header.tables) {
          const loaded = await loadTable(client, table, lines);
          if (loaded !== table.rows) {
            throw new Error(`The backup is damaged: table ${table.name} has ${loaded} rows, its header says ${table.rows}.`);
          }
          log(`  ${table.name}: ${loaded} rows`);
        }
        const last = (await lines.next()).value;
        if (last?.toString('utf8') !== COMPLETE_LINE) throw new Error('The backup is incomplete (its end is missing).');
        await resetSequences(client, header.tables);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
    return header;
  } finally {
    await lines.return(undefined);
  }
}

async function loadTable(client: pg.Client, table: BackupTable, lines: AsyncGenerator<Buffer>): Promise<number> {
  let count = 0;
  let ended = false;
  // The table's lines only: stops at its end marker, leaving the rest for the next table.
  async function* rows(): AsyncGenerator<Buffer> {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) return;
      if (value.length === END_OF_TABLE.length && value.toString('latin1') === END_OF_TABLE) {
        ended = true;
        return;
      }
      count++;
      yield Buffer.concat([value, Buffer.from('\n')]);
    }
  }
  const columns = table.columns.map(quoteIdentifier).join(', ');
  await pipeline(Readable.from(rows()), client.query(copyFrom(`COPY ${quoteIdentifier(table.name)} (${columns}) FROM STDIN`)));
  if (!ended) throw new Error(`The backup is incomplete (table ${table.name} has no end).`);
  return count;
}

/** Each serial column's sequence continues after the largest value restored. */
async function resetSequences(client: pg.Client, tables: BackupTable[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.columns) {
      const { rows } = await client.query<{ sequence: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS sequence', [
        quoteIdentifier(table.name),
        column,
      ]);
      const sequence = rows[0]?.sequence;
      if (!sequence) continue;
      await client.query(
        `SELECT setval($1, COALESCE((SELECT max(${quoteIdentifier(column)}) FROM ${quoteIdentifier(table.name)}), 0) + 1, false)`,
        [sequence],
      );
    }
  }
}

/** No tables of ours and no job-queue schema: a database never migrated. */
async function isEmpty(url: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ used: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S'))
           OR EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'graphile_worker') AS used`,
    );
    return !rows[0]?.used;
  });
}

async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new RestoreRefusedError('The database URL names no database.');
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  await withClient(maintenance.toString(), async (client) => {
    // FORCE ends the sessions still connected (a portal left running).
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  });
}
