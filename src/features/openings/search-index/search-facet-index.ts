// The search's facet index in this process (facet-snapshot.ts), kept fresh from
// PostgreSQL (ADR 0033).
//
// Freshness: triggers on every table the snapshot copies (migration
// search_index_notify) bump the sequence `search_index_version` and notify the channel
// `search_index`. This process LISTENs on a dedicated connection of its own (a pooled
// one would be handed back and lose the LISTEN) and reloads the whole snapshot,
// debounced. Every search also reads the sequence, in parallel with its other
// statements: when it differs from the loaded snapshot's (a change whose notification
// has not arrived yet, or was missed), that search counts in SQL and a reload starts.
// So counts are never older than the last change a search could have seen, every
// process agrees with PostgreSQL, and a lost notification costs nothing but time.
//
// Resilience: until a snapshot is loaded (start-up, a lost LISTEN connection, a failed
// reload) `counts` answers null and the search counts in SQL, as it always did. A lost
// connection is reconnected with backoff, then the snapshot reloaded in full.
// Database errors are logged (never with data: loggableError) and never thrown from
// the background work.
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import type { Logger } from '../../../logger.js';
import { loggableError } from '../../../errors.js';
import type { SearchFilters, TaxonomyFacet } from '../search-schemas.js';
import { loadFacetSnapshot, type FacetSnapshot, type SnapshotCounts } from './facet-snapshot.js';

export const SEARCH_INDEX_CHANNEL = 'search_index';

export interface FacetIndexQuery {
  /** The municipality's today (ISO date): decides which deadlines have passed. */
  today: string;
  /** The free text's matching SQL (a `search_vector @@ ...` condition on `openings o`), or null. */
  text: { key: string; match: { text: string; values: unknown[] } } | null;
  filters: SearchFilters;
  slugs: Record<TaxonomyFacet, Map<number, string>>;
}

