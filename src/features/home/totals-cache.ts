// The front page's totals, kept for a short while.
//
// "Right now there are N openings from M associations" counts every public opening:
// with tens of thousands that is the page's most expensive step, asked for on every
// view of the most viewed page, while a number a minute old says the same. So the
// totals are kept for `ttlMs` once they count at least `minMatches` openings; below
// that, counting takes a few milliseconds and is always done fresh. (The search counts
// from its in-process index instead, always current: docs/adr/0033.)
export interface CachedCounts<T> {
  get(key: string): T | undefined;
  /** Stores the counts if they counted enough to be worth keeping. */
  offer(key: string, value: T, matches: number): void;
}

export interface CountsCacheOptions {
  ttlMs: number;
  /** Fewer matches than this are always counted fresh. */
  minMatches: number;
  maxEntries: number;
  /** Monotonic milliseconds; real time, not the business clock (this is about load). */
  now?: () => number;
}

export function createCountsCache<T>(options: CountsCacheOptions): CachedCounts<T> {
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
  };
}
