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
import { deleteExpiredInterests } from './interest-retention.js';

export const INTEREST_RETENTION_TASK = 'interest-retention';

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
  return {
    [SEND_MAIL_TASK]: safely(SEND_MAIL_TASK, log, async (payload) => {
      // A job we did not write (or an old shape): retrying will not fix it.
      if (!isMailMessage(payload)) throw new Error('malformed mail job');
      await deps.mailer.send(payload);
    }),

    [INTEREST_RETENTION_TASK]: safely(INTEREST_RETENTION_TASK, log, async () => {
      const now = deps.clock.now();
      const deleted = await deps.prisma.$transaction(async (tx) => {
        const count = await deleteExpiredInterests(tx, { now: () => now });
        if (count > 0) {
          await writeAudit(
            tx,
            { actorUserId: null, requestId: null, now },
            {
              action: 'interest.retention.deleted',
              targetType: 'interest',
              targetId: '*',
              details: { deleted: count },
            },
          );
        }
        return count;
      });
      log.info({ task: INTEREST_RETENTION_TASK, deleted }, 'interest retention ran');
    }),
  };
}
