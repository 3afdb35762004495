// What the job worker can run. Each task is small and idempotent where it can be: a
// task that fails is retried with exponential backoff by the queue.
//
// A task's error reaches the queue's own log and its `last_error` column, so it is
// replaced by a `JobFailedError` that names only the error's kind: an SMTP or
// database message can quote addresses and values.
import type { Task, TaskList } from 'graphile-worker';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Mailer, MailMessage } from '../mail/mailer.js';
import { SEND_MAIL_TASK } from '../mail/outbox.js';
import { errorKind } from '../errors.js';
import { writeAudit } from '../audit/audit-log.js';
import { runRetention } from './retention.js';
import type { Services } from '../services.js';
import { digestMail } from '../features/opening-alerts/opening-alert-mail.js';

/** The nightly retention run (src/jobs/retention.ts): interests, inactive members, audit rows, expired links. */
export const RETENTION_TASK = 'retention';
/** The retention job's name before it covered more than interests; a job queued under it still runs. */
export const INTEREST_RETENTION_TASK = 'interest-retention';
export const MAIL_CLEANUP_TASK = 'mail-cleanup';
export const AGREEMENT_REMINDERS_TASK = 'agreement-reminders';
export const AGREEMENT_LIFECYCLE_TASK = 'agreement-lifecycle';
/** Alerts for new openings: the digests, and unconfirmed alerts past their link's life deleted. */
export const OPENING_ALERTS_TASK = 'opening-alerts';

/**
 * A message that could not be delivered in all its attempts (about two days) stays in
 * the queue for this many days, for someone to look into, then is deleted: it holds a
 * recipient and a text, which we must not keep for ever.
 */
export const UNDELIVERABLE_MAIL_KEPT_DAYS = 30;

export class JobFailedError extends Error {
  constructor(readonly kind: string) {
    super(`job failed (${kind})`);
    this.name = 'JobFailedError';
  }
}

export interface TaskDependencies {
  prisma: PrismaClient;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  /** The services jobs use, the same ones the app uses (built once: src/services.ts). */
  services: Pick<Services, 'agreementFollowUp' | 'agreementWorkflow' | 'settings' | 'translator' | 'openingAlerts'>;
  /** The portal's address, for the absolute links in e-mails. */
  baseUrl: string;
}

function isMailMessage(payload: unknown): payload is MailMessage {
  const p = payload as Partial<MailMessage> | null;
  return typeof p?.to === 'string' && typeof p.subject === 'string' && typeof p.text === 'string';
}

/** Runs a task, logging and rethrowing a failure by its kind only. */
function safely(name: string, logger: Logger, task: Task): Task {
  return async (payload, helpers) => {
    try {
      await task(payload, helpers);
    } catch (error) {
      const kind = errorKind(error);
      logger.warn(
        { task: name, jobId: helpers.job.id, attempt: helpers.job.attempts, errorKind: kind },
        'job failed; the queue retries it',
      );
      throw new JobFailedError(kind);
    }
  };
}

export function createTaskList(deps: TaskDependencies): TaskList {
  const log = deps.logger.child({ component: 'jobs' });
  const retention: Task = async () => {
    const counts = await runRetention(deps.prisma, deps.clock.now(), {
      settings: deps.services.settings,
      t: (lang) => deps.services.translator.t(lang),
      baseUrl: deps.baseUrl,
    });
    log.info({ task: RETENTION_TASK, ...counts }, 'retention ran');
  };
  return {
    [SEND_MAIL_TASK]: safely(SEND_MAIL_TASK, log, async (payload) => {
      // A job we did not write (or an old shape): retrying will not fix it.
      if (!isMailMessage(payload)) throw new Error('malformed mail job');
      await deps.mailer.send(payload);
    }),

    [RETENTION_TASK]: safely(RETENTION_TASK, log, retention),
    [INTEREST_RETENTION_TASK]: safely(INTEREST_RETENTION_TASK, log, retention),

    [MAIL_CLEANUP_TASK]: safely(MAIL_CLEANUP_TASK, log, async () => {
      const now = deps.clock.now();
      const cutoff = new Date(now.getTime() - UNDELIVERABLE_MAIL_KEPT_DAYS * 24 * 60 * 60 * 1000);
      const deleted = await deps.prisma.$transaction(async (tx) => {
        // complete_jobs is the queue's own way to remove jobs (a completed job is deleted).
        const rows = await tx.$queryRaw<{ id: string }[]>`
          SELECT id::text FROM graphile_worker.jobs
           WHERE task_identifier = ${SEND_MAIL_TASK} AND attempts >= max_attempts AND updated_at < ${cutoff}`;
        if (rows.length === 0) return 0;
        await tx.$executeRaw`SELECT graphile_worker.complete_jobs(${rows.map((row) => row.id)}::bigint[])`;
        await writeAudit(
          tx,
          { actorUserId: null, requestId: null, now },
          { action: 'mail.undeliverable.deleted', targetType: 'mail', targetId: '*', details: { deleted: rows.length } },
        );
        return rows.length;
      });
      log.info({ task: MAIL_CLEANUP_TASK, deleted }, 'undeliverable mail cleanup ran');
    }),

    [AGREEMENT_LIFECYCLE_TASK]: safely(AGREEMENT_LIFECYCLE_TASK, log, async () => {
      const { started, ended } = await deps.services.agreementWorkflow.advanceByDate(deps.clock.now());
      log.info({ task: AGREEMENT_LIFECYCLE_TASK, started: started.length, ended: ended.length }, 'agreement lifecycle ran');
    }),
    // Idempotent: each reminder is remembered in agreement_reminders with its mail.
    [AGREEMENT_REMINDERS_TASK]: safely(AGREEMENT_REMINDERS_TASK, log, async () => {
      const { sent } = await deps.services.agreementFollowUp.sendReminders(deps.clock.now(), deps.baseUrl);
      log.info({ task: AGREEMENT_REMINDERS_TASK, sent }, 'agreement reminders ran');
    }),
    // Safe to run again: each digest moves its alert's sentUpTo in the same transaction.
    [OPENING_ALERTS_TASK]: safely(OPENING_ALERTS_TASK, log, async () => {
      const { name: municipality } = await deps.services.settings.profile();
      const counts = await deps.services.openingAlerts.sendDigests(deps.clock.now(), (input) =>
        digestMail(deps.services.translator.t(input.language), { ...input, baseUrl: deps.baseUrl, municipality }),
      );
      log.info({ task: OPENING_ALERTS_TASK, ...counts }, 'opening alerts ran');
    }),
  };
}
