// Reminders to partners that have not answered the latest sent version: seven days
// after it was sent, once per version and partner, by the daily job. An association is
// sent to its area page; an external partner gets a new answer link; a partner without
// an e-mail address is skipped. Each reminder is remembered and audited with its mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCrontab } from 'graphile-worker';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anAgreement, anAssociation, answerVersion, sendVersion } from '../../helpers/factories/index.js';
import { findUsableLink } from '../../../src/features/agreements/party-links.js';
import { hashSecretToken } from '../../../src/security/secret-token.js';
import { AGREEMENT_REMINDERS_SCHEDULE, CRONTAB } from '../../../src/jobs/worker.js';
import { AGREEMENT_REMINDERS_TASK } from '../../../src/jobs/tasks.js';
import { enqueueJob } from '../../../src/jobs/queue.js';
import { allowAuditWrites, failAuditWrites } from '../../helpers/audit.js';
import { reminderAudits, reminderRunner } from './reminder-helpers.js';

let ctx: TestContext;
const reminders = reminderRunner(() => ctx);

let agreementId: number;
let alfaId: number;
let parties: { alfa: number; noMail: number; beta: number; gamma: number };
let firstVersionId: number;

const SENT_AT = new Date('2026-11-15T12:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  const alfa = await anAssociation(prisma, { name: 'Foreningen Alfa' });
  alfaId = alfa.id;
  await prisma.association.update({ where: { id: alfa.id }, data: { email: 'alfa@forening.example.org' } });
  const noMail = await anAssociation(prisma, { name: 'Foreningen Uden Post' });
  const agreement = await anAgreement(prisma, {
    title: 'Lektiecafé',
    associationIds: [alfa.id, noMail.id],
    externals: [
      { name: 'Aftenskolen Beta', contactEmail: 'beta@aftenskole.example.org', contactName: 'Bente Beta' },
      { name: 'Gamma ApS', contactEmail: 'gamma@example.org' },
    ],
  });
  agreementId = agreement.id;
  const byName = (name: string) => agreement.parties.find((p) => (p.association?.name ?? p.name) === name)!.id;
  parties = {
    alfa: byName('Foreningen Alfa'),
    noMail: byName('Foreningen Uden Post'),
    beta: byName('Aftenskolen Beta'),
    gamma: byName('Gamma ApS'),
  };
  const version = await sendVersion(prisma, agreement.id, { now: SENT_AT });
  firstVersionId = version.id;
  await answerVersion(prisma, { versionId: version.id, partyId: parties.gamma, viaLink: true });
});
afterAll(() => ctx.close());

const keys = async () =>
  (await ctx.db.prisma.agreementReminder.findMany({ where: { agreementId }, orderBy: { id: 'asc' } })).map((r) => r.key);

