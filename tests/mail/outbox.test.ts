// E-mail through the outbox: a change that causes e-mail is saved with its messages
// queued in the same transaction; the job worker delivers them. With the mail server
// down the change still succeeds, the messages wait and are retried, and once the
// server is back they are delivered — and nothing personal reaches the logs.
import { freePort } from '../../src/db/free-port.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
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
