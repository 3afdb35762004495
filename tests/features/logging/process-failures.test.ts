// An error outside any request reaches the JSON log (kind and frames, never its
// message) and ends the process, instead of Node's own plain-text print-out.
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { logProcessFailures, type FailingProcess } from '../../../src/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('an error outside any request', () => {
  it.each([
    ['uncaughtException', 'uncaught exception; exiting'],
    ['unhandledRejection', 'unhandled promise rejection; exiting'],
  ] as const)('on %s is one fatal JSON line without its message, then exit code 1', (event, message) => {
    const { lines, logger } = capture();
    const exits: number[] = [];
    const target = Object.assign(new EventEmitter(), { exit: (code: number) => void exits.push(code) });
    logProcessFailures(logger, target as unknown as FailingProcess);
    target.emit(event, new TypeError('cannot read the name of anna@example.org'));
    expect(exits).toEqual([1]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 60, msg: message, errorKind: 'TypeError' });
    expect(JSON.stringify(lines[0])).not.toContain('anna@example.org');
  });
});
