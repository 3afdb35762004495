// What the measuring scripts (bench, page weight, instances) share: the app's
// production configuration against a database of their own, and stopping what they
// started when the run is interrupted (Ctrl-C), not just the script.
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../src/config.js';

/** Production settings, quiet, no job worker, a random session secret: the app as measured. */
export function measuredAppConfig(databaseUrl: string): Config {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    PORT: '0',
    BASE_URL: 'http://127.0.0.1',
  });
}

/** On SIGINT/SIGTERM: clean up, then exit 130. */
export function cleanUpOnInterrupt(cleanUp: () => Promise<void>, log: (message: string) => void): void {
  const interrupted = (): void => {
    log('interrupted: stopping');
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
}
