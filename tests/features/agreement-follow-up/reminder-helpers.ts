// Running the daily reminder job as the worker would, and reading only the e-mails it
// sent since the last look.
import { expect } from 'vitest';
import type { StoredMail } from '../../../src/mail/mailer.js';
import { enqueueJob } from '../../../src/jobs/queue.js';
import { AGREEMENT_REMINDERS_TASK } from '../../../src/jobs/tasks.js';
import type { TestContext } from '../../helpers/test-app.js';

export function reminderRunner(ctx: () => TestContext) {
  const seen = new Set<string>();
  return {
    /** Queues the agreement-reminders job, runs the due jobs (it, then its mail), and answers the new mail. */
    async run(): Promise<StoredMail[]> {
      await enqueueJob(ctx().db.prisma, AGREEMENT_REMINDERS_TASK, {});
      await ctx().runJobs();
      const fresh = (await ctx().readMail()).filter((mail) => !seen.has(mail.file));
      for (const mail of fresh) seen.add(mail.file);
      // The job itself is done (not left failing in the queue).
      const left = await ctx().db.prisma.$queryRaw<{ count: number }[]>`
        SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE task_identifier = ${AGREEMENT_REMINDERS_TASK}`;
      expect(left[0]?.count).toBe(0);
      return fresh;
    },
  };
}

/** The reminder audit rows of an agreement, oldest first. */
export async function reminderAudits(ctx: TestContext, agreementId: number) {
  return ctx.db.prisma.auditLog.findMany({
    where: { action: 'agreement.reminder-sent', targetType: 'agreement', targetId: String(agreementId) },
    orderBy: { id: 'asc' },
  });
}
