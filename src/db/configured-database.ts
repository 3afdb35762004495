// The database the portal and its scripts use: DATABASE_URL when set; otherwise the
// app's database in the embedded PostgreSQL (data in EMBEDDED_PG_DIR), started here.
// `stop()` stops the embedded server again (nothing to do for DATABASE_URL).
import type { Config } from '../config.js';
import { EMBEDDED_APP_DATABASE, startEmbeddedPostgres } from './embedded-postgres.js';

export interface ConfiguredDatabase {
  url: string;
  /** Where the embedded server keeps its data; undefined for DATABASE_URL. */
  embeddedDataDir?: string;
  stop(): Promise<void>;
}

export async function configuredDatabase(config: Pick<Config, 'databaseUrl' | 'embeddedPostgres'>): Promise<ConfiguredDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  const embedded = await startEmbeddedPostgres(config.embeddedPostgres);
  await embedded.ensureDatabase(EMBEDDED_APP_DATABASE);
  return { url: embedded.url(EMBEDDED_APP_DATABASE), embeddedDataDir: config.embeddedPostgres.dataDir, stop: () => embedded.stop() };
}
