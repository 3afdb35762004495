// The database the portal and its scripts use: DATABASE_URL when set; otherwise the
// app's database in the embedded PostgreSQL (data in EMBEDDED_PG_DIR), started here.
// `stop()` stops the embedded server again (nothing to do for DATABASE_URL).
//
// With `supervise` (the portal's server, not the scripts), the embedded server is
// restarted when its process dies (src/db/supervised-postgres.ts). An external database
// is not ours to restart: the pg pool drops broken connections and opens new ones once
// it answers again.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { EMBEDDED_APP_DATABASE, startEmbeddedPostgres } from './embedded-postgres.js';
import { superviseEmbeddedPostgres, type DatabaseState, type DatabaseSupervisor } from './supervised-postgres.js';

export interface ConfiguredDatabase {
  url: string;
  /** Where the embedded server keeps its data; undefined for DATABASE_URL. */
  embeddedDataDir?: string;
  /** The embedded server's supervisor, when asked for and the server is ours (not reused). */
  supervisor?: DatabaseSupervisor;
  stop(): Promise<void>;
}

export async function configuredDatabase(
  config: Pick<Config, 'databaseUrl' | 'embeddedPostgres'>,
  options: { supervise?: { logger: Logger; onStateChange?: (state: DatabaseState) => void } } = {},
): Promise<ConfiguredDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  const embedded = await startEmbeddedPostgres(config.embeddedPostgres);
  await embedded.ensureDatabase(EMBEDDED_APP_DATABASE);
  // A reused server belongs to another process of ours, which watches it.
  const supervisor =
    options.supervise && !embedded.reused
      ? superviseEmbeddedPostgres(embedded, { ...config.embeddedPostgres.supervision, ...options.supervise })
      : undefined;
  return {
    url: embedded.url(EMBEDDED_APP_DATABASE),
    embeddedDataDir: config.embeddedPostgres.dataDir,
    ...(supervisor ? { supervisor } : {}),
    async stop() {
      // First stop watching, so stopping the server is not taken for a death.
      supervisor?.stop();
      await embedded.stop();
    },
  };
}
