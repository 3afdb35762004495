// The staff side of an agreement's life: sending the working copy as an immutable
// version (with an e-mail to each partner, and an answer link for an external one),
// the refusals (nothing new, no start date, a stale page), editing after sending and
// after acceptance, an ended agreement that can no longer be edited, giving notice,
// the versions, the difference between two versions, the history, and the rollback of
// a send or a notice whose audit row cannot be written.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, formFieldsOf, logIn } from '../../helpers/http.js';
import {
  acceptAll,
  anAgreement,
  aSendableAgreement,
  aUser,
  answerVersion,
  sendVersion,
  TEST_PASSWORD,
} from '../../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../../helpers/audit.js';
import { findUsableLink } from '../../../src/features/agreements/party-links.js';
import { readVersionContent, versionContentOf } from '../../../src/features/agreements/agreement-version.js';
import { WITH_ROWS } from '../../../src/features/agreements/agreement-service.js';

const LIST = '/medarbejder/samarbejdsaftaler';

let ctx: TestContext;
let staff: Agent;
let staffId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const user = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Sara Sagsbehandler' });
  staffId = user.id;
  staff = await logIn(ctx.app, user.email, TEST_PASSWORD);
});
afterEach(() => allowAuditWrites(ctx.db.prisma));
afterAll(() => ctx.close());

const page = (id: number) => `${LIST}/${id}`;

/** The version hidden field of the form posting to `action` on the agreement's page. */
async function panelForm(id: number, action: 'send' | 'opsig') {
  const html = (await staff.get(page(id)).expect(200)).text;
  const fields = formFieldsOf(html, `${page(id)}/${action}`);
  return { html, fields, csrf: csrfTokenFrom(html) };
}

function post(id: number, action: 'send' | 'opsig', fields: Record<string, string>) {
  return staff
    .post(`${page(id)}/${action}`)
    .type('form')
    .send(fields);
}

async function send(id: number, note = '') {
  const { fields } = await panelForm(id, 'send');
  expect(fields.version).toBeDefined();
  return post(id, 'send', { ...fields, sendNote: note });
}

const versionRows = (agreementId: number) =>
  ctx.db.prisma.agreementVersion.findMany({ where: { agreementId }, orderBy: { number: 'asc' } });

const decode = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&#34;', '"').replaceAll('&amp;', '&');

