// Reminders to the staff member who wrote an agreement: a review due within 30 days (or
// overdue), a start within 14 days, an end within 60 days; each once, linking the
// agreement's page; none when the agreement has no writer to tell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { acceptAll, anAgreement, anAssociation, aUser, sendVersion, type AgreementOptions } from '../../helpers/factories/index.js';
import type { AgreementStatus } from '../../../src/generated/prisma/enums.js';
import { reminderAudits, reminderRunner } from './reminder-helpers.js';

let ctx: TestContext;
const reminders = reminderRunner(() => ctx);
const SARA = 'sara@kommune.example.org';
let saraId: number;
let alfaId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  saraId = (await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Sara Sagsbehandler', email: SARA })).id;
  alfaId = (await anAssociation(ctx.db.prisma, { name: 'Foreningen Alfa' })).id;
  // Today is 22 November 2026.
  ctx.clock.set(new Date('2026-11-22T07:00:00Z'));
});
afterAll(() => ctx.close());

/** An agreement Sara wrote, accepted by every partner and in force with `status`. */
async function inForce(title: string, options: AgreementOptions, status: AgreementStatus = 'ACTIVE') {
  const agreement = await anAgreement(ctx.db.prisma, {
    title,
    createdById: saraId,
    associationIds: [alfaId],
    reviewIntervalMonths: null,
    ...options,
  });
  await sendVersion(ctx.db.prisma, agreement.id);
  return acceptAll(ctx.db.prisma, agreement.id, status);
}

const agreementUrl = (id: number) => `${ctx.config.baseUrl}/medarbejder/samarbejdsaftaler/${id}\n`;
const bySubject = (mails: { subject: string }[]) => mails.map((m) => m.subject.replace(/ – Frivillig i .*$/, '')).sort();

describe('reminders to the staff member who wrote the agreement', () => {
  const ids: Record<string, number> = {};

  it('tells of a review within 30 days or overdue, a start within 14 days and an end within 60 days, once each', async () => {
    ids.review = (await inForce('Evaluering om 30 dage', { startsOn: '2025-12-22', reviewIntervalMonths: 12 })).id;
    ids.reviewLater = (await inForce('Evaluering om 31 dage', { startsOn: '2025-12-23', reviewIntervalMonths: 12 })).id;
    ids.overdue = (await inForce('Evaluering overskredet', { startsOn: '2025-06-01', reviewIntervalMonths: 12 })).id;
    ids.starting = (await inForce('Starter om 14 dage', { startsOn: '2026-12-06' }, 'ACCEPTED')).id;
    ids.startingLater = (await inForce('Starter om 15 dage', { startsOn: '2026-12-07' }, 'ACCEPTED')).id;
    ids.ending = (await inForce('Udløber om 60 dage', { endsOn: '2027-01-21' })).id;
    ids.endingLater = (await inForce('Udløber om 61 dage', { endsOn: '2027-01-22' })).id;
    ids.notice = (await inForce('Opsagt aftale', { endsOn: '2027-01-05' })).id;
    await ctx.db.prisma.agreement.update({ where: { id: ids.notice }, data: { terminatedOn: new Date('2026-11-05T00:00:00Z') } });
    const anonymous = await anAgreement(ctx.db.prisma, { title: 'Uden forfatter', associationIds: [alfaId], endsOn: '2026-12-31' });
    await sendVersion(ctx.db.prisma, anonymous.id);
    ids.anonymous = (await acceptAll(ctx.db.prisma, anonymous.id)).id;

    const mails = await reminders.run();
    expect(mails.every((m) => m.to === SARA)).toBe(true);
    expect(bySubject(mails)).toEqual(
      [
        'Aftalen starter 6. december 2026: »Starter om 14 dage«',
        'Aftalen udløber 21. januar 2027: »Udløber om 60 dage«',
        'Aftalen udløber 5. januar 2027: »Opsagt aftale«',
        'Evaluering 22. december 2026: »Evaluering om 30 dage«',
        'Evalueringen er overskredet: »Evaluering overskredet«',
      ].sort(),
    );
    const mailAbout = (title: string) => mails.find((m) => m.subject.includes(`»${title}«`))!;
    expect(mailAbout('Evaluering om 30 dage').text).toContain('Hej Sara Sagsbehandler');
    expect(mailAbout('Evaluering om 30 dage').text).toContain(agreementUrl(ids.review!));
    expect(mailAbout('Evaluering overskredet').text).toContain('skulle have været evalueret 1. juni 2026');
    expect(mailAbout('Evaluering overskredet').text).toContain(agreementUrl(ids.overdue!));
    expect(mailAbout('Starter om 14 dage').text).toContain(agreementUrl(ids.starting!));
    expect(mailAbout('Udløber om 60 dage').text).toContain(agreementUrl(ids.ending!));
    expect(mailAbout('Udløber om 60 dage').text).not.toContain('opsagt');
    expect(mailAbout('Opsagt aftale').text).toContain('Aftalen er opsagt');

    const keysOf = async (id: number) => (await ctx.db.prisma.agreementReminder.findMany({ where: { agreementId: id } })).map((r) => r.key);
    expect(await keysOf(ids.review!)).toEqual(['review:2026-12-22']);
    expect(await keysOf(ids.overdue!)).toEqual(['review:2026-06-01']);
    expect(await keysOf(ids.starting!)).toEqual(['starting:2026-12-06']);
    expect(await keysOf(ids.ending!)).toEqual(['ending:2027-01-21']);
    expect(await keysOf(ids.notice!)).toEqual(['ending:2027-01-05']);
    for (const id of [ids.reviewLater!, ids.startingLater!, ids.endingLater!, ids.anonymous!]) expect(await keysOf(id)).toEqual([]);
    expect((await reminderAudits(ctx, ids.review!)).map((a) => a.details)).toEqual([{ key: 'review:2026-12-22' }]);
    expect((await reminderAudits(ctx, ids.anonymous!)).length).toBe(0);
  });

  it('sends nothing again on the next run', async () => {
    expect(await reminders.run()).toEqual([]);
  });

  it('the next day, tells of what has come inside its window, and nothing twice', async () => {
    ctx.clock.set(new Date('2026-11-23T07:00:00Z'));
    const mails = await reminders.run();
    expect(bySubject(mails)).toEqual(
      [
        'Aftalen starter 7. december 2026: »Starter om 15 dage«',
        'Aftalen udløber 22. januar 2027: »Udløber om 61 dage«',
        'Evaluering 23. december 2026: »Evaluering om 31 dage«',
      ].sort(),
    );
    expect(await reminders.run()).toEqual([]);
  });

  it('does not e-mail a writer whose account is closed', async () => {
    await ctx.db.prisma.user.update({ where: { id: saraId }, data: { active: false } });
    await inForce('Udløber snart, lukket konto', { endsOn: '2026-12-01' });
    expect(await reminders.run()).toEqual([]);
  });
});
