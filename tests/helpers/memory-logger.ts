// A real pino logger (with the portal's redaction) that writes to memory, so a test
// can read every line the app logged and prove nothing personal or secret is there.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { REDACTED_PATHS, type Logger } from '../../src/logger.js';

export function memoryLogger(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'trace', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  return { logger, text: () => lines.join('') };
}
