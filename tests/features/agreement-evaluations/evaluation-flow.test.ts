// The evaluation of an agreement, through the pages: staff open it when a review is
// due (every partner is mailed: an association the link to its area, an external
// partner a single-use link), each party answers on its own, staff see the answers
// side by side with the differences flagged, and decide: continue, renew (a new
// draft) or end (notice). Audit rows on the agreement; validation 422 and stale 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, formTokens, logIn } from '../../helpers/http.js';
import {
  acceptAll,
  aChecklist,
  anAgreement,
  anAssociation,
  anEvaluation,
  anEvaluationAnswer,
  aUser,
  sendVersion,
  TEST_PASSWORD,
} from '../../helpers/factories/index.js';
import { DEFAULT_CHECKLIST, DEFAULT_SECTIONS } from '../../../src/features/agreement-template/default-template.js';
import { issuePartyLink } from '../../../src/features/agreements/party-links.js';

const AGREEMENTS = '/medarbejder/samarbejdsaftaler';
const staffPage = (id: number) => `${AGREEMENTS}/${id}/evaluering`;
const areaPage = (associationId: number, id: number) => `/min-forening/${associationId}/samarbejdsaftaler/${id}/evaluering`;

let ctx: TestContext;
let staff: Agent;
let staffId: number;
let member: Agent;
let memberId: number;
let outsider: Agent;
let lyngby: { id: number; name: string };
let other: { id: number; name: string };

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  const staffUser = await aUser(prisma, { role: 'STAFF', name: 'Sara Sagsbehandler' });
  staffId = staffUser.id;
  staff = await logIn(ctx.app, staffUser.email, TEST_PASSWORD);
  lyngby = await anAssociation(prisma, { name: 'Frivilligcenter Test' });
  other = await anAssociation(prisma, { name: 'Anden Forening' });
  const memberUser = await aUser(prisma, { associationId: lyngby.id, email: 'medlem@lyngby.example.org', name: 'Mona Medlem' });
  memberId = memberUser.id;
  member = await logIn(ctx.app, memberUser.email, TEST_PASSWORD);
  outsider = await logIn(ctx.app, (await aUser(prisma, { associationId: other.id })).email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

/**
 * An ACTIVE agreement with Lyngby and an external evening school, started 1 December
 * 2025 with a 12-month review: the review of 1 December 2026 is due (today is 22
 * November 2026 on the fake clock, within 30 days).
 */
async function activeAgreement(title: string, options: Parameters<typeof anAgreement>[1] = {}) {
  const prisma = ctx.db.prisma;
  const agreement = await anAgreement(prisma, {
    title,
    associationIds: [lyngby.id],
    externals: [{ name: 'Aftenskolen Test', contactEmail: `aftenskolen-${title.replace(/\W+/g, '-').toLowerCase()}@example.org` }],
    startsOn: '2025-12-01',
    endsOn: '2027-12-31',
    noticeMonths: 3,
    reviewIntervalMonths: 12,
    ...options,
  });
  await sendVersion(prisma, agreement.id);
  await acceptAll(prisma, agreement.id, options.status ?? 'ACTIVE');
  return prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id }, include: { parties: { orderBy: { sortOrder: 'asc' } } } });
}

/** The answer form: per checklist item a rating (by key, default "don't know") and texts. */
function answerForm(ratings: Record<string, string> = {}, extra: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = {};
  for (const item of DEFAULT_CHECKLIST) {
    form[`item-${item.key}-rating`] = ratings[item.key] ?? ratings['*'] ?? 'ved-ikke';
    form[`item-${item.key}-howItWent`] = `Sådan gik ${item.key}.`;
    form[`item-${item.key}-toChange`] = '';
  }
  return { volunteersInvolved: '12', citizensReached: '140', outcomes: 'Haver i tre boligområder.', ...form, ...extra };
}

