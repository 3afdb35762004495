// The front page's totals cache on its own (src/features/home/totals-cache.ts).
import { describe, expect, it } from 'vitest';
import { createCountsCache } from '../../../src/features/home/totals-cache.js';

describe('createCountsCache', () => {
  it('keeps only totals that counted enough, for a limited time, and the most recently used ones', () => {
    let now = 0;
    const cache = createCountsCache<string>({ ttlMs: 1000, minMatches: 100, maxEntries: 2, now: () => now });
    cache.offer('narrow', 'a', 99);
    expect(cache.get('narrow')).toBeUndefined();

    cache.offer('broad', 'b', 100);
    expect(cache.get('broad')).toBe('b');
    now = 999;
    expect(cache.get('broad')).toBe('b');
    now = 1000;
    expect(cache.get('broad')).toBeUndefined();

    cache.offer('one', '1', 500);
    cache.offer('two', '2', 500);
    expect(cache.get('one')).toBe('1'); // now "two" is the least recently used
    cache.offer('three', '3', 500);
    expect(cache.get('two')).toBeUndefined();
    expect(cache.get('one')).toBe('1');
    expect(cache.get('three')).toBe('3');
  });
});
