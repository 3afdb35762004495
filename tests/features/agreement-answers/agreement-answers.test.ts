// The partners answer a sent agreement: an association's members in its area, an
// external partner through its e-mailed link without an account. Partners see only
// sent versions of agreements they are party to; one answer per partner and version,
// recorded with who answered and audited; the last acceptance puts the version in
// force; the staff member who wrote the agreement is told by e-mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, expectStatus, logIn, type Agent } from '../../helpers/http.js';
import {
  aSentAgreement,
  aUser,
  anAgreement,
  anEvaluation,
  anAnswerLink,
  anAssociation,
  answerVersion,
  acceptAll,
  sendVersion,
  TEST_PASSWORD,
} from '../../helpers/factories/index.js';
import { loggablePath } from '../../../src/middleware/request-logging.js';

let ctx: TestContext;
let staffId: number;
let staffEmail: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const staff = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Sara Sagsbehandler' });
  staffId = staff.id;
  staffEmail = staff.email;
});
afterAll(() => ctx.close());

async function memberOf(name?: string) {
  const association = await anAssociation(ctx.db.prisma, name ? { name } : {});
  const user = await aUser(ctx.db.prisma, { associationId: association.id, name: 'Mette Medlem' });
  const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
  return { association, user, agent };
}

const listPath = (associationId: number) => `/min-forening/${associationId}/samarbejdsaftaler`;
const pagePath = (associationId: number, agreementId: number) => `${listPath(associationId)}/${agreementId}`;

/** Loads the answer page and posts the form back, as the browser would. */
async function postAnswer(agent: Agent, path: string, action: string, fields: Record<string, string>) {
  const page = await agent.get(path).expect(200);
  const versionNumber = /name="versionNumber" value="(\d+)"/.exec(page.text)?.[1] ?? '1';
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), versionNumber, ...fields });
}

const answerIn = (agent: Agent, associationId: number, agreementId: number, fields: Record<string, string>) =>
  postAnswer(agent, pagePath(associationId, agreementId), `${pagePath(associationId, agreementId)}/svar`, fields);

const responsesOf = (versionId: number) => ctx.db.prisma.agreementResponse.findMany({ where: { versionId }, orderBy: { id: 'asc' } });

