// The one call the app makes at start-up (and tests make on a fresh database): bring
// the database up to the migrations in prisma/migrations, then install or upgrade the
// job queue's own schema (`graphile_worker`, managed by graphile-worker itself). Safe
// to call every start: applied migrations are skipped, and concurrent callers wait
// for each other. `only` limits our migrations to those named (a restore: src/db/backup.ts).
//
// Our migrations run in a worker thread (migrate-worker.ts) that ends when they are
// done: Prisma's schema engine is WebAssembly whose compiled code and memory (~50 MB
// RSS) a server would otherwise carry for its whole life, needed only for these seconds.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runMigrations } from 'graphile-worker';
import type { Log } from './schema-engine.js';
import type { MigrateWorkerInput, MigrateWorkerMessage } from './migrate-worker.js';

/** Called with each migration thread started (tests check it has exited). */
let onMigrationThread: ((worker: Worker) => void) | undefined;

/** For tests: observe the threads migrateDatabase starts. */
export function observeMigrationThreads(observer: ((worker: Worker) => void) | undefined): void {
  onMigrationThread = observer;
}

export async function migrateDatabase(
  url: string,
  log?: Log,
  options: { only?: readonly string[] } = {},
): Promise<{ appliedMigrationNames: string[] }> {
  const applied = await applyMigrationsInThread({ url, only: options.only, log: log !== undefined }, log);
  await runMigrations({ connectionString: url, noHandleSignals: true });
  return applied;
}

function applyMigrationsInThread(input: MigrateWorkerInput, log: Log | undefined): Promise<{ appliedMigrationNames: string[] }> {
  const workerUrl = new URL(`./migrate-worker${sourceExtension()}`, import.meta.url);
  // Built (dist): the thread runs the compiled .js directly. From source (tsx, vitest):
  // a thread does not inherit the TypeScript loader, so a small bootstrap registers
  // tsx's in that thread before importing the worker module.
  const worker = workerUrl.pathname.endsWith('.ts')
    ? new Worker(TS_BOOTSTRAP, {
        eval: true,
        workerData: { input, workerUrl: workerUrl.href, tsxApi: tsxEsmApiUrl() },
      })
    : new Worker(workerUrl, { workerData: { input } });
  onMigrationThread?.(worker);
  // Settles only once the thread has exited, so the engine's memory is released
  // before the caller goes on (tests/db/migrations.test.ts checks this).
  return new Promise((resolve, reject) => {
    let outcome: { ok: true; value: { appliedMigrationNames: string[] } } | { ok: false; error: Error } | undefined;
    worker.on('message', (message: MigrateWorkerMessage) => {
      if (message.kind === 'log') {
        log?.(message.message);
        return;
      }
      outcome =
        message.kind === 'done'
          ? { ok: true, value: { appliedMigrationNames: message.appliedMigrationNames } }
          : { ok: false, error: Object.assign(new Error(message.error.message), message.error) };
      // Ended at once: the engine may keep timers or connections that would hold it open.
      void worker.terminate();
    });
    worker.on('error', (error) => {
      outcome ??= { ok: false, error };
    });
    worker.on('exit', (code) => {
      if (!outcome) reject(new Error(`migration thread exited (code ${code}) without a result`));
      else if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  });
}

/** tsx's ESM register API (require.resolve would give its CommonJS build, which fails here). */
function tsxEsmApiUrl(): string {
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  return pathToFileURL(path.join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
}

/** `.ts` when this module runs from source, `.js` when built. */
function sourceExtension(): string {
  return import.meta.url.endsWith('.ts') ? '.ts' : '.js';
}

// CommonJS (an eval'd worker is): register tsx, then load the worker module, which
// reads its input from workerData.input.
const TS_BOOTSTRAP = `
const threads = require('node:worker_threads');
const { workerUrl, tsxApi } = threads.workerData;
import(tsxApi)
  .then((api) => { api.register(); return import(workerUrl); })
  .catch((error) => threads.parentPort.postMessage({ kind: 'failed', error: { name: 'Error', message: String(error && error.stack || error) } }));
`;
