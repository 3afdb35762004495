// The nightly retention run (src/jobs/retention.ts) with the fake clock: exactly what is
// past its period is deleted, the boundary kept; inactive association members are
// warned, then deleted 30 days later unless they log in; staff never; a changed setting
// applies at the next run; each run leaves one audit row with its counts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { parseCrontab } from 'graphile-worker';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { aUser, anAssociation, anOpening, anInterest, TEST_PASSWORD } from '../helpers/factories/index.js';
import { logIn } from '../helpers/http.js';
import { runRetention, INACTIVITY_WARNING_DAYS, RETENTION_RAN_ACTION, type RetentionCounts } from '../../src/jobs/retention.js';
import { createTaskList, RETENTION_TASK } from '../../src/jobs/tasks.js';
import { CRONTAB, RETENTION_SCHEDULE, runDueJobs } from '../../src/jobs/worker.js';
import { createMailer } from '../../src/mail/mailer.js';
import { createServices } from '../../src/services.js';
import { memoryLogger } from '../helpers/memory-logger.js';
import { enqueueJob } from '../../src/jobs/queue.js';
import { createSettingsService } from '../../src/features/municipality/settings-service.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import { addDays, monthsBefore } from '../../src/time/calendar-months.js';

let ctx: TestContext;
let associationId: number;
let openingId: number;
const NOW = new Date('2026-11-22T02:15:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const translator = createTranslator();

beforeAll(async () => {
  ctx = await createTestContext();
  associationId = (await anAssociation(ctx.db.prisma)).id;
  openingId = (await anOpening(ctx.db.prisma, associationId, { detailed: true })).id;
});
afterAll(() => ctx.close());
beforeEach(async () => {
  ctx.clock.set(NOW);
  const prisma = ctx.db.prisma;
  await prisma.interest.deleteMany();
  await prisma.dataAccessLink.deleteMany();
  await prisma.auditLog.deleteMany();
  await prisma.user.deleteMany();
  await prisma.municipalitySettings.deleteMany();
  await ctx.readMail(); // delivers and so empties the queue of earlier tests' mail
});

const run = (options: { auditBatchSize?: number } = {}): Promise<RetentionCounts> =>
  runRetention(ctx.db.prisma, ctx.clock.now(), {
    settings: createSettingsService(ctx.db.prisma),
    t: (lang) => translator.t(lang),
    baseUrl: 'https://portal.example.org',
    ...options,
  });

/** An association member whose last activity was at `lastActivity` (a login, or the account's creation). */
async function aMember(lastActivity: Date, options: { loggedIn?: boolean; role?: 'STAFF' | 'ADMIN' } = {}) {
  const user = await aUser(ctx.db.prisma, {
    email: `member-${randomUUID()}@example.org`,
    ...(options.role ? { role: options.role } : { associationId }),
  });
  return ctx.db.prisma.user.update({
    where: { id: user.id },
    data:
      options.loggedIn === false
        ? { createdAt: lastActivity, lastLoginAt: null }
        : { createdAt: new Date('2020-01-01'), lastLoginAt: lastActivity },
  });
}

const exists = async (id: number) => (await ctx.db.prisma.user.count({ where: { id } })) === 1;
const warnedAt = async (id: number) => (await ctx.db.prisma.user.findUniqueOrThrow({ where: { id } })).inactivityWarnedAt;

describe('the schedule', () => {
  it('runs nightly at 02:15 UTC, as the interests’ retention always did', () => {
    expect(RETENTION_SCHEDULE).toBe('15 2 * * *');
    expect(parseCrontab(CRONTAB).map((item) => item.task)).toContain(RETENTION_TASK);
  });
});

describe('inactive association members', () => {
  it('warns a member inactive past the period (24 months), keeps the boundary day, and never a staff account', async () => {
    const past = await aMember(new Date(monthsBefore(NOW, 24).getTime() - DAY_MS));
    const neverLoggedIn = await aMember(new Date(monthsBefore(NOW, 25).getTime()), { loggedIn: false });
    const boundary = await aMember(monthsBefore(NOW, 24));
    const staff = await aMember(monthsBefore(NOW, 60), { role: 'STAFF' });
    const admin = await aMember(monthsBefore(NOW, 60), { role: 'ADMIN' });

    const counts = await run();
    expect(counts).toMatchObject({ membersWarned: 2, membersDeleted: 0 });
    expect(await warnedAt(past.id)).toEqual(NOW);
    expect(await warnedAt(neverLoggedIn.id)).toEqual(NOW);
    expect(await warnedAt(boundary.id)).toBeNull();
    expect(await warnedAt(staff.id)).toBeNull();
    expect(await warnedAt(admin.id)).toBeNull();

    const mails = await ctx.readMail();
    expect(mails.map((m) => m.to).sort()).toEqual([past.email, neverLoggedIn.email].sort());
    const mail = mails.find((m) => m.to === past.email)!;
    // The deletion date, 30 days on, in Danish and English.
    expect(mail.subject).toContain('22. december 2026');
    expect(mail.text).toContain('22 December 2026');
    expect(mail.text).toContain('https://portal.example.org/log-ind');

    // A second run the same night warns nobody twice.
    expect(await run()).toMatchObject({ membersWarned: 0, membersDeleted: 0 });
  });

  it('deletes a warned member 30 days after the warning (with the memberships), not a day before', async () => {
    const member = await aMember(monthsBefore(NOW, 30));
    const staff = await aMember(monthsBefore(NOW, 60), { role: 'STAFF' });
    await run();
    ctx.clock.set(addDays(NOW, INACTIVITY_WARNING_DAYS - 1));
    expect(await run()).toMatchObject({ membersDeleted: 0 });
    expect(await exists(member.id)).toBe(true);

    ctx.clock.set(addDays(NOW, INACTIVITY_WARNING_DAYS));
    expect(await run()).toMatchObject({ membersDeleted: 1 });
    expect(await exists(member.id)).toBe(false);
    expect(await ctx.db.prisma.associationMember.count({ where: { userId: member.id } })).toBe(0);
    expect(await exists(staff.id)).toBe(true);
  });

  it('does not delete a warned member who logs in (the login clears the warning)', async () => {
    const member = await aMember(monthsBefore(NOW, 30));
    await run();
    expect(await warnedAt(member.id)).toEqual(NOW);

    ctx.clock.set(addDays(NOW, 10));
    await logIn(ctx.app, member.email, TEST_PASSWORD);
    expect(await warnedAt(member.id)).toBeNull();

    ctx.clock.set(addDays(NOW, INACTIVITY_WARNING_DAYS + 1));
    expect(await run()).toMatchObject({ membersWarned: 0, membersDeleted: 0 });
    expect(await exists(member.id)).toBe(true);
  });

  it('applies a changed inactivity period at the next run', async () => {
    const member = await aMember(monthsBefore(NOW, 13));
    expect(await run()).toMatchObject({ membersWarned: 0 });
    await ctx.db.prisma.municipalitySettings.create({
      data: { id: 1, name: 'Testkommune', contactEmail: 'kommune@example.org', memberInactivityMonths: 12 },
    });
    expect(await run()).toMatchObject({ membersWarned: 1 });
    expect(await warnedAt(member.id)).toEqual(NOW);

    // Lengthened again before the deletion date: the account is spared.
    await ctx.db.prisma.municipalitySettings.update({ where: { id: 1 }, data: { memberInactivityMonths: 24 } });
    ctx.clock.set(addDays(NOW, INACTIVITY_WARNING_DAYS));
    expect(await run()).toMatchObject({ membersDeleted: 0 });
    expect(await exists(member.id)).toBe(true);
  });
});

describe('audit rows, interests and data links', () => {
  it('deletes audit rows older than the period (60 months) in batches, keeps the boundary', async () => {
    const old = new Date(monthsBefore(NOW, 60).getTime() - 1000);
    await ctx.db.prisma.auditLog.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({ action: 'test.old', at: new Date(old.getTime() - i * DAY_MS) })),
    });
    await ctx.db.prisma.auditLog.create({ data: { action: 'test.boundary', at: monthsBefore(NOW, 60) } });
    await ctx.db.prisma.auditLog.create({ data: { action: 'test.recent', at: monthsBefore(NOW, 59) } });

    expect(await run({ auditBatchSize: 3 })).toMatchObject({ auditRows: 7 });
    const left = await ctx.db.prisma.auditLog.findMany({ select: { action: true } });
    expect(left.map((row) => row.action).sort()).toEqual([RETENTION_RAN_ACTION, 'test.boundary', 'test.recent']);
  });

  it('applies a changed audit period at the next run', async () => {
    await ctx.db.prisma.auditLog.create({ data: { action: 'test.two-years', at: monthsBefore(NOW, 25) } });
    expect(await run()).toMatchObject({ auditRows: 0 });
    await ctx.db.prisma.municipalitySettings.create({
      data: { id: 1, name: 'Testkommune', contactEmail: 'kommune@example.org', auditRetentionMonths: 24 },
    });
    expect(await run()).toMatchObject({ auditRows: 1 });
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'test.two-years' } })).toBe(0);
  });

  it('deletes interests past their period and expired "Mine data" links only', async () => {
    await anInterest(ctx.db.prisma, openingId, { createdAt: new Date(monthsBefore(NOW, 12).getTime() - DAY_MS) });
    const kept = await anInterest(ctx.db.prisma, openingId, { createdAt: monthsBefore(NOW, 12) });
    await ctx.db.prisma.dataAccessLink.create({
      data: { email: 'a@example.org', tokenHash: 'h1', expiresAt: new Date(NOW.getTime() - 1000) },
    });
    await ctx.db.prisma.dataAccessLink.create({
      data: { email: 'b@example.org', tokenHash: 'h2', expiresAt: new Date(NOW.getTime() + 1000) },
    });

    expect(await run()).toMatchObject({ interests: 1, dataLinks: 1 });
    expect((await ctx.db.prisma.interest.findMany({ select: { id: true } })).map((i) => i.id)).toEqual([kept.interest.id]);
    expect((await ctx.db.prisma.dataAccessLink.findMany({ select: { tokenHash: true } })).map((l) => l.tokenHash)).toEqual(['h2']);
  });

  it('refuses a period that would delete everything (the database refuses to store one, too)', async () => {
    await ctx.db.prisma.auditLog.create({ data: { action: 'test.today', at: NOW } });
    const settings = {
      retention: async () => ({ interestMonths: 12, memberInactivityMonths: 24, auditMonths: 0 }),
      profile: async () => ({ name: 'K' }),
    };
    await expect(runRetention(ctx.db.prisma, NOW, { settings, t: (lang) => translator.t(lang), baseUrl: 'https://x' })).rejects.toThrow();
    expect(await ctx.db.prisma.auditLog.count()).toBe(1);
  });
});