describe('agreements in the association area', () => {
  it('lists only sent agreements the association is party to, and links the list from Min side', async () => {
    const { association, agent } = await memberOf('Haveforeningen Liste');
    const other = await anAssociation(ctx.db.prisma);
    const sent = await aSentAgreement(ctx.db.prisma, { title: 'Sendt aftale', associationIds: [association.id] });
    await anAgreement(ctx.db.prisma, { title: 'Hemmelig kladde', associationIds: [association.id] });
    await aSentAgreement(ctx.db.prisma, { title: 'Andres aftale', associationIds: [other.id] });

    expect((await agent.get('/min-side').expect(200)).text).toContain(`href="${listPath(association.id)}"`);
    const list = await agent.get(listPath(association.id)).expect(200);
    expect(list.text).toContain('Sendt aftale');
    expect(list.text).toContain(`href="${pagePath(association.id, sent.agreement.id)}"`);
    expect(list.text).toContain('Venter på jeres svar');
    expect(list.text).toContain('1 aftale venter på jeres svar.');
    expect(list.text).toContain('Version 1, sendt 1. november 2026');
    expect(list.text).not.toContain('Hemmelig kladde');
    expect(list.text).not.toContain('Andres aftale');
  });

  it('shows the latest sent version, not the working copy; a draft, or another association’s agreement, is a 404', async () => {
    const { association, agent } = await memberOf();
    const { agreement } = await aSentAgreement(ctx.db.prisma, {
      title: 'Grow Your Life',
      associationIds: [association.id],
      externals: [{ name: 'Aftenskolen Test', contactEmail: 'aften@example.org' }],
      note: 'Første udgave til jer.',
    });
    // Staff change the working copy after sending: partners must not see it.
    await ctx.db.prisma.agreementSection.updateMany({ where: { agreementId: agreement.id }, data: { body: 'Usendt ændring' } });
    const page = await agent.get(pagePath(association.id, agreement.id)).expect(200);
    expect(page.text).toContain('<h1>Grow Your Life</h1>');
    expect(page.text).toContain('Grow Your Life: purpose.');
    expect(page.text).not.toContain('Usendt ændring');
    expect(page.text).toContain('Første udgave til jer.');
    expect(page.text).toContain('Aftenskolen Test: Har ikke svaret endnu');
    expect(page.text).toContain('name="answer"');
    expect(page.text).toContain('name="versionNumber" value="1"');

    const draft = await anAgreement(ctx.db.prisma, { associationIds: [association.id] });
    await agent.get(pagePath(association.id, draft.id)).expect(404);

    // A member of another association, under their own area id: 404; under this one: 403.
    const outsider = await memberOf();
    await outsider.agent.get(pagePath(outsider.association.id, agreement.id)).expect(404);
    await outsider.agent.get(pagePath(association.id, agreement.id)).expect(403);
    await outsider.agent.get(listPath(association.id)).expect(403);
    const list = await outsider.agent.get(listPath(outsider.association.id)).expect(200);
    expect(list.text).not.toContain('Grow Your Life');
    expect(list.text).toContain('Kommunen har ikke sendt jer nogen samarbejdsaftaler endnu.');
    // Not even by posting an answer.
    const response = await postAnswer(
      outsider.agent,
      listPath(outsider.association.id),
      `${pagePath(outsider.association.id, agreement.id)}/svar`,
      { answer: 'ACCEPTED' },
    );
    expect(response.status).toBe(404);
    await agent.get(`${listPath(association.id)}/abc`).expect(404);
  });

  it('records the answer with the member, audits it without the comment, and shows it after the redirect', async () => {
    const { association, user, agent } = await memberOf();
    const other = await anAssociation(ctx.db.prisma);
    const { agreement, version, partners } = await aSentAgreement(ctx.db.prisma, { associationIds: [association.id, other.id] });
    const response = await answerIn(agent, association.id, agreement.id, {
      answer: 'CHANGES_REQUESTED',
      comment: 'Vi ønsker flere timer i budgettet.',
    }).then(expectStatus(303));
    expect(response.headers.location).toBe(pagePath(association.id, agreement.id));

    const [row] = await responsesOf(version.id);
    expect(row).toMatchObject({
      partyId: partners[0]!.id,
      answer: 'CHANGES_REQUESTED',
      comment: 'Vi ønsker flere timer i budgettet.',
      answeredById: user.id,
      viaLink: false,
    });
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'agreement.answered', targetId: String(agreement.id) },
    });
    expect(audit).toMatchObject({ targetType: 'agreement', actorUserId: user.id });
    expect(audit.details).toEqual({ version: 1, partyId: partners[0]!.id, answer: 'CHANGES_REQUESTED', viaLink: false });
    expect(JSON.stringify(audit.details)).not.toContain('budgettet');

    const page = await agent.get(pagePath(association.id, agreement.id)).expect(200);
    expect(page.text).toContain('Tak. Jeres svar er sendt til kommunen.');
    expect(page.text).toContain('I svarede “Ønsker ændringer” den 22. november 2026, ved Mette Medlem.');
    expect(page.text).not.toContain('name="answer"');
    // Not all accepted: nothing is in force yet.
    const stored = await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    expect(stored).toMatchObject({ status: 'SENT', acceptedVersion: null, version: 1 });
  });

  it('requires an answer, and a comment when asking for changes or declining (422, input kept)', async () => {
    const { association, agent } = await memberOf();
    const { agreement, version } = await aSentAgreement(ctx.db.prisma, { associationIds: [association.id] });
    const none = await answerIn(agent, association.id, agreement.id, { comment: 'Bare en kommentar' }).then(expectStatus(422));
    expect(none.text).toContain('Vælg jeres svar');
    expect(none.text).toContain('Bare en kommentar</textarea>');

    const declined = await answerIn(agent, association.id, agreement.id, { answer: 'DECLINED', comment: '  ' }).then(expectStatus(422));
    expect(declined.text).toContain('Skriv, hvorfor I afviser aftalen');
    expect(declined.text).toMatch(/value="DECLINED"[^>]*checked/);

    const changes = await answerIn(agent, association.id, agreement.id, { answer: 'CHANGES_REQUESTED' }).then(expectStatus(422));
    expect(changes.text).toContain('Skriv, hvilke ændringer I ønsker');

    // A forged form without the version it was shown for.
    const page = await agent.get(pagePath(association.id, agreement.id));
    await agent
      .post(`${pagePath(association.id, agreement.id)}/svar`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), answer: 'ACCEPTED' })
      .expect(400);
    expect(await responsesOf(version.id)).toEqual([]);
  });

  it('words the answers as the partner’s choices, and does not call the comment optional (it is required for changes or a no)', async () => {
    const { association, agent } = await memberOf();
    const { agreement } = await aSentAgreement(ctx.db.prisma, { associationIds: [association.id] });
    await sendVersion(ctx.db.prisma, agreement.id);
    const page = (await agent.get(pagePath(association.id, agreement.id)).expect(200)).text;
    const form = page.slice(page.indexOf('id="answer-heading"'));
    expect(form).toContain('Hvad svarer I på version 2?');
    expect(form).toMatch(/value="ACCEPTED"[^>]*>\s*<label class="form-label" for="answer">Vi accepterer version 2<\/label>/);
    expect(form).toMatch(/value="CHANGES_REQUESTED"[^>]*>\s*<label class="form-label" for="answer-1">Vi beder om ændringer<\/label>/);
    expect(form).toMatch(/value="DECLINED"[^>]*>\s*<label class="form-label" for="answer-2">Vi siger nej tak<\/label>/);
    expect(form).not.toContain('>Accepteret<');
    expect(form).toContain('<label class="form-label" for="comment">Kommentar</label>');
    expect(form).not.toContain('frivilligt');
    expect(form).toContain('Skal udfyldes, hvis I beder om ændringer eller siger nej tak');
    // The textarea is not marked required: an acceptance needs no comment.
    expect(form).not.toMatch(/<textarea[^>]*id="comment"[^>]*required/);

    const english = (await agent.get(pagePath(association.id, agreement.id)).set('Cookie', 'lang=en').expect(200)).text;
    expect(english).toContain('>We accept version 2</label>');
    expect(english).toContain('>We ask for changes</label>');
    expect(english).toContain('>We decline</label>');
    expect(english).toContain('<label class="form-label" for="comment">Comment</label>');
    expect(english).toContain('Required if you ask for changes or decline');

    // After answering, the answer is told as what it is (a status), not as the choice.
    await answerIn(agent, association.id, agreement.id, { answer: 'ACCEPTED' }).then(expectStatus(303));
    expect((await agent.get(pagePath(association.id, agreement.id)).expect(200)).text).toContain('I svarede “Accepteret”');
  });

  it('keeps "(frivilligt)" on optional textareas of other forms (the partial’s default)', async () => {
    const { association, agent } = await memberOf();
    const { agreement } = await aSentAgreement(ctx.db.prisma, { associationIds: [association.id], reviewIntervalMonths: 12 });
    const evaluation = await anEvaluation(ctx.db.prisma, agreement.id, { reviewDate: '2026-12-01', decision: null });
    expect(evaluation.id).toBeGreaterThan(0);
    const page = await agent.get(`${pagePath(association.id, agreement.id)}/evaluering`).expect(200);
    expect(page.text).toContain('<span class="weight-normal">(frivilligt)</span>');
  });

  it('refuses an answer to a version that is no longer the latest (409, the new version shown, input kept)', async () => {
    const { association, agent } = await memberOf();
    const { agreement, version } = await aSentAgreement(ctx.db.prisma, { associationIds: [association.id] });
    const page = await agent.get(pagePath(association.id, agreement.id)).expect(200);
    // Staff send version 2 while the member is writing.
    await sendVersion(ctx.db.prisma, agreement.id, { note: 'Nu med budget.' });
    const response = await agent
      .post(`${pagePath(association.id, agreement.id)}/svar`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), versionNumber: '1', answer: 'DECLINED', comment: 'Det passer os ikke.' })
      .then(expectStatus(409));
    expect(response.text).toContain('Kommunen har sendt en nyere version, mens du svarede.');
    expect(response.text).toContain('name="versionNumber" value="2"');
    expect(response.text).toContain('Det passer os ikke.</textarea>');
    expect(response.text).toMatch(/value="DECLINED"[^>]*checked/);
    expect(response.text).toContain('Nu med budget.');
    expect(await responsesOf(version.id)).toEqual([]);
  });

  it('refuses a second answer to the same version', async () => {
    const { association, agent } = await memberOf();
    const other = await anAssociation(ctx.db.prisma);
    const { agreement, version } = await aSentAgreement(ctx.db.prisma, { associationIds: [association.id, other.id] });
    const page = await agent.get(pagePath(association.id, agreement.id)).expect(200);
    const form = { _csrf: csrfTokenFrom(page.text), versionNumber: '1' };
    await agent
      .post(`${pagePath(association.id, agreement.id)}/svar`)
      .type('form')
      .send({ ...form, answer: 'ACCEPTED' })
      .expect(303);
    const again = await agent
      .post(`${pagePath(association.id, agreement.id)}/svar`)
      .type('form')
      .send({ ...form, answer: 'DECLINED', comment: 'Alligevel ikke' })
      .then(expectStatus(409));
    expect(again.text).toContain('Jeres forening har allerede svaret på denne version.');
    const rows = await responsesOf(version.id);
    expect(rows.map((r) => r.answer)).toEqual(['ACCEPTED']);
  });

  it('refuses answers once the agreement has ended', async () => {
    const { association, agent } = await memberOf();
    const { agreement, version } = await aSentAgreement(ctx.db.prisma, { associationIds: [association.id] });
    const page = await agent.get(pagePath(association.id, agreement.id)).expect(200);
    await ctx.db.prisma.agreement.update({ where: { id: agreement.id }, data: { status: 'ENDED' } });
    const response = await agent
      .post(`${pagePath(association.id, agreement.id)}/svar`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), versionNumber: '1', answer: 'ACCEPTED' })
      .then(expectStatus(409));
    expect(response.text).toContain('Aftalen er afsluttet og kan ikke længere besvares.');
    expect(response.text).not.toContain('name="answer"');
    expect(await responsesOf(version.id)).toEqual([]);
  });
});

