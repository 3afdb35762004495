// The database side of the schema engine: @prisma/adapter-pg as the engine needs it.
// The WebAssembly engine reaches PostgreSQL only through a driver adapter, and
// adapter-pg 7.10 falls short of what migrations need in three ways, fixed here.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlQueryable,
} from '@prisma/driver-adapter-utils';

/** Their connections show under this name in pg_stat_activity. */
export const SCHEMA_ENGINE_APPLICATION_NAME = 'portal-schema-engine';

/**
 * PrismaPg for the schema engine, with three faults of adapter-pg 7.10 worked around:
 * - its connectToShadowDb drops the shadow database before closing its pool (so the
 *   drop fails, "being accessed by other users") and never closes the connection it
 *   created it with;
 * - its executeScript splits migration scripts at every ';', breaking any migration
 *   with a ';' in a string, a comment or a function body;
 * - it cannot read the "char" columns the engine's catalog queries return (see
 *   readCharColumns).
 * Every adapter handed out is tracked so `close()` ends them all: the engine never
 * disposes its main connection itself.
 */
export class PgMigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  readonly #url: string;
  readonly #open = new Set<SqlDriverAdapter>();

  constructor(url: string) {
    this.#url = url;
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.#connect(this.#url);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await this.#admin(`CREATE DATABASE "${name}"`);
    // The database is named in the URL itself: with a separate `database` field, pg
    // lets the connection string win and the "shadow" would be the main database.
    // FORCE on drop: the pool has closed its sockets, but their server backends may
    // not have gone yet.
    return this.#connect(withDatabase(this.#url, name), () => this.#admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }

  async close(): Promise<void> {
    await Promise.all([...this.#open].map((adapter) => adapter.dispose()));
  }

  async #connect(url: string, afterDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({
      connectionString: url,
      application_name: SCHEMA_ENGINE_APPLICATION_NAME,
      // One connection, kept until dispose: the engine serialises migrators with a
      // session-level advisory lock (pg_advisory_lock), which holds only while the
      // connection that took it lives, and only if later queries run on it too.
      max: 1,
      idleTimeoutMillis: 0,
    });
    const adapter = readCharColumns(await new PrismaPg(pool, { disposeExternalPool: true }).connect());
    adapter.executeScript = (script) => executeWholeScript(pool, script);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => readCharColumns(await startTransaction(isolationLevel));
    return this.#track(adapter, afterDispose);
  }

  #track(adapter: SqlDriverAdapter, afterDispose?: () => Promise<void>): SqlDriverAdapter {
    const dispose = adapter.dispose.bind(adapter);
    let disposing: Promise<void> | undefined;
    // Once only: both the engine and close() may dispose it, and pg refuses to end a
    // pool twice.
    adapter.dispose = () =>
      (disposing ??= (async () => {
        this.#open.delete(adapter);
        try {
          await dispose();
        } finally {
          await afterDispose?.();
        }
      })());
    this.#open.add(adapter);
    return adapter;
  }

  async #admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url, application_name: SCHEMA_ENGINE_APPLICATION_NAME });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

/**
 * Sends a migration script as one simple-protocol query, so PostgreSQL itself splits
 * the statements (and runs them as one implicit transaction), as the native engine
 * does. Errors are reported in the adapter's terms so the engine can word them.
 */
async function executeWholeScript(pool: pg.Pool, script: string): Promise<void> {
  try {
    await pool.query(script);
  } catch (error) {
    if (error instanceof pg.DatabaseError) {
      throw new DriverAdapterError({
        kind: 'postgres',
        code: error.code ?? 'N/A',
        severity: error.severity ?? 'N/A',
        message: error.message,
        detail: error.detail,
        column: error.column,
        hint: error.hint,
      });
    }
    throw error;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** adapter-pg's internal query step, which still sees pg's field descriptions. */
interface PgQueryableInternals {
  performIO(query: SqlQuery): Promise<{ fields: { dataTypeID: number }[]; rows: unknown[][] }>;
}

/**
 * adapter-pg 7.10 has no mapping for PostgreSQL's one-byte "char" type and fails with
 * "Column type 'char' could not be deserialized", yet the engine's catalog queries
 * return it (pg_constraint.contype, ...) when it describes a shadow database, and
 * expect a Character column. So the step below queryRaw relabels such columns as
 * text (which adapter-pg accepts; pg reads them as strings anyway) and notes which
 * they were, and queryRaw's answer then calls them Character.
 *
 * performIO is not public API: @prisma/adapter-pg is pinned, and this fails loudly
 * if a new version drops it.
 */
function readCharColumns<T extends SqlQueryable>(queryable: T): T {
  const internals = queryable as unknown as Partial<PgQueryableInternals>;
  const performIO = internals.performIO?.bind(queryable);
  if (!performIO) throw new Error('@prisma/adapter-pg changed: performIO is gone (see readCharColumns)');
  // Keyed by the rows array, which queryRaw passes through unchanged: no shared state
  // between concurrent queries.
  const charColumns = new WeakMap<unknown[][], number[]>();
  internals.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(index);
      }
    });
    if (indexes.length > 0) charColumns.set(result.rows, indexes);
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(result.rows as unknown[][]) ?? []) {
      result.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return result;
  };
  return queryable;
}