describe('the run on the job queue', () => {
  it('runs as the `retention` job and records one audit row with its counts, no personal data', async () => {
    const member = await aMember(monthsBefore(NOW, 30));
    await anInterest(ctx.db.prisma, openingId, { createdAt: monthsBefore(NOW, 13) });
    await enqueueJob(ctx.db.prisma, RETENTION_TASK, {});
    await ctx.runJobs();

    const rows = await ctx.db.prisma.auditLog.findMany({ where: { action: RETENTION_RAN_ACTION } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: null, targetType: 'retention', targetId: '*' });
    expect(rows[0]!.details).toEqual({ interests: 1, membersWarned: 1, membersDeleted: 0, auditRows: 0, dataLinks: 0 });
    expect(JSON.stringify(rows[0]!.details)).not.toContain(member.email);
  });
});

describe('the run’s log line', () => {
  it('logs the counts only: no addresses or names', async () => {
    const member = await aMember(monthsBefore(NOW, 30));
    const memory = memoryLogger();
    const taskList = createTaskList({
      prisma: ctx.db.prisma,
      clock: ctx.clock,
      logger: memory.logger,
      mailer: createMailer({ ...ctx.config.mail, logger: memory.logger }),
      services: createServices({ prisma: ctx.db.prisma, clock: ctx.clock, config: ctx.config, logger: memory.logger }),
      baseUrl: ctx.config.baseUrl,
    });
    await enqueueJob(ctx.db.prisma, RETENTION_TASK, {});
    await runDueJobs({ pool: ctx.db.pool, taskList, logger: memory.logger });
    const line = memory
      .text()
      .split('\n')
      .find((l) => l.includes('retention ran'));
    expect(JSON.parse(line!)).toMatchObject({
      task: RETENTION_TASK,
      interests: 0,
      membersWarned: 1,
      membersDeleted: 0,
      auditRows: 0,
      dataLinks: 0,
    });
    expect(memory.text()).not.toContain(member.email);
    expect(memory.text()).not.toContain(member.name);
  });
});