describe('acceptance by every partner', () => {
  it('makes an agreement that has started ACTIVE, with the version in force, audited, and tells its author', async () => {
    const first = await memberOf('Foreningen Først');
    const second = await memberOf('Foreningen Sidst');
    const { agreement, version } = await aSentAgreement(ctx.db.prisma, {
      title: 'Fælles aftale',
      associationIds: [first.association.id, second.association.id],
      startsOn: '2026-11-22',
      createdById: staffId,
    });
    await ctx.readMail();
    await answerIn(first.agent, first.association.id, agreement.id, { answer: 'ACCEPTED' }).then(expectStatus(303));
    expect(await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).toMatchObject({
      status: 'SENT',
      acceptedVersion: null,
    });
    await answerIn(second.agent, second.association.id, agreement.id, { answer: 'ACCEPTED' }).then(expectStatus(303));

    const stored = await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    expect(stored).toMatchObject({ status: 'ACTIVE', acceptedVersion: 1, version: 2 });
    const storedVersion = await ctx.db.prisma.agreementVersion.findUniqueOrThrow({ where: { id: version.id } });
    expect(storedVersion.acceptedAt).toEqual(ctx.clock.now());
    const accepted = await ctx.db.prisma.auditLog.findMany({ where: { action: 'agreement.accepted', targetId: String(agreement.id) } });
    expect(accepted.map((a) => a.details)).toEqual([{ version: 1, status: 'ACTIVE' }]);
    const page = await second.agent.get(pagePath(second.association.id, agreement.id)).expect(200);
    expect(page.text).toContain('Tak. Alle partnere har nu accepteret aftalen.');
    expect(page.text).toContain('Denne version gælder');
    expect(page.text).toContain('Foreningen Først: Accepteret');

    const mail = (await ctx.readMail()).filter((m) => m.to === staffEmail);
    expect(mail).toHaveLength(2);
    expect(mail[0]!.subject).toBe('Svar på samarbejdsaftalen “Fælles aftale”: Accepteret');
    expect(mail[0]!.text).toContain('Foreningen Først (ved Mette Medlem) har svaret “Accepteret” på version 1');
    expect(mail[1]!.text).toContain('Alle partnere har nu accepteret version 1, som dermed gælder.');
    expect(mail[1]!.text).toContain(`${ctx.config.baseUrl}/medarbejder/samarbejdsaftaler/${agreement.id}`);
  });

  it('makes an agreement that starts later ACCEPTED', async () => {
    const { association, agent } = await memberOf();
    const { agreement } = await aSentAgreement(ctx.db.prisma, { associationIds: [association.id], startsOn: '2027-01-01' });
    await answerIn(agent, association.id, agreement.id, { answer: 'ACCEPTED' }).then(expectStatus(303));
    expect(await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).toMatchObject({
      status: 'ACCEPTED',
      acceptedVersion: 1,
    });
    // No author: no mail, and nothing fails.
    expect((await ctx.readMail()).filter((m) => m.subject.includes(agreement.title))).toEqual([]);
  });

  it('keeps an ACTIVE agreement and its version in force until every partner accepts an amendment', async () => {
    const { association, agent } = await memberOf();
    const { agreement } = await aSentAgreement(ctx.db.prisma, {
      associationIds: [association.id],
      externals: [{ name: 'Aftenskolen Ændring', contactEmail: 'aendring@example.org' }],
    });
    await acceptAll(ctx.db.prisma, agreement.id, 'ACTIVE');
    const v2 = await sendVersion(ctx.db.prisma, agreement.id, { note: 'Ny åbningstid.' });
    const page = await agent.get(pagePath(association.id, agreement.id)).expect(200);
    expect(page.text).toContain('Version 1 gælder, indtil alle partnere har accepteret den nye.');
    expect(page.text).toContain('Se den gældende version 1');
    const list = await agent.get(listPath(association.id)).expect(200);
    expect(list.text).toContain('<td>Version 1</td>');
    expect(list.text).toContain('Version 2, sendt 1. november 2026');
    await answerIn(agent, association.id, agreement.id, { answer: 'ACCEPTED' }).then(expectStatus(303));
    expect(await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).toMatchObject({
      status: 'ACTIVE',
      acceptedVersion: 1,
    });
    const external = (await ctx.db.prisma.agreementParty.findFirstOrThrow({ where: { agreementId: agreement.id, kind: 'EXTERNAL' } })).id;
    const token = await anAnswerLink(ctx.db.prisma, { partyId: external, versionId: v2.id });
    const anonymous = supertest.agent(ctx.app);
    await postAnswer(anonymous, `/samarbejdsaftale/svar/${token}`, `/samarbejdsaftale/svar/${token}`, { answer: 'ACCEPTED' }).then(
      expectStatus(303),
    );
    expect(await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).toMatchObject({
      status: 'ACTIVE',
      acceptedVersion: 2,
    });
  });
});

