// Database.close() resolves only when the pool's connections are really closed: the
// shutdown stops the embedded server right after it, and a connection still open then
// is cut by the server (57P01), which a clean stop logged as an error.
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

describe('Database.close', () => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.drop();
    test = undefined;
  });

  it('resolves after every connection of its pool has closed', async () => {
    test = await createTestDatabase();
    const ended = new Set<pg.PoolClient>();
    // Several connections at once, all idle in the pool afterwards.
    const clients = await Promise.all(Array.from({ length: 4 }, () => test!.db.pool.connect()));
    for (const client of clients) {
      // pg's Client emits 'end' when its socket has closed.
      client.once('end', () => ended.add(client));
      client.release();
    }

    await test.db.close();

    expect(ended.size).toBe(clients.length);
  });
});