describe('sending an agreement', () => {
  it('sends version 1: freezes the working copy, mails each partner (an answer link for the external one) and audits it', async () => {
    const prisma = ctx.db.prisma;
    const { agreement, association, associationParty, externalParty, associationEmail } = await aSendableAgreement(prisma, {
      title: 'Grow Your Life',
    });
    const before = await panelForm(agreement.id, 'send');
    expect(before.html).toContain('Send version 1');
    expect(before.html).toContain('Aftalen er ikke sendt til partnerne endnu');

    await send(agreement.id, 'Her er vores udkast.').then(expectStatus(303));

    const [version] = await versionRows(agreement.id);
    expect(version).toMatchObject({ number: 1, note: 'Her er vores udkast.', sentById: staffId });
    const stored = await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id }, include: WITH_ROWS });
    expect(stored).toMatchObject({ status: 'SENT', sentVersion: 1, acceptedVersion: null, version: agreement.version + 1 });
    expect(readVersionContent(version!.content)).toEqual(JSON.parse(JSON.stringify(versionContentOf(stored))));

    const mail = await ctx.readMail();
    const toAssociation = mail.filter((m) => m.to === associationEmail);
    expect(toAssociation).toHaveLength(1);
    expect(toAssociation[0]!.subject).toBe('Samarbejdsaftale til svar: Grow Your Life (version 1)');
    expect(toAssociation[0]!.text).toContain(`${ctx.config.baseUrl}/min-forening/${association.id}/samarbejdsaftaler/${agreement.id}`);
    expect(toAssociation[0]!.text).toContain('Her er vores udkast.');
    expect(toAssociation[0]!.text).not.toContain('/samarbejdsaftale/svar/');

    const toExternal = mail.filter((m) => m.to === externalParty!.contactEmail);
    expect(toExternal).toHaveLength(1);
    expect(toExternal[0]!.text).toContain('kan bruges én gang i 30 dage');
    const token = /\/samarbejdsaftale\/svar\/([A-Za-z0-9_-]+)/.exec(toExternal[0]!.text)?.[1];
    expect(token).toBeDefined();
    const link = await findUsableLink(prisma, token, 'ANSWER', ctx.clock.now());
    expect(link.ok && link.link).toMatchObject({ partyId: externalParty!.id, versionId: version!.id, purpose: 'ANSWER' });
    // Only the token's hash is stored.
    const links = await prisma.agreementPartyLink.findMany({ where: { partyId: externalParty!.id } });
    expect(links.map((l) => l.tokenHash)).not.toContain(token);
    // The association answers through its area: no link for it.
    expect(await prisma.agreementPartyLink.count({ where: { partyId: associationParty.id } })).toBe(0);

    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'agreement.sent', targetType: 'agreement', targetId: String(agreement.id) },
    });
    expect(audit.actorUserId).toBe(staffId);
    expect(audit.details).toMatchObject({ version: 1, partners: [associationParty.id, externalParty!.id], mailed: 2 });
    expect(JSON.stringify(audit.details)).not.toContain('udkast');
    expect(JSON.stringify(audit.details)).not.toContain('@');

    const after = (await staff.get(page(agreement.id)).expect(200)).text;
    expect(after).toContain('Versionen er sendt til partnerne.');
    expect(after).toContain('Partnernes svar på version 1');
    expect(after.match(/Venter på svar/g)).toHaveLength(2);
    expect(after).toContain('Arbejdskopien er den samme som version 1');
    expect(after).not.toContain(`action="${page(agreement.id)}/send"`);
  });

  it('mails no partner without an e-mail address, and says so on the page', async () => {
    const { agreement, association } = await aSendableAgreement(ctx.db.prisma, { associationEmail: null });
    const { html } = await panelForm(agreement.id, 'send');
    expect(decode(html)).toContain(`Giv dem selv besked: ${association.name}`);
    await send(agreement.id).then(expectStatus(303));
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'agreement.sent', targetId: String(agreement.id) } });
    expect(audit.details).toMatchObject({ version: 1, mailed: 1 });
    const shown = (await staff.get(page(agreement.id)).expect(200)).text;
    expect(shown).toContain('Venter på svar (ingen e-mail)');
  });

  it('shows the partners’ answers to the latest version: accepted, changes asked for with the comment, declined with the reason', async () => {
    const prisma = ctx.db.prisma;
    const member = await aUser(prisma, { name: 'Mette Medlem' });
    const { agreement, associationParty, externalParty } = await aSendableAgreement(prisma);
    const version = await sendVersion(prisma, agreement.id);
    await answerVersion(prisma, {
      versionId: version.id,
      partyId: associationParty.id,
      answer: 'CHANGES_REQUESTED',
      comment: 'Vi kan kun tirsdage.',
      answeredById: member.id,
    });
    await answerVersion(prisma, {
      versionId: version.id,
      partyId: externalParty!.id,
      answer: 'DECLINED',
      comment: 'Ingen lokaler.',
      viaLink: true,
    });
    const html = (await staff.get(page(agreement.id)).expect(200)).text;
    expect(html).toContain('Beder om ændringer');
    expect(html).toContain('Vi kan kun tirsdage.');
    expect(html).toContain('Mette Medlem');
    expect(html).toContain('Afvist');
    expect(html).toContain('Ingen lokaler.');
    expect(html).toContain('Via link i e-mail');
    expect(html).toContain('2. november 2026');
  });

  describe('refuses', () => {
    it('a send with nothing new (422), writing no version', async () => {
      const { agreement } = await aSendableAgreement(ctx.db.prisma);
      await send(agreement.id).then(expectStatus(303));
      // The send form is gone; a second submit of the old page is refused.
      const { html } = await panelForm(agreement.id, 'opsig');
      const version = (await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).version;
      const response = await post(agreement.id, 'send', { _csrf: csrfTokenFrom(html), version: String(version), sendNote: 'Igen' }).then(
        expectStatus(422),
      );
      expect(response.text).toContain('data-module="error-summary"');
      expect(response.text).toContain('Der er intet nyt at sende');
      expect(await versionRows(agreement.id)).toHaveLength(1);
    });

    it('a send without a start date (422), keeping the note', async () => {
      const { agreement } = await aSendableAgreement(ctx.db.prisma, { startsOn: null });
      const form = await panelForm(agreement.id, 'send');
      expect(form.html).toContain('Aftalen mangler en startdato');
      const response = await post(agreement.id, 'send', { ...form.fields, sendNote: 'Min besked' }).then(expectStatus(422));
      expect(response.text).toContain('Aftalen mangler en startdato. Tilføj den under Rediger, før du sender');
      expect(response.text).toContain('Min besked</textarea>');
      expect(await versionRows(agreement.id)).toHaveLength(0);
      expect((await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).status).toBe('DRAFT');
    });

    it('a send of an agreement without partners (422)', async () => {
      const agreement = await anAgreement(ctx.db.prisma);
      const form = await panelForm(agreement.id, 'send');
      expect(form.html).toContain('Aftalen har ingen partnere endnu.');
      const response = await post(agreement.id, 'send', form.fields).then(expectStatus(422));
      expect(response.text).toContain('href="#status-heading"');
      expect(response.text).toContain('Aftalen har ingen partnere at sende til');
      expect(await versionRows(agreement.id)).toHaveLength(0);
    });

    it('a send from a stale page (409), keeping the note and sending nothing', async () => {
      const { agreement } = await aSendableAgreement(ctx.db.prisma);
      const stale = await panelForm(agreement.id, 'send');
      await ctx.db.prisma.agreement.update({ where: { id: agreement.id }, data: { version: { increment: 1 } } });
      const response = await post(agreement.id, 'send', { ...stale.fields, sendNote: 'Min vigtige besked' }).then(expectStatus(409));
      expect(response.text).toContain('Aftalen er ændret i mellemtiden');
      expect(response.text).toContain('Min vigtige besked</textarea>');
      expect(formFieldsOf(response.text, `${page(agreement.id)}/send`).version).toBe(String(agreement.version + 1));
      expect(await versionRows(agreement.id)).toHaveLength(0);
    });

    it('a send of an agreement that is not there (404)', async () => {
      const { html } = await panelForm((await aSendableAgreement(ctx.db.prisma)).agreement.id, 'send');
      await post(999999, 'send', { _csrf: csrfTokenFrom(html), version: '1' }).expect(404);
    });
  });

  it('edits after sending change only the working copy; sending again makes version 2, and the diff shows what changed', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma, { title: 'Haver for alle' });
    await send(agreement.id).then(expectStatus(303));
    const purpose = agreement.sections.find((s) => s.key === 'purpose')!;

    const editPath = `${page(agreement.id)}/rediger`;
    const fields = formFieldsOf((await staff.get(editPath).expect(200)).text, editPath);
    await staff
      .post(editPath)
      .type('form')
      .send({ ...fields, [`section-${purpose.id}-body`]: 'Unge og ældre dyrker grøntsager sammen hver tirsdag.' })
      .expect(303);

    const [v1] = await versionRows(agreement.id);
    expect(readVersionContent(v1!.content).sections.find((s) => s.key === 'purpose')?.body).toBe('Haver for alle: purpose.');
    const shown = (await staff.get(page(agreement.id)).expect(200)).text;
    expect(shown).toContain('Arbejdskopien har ændringer, som ikke er sendt. Send version 2');
    expect(shown).toContain('Unge og ældre dyrker grøntsager sammen hver tirsdag.');

    await send(agreement.id, 'Nyt formål').then(expectStatus(303));
    const versions = await versionRows(agreement.id);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[0]!.content).toEqual(v1!.content);
    expect(readVersionContent(versions[1]!.content).sections.find((s) => s.key === 'purpose')?.body).toBe(
      'Unge og ældre dyrker grøntsager sammen hver tirsdag.',
    );
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).status).toBe('SENT');

    const diff = await staff.get(`${page(agreement.id)}/forskel?fra=1&til=2`).expect(200);
    expect(diff.text).toContain('Forskelle fra version 1 til version 2');
    // Word by word: the changed words in <del>/<ins> with hidden text, the full stop kept.
    expect(diff.text).toContain(
      '<del><span class="sr-only">fjernet: </span>Haver for alle: purpose</del> <ins><span class="sr-only">tilføjet: </span>Unge og ældre dyrker grøntsager sammen hver tirsdag</ins>.',
    );
    expect(diff.text).toContain('Uændrede afsnit:');
    // The unchanged sections are named, not repeated.
    const other = agreement.sections.find((s) => s.key !== 'purpose')!;
    expect(diff.text).toContain(`<li>${other.titleDa}</li>`);
    expect(diff.text).not.toContain(other.body);
    expect(diff.text).toContain('Vilkårene er uændrede.');
  });

  it('keeps an accepted version as accepted: edits change only the working copy, and an amendment leaves the agreement in force', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma);
    const v1 = await sendVersion(prisma, agreement.id);
    await acceptAll(prisma, agreement.id, 'ACTIVE');
    const accepted = await prisma.agreementVersion.findUniqueOrThrow({ where: { id: v1.id } });

    const editPath = `${page(agreement.id)}/rediger`;
    const fields = formFieldsOf((await staff.get(editPath).expect(200)).text, editPath);
    await staff
      .post(editPath)
      .type('form')
      .send({ ...fields, noticeMonths: '6' })
      .expect(303);
    expect((await prisma.agreementVersion.findUniqueOrThrow({ where: { id: v1.id } })).content).toEqual(accepted.content);

    const html = (await staff.get(page(agreement.id)).expect(200)).text;
    expect(html).toContain('Version 1 gælder, indtil alle partnere har accepteret den nye version.');
    await send(agreement.id).then(expectStatus(303));
    const stored = await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    expect(stored).toMatchObject({ status: 'ACTIVE', acceptedVersion: 1, sentVersion: 2 });
    expect(readVersionContent((await prisma.agreementVersion.findUniqueOrThrow({ where: { id: v1.id } })).content).noticeMonths).toBe(3);
  });

  it('refuses to edit or send an ended agreement, and hides the edit button', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma, { status: 'ENDED' });
    const editPath = `${page(agreement.id)}/rediger`;
    const html = (await staff.get(page(agreement.id)).expect(200)).text;
    expect(html).not.toContain(`href="${editPath}"`);
    expect(html).not.toContain(`action="${page(agreement.id)}/send"`);
    expect(html).toContain('Aftalen er afsluttet. Den kan ikke længere ændres eller sendes.');

    await staff.get(editPath).expect(303).expect('Location', page(agreement.id));
    const redirected = (await staff.get(page(agreement.id)).expect(200)).text;
    expect(redirected).toContain('Aftalen er afsluttet og kan ikke længere redigeres.');
    await staff
      .post(editPath)
      .type('form')
      .send({ _csrf: csrfTokenFrom(html), version: String(agreement.version), noticeMonths: '9' })
      .expect(303);
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).noticeMonths).toBe(3);

    const refused = await post(agreement.id, 'send', { _csrf: csrfTokenFrom(html), version: String(agreement.version) }).then(
      expectStatus(422),
    );
    expect(refused.text).toContain('Aftalen er afsluttet og kan ikke sendes');
    expect(await versionRows(agreement.id)).toHaveLength(0);
  });

  it('rolls a send back when its audit row cannot be written (500): no version, no links, no mail', async () => {
    const prisma = ctx.db.prisma;
    const { agreement, externalParty } = await aSendableAgreement(prisma);
    const { fields } = await panelForm(agreement.id, 'send');
    const jobsBefore = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs`;
    await failAuditWrites(prisma);
    await post(agreement.id, 'send', fields).expect(500);
    await allowAuditWrites(prisma);
    expect(await versionRows(agreement.id)).toHaveLength(0);
    expect(await prisma.agreementPartyLink.count({ where: { partyId: externalParty!.id } })).toBe(0);
    expect(await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).toMatchObject({
      status: 'DRAFT',
      sentVersion: 0,
      version: agreement.version,
    });
    const jobsAfter = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs`;
    expect(jobsAfter[0]!.n).toBe(jobsBefore[0]!.n);
  });
});

