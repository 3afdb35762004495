// Scheduled jobs, run inside the portal process with croner (no separate cron
// daemon to install). Started by src/server.ts when config.jobsEnabled; the returned
// function stops them at shutdown. `protect` skips a run while the previous one is
// still busy; errors are logged and the job runs again next time.
//
// With several portal processes, each runs the jobs: harmless, because every job is
// idempotent (a second deletion run finds nothing left to delete).
import { Cron } from 'croner';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { AuditLog } from '../audit/audit-log.js';
import { deleteExpiredInterests } from './interest-retention.js';

export const MUNICIPALITY_TIME_ZONE = 'Europe/Copenhagen';
/** 03:15 Danish time: a quiet hour, and clear of the 02:00–03:00 daylight-saving jumps. */
export const INTEREST_RETENTION_SCHEDULE = '15 3 * * *';

export interface JobDependencies {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  /** When given, each run that deleted something is recorded in the audit log. */
  audit?: AuditLog;
  /** Cron patterns per job, for tests; the defaults above otherwise. */
  schedules?: { interestRetention?: string };
}

export type StopJobs = () => void;

export function startJobs(deps: JobDependencies): StopJobs {
  const log = deps.logger.child({ job: 'interest-retention' });
  const retention = new Cron(
    deps.schedules?.interestRetention ?? INTEREST_RETENTION_SCHEDULE,
    {
      name: 'interest-retention',
      timezone: MUNICIPALITY_TIME_ZONE,
      protect: true,
      catch: (error: unknown) => log.error({ err: error }, 'interest retention job failed'),
    },
    async () => {
      const deleted = await deleteExpiredInterests(deps.prisma, deps.clock);
      log.info({ deleted }, 'interest retention job ran');
      if (deleted > 0) {
        await deps.audit?.record({ action: 'interest.retention.deleted', targetType: 'interest', details: { deleted } });
      }
    },
  );
  log.info({ nextRun: retention.nextRun()?.toISOString() }, 'scheduled job started');
  return () => retention.stop();
}
