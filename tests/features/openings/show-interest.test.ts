// "Jeg vil gerne hjælpe" end to end: a citizen shows interest (real CSRF), gets a
// receipt e-mail with a withdrawal link, the association is notified without the
// citizen's details, logs in, sees the interest and marks it contacted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { REPLY_WITHIN_WEEKS } from '../../../src/features/interests/reply-time.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../../helpers/http.js';
import { showInterest, VALID_INTEREST } from '../../helpers/forms.js';
import { aUser, anAssociation, TEST_PASSWORD, anOpening } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  // A high limit: this file sends many interests from one address (see rate-limit.test.ts).
  ctx = await createTestContext({ INTEREST_RATE_LIMIT: '1000', BASE_URL: 'https://frivillig.example.org' });
});
afterAll(() => ctx.close());

async function approvedAssociationWithMember(name: string, email: string | null = null) {
  const association = await anAssociation(ctx.db.prisma, { name });
  if (email) await ctx.db.prisma.association.update({ where: { id: association.id }, data: { email } });
  const member = await aUser(ctx.db.prisma, { associationId: association.id, email: `medlem-${association.id}@example.org` });
  return { association, member };
}

describe('showing interest, end to end', () => {
  it('stores the interest, e-mails receipt and notification, and the association marks it contacted', async () => {
    const { association, member } = await approvedAssociationWithMember('IF Endtoend', 'forening@endtoend.example.org');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const mailsBefore = (await ctx.readMail()).length;

    const { agent, response } = await showInterest(ctx.app, opening.id);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/opgaver/${opening.id}/interesse/kvittering`);
    const receipt = await agent.get(response.headers.location!).expect(200);
    expect(receipt.text).toContain('Tak – din interesse er sendt');
    expect(receipt.text).toMatch(
      /<div class="alert alert-success" role="status">\s*<svg class="icon-svg alert-icon" role="img" aria-label="Succes"/,
    );
    expect(receipt.text).toContain('Hvad sker der nu?');
    expect(receipt.text).not.toContain(VALID_INTEREST.email);

    const rows = await ctx.db.prisma.interest.findMany({ where: { openingId: opening.id } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      name: VALID_INTEREST.name,
      email: VALID_INTEREST.email,
      phone: VALID_INTEREST.phone,
      message: VALID_INTEREST.message,
      status: 'NEW',
      consentVersion: 'interest-consent-v1-da',
    });
    expect(row.consentedAt.toISOString()).toBe(ctx.clock.now().toISOString());
    expect(row.withdrawalTokenHash).toMatch(/^[0-9a-f]{64}$/);

    const mails = (await ctx.readMail()).slice(mailsBefore);
    const toCitizen = mails.find((mail) => mail.to === VALID_INTEREST.email);
    expect(toCitizen?.subject).toContain('Lektiehjælper til unge');
    // The page and the e-mail promise the same (#10), and the association's e-mail names
    // that promise (review #16): one period, REPLY_WITHIN_WEEKS.
    const promise = `Hører du ikke noget inden for ${REPLY_WITHIN_WEEKS} uger`;
    expect(receipt.text).toContain(promise);
    expect(toCitizen?.text).toContain(promise);
    const toAssociation = mails.find((mail) => mail.to !== VALID_INTEREST.email);
    expect(toAssociation?.text).toContain(`Borgeren har fået at vide, at I kontakter vedkommende inden for ${REPLY_WITHIN_WEEKS} uger.`);
    const link = /https:\/\/frivillig\.example\.org\/interesse\/tilbagetraek\/([A-Za-z0-9_-]{43})/.exec(toCitizen!.text);
    expect(link).not.toBeNull();
    // Only the hash is stored.
    expect(row.withdrawalTokenHash).not.toContain(link![1]);
    expect(JSON.stringify(row)).not.toContain(link![1]!);

    const notified = mails
      .filter((mail) => mail.to !== VALID_INTEREST.email)
      .map((mail) => mail.to)
      .sort();
    expect(notified).toEqual(['forening@endtoend.example.org', member.email].sort());
    for (const mail of mails.filter((m) => m.to !== VALID_INTEREST.email)) {
      expect(mail.subject).toContain('Lektiehjælper til unge');
      expect(mail.text).toContain(`https://frivillig.example.org/min-forening/${association.id}/interesserede`);
      // Least exposure: none of the citizen's details in the association's mail.
      for (const personal of [VALID_INTEREST.name, VALID_INTEREST.email, VALID_INTEREST.phone, VALID_INTEREST.message]) {
        expect(mail.text).not.toContain(personal);
      }
    }

    // The association logs in, sees the interest, marks it contacted.
    const memberAgent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const list = await memberAgent.get(`/min-forening/${association.id}/interesserede`).expect(200);
    expect(list.headers['cache-control']).toBe('no-store');
    for (const text of [
      VALID_INTEREST.name,
      VALID_INTEREST.email,
      VALID_INTEREST.phone,
      VALID_INTEREST.message,
      'Lektiehjælper til unge',
    ]) {
      expect(list.text, text).toContain(text);
    }
    const changed = await memberAgent
      .post(`/min-forening/${association.id}/interesserede/${row.id}/status`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(list.text), status: 'CONTACTED', associationId: '999', name: 'Hacked' })
      .expect(303);
    expect(changed.headers.location).toBe(`/min-forening/${association.id}/interesserede#interest-${row.id}`);
    const after = await ctx.db.prisma.interest.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe('CONTACTED');
    expect(after.name).toBe(VALID_INTEREST.name);
    expect(after.statusChangedAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    const audit = await ctx.db.prisma.auditLog.findMany({ where: { action: 'interest.status.changed', targetId: String(row.id) } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: member.id, targetType: 'interest' });
    expect(audit[0]!.details).toEqual({ associationId: association.id, openingId: opening.id, from: 'NEW', to: 'CONTACTED' });
    const flashed = await memberAgent.get(changed.headers.location!.split('#')[0]!).expect(200);
    expect(flashed.text).toContain('Status er gemt.');
    expect(flashed.text).toContain('Kontaktet');
  });

  it('falls back to the opening’s contact e-mail when the association has none', async () => {
    const { association, member } = await approvedAssociationWithMember('Uden E-mail');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const before = (await ctx.readMail()).length;
    await showInterest(ctx.app, opening.id, { ...VALID_INTEREST, email: 'anden@example.org' });
    const to = (await ctx.readMail())
      .slice(before)
      .map((mail) => mail.to)
      .sort();
    expect(to).toEqual(['anden@example.org', 'kontakt@example.org', member.email].sort());
  });

  it('writes the receipt in English for an English reader', async () => {
    const { association } = await approvedAssociationWithMember('English Club');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const agent = supertest.agent(ctx.app);
    await agent.get('/sprog/en').expect(303);
    const before = (await ctx.readMail()).length;
    const { response } = await showInterest(ctx.app, opening.id, { ...VALID_INTEREST, email: 'english@example.org' }, agent);
    const receipt = await agent.get(response.headers.location!).expect(200);
    expect(receipt.text).toContain('Thank you – your interest has been sent');
    const mail = (await ctx.readMail()).slice(before).find((m) => m.to === 'english@example.org');
    expect(mail?.subject).toContain('Receipt');
    expect(mail?.text).toContain('Changed your mind?');
    expect(receipt.text).toContain(`If you have not heard from them within ${REPLY_WITHIN_WEEKS} weeks`);
    expect(mail?.text).toContain(`If you have not heard from them within ${REPLY_WITHIN_WEEKS} weeks`);
    const row = await ctx.db.prisma.interest.findFirstOrThrow({ where: { email: 'english@example.org' } });
    expect(row.consentVersion).toBe('interest-consent-v1-en');
  });
});