describe('giving notice', () => {
  it('ends the agreement at today plus the notice period, keeps the reason out of the audit', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma, { endsOn: '2027-12-31', noticeMonths: 3 });
    await sendVersion(prisma, agreement.id);
    await acceptAll(prisma, agreement.id, 'ACTIVE');
    const form = await panelForm(agreement.id, 'opsig');
    // Today is 22 November 2026 (the fake clock).
    expect(form.html).toContain('Opsigelsesvarslet er 3 måneder.');
    // The consequence is said right before the button, in a folded <details>.
    expect(form.html).toContain('Aftalen slutter 22. februar 2027. Det kan ikke fortrydes.');
    expect(form.html).toMatch(/<details class="details agreement-notice">\s*<summary[^>]*>Opsig aftalen …<\/summary>/);
    await post(agreement.id, 'opsig', { ...form.fields, terminationReason: 'Projektet mistede sin finansiering.' }).then(expectStatus(303));

    const stored = await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    expect(stored).toMatchObject({
      status: 'ACTIVE',
      terminatedOn: new Date('2026-11-22T00:00:00Z'),
      endsOn: new Date('2027-02-22T00:00:00Z'),
      terminationReason: 'Projektet mistede sin finansiering.',
    });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'agreement.terminated', targetId: String(agreement.id) } });
    expect(audit.details).toMatchObject({ endsOn: '2027-02-22', terminatedOn: '2026-11-22' });
    expect(JSON.stringify(audit.details)).not.toContain('finansiering');

    const html = (await staff.get(page(agreement.id)).expect(200)).text;
    expect(html).toContain('Aftalen er opsagt.');
    expect(html).toContain('Projektet mistede sin finansiering.');
    expect(html).not.toContain(`action="${page(agreement.id)}/opsig"`);
  });

  it('keeps an end date that comes before the end of the notice', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma, { endsOn: '2026-12-31', noticeMonths: 3 });
    await sendVersion(prisma, agreement.id);
    await acceptAll(prisma, agreement.id, 'ACCEPTED');
    const form = await panelForm(agreement.id, 'opsig');
    await post(agreement.id, 'opsig', { ...form.fields, terminationReason: 'Flytter.' }).then(expectStatus(303));
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).endsOn).toEqual(new Date('2026-12-31T00:00:00Z'));
  });

  it('requires a reason (422, nothing changed), and refuses notice on an agreement not in force', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma);
    await sendVersion(prisma, agreement.id);
    await acceptAll(prisma, agreement.id, 'ACTIVE');
    const form = await panelForm(agreement.id, 'opsig');
    const response = await post(agreement.id, 'opsig', { ...form.fields, terminationReason: '   ' }).then(expectStatus(422));
    expect(response.text).toContain('href="#terminationReason"');
    expect(response.text).toContain('Skriv begrundelsen for opsigelsen');
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).terminatedOn).toBeNull();

    const draft = (await aSendableAgreement(prisma)).agreement;
    const refused = await post(draft.id, 'opsig', {
      _csrf: form.csrf,
      version: String(draft.version),
      terminationReason: 'Forkert',
    }).then(expectStatus(422));
    expect(refused.text).toContain('Kun en accepteret eller aktiv aftale kan opsiges');
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: draft.id } })).terminatedOn).toBeNull();
  });

  it('rolls the notice back when its audit row cannot be written (500)', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma);
    await sendVersion(prisma, agreement.id);
    const active = await acceptAll(prisma, agreement.id, 'ACTIVE');
    const form = await panelForm(agreement.id, 'opsig');
    await failAuditWrites(prisma);
    await post(agreement.id, 'opsig', { ...form.fields, terminationReason: 'Stop' }).expect(500);
    await allowAuditWrites(prisma);
    expect(await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).toMatchObject({
      terminatedOn: null,
      terminationReason: '',
      endsOn: active.endsOn,
      version: active.version,
    });
  });
});

