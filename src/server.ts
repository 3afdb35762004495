// Process entry: read config, get a database (the configured one, or an embedded
// PostgreSQL for development and demos), migrate, load demo data on first run,
// serve, and shut down gracefully on SIGTERM/SIGINT.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net from 'node:net';
import { ConfigError, loadConfig } from './config.js';
import { loggableError } from './errors.js';
import { createLogger, logProcessFailures } from './logger.js';
import { createApp } from './app.js';
import { createDatabase } from './db/database.js';
import { configuredDatabase } from './db/configured-database.js';
import { migrateDatabase } from './db/migrate.js';
import { hasSeedData } from './db/seed/seed-demo-data.js';
import { seedAllDemoData } from './db/seed/seed-all.js';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './db/seed/demo-data.js';
import type { Lifecycle } from './features/health/health-routes.js';
import { startWorker } from './jobs/worker.js';
import { createTaskList } from './jobs/tasks.js';
import { createMailer } from './mail/mailer.js';
import { systemClock } from './clock.js';
import { createServices } from './services.js';
import { answerClientErrorsWithSecurityHeaders } from './middleware/security-headers.js';

const SHUTDOWN_GRACE_MS = 10_000;
/** How long after the close idle connections may stay (see shutdown). */
const IDLE_CONNECTION_GRACE_MS = 1_000;
/** net's close: stops listening, leaves open connections be (http's close destroys the idle ones). */
const netServerClose = net.Server.prototype.close;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  logProcessFailures(logger);

  if (!config.databaseUrl) {
    logger.info({ dataDir: config.embeddedPostgres.dataDir }, 'DATABASE_URL not set: starting embedded PostgreSQL');
  }
  // The embedded server is supervised: restarted when its process dies, with readiness
  // (and, once given up, liveness) telling the orchestrator (health-routes.ts).
  const configured = await configuredDatabase(config, { supervise: { logger } });
  const databaseUrl = configured.url;

  const applied = await migrateDatabase(databaseUrl);
  if (applied.appliedMigrationNames.length > 0) {
    logger.info({ migrations: applied.appliedMigrationNames }, 'migrations applied');
  }

  const database = createDatabase({
    url: databaseUrl,
    poolMax: config.database.poolMax,
    connectionTimeoutMs: config.database.connectionTimeoutMs,
    statementTimeoutMs: config.database.statementTimeoutMs,
    onPoolError: (err) => logger.error(loggableError(err), 'idle database connection failed'),
  });

  let seeded = false;
  if (config.seedDemoData && !(await hasSeedData(database.prisma))) {
    await seedAllDemoData(database.prisma, { log: (message) => logger.info(message), secretKey: config.secretKey });
    seeded = true;
  }

  // The job worker delivers queued e-mail and runs the scheduled jobs. Any number of
  // portal processes may run one: each job still runs once (src/jobs/worker.ts).
  // The services are built once, here, for the app and the worker's jobs alike.
  const services = createServices({ prisma: database.prisma, clock: systemClock, config, logger });
  // Loads the search's facet index and listens for changes, in the background.
  services.searchFacetIndex.start(database.pool);
  const mailer = createMailer({ ...config.mail, logger });
  // No admin yet (a start without demo data): a one-time set-up code, printed below only.
  const setupCode = await services.firstRun.prepare();
  const worker = config.jobsEnabled
    ? await startWorker({
        pool: database.pool,
        logger,
        taskList: createTaskList({ prisma: database.prisma, mailer, clock: systemClock, logger, services, baseUrl: config.baseUrl }),
      })
    : undefined;

  const lifecycle: Lifecycle = { shuttingDown: false, ...(configured.supervisor ? { databaseSupervision: configured.supervisor } : {}) };
  const app = createApp({ prisma: database.prisma, pool: database.pool, config, logger, clock: systemClock, lifecycle, services });
  const server: Server = app.listen(config.port, () => {
    const lines = [`The volunteer portal is running at ${config.baseUrl}`];
    if (config.env === 'production' && config.baseUrlIsDefault) {
      lines.push('WARNING: BASE_URL is not set, so links in e-mails and feeds point at localhost. Set it to the address citizens use.');
    }
    if (config.seedDemoData) {
      lines.push(seeded ? 'Demo data loaded.' : 'Demo data was already there.');
      lines.push(`Demo logins (password: ${DEMO_PASSWORD}):`);
      for (const login of DEMO_LOGINS) lines.push(`  ${login.email.padEnd(32)} ${login.description}`);
      lines.push(
        'Staff and admin demo logins ask for a second factor (two-factor login): add the secret',
        `  ${DEMO_TOTP_SECRET} to an authenticator app, or run \`npm run demo:code\` for the current code.`,
      );
    }
    if (setupCode) lines.push(`No administrator yet. Open ${config.baseUrl}/opsaetning and enter the set-up code: ${setupCode}`);
    // Plain stdout on purpose: this is the banner a person starting the portal reads.
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
  });
  // Node's own answers to unparsable requests (431, 400) get the pages' security headers.
  answerClientErrorsWithSecurityHeaders(server, { hsts: config.session.cookieSecure });
  // Requests must not hang forever on a stuck client.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    lifecycle.shuttingDown = true;
    logger.info({ signal }, 'shutting down: finishing requests');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // From now on every answer ends its connection, so keep-alive clients go elsewhere.
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => res.setHeader('Connection', 'close'));
    // Stop accepting. Not server.close(): since Node 19 it also destroys at once every
    // connection with no request in progress, and that includes one accepted a moment
    // ago whose request is not read yet (a busy event loop): its client gets a reset for
    // a request it sent (found by `npm run test:resilience`). The connections end on
    // their own instead: after their answer, or idle keep-alive ones after the sweep.
    netServerClose.call(server, () => {
      void (async () => {
        try {
          // Lets running jobs finish; what is left waits in the queue for the next start.
          await worker?.stop();
          await services.searchFacetIndex.stop();
          // Every connection closed before the embedded server stops: otherwise it cuts
          // them, and a clean stop logs errors (57P01).
          await database.close();
          await configured.stop();
          logger.info('stopped');
          process.exit(0);
        } catch (err) {
          logger.error(loggableError(err), 'error during shutdown');
          process.exit(1);
        }
      })();
    });
    // By now a connection accepted before the close has sent its request, or is idle
    // keep-alive: closing those lets the shutdown finish before keepAliveTimeout.
    const sweep = setTimeout(() => server.closeIdleConnections(), IDLE_CONNECTION_GRACE_MS);
    sweep.unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Could not start the portal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
