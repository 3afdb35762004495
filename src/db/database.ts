// One pg pool per process, shared by Prisma (through its driver adapter) and the
// session store, so shutdown closes exactly one pool and the connection limit is one
// number (DB_POOL_MAX).
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { preparedStatementNames } from './prepared-statements.js';

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  connectionTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** Called for errors on idle clients (e.g. the server restarted); never crash on them. */
  onPoolError?: (error: Error) => void;
}

export interface Database {
  pool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export function createDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax ?? 10,
    // pg waits forever for a free connection by default; fail fast instead, so an exhausted pool answers 503 in seconds.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 3000,
    statement_timeout: options.statementTimeoutMs ?? 10000,
    idle_in_transaction_session_timeout: 30000,
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, that
  // kills the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  // A checked-out client losing its connection emits 'error' on the client itself;
  // unhandled, that too would end the process. pg raises it again at the next query.
  pool.on('connect', (client) => client.on('error', (error) => options.onPoolError?.(error)));
  // Repeated statements prepared once per connection (prepared-statements.ts).
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: preparedStatementNames() }) });
  let closed = false;
  return {
    pool,
    prisma,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      // pool.end() resolves once every client is *asked* to end, not when its socket
      // has closed; stopping the embedded server right after would cut those
      // connections (57P01, logged as errors on a clean shutdown). Each client's
      // 'remove' comes when its connection is really gone.
      const open = pool.totalCount;
      let removed = 0;
      const allClosed = new Promise<void>((resolve) => {
        if (open === 0) resolve();
        pool.on('remove', () => {
          removed += 1;
          if (removed >= open) resolve();
        });
      });
      await pool.end();
      await allClosed;
    },
  };
}
