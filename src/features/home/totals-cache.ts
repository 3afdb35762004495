// The front page's totals, kept for a short while.
//
// "Right now there are N openings from M associations" counts every public opening:
// with tens of thousands that is the page's most expensive step, asked for on every
// view of the most viewed page, while a number a minute old says the same. So the
// totals are kept for `ttlMs` once they count at least `minMatches` openings; below
// that, counting takes a few milliseconds and is always done fresh. (The search counts
// from its in-process index instead, always current: docs/adr/0033.)
import { LRUCache } from 'lru-cache';

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
  // The least recently used go first (lru-cache); expiry is checked here, to the ms.
  const entries = new LRUCache<string, { value: T; until: number }>({ max: options.maxEntries });
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    offer(key, value, matches) {
      if (matches < options.minMatches || options.ttlMs <= 0) return;
      entries.set(key, { value, until: now() + options.ttlMs });
    },
  };
}
