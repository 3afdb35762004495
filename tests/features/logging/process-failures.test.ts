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
  function watched() {
    const { lines, logger } = capture();
    const exits: number[] = [];
    const target = Object.assign(new EventEmitter(), { exit: (code: number) => void exits.push(code) });
    logProcessFailures(logger, target as unknown as FailingProcess);
    return { lines, exits, target };
  }

  it('an uncaught exception is one fatal JSON line without its message, then exit code 1', () => {
    const { lines, exits, target } = watched();
    target.emit('uncaughtException', new TypeError('cannot read the name of anna@example.org'));
    expect(exits).toEqual([1]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 60, msg: 'uncaught exception; exiting', errorKind: 'TypeError' });
    expect(JSON.stringify(lines[0])).not.toContain('anna@example.org');
  });

  it('an unhandled rejection (a job queue losing its database) is an error line, and the portal goes on', () => {
    const { lines, exits, target } = watched();
    target.emit('unhandledRejection', Object.assign(new Error('terminating connection for anna@example.org'), { code: '57P01' }));
    expect(exits).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'unhandled promise rejection', errorKind: 'Error:57P01' });
    expect(JSON.stringify(lines[0])).not.toContain('anna@example.org');
  });

  it("Node's warnings are JSON lines too, not Node's own line on stderr", () => {
    const { lines, exits, target } = watched();
    const warning = Object.assign(new Error('Calling client.query() when the client is already executing a query is deprecated'), {
      name: 'DeprecationWarning',
    });
    target.emit('warning', warning);
    expect(exits).toEqual([]);
    expect(lines).toEqual([expect.objectContaining({ level: 40, warning: 'DeprecationWarning', msg: warning.message })]);
  });
});