describe('reminders to partners', () => {
  it('is a daily job at 07:00 UTC, a working-hours mail in Denmark', () => {
    expect(AGREEMENT_REMINDERS_SCHEDULE).toBe('0 7 * * *');
    const entry = parseCrontab(CRONTAB).find((item) => item.task === AGREEMENT_REMINDERS_TASK);
    expect(entry?.match).toBeDefined();
    expect(CRONTAB).toContain(`0 7 * * * ${AGREEMENT_REMINDERS_TASK}`);
  });

  it('sends nothing before seven days have passed since the version was sent', async () => {
    ctx.clock.set(new Date(SENT_AT.getTime() + 7 * 24 * 3600 * 1000 - 60_000));
    expect(await reminders.run()).toEqual([]);
    expect(await keys()).toEqual([]);
    expect(await reminderAudits(ctx, agreementId)).toEqual([]);
  });

  it('sends nothing and remembers nothing when the audit row cannot be written (one transaction)', async () => {
    const prisma = ctx.db.prisma;
    ctx.clock.set(new Date(SENT_AT.getTime() + 7 * 24 * 3600 * 1000));
    const mailsBefore = (await ctx.readMail()).length;
    await failAuditWrites(prisma);
    try {
      await enqueueJob(prisma, AGREEMENT_REMINDERS_TASK, {});
      await ctx.runJobs();
    } finally {
      await allowAuditWrites(prisma);
    }
    expect(await keys()).toEqual([]);
    expect(await prisma.agreementPartyLink.count()).toBe(0);
    expect((await ctx.readMail()).length).toBe(mailsBefore);
    // The job ran and failed (its transaction rolled back); it waits for its retry.
    const failed = await prisma.$queryRaw<{ attempts: number; last_error: string | null }[]>`
      SELECT attempts, last_error FROM graphile_worker.jobs WHERE task_identifier = ${AGREEMENT_REMINDERS_TASK}`;
    expect(failed).toHaveLength(1);
    expect(failed[0]?.attempts).toBe(1);
    expect(failed[0]?.last_error).not.toContain('@');
    // Take it away so the next run starts clean.
    await prisma.$executeRaw`SELECT graphile_worker.complete_jobs(
      array(SELECT id FROM graphile_worker.jobs WHERE task_identifier = ${AGREEMENT_REMINDERS_TASK}))`;
  });

  it('reminds each partner that has not answered, once, after seven days; skips partners without an e-mail', async () => {
    ctx.clock.set(new Date(SENT_AT.getTime() + 7 * 24 * 3600 * 1000));
    const mails = await reminders.run();
    expect(mails.map((m) => m.to).sort()).toEqual(['alfa@forening.example.org', 'beta@aftenskole.example.org']);

    const alfa = mails.find((m) => m.to === 'alfa@forening.example.org')!;
    expect(alfa.subject).toMatch(/^Påmindelse: Svar på samarbejdsaftalen »Lektiecafé« – Frivillig i \S/);
    expect(alfa.text).toContain('Hej Kontakt Eksempel');
    expect(alfa.text).toContain('Den 15. november 2026 sendte kommunen version 1 af samarbejdsaftalen »Lektiecafé«');
    expect(alfa.text).toContain(`${ctx.config.baseUrl}/min-forening/${alfaId}/samarbejdsaftaler/${agreementId}\n`);
    expect(alfa.text).not.toContain('/samarbejdsaftale/svar/');

    expect(await keys()).toEqual([`answer:v1:party:${parties.alfa}`, `answer:v1:party:${parties.beta}`]);
    const audits = await reminderAudits(ctx, agreementId);
    expect(audits.map((a) => a.details)).toEqual([{ key: `answer:v1:party:${parties.alfa}` }, { key: `answer:v1:party:${parties.beta}` }]);
    expect(audits.every((a) => a.actorUserId === null && a.at.getTime() === ctx.clock.now().getTime())).toBe(true);
    expect(JSON.stringify(audits.map((a) => a.details))).not.toContain('@');
  });

  it('gives an external partner a new, working answer link for the version (its token not stored in clear)', async () => {
    const beta = (await ctx.readMail()).find((m) => m.to === 'beta@aftenskole.example.org')!;
    expect(beta.text).toContain('Hej Bente Beta');
    const match = new RegExp(`${ctx.config.baseUrl}/samarbejdsaftale/svar/([A-Za-z0-9_-]+)`).exec(beta.text);
    expect(match).not.toBeNull();
    const token = match![1]!;
    const found = await findUsableLink(ctx.db.prisma, token, 'ANSWER', ctx.clock.now());
    expect(found.ok && { partyId: found.link.partyId, versionId: found.link.versionId }).toEqual({
      partyId: parties.beta,
      versionId: firstVersionId,
    });
    const stored = await ctx.db.prisma.agreementPartyLink.findMany({ where: { partyId: parties.beta } });
    expect(stored.map((l) => l.tokenHash)).toEqual([hashSecretToken(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('sends nothing new when run again, or by a restarted portal (the reminders are remembered)', async () => {
    expect(await reminders.run()).toEqual([]);
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 24 * 3600 * 1000));
    expect(await reminders.run()).toEqual([]);
    expect(await reminderAudits(ctx, agreementId)).toHaveLength(2);
    expect(await ctx.db.prisma.agreementPartyLink.count()).toBe(1);
  });

  it('does not remind a partner that has answered, and reminds again for a newer version', async () => {
    const prisma = ctx.db.prisma;
    await answerVersion(prisma, { versionId: firstVersionId, partyId: parties.alfa, answer: 'CHANGES_REQUESTED', comment: 'Flere timer' });
    const sentAt = new Date('2026-11-24T12:00:00Z');
    await sendVersion(prisma, agreementId, { now: sentAt });
    ctx.clock.set(new Date(sentAt.getTime() + 6 * 24 * 3600 * 1000));
    expect(await reminders.run()).toEqual([]);
    ctx.clock.set(new Date(sentAt.getTime() + 7 * 24 * 3600 * 1000));
    const mails = await reminders.run();
    expect(mails.map((m) => m.to).sort()).toEqual(['alfa@forening.example.org', 'beta@aftenskole.example.org', 'gamma@example.org']);
    expect(mails.every((m) => m.text.includes('version 2'))).toBe(true);
    expect((await keys()).slice(2).sort()).toEqual(
      [`answer:v2:party:${parties.alfa}`, `answer:v2:party:${parties.beta}`, `answer:v2:party:${parties.gamma}`].sort(),
    );
    expect(await reminders.run()).toEqual([]);
  });
});