describe('what changed in a new version', () => {
  it('shows partners the staff’s note and, from version 2, the changes since the version before, in the area and through the link', async () => {
    const prisma = ctx.db.prisma;
    const { association, agent } = await memberOf();
    const { agreement } = await aSentAgreement(prisma, {
      title: 'Grow Your Life',
      associationIds: [association.id],
      externals: [{ name: 'Aftenskolen Forskel', contactEmail: 'forskel@example.org' }],
      note: 'Her er vores udkast.',
    });
    const first = await agent.get(pagePath(association.id, agreement.id)).expect(200);
    expect(first.text).toContain('<h2>Besked fra kommunen</h2>');
    expect(first.text).toContain('Her er vores udkast.');
    expect(first.text).not.toContain('Ændringer siden version');
    expect(first.text).not.toContain('<ins>');

    const purpose = agreement.sections.find((s) => s.key === 'purpose')!;
    await prisma.agreementSection.update({ where: { id: purpose.id }, data: { body: 'Unge laver mad sammen hver tirsdag.' } });
    const v2 = await sendVersion(prisma, agreement.id, { note: 'Nyt formål efter jeres ønske.' });

    const page = await agent.get(pagePath(association.id, agreement.id)).expect(200);
    expect(page.text).toContain('<h2>Besked fra kommunen</h2>');
    expect(page.text).toContain('Nyt formål efter jeres ønske.');
    expect(page.text).toContain('<h2>Ændringer siden version 1</h2>');
    // The changed words, with the hidden labels for screen readers; unchanged sections named only.
    expect(page.text).toContain('<del><span class="sr-only">fjernet: </span>Grow Your Life: purpose</del>');
    expect(page.text).toContain('<ins><span class="sr-only">tilføjet: </span>Unge laver mad sammen hver tirsdag</ins>');
    expect(page.text).toContain('Uændrede afsnit:');
    // Before the whole version.
    expect(page.text.indexOf('Ændringer siden version 1')).toBeLessThan(page.text.indexOf('Aftalen, version 2'));

    const english = await agent.get(pagePath(association.id, agreement.id)).set('Cookie', 'lang=en').expect(200);
    expect(english.text).toContain('<h2>Message from the municipality</h2>');
    expect(english.text).toContain('<h2>Changes since version 1</h2>');
    expect(english.text).toContain('<ins><span class="sr-only">added: </span>Unge laver mad sammen hver tirsdag</ins>');

    // The external partner's e-mailed link shows the same.
    const external = agreement.parties.find((p) => p.kind === 'EXTERNAL')!;
    const token = await anAnswerLink(prisma, { partyId: external.id, versionId: v2.id });
    const linked = await supertest(ctx.app).get(`/samarbejdsaftale/svar/${token}`).expect(200);
    expect(linked.text).toContain('<h2>Besked fra kommunen</h2>');
    expect(linked.text).toContain('<h2>Ændringer siden version 1</h2>');
    expect(linked.text).toContain('<ins><span class="sr-only">tilføjet: </span>Unge laver mad sammen hver tirsdag</ins>');
  });
});

