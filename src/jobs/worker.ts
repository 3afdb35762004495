// The job worker: graphile-worker on the portal's own PostgreSQL. It delivers queued
// e-mail and runs the scheduled jobs. Every portal process may run a worker: a job is
// taken by exactly one of them (row locks), and a crontab entry fires once per
// scheduled minute across all of them (graphile-worker's known_crontabs), so scaling
// out never sends a message twice or runs retention twice.
import { Logger as WorkerLogger, run, runOnce, type Runner, type TaskList } from 'graphile-worker';
import type pg from 'pg';
import type { Logger } from '../logger.js';
import { AGREEMENT_LIFECYCLE_TASK, AGREEMENT_REMINDERS_TASK, MAIL_CLEANUP_TASK, OPENING_ALERTS_TASK, RETENTION_TASK } from './tasks.js';

/**
 * graphile-worker evaluates its crontab in UTC. 02:15 UTC is 03:15 Danish winter time
 * and 04:15 summer time: a quiet hour, clear of the 01:00 UTC daylight-saving change.
 */
export const RETENTION_SCHEDULE = '15 2 * * *';
/** The retention run began as the interests' retention, at the same time. */
export const INTEREST_RETENTION_SCHEDULE = RETENTION_SCHEDULE;

/** Undeliverable mail past its keeping time is deleted daily, a quarter of an hour later. */
export const MAIL_CLEANUP_SCHEDULE = '30 2 * * *';

/**
 * Agreement reminders daily at 07:00 UTC (08:00 Danish winter time, 09:00 summer time),
 * so they arrive in working hours.
 */
export const AGREEMENT_REMINDERS_SCHEDULE = '0 7 * * *';

/**
 * Agreements start and end by the Danish calendar date. Every hour at minute 5: the
 * move is idempotent, so running hourly covers the hour after Danish midnight (22:00
 * or 23:00 UTC, summer or winter) without a daylight-saving rule in the crontab.
 */
export const AGREEMENT_LIFECYCLE_SCHEDULE = '5 * * * *';

/**
 * Alerts for new openings daily at 06:00 UTC (07:00 Danish winter time, 08:00 summer
 * time): the digests are in the inbox in the morning. Weekly alerts are due seven days
 * after their last digest (opening-alert-service.ts), not on a fixed weekday.
 */
export const OPENING_ALERTS_SCHEDULE = '0 6 * * *';

export const CRONTAB = [
  `${RETENTION_SCHEDULE} ${RETENTION_TASK}`,
  `${MAIL_CLEANUP_SCHEDULE} ${MAIL_CLEANUP_TASK}`,
  `${AGREEMENT_REMINDERS_SCHEDULE} ${AGREEMENT_REMINDERS_TASK}`,
  `${AGREEMENT_LIFECYCLE_SCHEDULE} ${AGREEMENT_LIFECYCLE_TASK}`,
  `${OPENING_ALERTS_SCHEDULE} ${OPENING_ALERTS_TASK}`,
].join('\n');

/**
 * The queue's own log lines, into ours. Only the message and ids: the queue's
 * metadata includes job payloads (recipients, message text). Task failures are
 * already reduced to their kind (tasks.ts).
 */
function workerLogger(logger: Logger): WorkerLogger {
  const log = logger.child({ component: 'graphile-worker' });
  return new WorkerLogger((scope: { taskIdentifier?: string; jobId?: string }) => (level, message) => {
    const fields = { task: scope.taskIdentifier, jobId: scope.jobId };
    if (level === 'error') log.error(fields, message);
    else if (level === 'warning') log.warn(fields, message);
    else if (level === 'info') log.info(fields, message);
    else log.debug(fields, message);
  });
}

export interface WorkerOptions {
  pool: pg.Pool;
  taskList: TaskList;
  logger: Logger;
  /** Jobs run at once in this process. */
  concurrency?: number;
  /** Whether this process also schedules the crontab (off in tests). */
  schedule?: boolean;
}

export async function startWorker(options: WorkerOptions): Promise<Runner> {
  return run({
    pgPool: options.pool,
    taskList: options.taskList,
    crontab: options.schedule === false ? '' : CRONTAB,
    concurrency: options.concurrency ?? 2,
    logger: workerLogger(options.logger),
    // The portal handles SIGTERM itself (server.ts) and stops the runner in its shutdown.
    noHandleSignals: true,
    pollInterval: 2000,
  });
}

/**
 * Runs every job that is due now, then returns once their outcomes are recorded (tests
 * use it to deliver queued mail). graphile-worker's runOnce resolves when no job is
 * left to start, but records the last job's completion or failure without awaiting
 * it; so we wait, briefly, until no job is locked any more.
 */
export async function runDueJobs(options: Omit<WorkerOptions, 'schedule' | 'concurrency'>): Promise<void> {
  await runOnce({ pgPool: options.pool, taskList: options.taskList, logger: workerLogger(options.logger), noHandleSignals: true });
  const deadline = Date.now() + 5000;
  for (;;) {
    const { rows } = await options.pool.query<{ locked: number }>(
      'SELECT count(*)::int AS locked FROM graphile_worker.jobs WHERE locked_at IS NOT NULL',
    );
    if ((rows[0]?.locked ?? 0) === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
