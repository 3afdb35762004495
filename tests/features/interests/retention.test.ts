// GDPR retention: interests older than the municipality's retention period are
// deleted by a daily job (tested with the fake clock), which the job worker runs on
// its crontab, once across all portal processes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anAssociation, anOpening, anInterest } from '../../helpers/factories/index.js';
import { deleteExpiredInterests } from '../../../src/jobs/interest-retention.js';
import { monthsBefore } from '../../../src/time/calendar-months.js';
import { CRONTAB, INTEREST_RETENTION_SCHEDULE, startWorker } from '../../../src/jobs/worker.js';
import { createTaskList, INTEREST_RETENTION_TASK, RETENTION_TASK } from '../../../src/jobs/tasks.js';
import { enqueueJob } from '../../../src/jobs/queue.js';
import { createMailer } from '../../../src/mail/mailer.js';
import { createServices } from '../../../src/services.js';
import { parseCrontab } from 'graphile-worker';

let ctx: TestContext;
let openingId: number;
const NOW = new Date('2026-11-22T10:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  ctx = await createTestContext();
  const association = await anAssociation(ctx.db.prisma);
  openingId = (await anOpening(ctx.db.prisma, association.id, { detailed: true })).id;
});
afterAll(() => ctx.close());
beforeEach(async () => {
  ctx.clock.set(NOW);
  await ctx.db.prisma.interest.deleteMany();
  await ctx.db.prisma.municipalitySettings.deleteMany();
});

describe('deleteExpiredInterests', () => {
  it('deletes an interest 12 months and a day old, keeps one 11 months old (default 12 months)', async () => {
    const old = await anInterest(ctx.db.prisma, openingId, { createdAt: new Date(monthsBefore(NOW, 12).getTime() - DAY_MS) });
    const recent = await anInterest(ctx.db.prisma, openingId, { createdAt: monthsBefore(NOW, 11) });
    expect(await deleteExpiredInterests(ctx.db.prisma, ctx.clock)).toBe(1);
    expect(await ctx.db.prisma.interest.count({ where: { id: old.interest.id } })).toBe(0);
    expect(await ctx.db.prisma.interest.count({ where: { id: recent.interest.id } })).toBe(1);
    // Idempotent: nothing more to delete.
    expect(await deleteExpiredInterests(ctx.db.prisma, ctx.clock)).toBe(0);
  });

  it('deletes more as the clock moves on', async () => {
    const interest = await anInterest(ctx.db.prisma, openingId, { createdAt: monthsBefore(NOW, 11) });
    expect(await deleteExpiredInterests(ctx.db.prisma, ctx.clock)).toBe(0);
    ctx.clock.advance(31 * DAY_MS);
    expect(await deleteExpiredInterests(ctx.db.prisma, ctx.clock)).toBe(1);
    expect(await ctx.db.prisma.interest.count({ where: { id: interest.interest.id } })).toBe(0);
  });

  it('respects the municipality’s retention setting', async () => {
    await ctx.db.prisma.municipalitySettings.create({
      data: { id: 1, name: 'Testkommune', contactEmail: 'kommune@example.org', interestRetentionMonths: 6 },
    });
    const sevenMonths = await anInterest(ctx.db.prisma, openingId, { createdAt: monthsBefore(NOW, 7) });
    const fiveMonths = await anInterest(ctx.db.prisma, openingId, { createdAt: monthsBefore(NOW, 5) });
    expect(await deleteExpiredInterests(ctx.db.prisma, ctx.clock)).toBe(1);
    expect(await ctx.db.prisma.interest.count({ where: { id: sevenMonths.interest.id } })).toBe(0);
    expect(await ctx.db.prisma.interest.count({ where: { id: fiveMonths.interest.id } })).toBe(1);
    // Settings given by the caller win.
    expect(await deleteExpiredInterests(ctx.db.prisma, ctx.clock, { interestRetentionMonths: 4 })).toBe(1);
  });

  it('refuses a retention period that would delete everything', async () => {
    await anInterest(ctx.db.prisma, openingId, { createdAt: NOW });
    await expect(deleteExpiredInterests(ctx.db.prisma, ctx.clock, { interestRetentionMonths: 0 })).rejects.toThrow();
    expect(await ctx.db.prisma.interest.count()).toBe(1);
  });
});

describe('monthsBefore', () => {
  it('moves back calendar months, clamping the day', () => {
    expect(monthsBefore(new Date('2026-03-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(monthsBefore(new Date('2026-11-22T10:00:00Z'), 12).toISOString()).toBe('2025-11-22T10:00:00.000Z');
    expect(monthsBefore(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2023-02-28T00:00:00.000Z');
  });
});

describe('the retention job on the job worker', () => {
  it('is scheduled daily at 02:15 UTC (03:15 Danish winter time, 04:15 summer time)', () => {
    expect(INTEREST_RETENTION_SCHEDULE).toBe('15 2 * * *');
    const [item] = parseCrontab(CRONTAB);
    expect(item?.task).toBe(RETENTION_TASK);
  });

  it('runs when queued, audits the deletion in the same transaction, and stops with the worker', async () => {
    await anInterest(ctx.db.prisma, openingId, { createdAt: monthsBefore(NOW, 13) });
    const logger = pino({ level: 'silent' });
    const taskList = createTaskList({
      prisma: ctx.db.prisma,
      clock: ctx.clock,
      logger,
      mailer: createMailer({ ...ctx.config.mail, logger }),
      services: createServices({ prisma: ctx.db.prisma, clock: ctx.clock, config: ctx.config, logger }),
      baseUrl: ctx.config.baseUrl,
    });
    const worker = await startWorker({ pool: ctx.db.pool, taskList, logger, schedule: false });
    try {
      await enqueueJob(ctx.db.prisma, INTEREST_RETENTION_TASK, {});
      const deadline = Date.now() + 5000;
      while ((await ctx.db.prisma.interest.count()) > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await ctx.db.prisma.interest.count()).toBe(0);
    } finally {
      await worker.stop();
    }
    // The retention run (src/jobs/retention.ts) audits its counts; the job's old name still runs it.
    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'retention.ran' } });
    expect(audit?.details).toMatchObject({ interests: 1 });
    // Stopped: a new old interest stays, even with its job queued.
    await anInterest(ctx.db.prisma, openingId, { createdAt: monthsBefore(NOW, 13) });
    await enqueueJob(ctx.db.prisma, INTEREST_RETENTION_TASK, {});
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(await ctx.db.prisma.interest.count()).toBe(1);
  });
});