/** The loaded snapshot, known to be current when a search asked (its version read). */
export interface CurrentFacetIndex {
  readonly version: string;
  /** The total and every facet's counts. */
  counts(query: FacetIndexQuery): Promise<{ total: number; counts: SnapshotCounts }>;
  /**
   * A value kept for this version only (the search's result pages): anything derived
   * from the tables the triggers watch stays right as long as the version does.
   */
  remember<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface FacetIndex {
  /** Loads the snapshot and listens for changes, in the background. */
  start(pool: pg.Pool): void;
  /** Stops listening and every timer; resolves when the connection is closed. */
  stop(): Promise<void>;
  /** The counts from the snapshot, or null when it is not loaded or not current (count in SQL). */
  counts(query: FacetIndexQuery): Promise<{ total: number; counts: SnapshotCounts } | null>;
  /** The snapshot if it is loaded and current (one statement reads the version), else null. */
  current(): Promise<CurrentFacetIndex | null>;
  /** Resolves after the next successful load (for tests and the bench). */
  nextLoad(): Promise<FacetSnapshot>;
  /** The loaded snapshot's facts, or null. */
  loaded(): { version: string; size: number; bytes: number } | null;
}

export interface FacetIndexOptions {
  logger: Logger;
  /** Quiet time after a notification before reloading: a burst of changes reloads once. */
  debounceMs?: number;
  /** Reconnect and reload retries back off from the first to the second. */
  retryMs?: [number, number];
  /** Text matches kept per snapshot version, counted in opening ids. */
  textCacheIds?: number;
  /** Values kept per snapshot version by `remember` (result pages of 20 openings). */
  memoEntries?: number;
}

export function createFacetIndex(options: FacetIndexOptions): FacetIndex {
  const { logger } = options;
  const debounceMs = options.debounceMs ?? 100;
  const [firstRetryMs, maxRetryMs] = options.retryMs ?? [500, 30_000];
  const textCacheIds = options.textCacheIds ?? 2_000_000;
  const memoEntries = options.memoEntries ?? 500;

  let pool: pg.Pool | undefined;
  let listener: pg.Client | undefined;
  let snapshot: FacetSnapshot | null = null;
  let stopped = false;
  let started = false;
  let retryMs = firstRetryMs;
  let connectTimer: NodeJS.Timeout | undefined;
  let reloadTimer: NodeJS.Timeout | undefined;
  let reloading: Promise<void> | undefined;
  /** A change arrived while a reload was running: reload again after it. */
  let dirty = false;
  let waiters: ((snapshot: FacetSnapshot) => void)[] = [];
  // The free text's matching rows, per text, for the loaded snapshot only; the least
  // recently used go first once they hold `textCacheIds` ids in all.
  const textCache = new LRUCache<string, Int32Array>({ maxSize: textCacheIds, sizeCalculation: (rows) => Math.max(1, rows.length) });
  // remember()'s values, for the loaded snapshot only (a new cache per load).
  const newMemo = () => new LRUCache<string, Promise<unknown>>({ max: memoEntries });
  let memo = newMemo();

  function scheduleReload(delayMs: number): void {
    if (stopped || reloadTimer) return;
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      void reload();
    }, delayMs);
  }

  async function reload(): Promise<void> {
    if (stopped || !pool) return;
    if (reloading) {
      dirty = true;
      return;
    }
    const from = pool;
    reloading = (async () => {
      try {
        const started = performance.now();
        const loadedSnapshot = await loadFacetSnapshot(from);
        if (stopped) return;
        snapshot = loadedSnapshot;
        textCache.clear();
        memo = newMemo();
        retryMs = firstRetryMs;
        logger.debug(
          { openings: loadedSnapshot.size, bytes: loadedSnapshot.bytes, ms: Math.round(performance.now() - started) },
          'search facet index loaded',
        );
        const waiting = waiters;
        waiters = [];
        for (const resolve of waiting) resolve(loadedSnapshot);
      } catch (error) {
        // Counting falls back to SQL until a load succeeds.
        snapshot = null;
        logger.warn(loggableError(error), 'search facet index: load failed; counting in SQL until it loads');
        scheduleReload(backoff());
      }
    })();
    await reloading;
    reloading = undefined;
    if (dirty && !stopped) {
      dirty = false;
      scheduleReload(0);
    }
  }

  function backoff(): number {
    const delay = retryMs;
    retryMs = Math.min(maxRetryMs, retryMs * 2);
    return delay;
  }

  async function connect(): Promise<void> {
    if (stopped || !pool) return;
    const client = new pg.Client(pool.options);
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = undefined;
      if (stopped) return;
      // Notifications may be missed from now on: count in SQL until listening again.
      snapshot = null;
      if (error) logger.warn(loggableError(error), 'search facet index: listening connection lost; reconnecting');
      client.end().catch(() => undefined);
      connectTimer = setTimeout(() => {
        connectTimer = undefined;
        void connect();
      }, backoff());
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', () => scheduleReload(debounceMs));
    try {
      await client.connect();
      await client.query(`LISTEN ${SEARCH_INDEX_CHANNEL}`);
    } catch (error) {
      onLost(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    listener = client;
    // Whatever changed while not listening: a full load.
    await reload();
  }

  async function textRows(current: FacetSnapshot, text: NonNullable<FacetIndexQuery['text']>, from: pg.Pool): Promise<Int32Array> {
    const cached = textCache.get(text.key);
    if (cached) return cached;
    // Published openings only (the snapshot holds no others); the ids as one string,
    // which node-pg reads far faster than thousands of rows.
    const result = await from.query<{ ids: string | null }>({
      text: `SELECT string_agg(o.id::text, ',') AS ids FROM openings o WHERE o.status = 'PUBLISHED' AND ${text.match.text}`,
      values: text.match.values,
    });
    const ids = result.rows[0]?.ids;
    const rows = current.rowsOf(ids ? ids.split(',').map(Number) : []);
    // Not kept when larger than the whole cache (lru-cache refuses it).
    if (snapshot === current) textCache.set(text.key, rows);
    return rows;
  }

  async function current(): Promise<CurrentFacetIndex | null> {
    const loadedSnapshot = snapshot;
    const from = pool;
    if (!loadedSnapshot || !from) return null;
    const versionResult = await from.query<{ v: string }>(`SELECT last_value::text AS v FROM search_index_version`);
    if (versionResult.rows[0]?.v !== loadedSnapshot.version) {
      // Changed since the load: the notification is on its way (or was lost).
      scheduleReload(debounceMs);
      return null;
    }
    const memoOfSnapshot = memo;
    return {
      version: loadedSnapshot.version,
      async counts(query) {
        const rows = query.text ? await textRows(loadedSnapshot, query.text, from) : null;
        return loadedSnapshot.count({ today: query.today, rows, filters: query.filters, slugs: query.slugs });
      },
      remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
        const kept = memoOfSnapshot.get(key) as Promise<T> | undefined;
        if (kept) return kept;
        const value = compute();
        // Only for the snapshot still loaded, and a failure is not kept.
        if (snapshot === loadedSnapshot) {
          memoOfSnapshot.set(key, value);
          value.catch(() => memoOfSnapshot.delete(key));
        }
        return value;
      },
    };
  }

  return {
    start(givenPool) {
      if (started) return;
      started = true;
      pool = givenPool;
      void connect();
    },

    async stop() {
      stopped = true;
      clearTimeout(connectTimer);
      clearTimeout(reloadTimer);
      reloadTimer = undefined;
      const client = listener;
      listener = undefined;
      await reloading;
      await client?.end().catch(() => undefined);
      snapshot = null;
    },

    async counts(query) {
      const view = await current();
      return view ? view.counts(query) : null;
    },

    current,

    nextLoad() {
      return new Promise((resolve) => waiters.push(resolve));
    },

    loaded() {
      return snapshot ? { version: snapshot.version, size: snapshot.size, bytes: snapshot.bytes } : null;
    },
  };
}