/** Posts a form on the page at `path` (its CSRF token and version) to `action`. */
async function postOnPage(agent: Agent, path: string, action: string, fields: Record<string, string>, keep: { version?: boolean } = {}) {
  const page = await agent.get(path).expect(expectStatusOk);
  const tokens = formTokens(page.text);
  const evaluationId = /name="evaluationId" value="(\d+)"/.exec(page.text)?.[1];
  const evaluationVersion = /name="evaluationVersion" value="(\d+)"/.exec(page.text)?.[1];
  return agent
    .post(action)
    .type('form')
    .send({
      _csrf: tokens._csrf,
      ...(keep.version !== false && tokens.version ? { version: tokens.version } : {}),
      ...(evaluationId ? { evaluationId } : {}),
      ...(evaluationVersion ? { evaluationVersion } : {}),
      ...fields,
    });
}
const expectStatusOk = (response: { status: number }) => {
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}`);
};

const openEvaluation = (id: number) => postOnPage(staff, staffPage(id), `${staffPage(id)}/aabn`, {});
const staffAnswer = (id: number, ratings: Record<string, string>, extra: Record<string, string> = {}) =>
  postOnPage(staff, staffPage(id), `${staffPage(id)}/svar`, answerForm(ratings, extra));
const decide = (id: number, decision: string, note = '') =>
  postOnPage(staff, staffPage(id), `${staffPage(id)}/beslutning`, { decision, note });

const auditOf = (agreementId: number, action: string) =>
  ctx.db.prisma.auditLog.findMany({ where: { targetType: 'agreement', targetId: String(agreementId), action }, orderBy: { id: 'asc' } });

describe('the evaluation of an active agreement', () => {
  let agreement: Awaited<ReturnType<typeof activeAgreement>>;
  let externalToken: string;
  let associationUrl: string;

  beforeAll(async () => {
    agreement = await activeAgreement('Grow Your Life');
  });

  it('shows staff the due review and opens it, mailing every partner once', async () => {
    const page = await staff.get(staffPage(agreement.id)).expect(200);
    expect(page.text).toContain('Aftalen skal evalueres pr. 1. december 2026.');
    expect(page.text).toContain(`action="${staffPage(agreement.id)}/aabn"`);

    const before = (await ctx.readMail()).length;
    await openEvaluation(agreement.id).then(expectStatus(303));
    const evaluation = await ctx.db.prisma.agreementEvaluation.findFirstOrThrow({ where: { agreementId: agreement.id } });
    expect(evaluation.reviewDate.toISOString().slice(0, 10)).toBe('2026-12-01');

    const mails = (await ctx.readMail()).slice(before);
    const toMember = mails.find((m) => m.to === 'medlem@lyngby.example.org')!;
    associationUrl = `${ctx.config.baseUrl}${areaPage(lyngby.id, agreement.id)}`;
    expect(toMember.text).toContain(associationUrl);
    const toExternal = mails.find((m) => m.to === 'aftenskolen-grow-your-life@example.org')!;
    externalToken = /\/samarbejdsaftale\/evaluering\/([A-Za-z0-9_-]+)/.exec(toExternal.text)![1]!;
    expect(toExternal.text).not.toContain('/min-forening/');
    expect(mails).toHaveLength(2);
    // The token is stored only as its hash.
    const link = await ctx.db.prisma.agreementPartyLink.findFirstOrThrow({ where: { evaluationId: evaluation.id } });
    expect(link).toMatchObject({ purpose: 'EVALUATE', usedAt: null, partyId: agreement.parties[2]!.id });
    expect(link.tokenHash).not.toContain(externalToken);

    const audit = await auditOf(agreement.id, 'agreement.evaluation-opened');
    expect(audit).toHaveLength(1);
    expect(audit[0]!).toMatchObject({ actorUserId: staffId });
    expect(audit[0]!.details).toMatchObject({ reviewDate: '2026-12-01', evaluationId: evaluation.id });

    // Opening again is harmless: no second evaluation, no second round of mail.
    await postOnPage(staff, staffPage(agreement.id), `${staffPage(agreement.id)}/aabn`, {}).then(expectStatus(303));
    expect(await ctx.db.prisma.agreementEvaluation.count({ where: { agreementId: agreement.id } })).toBe(1);
    expect((await ctx.readMail()).length).toBe(before + 2);
    expect(await auditOf(agreement.id, 'agreement.evaluation-opened')).toHaveLength(1);
  });

  it('lets the association member answer in the area, and change the answer', async () => {
    const path = areaPage(lyngby.id, agreement.id);
    const page = await member.get(path).expect(200);
    for (const item of DEFAULT_CHECKLIST) expect(page.text).toContain(item.textDa);
    expect(page.text).not.toContain('name="version"');

    await postOnPage(member, path, path, answerForm({ '*': '1' })).then(expectStatus(303));
    const party = agreement.parties[1]!;
    const stored = await ctx.db.prisma.agreementEvaluationAnswer.findFirstOrThrow({ where: { partyId: party.id } });
    expect(stored).toMatchObject({ volunteersInvolved: 12, citizensReached: 140, answeredById: memberId, version: 1 });
    expect(stored.checklist).toMatchObject({ 'mutual-trust': { rating: 1, howItWent: 'Sådan gik mutual-trust.' } });

    // Again, now with the version: an edit.
    await postOnPage(member, path, path, answerForm({ '*': '1', 'mutual-trust': '2' })).then(expectStatus(303));
    const edited = await ctx.db.prisma.agreementEvaluationAnswer.findFirstOrThrow({ where: { partyId: party.id } });
    expect(edited.version).toBe(2);
    expect(edited.checklist).toMatchObject({ 'mutual-trust': { rating: 2 } });

    const audit = await auditOf(agreement.id, 'agreement.evaluation-answered');
    expect(audit.map((a) => a.details)).toEqual([
      expect.objectContaining({ partyId: party.id, viaLink: false, changed: false }),
      expect.objectContaining({ partyId: party.id, viaLink: false, changed: true }),
    ]);
    // No free text in the audit.
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain('Sådan gik');
  });

  it('answers 409 with the input kept when the answer was saved by someone else first', async () => {
    const path = areaPage(lyngby.id, agreement.id);
    const response = await postOnPage(member, path, path, answerForm({ '*': '4' }, { outcomes: 'Mit forældede svar', version: '1' }));
    expect(response.status).toBe(409);
    expect(response.text).toContain('Svaret er ændret, mens du skrev');
    expect(response.text).toContain('Mit forældede svar');
    expect(response.text).toContain('name="version" value="2"');
    const stored = await ctx.db.prisma.agreementEvaluationAnswer.findFirstOrThrow({ where: { partyId: agreement.parties[1]!.id } });
    expect(stored.outcomes).toBe('Haver i tre boligområder.');
  });

  it('refuses bad input with 422 and the input kept', async () => {
    const path = areaPage(lyngby.id, agreement.id);
    const outOfRange = await postOnPage(
      member,
      path,
      path,
      answerForm({ '*': '1', 'mutual-trust': '7' }, { outcomes: 'Behold denne tekst' }),
    );
    expect(outOfRange.status).toBe(422);
    expect(outOfRange.text).toContain('Vælg en af vurderingerne');
    expect(outOfRange.text).toContain('Behold denne tekst');
    const negative = await postOnPage(member, path, path, answerForm({ '*': '1' }, { volunteersInvolved: '-3', outcomes: 'Igen beholdt' }));
    expect(negative.status).toBe(422);
    expect(negative.text).toContain('Skriv et helt tal, 0 eller mere, fx 12');
    expect(negative.text).toContain('value="-3"');
    expect(negative.text).toContain('Igen beholdt');
    const stored = await ctx.db.prisma.agreementEvaluationAnswer.findFirstOrThrow({ where: { partyId: agreement.parties[1]!.id } });
    expect(stored.version).toBe(2);
  });

  it("is a 404 for an association that is not party, and for another association's path", async () => {
    await outsider.get(areaPage(other.id, agreement.id)).expect(404);
    const page = await outsider.get('/min-side').expect(200);
    await outsider
      .post(areaPage(other.id, agreement.id))
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), ...answerForm() })
      .expect(404);
    // The member of Lyngby in another association's area: the area guard refuses.
    await member.get(areaPage(other.id, agreement.id)).expect(403);
  });

  it('lets the external partner answer once through the link', async () => {
    const path = `/samarbejdsaftale/evaluering/${externalToken}`;
    const anonymous = supertest.agent(ctx.app);
    const page = await anonymous.get(path).expect(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.text).toContain('Aftenskolen Test');

    // A failed form does not use the link up.
    const invalid = await anonymous
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), ...answerForm({ '*': '0' }) });
    expect(invalid.status).toBe(422);
    const linkRow = await ctx.db.prisma.agreementPartyLink.findFirstOrThrow({ where: { partyId: agreement.parties[2]!.id } });
    expect(linkRow.usedAt).toBeNull();

    await anonymous
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), ...answerForm({ '*': '2' }) })
      .expect(303)
      .expect('Location', '/samarbejdsaftale/evaluering/tak');
    const stored = await ctx.db.prisma.agreementEvaluationAnswer.findFirstOrThrow({ where: { partyId: agreement.parties[2]!.id } });
    expect(stored).toMatchObject({ answeredById: null, volunteersInvolved: 12 });
    expect((await anonymous.get('/samarbejdsaftale/evaluering/tak').expect(200)).text).toContain('Tak for jeres svar');

    // Used: refused, and nothing changes.
    const reuse = await anonymous.get(path).expect(410);
    expect(reuse.text).toContain('Linket er allerede brugt');
    await anonymous
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), ...answerForm({ '*': '4' }) })
      .expect(410);
    const after = await ctx.db.prisma.agreementEvaluationAnswer.findFirstOrThrow({ where: { partyId: agreement.parties[2]!.id } });
    expect(after.version).toBe(1);
    await anonymous.get('/samarbejdsaftale/evaluering/ikke-et-rigtigt-link').expect(404);

    // A second link whose save is stale (409) is not used up by it.
    const evaluationId = (await ctx.db.prisma.agreementEvaluation.findFirstOrThrow({ where: { agreementId: agreement.id } })).id;
    const second = await ctx.db.prisma.$transaction((tx) =>
      issuePartyLink(tx, { partyId: agreement.parties[2]!.id, purpose: 'EVALUATE', evaluationId, now: ctx.clock.now() }),
    );
    const secondPage = await anonymous.get(`/samarbejdsaftale/evaluering/${second}`).expect(200);
    expect(secondPage.text).toContain('name="version" value="1"');
    const stale = await anonymous
      .post(`/samarbejdsaftale/evaluering/${second}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(secondPage.text), version: '0', ...answerForm({ '*': '4' }, { outcomes: 'Forældet' }) });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Forældet');
    const secondRow = await ctx.db.prisma.agreementPartyLink.findFirstOrThrow({ where: { evaluationId, usedAt: null } });
    expect(secondRow.partyId).toBe(agreement.parties[2]!.id);
    await ctx.db.prisma.agreementPartyLink.update({ where: { id: secondRow.id }, data: { expiresAt: ctx.clock.now() } });

    const audit = await auditOf(agreement.id, 'agreement.evaluation-answered');
    expect(audit.at(-1)!.details).toMatchObject({ partyId: agreement.parties[2]!.id, viaLink: true });
  });

  it("refuses a decision before the municipality's own answer", async () => {
    const response = await decide(agreement.id, 'CONTINUE');
    expect(response.status).toBe(422);
    expect(response.text).toContain('Kommunens eget svar mangler');
    const evaluation = await ctx.db.prisma.agreementEvaluation.findFirstOrThrow({ where: { agreementId: agreement.id } });
    expect(evaluation.decision).toBeNull();
  });

  it("saves the municipality's answer and shows the answers side by side, differences flagged", async () => {
    await staffAnswer(agreement.id, { '*': '2', 'mutual-trust': '4' }).then(expectStatus(303));
    const page = await staff.get(staffPage(agreement.id)).expect(200);
    expect(page.text).toContain('3 af 3 parter har svaret');
    // Mutual trust: the municipality "fully", Lyngby "partly": flagged. Shared goals:
    // "partly" from all three: not flagged.
    const section = (key: string) => {
      const text = DEFAULT_CHECKLIST.find((i) => i.key === key)!.textDa;
      const start = page.text.indexOf(`. ${text}</h3>`, page.text.indexOf('Parternes svar side om side'));
      return page.text.slice(start, page.text.indexOf('</table>', start));
    };
    expect(section('mutual-trust')).toContain('Parterne vurderer dette punkt forskelligt');
    expect(section('mutual-trust')).toContain('Fuldt ud');
    expect(section('shared-goals-all-gain-from')).not.toContain('forskelligt');
    expect(section('shared-goals-all-gain-from')).toContain('Delvist');
    expect(page.text).toContain('Haver i tre boligområder.');
  });

  it('refuses a decision with no choice (422), then continues the agreement', async () => {
    const none = await postOnPage(staff, staffPage(agreement.id), `${staffPage(agreement.id)}/beslutning`, { note: 'Godt gået' });
    expect(none.status).toBe(422);
    expect(none.text).toContain('Vælg, hvad der skal ske med aftalen');
    expect(none.text).toContain('Godt gået');

    await decide(agreement.id, 'CONTINUE', 'Vi fortsætter').then(expectStatus(303));
    const evaluation = await ctx.db.prisma.agreementEvaluation.findFirstOrThrow({ where: { agreementId: agreement.id } });
    expect(evaluation).toMatchObject({ decision: 'CONTINUE', decidedById: staffId, decisionNote: 'Vi fortsætter', renewalId: null });
    const row = await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    expect(row).toMatchObject({ status: 'ACTIVE', terminatedOn: null });
    const audit = await auditOf(agreement.id, 'agreement.decided');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ decision: 'CONTINUE', note: '(changed)' });

    // The review of 2026 is decided: nothing is due until the next one comes near.
    const page = await staff.get(staffPage(agreement.id)).expect(200);
    expect(page.text).toContain('Beslutning: Fortsæt');
    expect(page.text).toContain('Sara Sagsbehandler');
    expect(page.text).not.toContain(`action="${staffPage(agreement.id)}/aabn"`);
    expect(page.text).not.toContain(`action="${staffPage(agreement.id)}/svar"`);

    // The association now sees the decision and the comparison, read-only.
    const area = await member.get(areaPage(lyngby.id, agreement.id)).expect(200);
    expect(area.text).toContain('Beslutning: Fortsæt');
    expect(area.text).toContain('Parterne vurderer dette punkt forskelligt');
    expect(area.text).not.toContain('<form method="post" action="/min-forening');
    const late = await postOnPage(member, `/min-side`, areaPage(lyngby.id, agreement.id), answerForm({ '*': '4' }));
    expect(late.status).toBe(409);
    expect(late.text).toContain('Evalueringen er allerede besluttet');

    // A decision twice: 409, nothing changes.
    const evaluationId = String(evaluation.id);
    const again = await postOnPage(staff, `/min-side`, `${staffPage(agreement.id)}/beslutning`, {
      evaluationId,
      evaluationVersion: '1',
      decision: 'END',
    });
    expect(again.status).toBe(409);
    expect((await ctx.db.prisma.agreementEvaluation.findUniqueOrThrow({ where: { id: evaluation.id } })).decision).toBe('CONTINUE');

    // The read-only page of this evaluation.
    const readOnly = await staff.get(`${staffPage(agreement.id)}/${evaluation.id}`).expect(200);
    expect(readOnly.text).toContain('Beslutning: Fortsæt');
    await staff.get(`${staffPage(agreement.id)}/999999`).expect(404);
  });
  it('refuses an expired link, and a link to a decided evaluation, with 410', async () => {
    const evaluation = await ctx.db.prisma.agreementEvaluation.findFirstOrThrow({ where: { agreementId: agreement.id } });
    const issue = (now: Date) =>
      ctx.db.prisma.$transaction((tx) =>
        issuePartyLink(tx, { partyId: agreement.parties[2]!.id, purpose: 'EVALUATE', evaluationId: evaluation.id, now }),
      );
    const expired = await issue(new Date('2026-10-01T10:00:00Z'));
    const response = await supertest(ctx.app).get(`/samarbejdsaftale/evaluering/${expired}`).expect(410);
    expect(response.text).toContain('Linket er ikke længere gyldigt');
    // Fresh, but the evaluation has been decided (CONTINUE above).
    const fresh = await issue(ctx.clock.now());
    await supertest(ctx.app).get(`/samarbejdsaftale/evaluering/${fresh}`).expect(410);
    // An ANSWER link is not an evaluation link.
    const answerLink = await ctx.db.prisma.$transaction((tx) =>
      issuePartyLink(tx, { partyId: agreement.parties[2]!.id, purpose: 'ANSWER', now: ctx.clock.now() }),
    );
    await supertest(ctx.app).get(`/samarbejdsaftale/evaluering/${answerLink}`).expect(404);
  });
});

