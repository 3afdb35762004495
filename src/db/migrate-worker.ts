// The body of the worker thread migrate.ts starts: applies our migrations with Prisma's
// schema engine and reports back. Run in a thread of its own because the engine is
// WebAssembly (a 5 MB module, compiled code and its linear memory, ~50 MB of RSS) that
// the process needs only at start-up: once the thread has ended, that memory is gone.
import { parentPort, workerData } from 'node:worker_threads';
import { applyMigrations } from './schema-engine.js';

/** What migrate.ts sends the thread. */
export interface MigrateWorkerInput {
  url: string;
  only?: readonly string[] | undefined;
  /** Whether to post the engine's progress messages (a log callback cannot cross threads). */
  log: boolean;
}

/** What the thread posts back: progress lines, then exactly one result or error. */
export type MigrateWorkerMessage =
  { kind: 'log'; message: string } | { kind: 'done'; appliedMigrationNames: string[] } | { kind: 'failed'; error: SerialisedError };

/** An error as plain data: a cloned Error loses its class across realms (vitest). */
export interface SerialisedError {
  name: string;
  message: string;
  stack?: string | undefined;
}

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: typeof error === 'string' ? error : JSON.stringify(error) };
}

if (parentPort) {
  const port = parentPort;
  const input = (workerData as { input: MigrateWorkerInput }).input;
  const post = (message: MigrateWorkerMessage): void => port.postMessage(message);
  applyMigrations(input.url, {
    ...(input.log ? { log: (message: string) => post({ kind: 'log', message }) } : {}),
    ...(input.only ? { only: input.only } : {}),
  }).then(
    ({ appliedMigrationNames }) => post({ kind: 'done', appliedMigrationNames }),
    (error: unknown) => post({ kind: 'failed', error: serialiseError(error) }),
  );
}
