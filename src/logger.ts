// Structured JSON logs (pino). Secrets and personal data never reach a log line:
// cookies, authorization headers and form bodies are redacted or never logged.
import { pino, type Logger } from 'pino';

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
