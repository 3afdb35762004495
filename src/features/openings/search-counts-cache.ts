// Facet counts of broad searches, kept for a short while.
//
// Counting every facet means aggregating over every opening a search matches. For a
// search that matches a few hundred openings that is a millisecond's work, and such
// counts are always computed fresh. For a broad one — the plain list, or a filter on
// one area when there are tens of thousands of openings — it is the most expensive
// thing the page does, and the same few broad searches are asked for again and again.
// Those counts are kept for `ttlMs`. The list of openings itself is never cached: a
// newly published opening shows at once; only the numbers next to the filters (and
// the total) may be up to `ttlMs` old, and only for searches matching at least
// `minMatches` openings.
export interface CachedCounts<T> {
  get(key: string): T | undefined;
  /** Stores the counts if the search was broad enough to be worth keeping. */
  offer(key: string, value: T, matches: number): void;
  clear(): void;
}

export interface CountsCacheOptions {
  ttlMs: number;
  /** Searches matching fewer openings are always counted fresh. */
  minMatches: number;
  maxEntries: number;
  /** Monotonic milliseconds; real time, not the business clock (this is about load). */
  now?: () => number;
}

// Below a thousand matches the counting takes a few milliseconds: not worth a stale number.
export const DEFAULT_COUNTS_CACHE: CountsCacheOptions = { ttlMs: 30_000, minMatches: 1_000, maxEntries: 500 };

export function createCountsCache<T>(options: CountsCacheOptions = DEFAULT_COUNTS_CACHE): CachedCounts<T> {
  const now = options.now ?? (() => performance.now());
  // A Map iterates in insertion order: re-inserting on use makes the first key the
  // least recently used one.
  const entries = new Map<string, { value: T; until: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        entries.delete(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    offer(key, value, matches) {
      if (matches < options.minMatches || options.ttlMs <= 0) return;
      entries.delete(key);
      entries.set(key, { value, until: now() + options.ttlMs });
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    clear() {
      entries.clear();
    },
  };
}
