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
  exit(code: number): void;
}

/**
 * An error outside any request (a timer, an event handler, a promise nobody awaited)
 * is logged as JSON like every other line, by kind and frames only, and then the
 * process ends: its state is unknown, and the orchestrator (or `npm start` again)
 * starts a fresh one. Without this, Node prints the error, message and all, outside
 * the log.
 */
export function logProcessFailures(logger: Logger, target: FailingProcess = process): void {
  const fail = (what: string) => (error: unknown) => {
    logger.fatal(loggableError(error), `${what}; exiting`);
    target.exit(1);
  };
  target.on('uncaughtException', fail('uncaught exception'));
  target.on('unhandledRejection', fail('unhandled promise rejection'));
}