describe('an external partner’s link', () => {
  async function externalAgreement(options: { createdById?: number } = {}) {
    const { agreement, version } = await aSentAgreement(ctx.db.prisma, {
      title: 'Aftale med aftenskolen',
      municipalUnit: 'Center for Kultur',
      externals: [{ name: 'Aftenskolen Link', contactEmail: 'link@example.org' }],
      startsOn: '2027-02-01',
      ...options,
    });
    const party = agreement.parties.find((p) => p.kind === 'EXTERNAL')!;
    const token = await anAnswerLink(ctx.db.prisma, { partyId: party.id, versionId: version.id });
    return { agreement, version, party, token, path: `/samarbejdsaftale/svar/${token}` };
  }

  it('answers without a login, once; the page keeps the token out of Referer and caches', async () => {
    const { agreement, version, party, path } = await externalAgreement({ createdById: staffId });
    const anonymous = supertest.agent(ctx.app);
    const page = await anonymous.get(path).expect(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<h1>Aftale med aftenskolen</h1>');
    expect(page.text).toContain('sendt til Aftenskolen Link');
    expect(page.text).toContain(`action="${path}"`);

    const response = await postAnswer(anonymous, path, path, { answer: 'DECLINED', comment: 'Vi har ikke lokaler nok.' }).then(
      expectStatus(303),
    );
    expect(response.headers.location).toBe(path);
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const after = await anonymous.get(path).expect(200);
    expect(after.text).toContain('Tak. Jeres svar er sendt til kommunen.');
    expect(after.text).toContain('I svarede “Afvist” den 22. november 2026.');
    expect(after.text).not.toContain('name="answer"');

    const [row] = await responsesOf(version.id);
    expect(row).toMatchObject({ partyId: party.id, answer: 'DECLINED', answeredById: null, viaLink: true });
    const link = await ctx.db.prisma.agreementPartyLink.findFirstOrThrow({ where: { partyId: party.id } });
    expect(link.usedAt).toEqual(ctx.clock.now());
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'agreement.answered', targetId: String(agreement.id) },
    });
    expect(audit.actorUserId).toBeNull();
    expect(audit.details).toEqual({ version: 1, partyId: party.id, answer: 'DECLINED', viaLink: true });
    const mail = (await ctx.readMail()).find((m) => m.subject.includes('Aftale med aftenskolen'));
    expect(mail?.to).toBe(staffEmail);
    expect(mail?.text).toContain('Aftenskolen Link (via linket i e-mailen) har svaret “Afvist”');
    expect(mail?.text).not.toContain('lokaler');

    // The same link again, from another browser (or after the session is gone): used.
    const stranger = supertest.agent(ctx.app);
    const used = await stranger.get(path).expect(410);
    expect(used.text).toContain('Linket er allerede brugt');
    expect(used.text).toContain('Kontakt Center for Kultur i kommunen');
    const token = csrfTokenFrom((await stranger.get('/log-ind')).text);
    const reused = await stranger.post(path).type('form').send({ _csrf: token, answer: 'ACCEPTED' }).expect(410);
    expect(reused.text).toContain('Linket er allerede brugt');
    expect(await responsesOf(version.id)).toHaveLength(1);
  });

  it('keeps the input on a 422 and in English too', async () => {
    const { path, version } = await externalAgreement();
    const anonymous = supertest.agent(ctx.app);
    await anonymous.get('/sprog/en').expect(303);
    const response = await postAnswer(anonymous, path, path, { answer: 'CHANGES_REQUESTED', comment: '' }).then(expectStatus(422));
    expect(response.text).toContain('Write which changes you would like');
    expect(response.text).toMatch(/value="CHANGES_REQUESTED"[^>]*checked/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(await responsesOf(version.id)).toEqual([]);
    const unknown = await anonymous.get('/samarbejdsaftale/svar/' + 'x'.repeat(43)).expect(404);
    expect(unknown.text).toContain('The link does not work');
  });

  it('refuses an expired link (410), by the clock or by its expiry', async () => {
    const { agreement, version, party, path } = await externalAgreement();
    const old = await anAnswerLink(ctx.db.prisma, {
      partyId: party.id,
      versionId: version.id,
      expiresAt: new Date('2026-11-21T10:00:00Z'),
    });
    const anonymous = supertest.agent(ctx.app);
    const expired = await anonymous.get(`/samarbejdsaftale/svar/${old}`).expect(410);
    expect(expired.text).toContain('Linket er udløbet');
    expect(expired.text).toContain('Bed kommunen om at sende aftalen igen.');
    // The fresh link expires 30 days after it was issued (20 November).
    const page = await anonymous.get(path).expect(200);
    ctx.clock.advance(29 * 24 * 60 * 60 * 1000);
    try {
      const response = await anonymous
        .post(path)
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), versionNumber: '1', answer: 'ACCEPTED' })
        .expect(410);
      expect(response.text).toContain('Linket er udløbet');
    } finally {
      ctx.clock.set(new Date('2026-11-22T10:00:00Z'));
    }
    expect(await responsesOf(version.id)).toEqual([]);
    expect((await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).status).toBe('SENT');
  });

  it('refuses a link to a version that a newer one has replaced (410), also while answering', async () => {
    const { agreement, version, path } = await externalAgreement();
    const anonymous = supertest.agent(ctx.app);
    const page = await anonymous.get(path).expect(200);
    await sendVersion(ctx.db.prisma, agreement.id);
    const response = await anonymous
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), versionNumber: '1', answer: 'ACCEPTED' })
      .expect(410);
    expect(response.text).toContain('Kommunen har sendt en nyere version');
    expect(response.text).toContain('Brug linket i den nyeste e-mail fra kommunen.');
    const again = await anonymous.get(path).expect(410);
    expect(again.text).toContain('Kommunen har sendt en nyere version');
    expect(await responsesOf(version.id)).toEqual([]);
    // The link is not used up by the refusal.
    expect((await ctx.db.prisma.agreementPartyLink.findFirstOrThrow({ where: { versionId: version.id } })).usedAt).toBeNull();
  });

  it('answers a malformed or unknown token with 404, and never logs it', async () => {
    const anonymous = supertest.agent(ctx.app);
    const malformed = await anonymous.get('/samarbejdsaftale/svar/abc').expect(404);
    expect(malformed.text).toContain('Linket virker ikke');
    await anonymous.get(`/samarbejdsaftale/svar/${'A'.repeat(43)}`).expect(404);
    const token = csrfTokenFrom((await anonymous.get('/log-ind')).text);
    await anonymous.post('/samarbejdsaftale/svar/abc').type('form').send({ _csrf: token, answer: 'ACCEPTED' }).expect(404);
    // An evaluation link's token does not open the answer page.
    const { version, party } = await externalAgreement();
    const evaluation = await ctx.db.prisma.agreementEvaluation.create({
      data: { agreementId: party.agreementId, reviewDate: new Date('2027-01-01T00:00:00Z'), openedAt: ctx.clock.now() },
    });
    const { issuePartyLink } = await import('../../../src/features/agreements/party-links.js');
    const evaluate = await ctx.db.prisma.$transaction((tx) =>
      issuePartyLink(tx, { partyId: party.id, purpose: 'EVALUATE', evaluationId: evaluation.id, now: ctx.clock.now() }),
    );
    await anonymous.get(`/samarbejdsaftale/svar/${evaluate}`).expect(404);
    expect(version.number).toBe(1);

    expect(loggablePath(`/samarbejdsaftale/svar/${'A'.repeat(43)}?x=1`)).toBe('/samarbejdsaftale/svar/[token]');
    expect(loggablePath(`/samarbejdsaftale/evaluering/${'A'.repeat(43)}`)).toBe('/samarbejdsaftale/evaluering/[token]');
  });

  it('shows a partner who already answered (through another link) its answer, without the form', async () => {
    const { version, party, path } = await externalAgreement();
    await answerVersion(ctx.db.prisma, { versionId: version.id, partyId: party.id, answer: 'ACCEPTED', viaLink: true });
    const anonymous = supertest.agent(ctx.app);
    const page = await anonymous.get(path).expect(200);
    expect(page.text).toContain('I svarede “Accepteret” den 2. november 2026.');
    expect(page.text).not.toContain('name="answer"');
    // The page has no form; any page with one gives this session its token.
    const csrf = csrfTokenFrom((await anonymous.get('/log-ind')).text);
    const response = await anonymous
      .post(path)
      .type('form')
      .send({ _csrf: csrf, versionNumber: '1', answer: 'DECLINED', comment: 'Nej' })
      .expect(409);
    expect(response.text).toContain('allerede svaret på denne version');
    // The refused answer did not use the link up.
    expect((await ctx.db.prisma.agreementPartyLink.findFirstOrThrow({ where: { partyId: party.id } })).usedAt).toBeNull();
  });
});

