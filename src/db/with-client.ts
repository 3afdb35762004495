// One connection for one piece of work outside the app's pool (creating databases,
// a backup's snapshot, a restore's transaction), closed whatever happens.
import pg from 'pg';

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