describe('renewing and ending', () => {
  it('renews: a new draft copied from the agreement, linked both ways and audited on both', async () => {
    const agreement = await activeAgreement('Fornyes', { sectionBody: (key) => `Fornyes tekst ${key}.` });
    await ctx.db.prisma.agreementBudgetLine.create({
      data: { agreementId: agreement.id, label: 'Frø', amountDkk: 5000, paidBy: 'Kommunen', sortOrder: 1 },
    });
    await ctx.db.prisma.agreementParty.update({ where: { id: agreement.parties[1]!.id }, data: { tasks: 'Passer haverne' } });
    await openEvaluation(agreement.id).then(expectStatus(303));
    await staffAnswer(agreement.id, { '*': '3' }).then(expectStatus(303));
    await decide(agreement.id, 'RENEW').then(expectStatus(303));

    const renewal = await ctx.db.prisma.agreement.findFirstOrThrow({
      where: { renewedFromId: agreement.id },
      include: { sections: { orderBy: { sortOrder: 'asc' } }, parties: { orderBy: { sortOrder: 'asc' } }, budgetLines: true },
    });
    expect(renewal).toMatchObject({
      status: 'DRAFT',
      title: 'Fornyes',
      startsOn: null,
      endsOn: null,
      noticeMonths: 3,
      reviewIntervalMonths: 12,
      createdById: staffId,
      sentVersion: 0,
      acceptedVersion: null,
    });
    expect(renewal.sections.map((s) => [s.key, s.body])).toEqual(DEFAULT_SECTIONS.map((s) => [s.key, `Fornyes tekst ${s.key}.`]));
    expect(renewal.parties.map((p) => [p.kind, p.associationId, p.name, p.tasks])).toEqual([
      ['MUNICIPALITY', null, 'Center for Sundhed', ''],
      ['ASSOCIATION', lyngby.id, '', 'Passer haverne'],
      ['EXTERNAL', null, 'Aftenskolen Test', ''],
    ]);
    expect(renewal.budgetLines.map((l) => [l.label, l.amountDkk, l.paidBy])).toEqual([['Frø', 5000, 'Kommunen']]);
    const evaluation = await ctx.db.prisma.agreementEvaluation.findFirstOrThrow({ where: { agreementId: agreement.id } });
    expect(evaluation).toMatchObject({ decision: 'RENEW', renewalId: renewal.id });
    expect((await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).status).toBe('ACTIVE');

    expect((await auditOf(agreement.id, 'agreement.renewed'))[0]!.details).toMatchObject({ renewalId: renewal.id });
    expect((await auditOf(renewal.id, 'agreement.renewed'))[0]!.details).toMatchObject({ renewedFromId: agreement.id });

    const page = await staff.get(staffPage(agreement.id)).expect(200);
    expect(page.text).toContain(`href="${AGREEMENTS}/${renewal.id}"`);
  });

  it('ends an active agreement by notice: terminated today, ending at the earlier of its end and the notice', async () => {
    const agreement = await activeAgreement('Afsluttes');
    await openEvaluation(agreement.id).then(expectStatus(303));
    await staffAnswer(agreement.id, { '*': '1' }).then(expectStatus(303));
    await decide(agreement.id, 'END', 'Behovet er væk').then(expectStatus(303));
    const row = await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    // Today 22 November 2026 + 3 months' notice = 22 February 2027, before the end of 2027.
    expect(row).toMatchObject({
      status: 'ACTIVE',
      terminatedOn: new Date('2026-11-22T00:00:00.000Z'),
      endsOn: new Date('2027-02-22T00:00:00.000Z'),
      terminationReason: 'Behovet er væk',
    });
    expect((await auditOf(agreement.id, 'agreement.terminated'))[0]!.details).toMatchObject({ endsOn: '2027-02-22' });
    expect((await auditOf(agreement.id, 'agreement.decided'))[0]!.details).toMatchObject({ decision: 'END' });
  });

  it('evaluates an ended agreement at its end date; the decision makes it EVALUATED; it cannot continue', async () => {
    const agreement = await activeAgreement('Udløbet', { startsOn: '2025-01-01', endsOn: '2026-10-31', status: 'ENDED' });
    const page = await staff.get(staffPage(agreement.id)).expect(200);
    expect(page.text).toContain('Aftalen skal evalueres pr. 31. oktober 2026.');
    await openEvaluation(agreement.id).then(expectStatus(303));
    await staffAnswer(agreement.id, { '*': '3' }).then(expectStatus(303));

    const refused = await decide(agreement.id, 'CONTINUE');
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Aftalen er ikke længere aktiv og kan ikke fortsætte');

    await decide(agreement.id, 'END').then(expectStatus(303));
    const row = await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    expect(row).toMatchObject({ status: 'EVALUATED', terminatedOn: null, endsOn: new Date('2026-10-31T00:00:00.000Z') });
    const evaluation = await ctx.db.prisma.agreementEvaluation.findFirstOrThrow({ where: { agreementId: agreement.id } });
    expect(evaluation.reviewDate.toISOString().slice(0, 10)).toBe('2026-10-31');
  });

  it('has nothing to open for a draft, or an active agreement whose review is far off', async () => {
    const draft = await anAgreement(ctx.db.prisma, { title: 'Kladde', associationIds: [lyngby.id] });
    const far = await activeAgreement('Langt ude', { startsOn: '2026-06-01' });
    for (const id of [draft.id, far.id]) {
      const page = await staff.get(staffPage(id)).expect(200);
      expect(page.text).toContain('Der er ingen evaluering at åbne lige nu.');
      const response = await openEvaluation(id);
      expect(response.status).toBe(422);
      expect(await ctx.db.prisma.agreementEvaluation.count({ where: { agreementId: id } })).toBe(0);
    }
    await staff.get(staffPage(999999)).expect(404);
    await staff.get(`${AGREEMENTS}/abc/evaluering`).expect(404);
  });

  it('lists earlier evaluations and works on the open one', async () => {
    const agreement = await activeAgreement('Med historik', { startsOn: '2024-12-01' });
    const earlier = await anEvaluation(ctx.db.prisma, agreement.id, { reviewDate: '2025-12-01', decision: 'CONTINUE' });
    await anEvaluationAnswer(ctx.db.prisma, earlier.id, agreement.parties[0]!.id, { checklist: aChecklist(4) });
    await openEvaluation(agreement.id).then(expectStatus(303));
    const page = await staff.get(staffPage(agreement.id)).expect(200);
    expect(page.text).toContain('Evalueringen pr. 1. december 2026');
    expect(page.text).toContain('Tidligere evalueringer');
    expect(page.text).toContain(`href="${staffPage(agreement.id)}/${earlier.id}"`);
    const old = await staff.get(`${staffPage(agreement.id)}/${earlier.id}`).expect(200);
    expect(old.text).toContain('Beslutning: Fortsæt');
    expect(old.text).not.toContain('<form method="post" action="/medarbejder');
    // Another agreement's evaluation id under this agreement: 404.
    const another = await activeAgreement('Anden aftale');
    await staff.get(`${staffPage(another.id)}/${earlier.id}`).expect(404);
  });
});