describe('answers at the same moment', () => {
  it('puts the version in force once when the last two partners accept at once', async () => {
    const { createAgreementAnswerService } = await import('../../../src/features/agreement-answers/agreement-answer-service.js');
    const service = createAgreementAnswerService(ctx.db.prisma);
    const [a, b] = [await anAssociation(ctx.db.prisma), await anAssociation(ctx.db.prisma)];
    const { agreement, partners } = await aSentAgreement(ctx.db.prisma, { associationIds: [a.id, b.id] });
    const context = { actorUserId: null, requestId: 'test', now: ctx.clock.now() };
    const outcomes = await Promise.all(
      partners.map((party) =>
        service.answer({ agreementId: agreement.id, partyId: party.id, versionNumber: 1, answer: 'ACCEPTED', comment: '' }, context),
      ),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect(outcomes.filter((o) => o.ok && o.accepted)).toHaveLength(1);
    expect(await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).toMatchObject({
      status: 'ACTIVE',
      acceptedVersion: 1,
    });
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'agreement.accepted', targetId: String(agreement.id) } })).toBe(1);
  });

  it('lets only one of two requests with the same link answer', async () => {
    const { agreement, version } = await aSentAgreement(ctx.db.prisma, {
      externals: [{ name: 'Aftenskolen Dobbeltklik', contactEmail: 'dobbelt@example.org' }],
    });
    const party = agreement.parties.find((p) => p.kind === 'EXTERNAL')!;
    const token = await anAnswerLink(ctx.db.prisma, { partyId: party.id, versionId: version.id });
    const path = `/samarbejdsaftale/svar/${token}`;
    const anonymous = supertest.agent(ctx.app);
    const page = await anonymous.get(path).expect(200);
    const form = { _csrf: csrfTokenFrom(page.text), versionNumber: '1', answer: 'ACCEPTED' };
    const statuses = await Promise.all([1, 2].map(() => anonymous.post(path).type('form').send(form))).then((rs) =>
      rs.map((r) => r.status).sort(),
    );
    expect(statuses).toEqual([303, 410]);
    expect(await responsesOf(version.id)).toHaveLength(1);
  });
});
