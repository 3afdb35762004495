// The one express-rate-limit Store of the portal: counters in PostgreSQL (the
// rate_limits table), so every portal process on the same database counts together —
// ten failed logins spread over two instances are ten, not five and five.
//
// - A fixed window per limiter and client, like express-rate-limit's MemoryStore: the
//   first hit opens a window of `windowMs`; hits after its end start a new one. The
//   increment is one statement (INSERT … ON CONFLICT DO UPDATE … RETURNING), so two
//   processes counting the same client at the same moment both count.
// - The client's key may hold an e-mail address (the login limiter's does): only an
//   HMAC-SHA256 of it with the session secret is stored, never the key itself.
// - Time is the injected clock's (tests move a FakeClock past the window). The
//   `resetTime` handed back to express-rate-limit is in real time, because the library
//   compares it with Date.now() before a decrement and the 429 pages count the minutes
//   left with Date.now(): it is now plus what is left of the window by the clock.
// - Expired rows are pruned on write: when a client opens a new window, the rows whose
//   window has ended are deleted (an index on resets_at keeps that cheap), at most once
//   a minute per process — not on every new visitor's first hit.
// - A failing database fails closed (ADR 0029): an increment's error goes to the error
//   handler, so no request passes a limiter uncounted. A failed decrement (a request
//   that should not have counted) is logged and dropped: the count stays one too high
//   until the window ends, the strict side.
import { createHmac } from 'node:crypto';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { loggableError } from '../errors.js';

export interface RateLimitStores {
  /**
   * A new Store for one limiter. Each limiter has its own prefix (two limiters with one
   * prefix would count each other's hits) and its own instance (express-rate-limit
   * refuses a shared one).
   */
  store(prefix: string): Store;
  /** The stored key of `key` (for tests that look into the table). */
  keyHash(key: string): string;
}

export interface RateLimitStoreDependencies {
  prisma: PrismaClient;
  clock: Clock;
  /** The HMAC key for the stored client keys (the session secret). */
  secret: string;
  logger: Logger;
}

/** How often, at most, one process deletes ended windows. */
const PRUNE_EVERY_MS = 60_000;

interface Row {
  hits: number;
  resets_at: Date;
}

export function createRateLimitStores(deps: RateLimitStoreDependencies): RateLimitStores {
  const { prisma, clock } = deps;
  const log = deps.logger.child({ component: 'rate-limit-store' });
  const keyHash = (key: string) => createHmac('sha256', deps.secret).update(key).digest('hex');

  // What is left of the window by the clock, from the real now (see the top).
  const info = (row: Row, now: Date): ClientRateLimitInfo => ({
    totalHits: row.hits,
    resetTime: new Date(Date.now() + Math.max(0, row.resets_at.getTime() - now.getTime())),
  });

  let lastPruneMs = Number.NEGATIVE_INFINITY;
  const prune = async (now: Date) => {
    if (now.getTime() - lastPruneMs < PRUNE_EVERY_MS) return;
    lastPruneMs = now.getTime();
    try {
      await prisma.$executeRaw`DELETE FROM rate_limits WHERE resets_at <= ${now}`;
    } catch (error) {
      log.warn({ ...loggableError(error) }, 'pruning expired rate-limit rows failed');
    }
  };

  return {
    keyHash,
    store(prefix: string): Store {
      let windowMs = 60_000;
      return {
        prefix,
        localKeys: false,
        init(options: Options) {
          windowMs = options.windowMs;
        },
        async get(key) {
          const now = clock.now();
          const rows = await prisma.$queryRaw<Row[]>`
            SELECT hits, resets_at FROM rate_limits
             WHERE limiter = ${prefix} AND key_hash = ${keyHash(key)} AND resets_at > ${now}`;
          const row = rows[0];
          return row ? info(row, now) : undefined;
        },
        async increment(key) {
          const now = clock.now();
          const resetsAt = new Date(now.getTime() + windowMs);
          const rows = await prisma.$queryRaw<Row[]>`
            INSERT INTO rate_limits (limiter, key_hash, hits, resets_at)
            VALUES (${prefix}, ${keyHash(key)}, 1, ${resetsAt})
            ON CONFLICT (limiter, key_hash) DO UPDATE SET
              hits = CASE WHEN rate_limits.resets_at <= ${now} THEN 1 ELSE rate_limits.hits + 1 END,
              resets_at = CASE WHEN rate_limits.resets_at <= ${now} THEN EXCLUDED.resets_at ELSE rate_limits.resets_at END
            RETURNING hits, resets_at`;
          const row = rows[0];
          if (!row) throw new Error('rate-limit increment returned no row');
          // A new window: a good moment to drop the ended ones (not awaited for the answer).
          if (row.hits === 1) void prune(now);
          return info(row, now);
        },
        async decrement(key) {
          try {
            await prisma.$executeRaw`
              UPDATE rate_limits SET hits = GREATEST(hits - 1, 0)
               WHERE limiter = ${prefix} AND key_hash = ${keyHash(key)} AND resets_at > ${clock.now()}`;
          } catch (error) {
            log.warn({ limiter: prefix, ...loggableError(error) }, 'rate-limit decrement failed; the count stays');
          }
        },
        async resetKey(key) {
          await prisma.$executeRaw`DELETE FROM rate_limits WHERE limiter = ${prefix} AND key_hash = ${keyHash(key)}`;
        },
      };
    },
  };
}
