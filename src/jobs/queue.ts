// Putting work on the job queue (graphile-worker, tables in the `graphile_worker`
// schema of our own database). A job is added with SQL in the caller's transaction,
// so it exists exactly when the change that caused it was committed: a rolled-back
// change leaves no job, and a committed one cannot lose its job. The worker
// (src/jobs/worker.ts) runs it afterwards, with retries and exponential backoff.
import type { Prisma } from '../generated/prisma/client.js';

export type JobClient = Pick<Prisma.TransactionClient, '$executeRaw'>;

export interface JobOptions {
  /** Attempts before the job is given up (graphile-worker backs off exponentially between them). */
  maxAttempts?: number;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** At most one pending job with this key; adding it again replaces the pending one. */
  jobKey?: string;
}

export async function enqueueJob(db: JobClient, task: string, payload: Prisma.InputJsonObject, options: JobOptions = {}): Promise<void> {
  const json = JSON.stringify(payload);
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${task},
    ${json}::json,
    run_at => ${options.runAt ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 25}::int,
    job_key => ${options.jobKey ?? null}::text
  )`;
}