describe('validation', () => {
  it('re-renders the opening page with 422, the errors and the input kept', async () => {
    const { association } = await approvedAssociationWithMember('Validering');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const { response, form } = await showInterest(ctx.app, opening.id, {
      name: '',
      email: 'ikke-en-email',
      phone: 'ring mig',
      message: 'Min <b>besked</b>',
    });
    expect(response.status).toBe(422);
    const html = response.text;
    expect(html).toMatch(/<title>Fejl: Lektiehjælper til unge/);
    expect(html).toContain('data-module="error-summary"');
    for (const text of ['Skriv dit navn', 'Skriv en e-mail i det rigtige format', 'Skriv et telefonnummer med cifre', 'Sæt kryds']) {
      expect(html, text).toContain(text);
    }
    for (const field of ['#name', '#email', '#phone', '#consent']) expect(html).toContain(`href="${field}"`);
    expect(html).toContain('value="ikke-en-email"');
    expect(html).toContain('value="ring mig"');
    expect(html).toContain('Min &lt;b&gt;besked&lt;/b&gt;</textarea>');
    // The same one-time key again, so the corrected form is still one submission.
    expect(html).toContain(`name="submissionKey" value="${form.submissionKey}"`);
    expect(html).toContain('aria-invalid="true"');
    expect(await ctx.db.prisma.interest.count({ where: { openingId: opening.id } })).toBe(0);
  });

  it('refuses a message longer than the limit', async () => {
    const { association } = await approvedAssociationWithMember('Lang Besked');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const { response } = await showInterest(ctx.app, opening.id, { ...VALID_INTEREST, message: 'x'.repeat(2001), name: 'n'.repeat(201) });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Skriv højst 2000 tegn');
    expect(response.text).toContain('Skriv højst 200 tegn');
  });

  it('validates in English too', async () => {
    const { association } = await approvedAssociationWithMember('English Validation');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const agent = supertest.agent(ctx.app);
    await agent.get('/sprog/en');
    const { response } = await showInterest(ctx.app, opening.id, { name: '', email: '' }, agent);
    expect(response.status).toBe(422);
    expect(response.text).toContain('Enter your name');
    expect(response.text).toContain('Tick the box');
  });

  it('refuses a post without CSRF token, and one that did not come from the form', async () => {
    const { association } = await approvedAssociationWithMember('Csrf');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    await supertest(ctx.app).post(`/opgaver/${opening.id}/interesse`).type('form').send(VALID_INTEREST).expect(403);
    const agent = supertest.agent(ctx.app);
    const page = await agent.get(`/opgaver/${opening.id}`);
    await agent
      .post(`/opgaver/${opening.id}/interesse`)
      .type('form')
      .send({ ...VALID_INTEREST, _csrf: csrfTokenFrom(page.text) })
      .expect(400);
    expect(await ctx.db.prisma.interest.count({ where: { openingId: opening.id } })).toBe(0);
  });

  it('ignores fields that are not part of the form', async () => {
    const { association } = await approvedAssociationWithMember('Mass Assignment');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    await showInterest(ctx.app, opening.id, { ...VALID_INTEREST, email: 'mass@example.org', status: 'ACCEPTED', openingId: '1' });
    const row = await ctx.db.prisma.interest.findFirstOrThrow({ where: { email: 'mass@example.org' } });
    expect(row.status).toBe('NEW');
    expect(row.openingId).toBe(opening.id);
  });

  it('accepts no interest for an opening that is not public', async () => {
    const { association } = await approvedAssociationWithMember('Kladde');
    const public_ = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const agent = supertest.agent(ctx.app);
    const page = await agent.get(`/opgaver/${public_.id}`);
    await ctx.db.prisma.opening.update({ where: { id: public_.id }, data: { status: 'CLOSED' } });
    await agent
      .post(`/opgaver/${public_.id}/interesse`)
      .type('form')
      .send({ ...VALID_INTEREST, _csrf: csrfTokenFrom(page.text), submissionKey: 'a'.repeat(22) })
      .expect(404);
    expect(await ctx.db.prisma.interest.count({ where: { openingId: public_.id } })).toBe(0);
  });
});

