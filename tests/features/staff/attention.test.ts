// The staff start page's "needs attention today": each count with its link, only the
// non-zero ones, and a calm line when there is nothing. The test clock's today is
// 22 November 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn, type Agent } from '../../helpers/http.js';
import {
  anAgreement,
  anAgreementInForce,
  anAssociation,
  answerVersion,
  aPlan,
  aReview,
  aUser,
  sendVersion,
  TEST_PASSWORD,
} from '../../helpers/factories/index.js';
import { queueMail } from '../../../src/mail/outbox.js';

let ctx: TestContext;
let staff: Agent;
let admin: Agent;
let partnerId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  admin = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'ADMIN' })).email, TEST_PASSWORD);
  partnerId = (await anAssociation(ctx.db.prisma, { name: 'Foreningen Alfa' })).id;
});
afterAll(() => ctx.close());

/** The attention section of the start page, from its heading to the next heading. */
async function attention(agent: Agent): Promise<string> {
  const page = await agent.get('/medarbejder').expect(200);
  const start = page.text.indexOf('id="attention-heading"');
  expect(start).toBeGreaterThan(-1);
  const end = page.text.indexOf('<h2', start + 10);
  return page.text.slice(start, end);
}

describe('needs attention today', () => {
  it('says calmly that nothing needs attention when every count is zero', async () => {
    const section = await attention(staff);
    expect(section).toContain('Der er ikke noget, der kræver opmærksomhed i dag.');
    expect(section).not.toContain('<li>');
  });

  it('counts associations awaiting approval, linked to the review list', async () => {
    await anAssociation(ctx.db.prisma, { status: 'PENDING' });
    await anAssociation(ctx.db.prisma, { status: 'PENDING' });
    await anAssociation(ctx.db.prisma, { status: 'APPROVED' });
    const section = await attention(staff);
    expect(section).toContain('<a href="/medarbejder/foreninger">2 foreninger afventer godkendelse</a>');
    expect(section).not.toContain('opmærksomhed i dag.');
  });

  it('counts agreements awaiting the partners’ answers (a first sending or an amendment), linked to the follow-up page', async () => {
    const sent = await anAgreement(ctx.db.prisma, { associationIds: [partnerId] });
    await sendVersion(ctx.db.prisma, sent.id);
    // In force, then an amendment sent: waiting again.
    const amended = await anAgreementInForce(ctx.db.prisma, { associationIds: [partnerId] });
    await sendVersion(ctx.db.prisma, amended.id);
    // In force and nothing newer: not waiting.
    await anAgreementInForce(ctx.db.prisma, { associationIds: [partnerId] });
    const section = await attention(staff);
    expect(section).toContain('<a href="/medarbejder/samarbejdsaftaler/opfoelgning">2 samarbejdsaftaler venter på parternes svar</a>');
  });

  it('counts an agreement every partner answered but one declined as needing action, not as awaiting answers', async () => {
    const declined = await anAgreement(ctx.db.prisma, { associationIds: [partnerId] });
    const version = await sendVersion(ctx.db.prisma, declined.id);
    const party = declined.parties.find((p) => p.kind !== 'MUNICIPALITY')!;
    await answerVersion(ctx.db.prisma, { versionId: version.id, partyId: party.id, answer: 'DECLINED' });
    const section = await attention(staff);
    expect(section).toContain('<a href="/medarbejder/samarbejdsaftaler/opfoelgning">1 samarbejdsaftale kræver handling</a>');
    expect(section).toContain('2 samarbejdsaftaler venter på parternes svar');
  });

  it('counts agreements due for review (the evaluation can be opened), not those later', async () => {
    // Reviews on 1 December 2026 (within 30 days) and on 1 March 2027 (not yet).
    await anAgreementInForce(ctx.db.prisma, { associationIds: [partnerId], startsOn: '2025-12-01', reviewIntervalMonths: 12 });
    await anAgreementInForce(ctx.db.prisma, { associationIds: [partnerId], startsOn: '2026-03-01', reviewIntervalMonths: 12 });
    const section = await attention(staff);
    expect(section).toContain('<a href="/medarbejder/samarbejdsaftaler/opfoelgning">1 samarbejdsaftale skal evalueres</a>');
  });

  it("lists this year's status reviews not finalised: missing or in progress, for plans whose period covers the year", async () => {
    const missing = await aPlan(ctx.db.prisma, { title: 'Plan uden status', firstYear: 2025, lastYear: 2028 });
    const draft = await aPlan(ctx.db.prisma, { title: 'Plan i gang', firstYear: 2026, lastYear: 2026 });
    await aReview(ctx.db.prisma, draft.id, 2026, { state: 'IN_COMMITTEE' });
    const finalised = await aPlan(ctx.db.prisma, { title: 'Plan færdig', firstYear: 2024, lastYear: 2027 });
    await aReview(ctx.db.prisma, finalised.id, 2026, { state: 'FINALISED' });
    await aPlan(ctx.db.prisma, { title: 'Gammel plan', firstYear: 2017, lastYear: 2022 });
    const section = await attention(staff);
    expect(section).toContain('Årlig status for 2026 er ikke afsluttet for 2 handleplaner:');
    expect(section).toContain(`<a href="/medarbejder/handleplaner/${missing.id}/status/2026">Plan uden status – årlig status 2026</a>`);
    expect(section).toContain(`<a href="/medarbejder/handleplaner/${draft.id}/status/2026">Plan i gang – årlig status 2026</a>`);
    expect(section).not.toContain('Plan færdig');
    expect(section).not.toContain('Gammel plan');
  });

  it('counts e-mails that failed (all attempts used, or retrying after an error), never their recipients; admins see since when', async () => {
    await queueMail(ctx.db.prisma, [
      { to: 'failed@example.org', subject: 'A', text: 'a' },
      { to: 'retrying@example.org', subject: 'B', text: 'b' },
      { to: 'waiting@example.org', subject: 'C', text: 'c' },
    ]);
    await ctx.db.prisma.$executeRaw`
      UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = 'job failed (Error:ECONNREFUSED)', run_at = now() + interval '1 day'
       WHERE payload->>'to' = 'failed@example.org'`;
    await ctx.db.prisma.$executeRaw`
      UPDATE graphile_worker._private_jobs SET attempts = 1, last_error = 'job failed (Error:ECONNREFUSED)', run_at = now() + interval '1 day'
       WHERE payload->>'to' = 'retrying@example.org'`;
    await ctx.db.prisma.$executeRaw`
      UPDATE graphile_worker._private_jobs SET run_at = now() + interval '1 day' WHERE payload->>'to' = 'waiting@example.org'`;

    const staffSection = await attention(staff);
    expect(staffSection).toContain('2 e-mails kunne ikke sendes');
    expect(staffSection).not.toContain('Den ældste');
    expect(staffSection).not.toContain('@example.org');

    const adminSection = await attention(admin);
    expect(adminSection).toContain('2 e-mails kunne ikke sendes');
    expect(adminSection).toMatch(/Den ældste blev lagt i kø \d+\. \w+ \d{4}\./);
    expect(adminSection).not.toContain('@example.org');
  });
});