describe('versions, diff and history', () => {
  it('lists the versions, shows one as sent, and downloads it as a PDF; unknown numbers are 404', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma, { title: 'Læsehjælp' });
    await send(agreement.id, 'Første udkast').then(expectStatus(303));
    await prisma.agreementSection.update({ where: { id: agreement.sections[0]!.id }, data: { body: 'Arbejdskopiens nye tekst' } });

    const list = await staff.get(`${page(agreement.id)}/versioner`).expect(200);
    expect(list.text).toContain(`href="${page(agreement.id)}/versioner/1"`);
    expect(list.text).toContain('Sara Sagsbehandler');
    expect(list.text).toContain('Første udkast');

    const one = await staff.get(`${page(agreement.id)}/versioner/1`).expect(200);
    expect(one.text).toContain('<h1>Læsehjælp</h1>');
    expect(one.text).toContain('Version 1, sendt 22. november 2026');
    expect(one.text).toContain('Læsehjælp: purpose.');
    expect(one.text).not.toContain('Arbejdskopiens nye tekst');
    expect(one.text).toContain('Den senest sendte version.');

    const pdf = await staff
      .get(`${page(agreement.id)}/versioner/1/pdf`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="samarbejdsaftale-${agreement.id}-version-1.pdf"`);
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    for (const bad of ['2', '0', 'abc', '1x']) await staff.get(`${page(agreement.id)}/versioner/${bad}`).expect(404);
    await staff.get(`${page(agreement.id)}/versioner/2/pdf`).expect(404);
    await staff.get(`${LIST}/999999/versioner`).expect(404);
  });

  it('answers unknown or malformed versions on the diff page with a form error (422), never a 500', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma);
    await sendVersion(prisma, agreement.id);
    await prisma.agreementSection.update({ where: { id: agreement.sections[0]!.id }, data: { body: 'Ny' } });
    await sendVersion(prisma, agreement.id);

    const form = await staff.get(`${page(agreement.id)}/forskel`).expect(200);
    expect(form.text).toContain('<select class="form-select" id="fra" name="fra"');
    for (const query of ['fra=1&til=9', 'fra=x&til=2', 'fra=1', 'fra[]=1&til=2']) {
      const response = await staff.get(`${page(agreement.id)}/forskel?${query}`).then(expectStatus(422));
      expect(response.text).toContain('Vælg en af aftalens sendte versioner');
      expect(response.text).not.toContain('Forskelle fra');
    }
    const same = await staff.get(`${page(agreement.id)}/forskel?fra=2&til=2`).expect(200);
    expect(same.text).toContain('De to versioner er ens.');
  });

  it('lists who did what when, newest first, naming an external partner who answered through a link; unknown actions by name', async () => {
    const prisma = ctx.db.prisma;
    const { agreement, externalParty } = await aSendableAgreement(prisma);
    await send(agreement.id).then(expectStatus(303));
    const at = (minutes: number) => new Date(ctx.clock.now().getTime() + minutes * 60_000);
    await prisma.auditLog.createMany({
      data: [
        {
          action: 'agreement.answered',
          targetType: 'agreement',
          targetId: String(agreement.id),
          at: at(1),
          details: { partyId: externalParty!.id, version: 1 },
        },
        { action: 'agreement.started', targetType: 'agreement', targetId: String(agreement.id), at: at(2) },
        { action: 'agreement.mystery', targetType: 'agreement', targetId: String(agreement.id), at: at(3) },
        { action: 'agreement.sent', targetType: 'agreement', targetId: '999999', at: at(4), actorUserId: staffId },
      ],
    });
    const html = decode((await staff.get(`${page(agreement.id)}/historik`).expect(200)).text);
    const body = html.slice(html.indexOf('<tbody>'));
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('agreement.mystery');
    expect(rows[1]).toContain('Portalen (automatisk)');
    expect(rows[1]).toContain('Aftalen trådte i kraft');
    expect(rows[2]).toContain('Ekstern partner Aftenskolen Test');
    expect(rows[2]).toContain('En partner svarede (version 1)');
    expect(rows[3]).toContain('Sara Sagsbehandler');
    expect(rows[3]).toContain('Sendt til partnerne (version 1)');

    await staff.get('/sprog/en').expect(303);
    const english = decode((await staff.get(`${page(agreement.id)}/historik`).expect(200)).text);
    await staff.get('/sprog/da').expect(303);
    expect(english).toContain('External partner Aftenskolen Test');
    expect(english).toContain('Sent to the partners');
  });

  it('pages a long history', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma);
    await prisma.auditLog.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        action: 'agreement.updated',
        targetType: 'agreement',
        targetId: String(agreement.id),
        at: new Date(Date.UTC(2026, 10, 1, 10, i)),
        actorUserId: staffId,
      })),
    });
    const first = await staff.get(`${page(agreement.id)}/historik`).expect(200);
    expect(first.text.match(/Arbejdskopien blev ændret/g)).toHaveLength(25);
    expect(first.text).toContain(`href="${page(agreement.id)}/historik?side=2"`);
    const second = await staff.get(`${page(agreement.id)}/historik?side=2`).expect(200);
    expect(second.text.match(/Arbejdskopien blev ændret/g)).toHaveLength(5);
    await staff.get(`${page(agreement.id)}/historik?side=abc`).expect(200);
  });
});
