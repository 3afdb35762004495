// Structured JSON logs (pino). Secrets and personal data never reach a log line:
// cookies, authorization headers and form bodies are redacted or never logged.
import { pino, type Logger } from 'pino';
import { loggableError } from './errors.js';

export type { Logger };

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.email',
  '*.sessionId',
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'frivillig-portal' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** The part of `process` that `logProcessFailures` uses (a test passes its own). */
export interface FailingProcess {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  on(event: 'warning', listener: (warning: Error) => void): unknown;
  removeAllListeners(event: 'warning'): unknown;
  exit(code: number): void;
}

/**
 * Errors outside any request reach the JSON log like every other line, by kind and
 * frames only (Node would print them, message and all, outside the log):
 * - an uncaught exception ends the process after its line: its state is unknown, and
 *   the orchestrator (or `npm start` again) starts a fresh one;
 * - an unhandled rejection is logged and the process goes on. graphile-worker 0.17
 *   records a finished job without awaiting it (its worker.js calls `completeJob(job)`
 *   bare): when the database hangs or is gone at that moment, the rejection is
 *   unhandled, and ending the portal for it would turn a database hiccup into an
 *   outage (found by `npm run test:resilience`). The job stays locked and runs again
 *   once its lock expires (the queue promises at least once, not exactly once).
 */
export function logProcessFailures(logger: Logger, target: FailingProcess = process): void {
  target.on('uncaughtException', (error) => {
    logger.fatal(loggableError(error), 'uncaught exception; exiting');
    target.exit(1);
  });
  target.on('unhandledRejection', (reason) => logger.error(loggableError(reason), 'unhandled promise rejection'));
  // Node's own warnings (e.g. pg's deprecation notice for the parallel queries Prisma's
  // adapter sends inside a transaction) as JSON too, instead of Node's line on stderr.
  // Their texts are the library's own, never data.
  target.removeAllListeners('warning');
  target.on('warning', (warning) => {
    const code = (warning as { code?: unknown }).code;
    logger.warn({ warning: warning.name, ...(typeof code === 'string' ? { code } : {}) }, warning.message);
  });
}
