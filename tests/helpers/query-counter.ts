// Counts the SQL statements that reach PostgreSQL through the app's pool, so a test can
// say how many queries a page view makes (Prisma and the session store share the pool).
import type pg from 'pg';

export interface QueryCounter {
  /** The statements sent since the last `reset`, in order. */
  readonly statements: string[];
  reset(): void;
}

export function countQueries(pool: pg.Pool): QueryCounter {
  const statements: string[] = [];
  const wrapped = new WeakSet<pg.PoolClient>();
  // Every statement goes through a checked-out client; wrap each client's query once.
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
      statements.push(text);
      return original(...args);
    };
  });
  return {
    statements,
    reset() {
      statements.length = 0;
    },
  };
}
