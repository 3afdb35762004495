// The staff start page's overview: what awaits a decision, and how much is public; and
// what needs attention today (the agreements' part comes from the follow-up service,
// so the start page and the follow-up page count by the same rules).
import type { PrismaClient } from '../../generated/prisma/client.js';
import { SEND_MAIL_TASK } from '../../mail/outbox.js';
import { PUBLIC_ASSOCIATION_STATUS, PUBLIC_OPENING_STATUS, publicOpeningWhere } from '../openings/visibility.js';

export interface StatusReviewDue {
  planId: number;
  title: string;
  year: number;
}

export interface FailedMail {
  count: number;
  /** When the oldest of them was queued. */
  since: Date | null;
}

export function createStaffOverviewService(prisma: PrismaClient) {
  return {
    /** `visibleOpenings`: what citizens can see now (the public rule); `expiredOpenings`: published but past their deadline, so hidden. */
    async overview(now: Date) {
      const [pending, approved, visibleOpenings, publishedOpenings] = await Promise.all([
        prisma.association.findMany({
          where: { status: 'PENDING' },
          orderBy: { createdAt: 'asc' },
          select: { id: true, name: true, createdAt: true },
        }),
        prisma.association.count({ where: { status: 'APPROVED' } }),
        prisma.opening.count({ where: publicOpeningWhere(now) }),
        prisma.opening.count({ where: { status: PUBLIC_OPENING_STATUS, association: { status: PUBLIC_ASSOCIATION_STATUS } } }),
      ]);
      return { pending, approved, visibleOpenings, expiredOpenings: publishedOpenings - visibleOpenings };
    },

    /**
     * The plans whose yearly status for `year` is not finalised: the plan's period
     * covers the year and its review of the year is missing or not FINALISED.
     */
    async statusReviewsDue(year: number): Promise<StatusReviewDue[]> {
      const plans = await prisma.actionPlan.findMany({
        where: { firstYear: { lte: year }, lastYear: { gte: year }, NOT: { reviews: { some: { year, state: 'FINALISED' } } } },
        select: { id: true, title: true },
        orderBy: [{ title: 'asc' }, { id: 'asc' }],
      });
      return plans.map((plan) => ({ planId: plan.id, title: plan.title, year }));
    },

    /**
     * E-mails that could not be sent: send-mail jobs that used all their attempts, or
     * are being retried after an error. How many and since when only: a job holds its
     * recipient and text, which the start page has no business showing.
     */
    async failedMail(): Promise<FailedMail> {
      const [row] = await prisma.$queryRaw<{ count: number; since: Date | null }[]>`
        SELECT count(*)::int AS count, min(created_at) AS since FROM graphile_worker.jobs
         WHERE task_identifier = ${SEND_MAIL_TASK} AND (attempts >= max_attempts OR last_error IS NOT NULL)`;
      return { count: row?.count ?? 0, since: row?.since ?? null };
    },
  };
}

export type StaffOverviewService = ReturnType<typeof createStaffOverviewService>;
