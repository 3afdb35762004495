// E-mail through the outbox: a change that causes e-mail is saved with its messages
// queued in the same transaction; the job worker delivers them. With the mail server
// down the change still succeeds, the messages wait and are retried, and once the
// server is back they are delivered — and nothing personal reaches the logs.
import { freePort } from '../../src/db/free-port.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { parseCrontab } from 'graphile-worker';
import { enqueueJob } from '../../src/jobs/queue.js';
import { MAIL_CLEANUP_TASK } from '../../src/jobs/tasks.js';
import { CRONTAB } from '../../src/jobs/worker.js';
import { memoryLogger } from '../helpers/memory-logger.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { showInterest, VALID_INTEREST } from '../helpers/forms.js';
import { anAssociation, anOpening } from '../helpers/factories/index.js';

const memory = memoryLogger();

let ctx: TestContext;
let port: number;

interface QueuedJob {
  attempts: number;
  last_error: string | null;
}

const queuedMailJobs = () =>
  ctx.db.prisma.$queryRaw<QueuedJob[]>`SELECT attempts, last_error FROM graphile_worker.jobs WHERE task_identifier = 'send-mail'`;

beforeAll(async () => {
  port = await freePort();
  const { logger } = memory;
  ctx = await createTestContext({ SMTP_URL: `smtp://127.0.0.1:${port}`, INTEREST_RATE_LIMIT: '1000' }, { logger });
});
afterAll(() => ctx.close());

describe('the e-mail outbox', () => {
  it('saves the change while SMTP is down, retries, and delivers once SMTP is back', async () => {
    const association = await anAssociation(ctx.db.prisma, { name: 'IF Postkasse' });
    await ctx.db.prisma.association.update({ where: { id: association.id }, data: { email: 'forening@postkasse.example.org' } });
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });

    // SMTP down: nothing listens on the port.
    const { response } = await showInterest(ctx.app, opening.id);
    expect(response.status).toBe(303);
    expect(await ctx.db.prisma.interest.count({ where: { openingId: opening.id } })).toBe(1);
    expect(await queuedMailJobs()).toHaveLength(2);

    await ctx.runJobs();
    const failed = await queuedMailJobs();
    expect(failed).toHaveLength(2);
    for (const job of failed) {
      expect(job.attempts).toBe(1);
      // Only the error's kind is kept: no address, no server answer.
      expect(job.last_error).toMatch(/^job failed \(Error:E[A-Z]+\)$/);
      expect(job.last_error).not.toContain('@');
    }

    // SMTP back: the messages are delivered on the next (here: forced) attempt.
    const received: { to: string[]; body: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      await ctx.db.prisma.$executeRaw`SELECT graphile_worker.reschedule_jobs(
        ARRAY(SELECT id FROM graphile_worker.jobs WHERE task_identifier = 'send-mail'), run_at => now())`;
      await ctx.runJobs();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(received.map((mail) => mail.to[0]).sort()).toEqual(['forening@postkasse.example.org', VALID_INTEREST.email].sort());
    expect(await queuedMailJobs()).toEqual([]);

    // Nothing personal in what was logged meanwhile.
    const log = memory.text();
    expect(log).toContain('job failed');
    expect(log).not.toContain(VALID_INTEREST.email);
    expect(log).not.toContain('forening@postkasse.example.org');
    expect(log).not.toContain(VALID_INTEREST.message);
  });
});

describe('undeliverable mail', () => {
  it('is kept 30 days after its last attempt for someone to look into, then deleted by the daily cleanup', async () => {
    expect(parseCrontab(CRONTAB).map((item) => item.task)).toContain(MAIL_CLEANUP_TASK);

    await ctx.db.prisma.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
    for (let i = 0; i < 2; i++) {
      await enqueueJob(ctx.db.prisma, 'send-mail', { to: 'ukendt@example.org', subject: 'x', text: 'y' }, { maxAttempts: 1 });
    }
    // Both used up their attempts; one 31 days ago, one yesterday.
    await ctx.db.prisma
      .$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = max_attempts, updated_at = now() - interval '1 day'`;
    await ctx.db.prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET updated_at = now() - interval '31 days'
      WHERE id = (SELECT min(id) FROM graphile_worker._private_jobs)`;
    ctx.clock.set(new Date());

    await enqueueJob(ctx.db.prisma, MAIL_CLEANUP_TASK, {});
    await ctx.runJobs();

    expect(await queuedMailJobs()).toHaveLength(1);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'mail.undeliverable.deleted' } });
    expect(audit.details).toEqual({ deleted: 1 });
  });
});