describe('spam and double submission', () => {
  it('pretends success when the honeypot is filled, but stores and sends nothing', async () => {
    const { association } = await approvedAssociationWithMember('Honeypot');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const before = (await ctx.readMail()).length;
    const { agent, response } = await showInterest(ctx.app, opening.id, { ...VALID_INTEREST, website: 'https://spam.example' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/opgaver/${opening.id}/interesse/kvittering`);
    await agent.get(response.headers.location!).expect(200);
    expect(await ctx.db.prisma.interest.count({ where: { openingId: opening.id } })).toBe(0);
    expect((await ctx.readMail()).length).toBe(before);
  });

  it('makes one row when the same form is posted twice, and both land on the same receipt', async () => {
    const { association } = await approvedAssociationWithMember('Dobbeltklik');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const before = (await ctx.readMail()).length;
    const { agent, form, response } = await showInterest(ctx.app, opening.id);
    const again = await agent.post(`/opgaver/${opening.id}/interesse`).type('form').send(form);
    expect(response.status).toBe(303);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(response.headers.location);
    expect(await ctx.db.prisma.interest.count({ where: { openingId: opening.id } })).toBe(1);
    // Mails only for the first: one receipt + the association's notifications.
    const receipts = (await ctx.readMail()).slice(before).filter((mail) => mail.to === VALID_INTEREST.email);
    expect(receipts).toHaveLength(1);
  });

  it('makes one row when the two posts race', async () => {
    const { association } = await approvedAssociationWithMember('Kapløb');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const agent = supertest.agent(ctx.app);
    const page = await agent.get(`/opgaver/${opening.id}`);
    const form = {
      ...VALID_INTEREST,
      _csrf: csrfTokenFrom(page.text),
      submissionKey: /name="submissionKey" value="([^"]+)"/.exec(page.text)![1],
    };
    const answers = await Promise.all([1, 2, 3].map(() => agent.post(`/opgaver/${opening.id}/interesse`).type('form').send(form)));
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303]);
    expect(await ctx.db.prisma.interest.count({ where: { openingId: opening.id } })).toBe(1);
  });

  it('sends a stranger who opens the receipt URL to the opening', async () => {
    const { association } = await approvedAssociationWithMember('Kvittering');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    await supertest(ctx.app).get(`/opgaver/${opening.id}/interesse/kvittering`).expect(303).expect('location', `/opgaver/${opening.id}`);
  });

  it('answers a second form from the same address with the same receipt, and only re-sends the receipt (#10)', async () => {
    const { association } = await approvedAssociationWithMember('Gentaget', 'forening@gentaget.example.org');
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const first = await showInterest(ctx.app, opening.id);
    expect(first.response.status).toBe(303);
    const firstRow = await ctx.db.prisma.interest.findFirstOrThrow({ where: { openingId: opening.id } });
    const before = (await ctx.readMail()).length;
    ctx.clock.advance(2 * 24 * 60 * 60 * 1000);

    // A new form (new agent, new submission key), the address typed in another case.
    const second = await showInterest(ctx.app, opening.id, {
      ...VALID_INTEREST,
      name: 'En Anden',
      email: `  ${VALID_INTEREST.email.toUpperCase()} `,
      message: 'Anden besked',
    });
    // Exactly what a new interest gets: nothing tells a stranger the address was used.
    expect(second.response.status).toBe(303);
    expect(second.response.headers.location).toBe(first.response.headers.location);
    const page = await second.agent.get(second.response.headers.location!).expect(200);
    const firstPage = await first.agent.get(first.response.headers.location!).expect(200);
    const body = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '').replace(/<meta name="csrf-token"[^>]*>/g, '');
    expect(body(page.text)).toBe(body(firstPage.text));

    const rows = await ctx.db.prisma.interest.findMany({ where: { openingId: opening.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: firstRow.id, name: VALID_INTEREST.name, message: VALID_INTEREST.message });
    expect(rows[0]!.withdrawalTokenHash).not.toBe(firstRow.withdrawalTokenHash);

    // One mail: the receipt again, to the stored address, with the first date and a working link.
    const mails = (await ctx.readMail()).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe(VALID_INTEREST.email);
    expect(mails[0]!.subject).toContain('Kvittering igen');
    expect(mails[0]!.text).toContain('Du har allerede sendt din interesse');
    expect(mails[0]!.text).toContain(
      new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'Europe/Copenhagen' }).format(firstRow.createdAt),
    );
    expect(mails[0]!.text).toContain(VALID_INTEREST.message);
    expect(mails[0]!.text).not.toContain('Anden besked');
    const link = /https:\/\/frivillig\.example\.org(\/interesse\/tilbagetraek\/[A-Za-z0-9_-]{43})/.exec(mails[0]!.text);
    expect(link).not.toBeNull();
    await supertest(ctx.app).get(link![1]!).expect(200);

    const audit = await ctx.db.prisma.auditLog.findMany({
      where: { targetType: 'interest', targetId: String(firstRow.id) },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((row) => row.action)).toEqual(['interest.created', 'interest.receipt.resent']);
  });
});
