// The daily life of agreements by the calendar (advanceByDate, run hourly by the
// `agreement-lifecycle` job): an accepted agreement becomes active on its start date
// and an accepted or active one ends the day after its end date, in Danish dates.
// Each move happens once, however often the job runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCrontab } from 'graphile-worker';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { acceptAll, aSendableAgreement, sendVersion } from '../../helpers/factories/index.js';
import { createAgreementWorkflowService } from '../../../src/features/agreements/agreement-workflow-service.js';
import { enqueueJob } from '../../../src/jobs/queue.js';
import { AGREEMENT_LIFECYCLE_TASK } from '../../../src/jobs/tasks.js';
import { AGREEMENT_LIFECYCLE_SCHEDULE, CRONTAB } from '../../../src/jobs/worker.js';
import type { AgreementStatus } from '../../../src/generated/prisma/enums.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** An agreement every partner accepted, with `status` and dates. */
async function accepted(status: AgreementStatus, startsOn: string, endsOn: string | null) {
  const { agreement } = await aSendableAgreement(ctx.db.prisma, { startsOn, endsOn });
  await sendVersion(ctx.db.prisma, agreement.id);
  return acceptAll(ctx.db.prisma, agreement.id, status);
}

const statusOf = async (id: number) => (await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id } })).status;
const audits = (id: number, action: string) =>
  ctx.db.prisma.auditLog.findMany({ where: { action, targetType: 'agreement', targetId: String(id) } });

describe('the agreement lifecycle', () => {
  it('starts accepted agreements on their start date and ends them after their end date, once', async () => {
    const workflow = createAgreementWorkflowService(ctx.db.prisma);
    // Today is 22 November 2026 in Denmark.
    const startsToday = await accepted('ACCEPTED', '2026-11-22', '2027-12-31');
    const startsTomorrow = await accepted('ACCEPTED', '2026-11-23', '2027-12-31');
    const endedYesterday = await accepted('ACTIVE', '2026-01-01', '2026-11-21');
    const endsToday = await accepted('ACTIVE', '2026-01-01', '2026-11-22');
    const noEnd = await accepted('ACTIVE', '2026-01-01', null);
    const acceptedAndOver = await accepted('ACCEPTED', '2026-01-01', '2026-06-30');
    const draft = (await aSendableAgreement(ctx.db.prisma, { startsOn: '2026-01-01', endsOn: '2026-02-01' })).agreement;

    const first = await workflow.advanceByDate(ctx.clock.now());
    expect(first.started).toEqual(expect.arrayContaining([startsToday.id, acceptedAndOver.id]));
    expect(first.ended).toEqual(expect.arrayContaining([endedYesterday.id, acceptedAndOver.id]));

    expect(await statusOf(startsToday.id)).toBe('ACTIVE');
    expect(await statusOf(startsTomorrow.id)).toBe('ACCEPTED');
    expect(await statusOf(endedYesterday.id)).toBe('ENDED');
    expect(await statusOf(endsToday.id)).toBe('ACTIVE');
    expect(await statusOf(noEnd.id)).toBe('ACTIVE');
    expect(await statusOf(acceptedAndOver.id)).toBe('ENDED');
    expect(await statusOf(draft.id)).toBe('DRAFT');

    const started = await audits(startsToday.id, 'agreement.started');
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ actorUserId: null, details: { startsOn: '2026-11-22', from: 'ACCEPTED', to: 'ACTIVE' } });
    expect((await audits(endedYesterday.id, 'agreement.ended'))[0]?.details).toMatchObject({ endsOn: '2026-11-21', to: 'ENDED' });

    // Run again: nothing moves twice.
    const second = await workflow.advanceByDate(ctx.clock.now());
    expect(second).toEqual({ started: [], ended: [] });
    expect(await audits(startsToday.id, 'agreement.started')).toHaveLength(1);
    expect(await audits(endedYesterday.id, 'agreement.ended')).toHaveLength(1);
    expect(await audits(acceptedAndOver.id, 'agreement.ended')).toHaveLength(1);
  });

  it('counts days in Danish time: half past midnight in Copenhagen is already the next day', async () => {
    const workflow = createAgreementWorkflowService(ctx.db.prisma);
    const endsOn24 = await accepted('ACTIVE', '2026-01-01', '2026-11-24');
    // It ends after 24 November. 22:30 UTC on the 24th is 23:30 in Copenhagen, still the
    // 24th; 23:30 UTC is 00:30 on 25 November there (winter time).
    const before = await workflow.advanceByDate(new Date('2026-11-24T22:30:00Z'));
    expect(before.ended).not.toContain(endsOn24.id);
    expect(await statusOf(endsOn24.id)).toBe('ACTIVE');
    const after = await workflow.advanceByDate(new Date('2026-11-24T23:30:00Z'));
    expect(after.ended).toContain(endsOn24.id);
  });

  it('runs as the hourly agreement-lifecycle job', async () => {
    expect(AGREEMENT_LIFECYCLE_SCHEDULE).toBe('5 * * * *');
    expect(parseCrontab(CRONTAB).map((item) => item.task)).toContain(AGREEMENT_LIFECYCLE_TASK);

    const startsToday = await accepted('ACCEPTED', '2026-11-22', null);
    await enqueueJob(ctx.db.prisma, AGREEMENT_LIFECYCLE_TASK, {});
    await ctx.runJobs();
    expect(await statusOf(startsToday.id)).toBe('ACTIVE');
    expect(await audits(startsToday.id, 'agreement.started')).toHaveLength(1);
    const jobs = await ctx.db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ${AGREEMENT_LIFECYCLE_TASK}`;
    expect(jobs[0]!.n).toBe(0);
  });
});
