import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn, type Agent, expectStatus, postForm } from '../../helpers/http.js';
import { invitationTokenFrom } from '../../helpers/mail.js';
import { NEW_PASSWORD } from '../../helpers/forms.js';
import { aUser, TEST_PASSWORD, anAssociation, referenceData, type ReferenceData } from '../../helpers/factories/index.js';

let ctx: TestContext;
let ref: ReferenceData;
beforeAll(async () => {
  ctx = await createTestContext();
  ref = await referenceData(ctx.db.prisma);
});
afterAll(() => ctx.close());

const DAY = 24 * 60 * 60 * 1000;

async function associationWithMember(name: string) {
  const association = await anAssociation(ctx.db.prisma, { name, fieldOfWorkIds: [ref.fieldId.kultur] });
  const user = await aUser(ctx.db.prisma, { associationId: association.id, name: 'Inviterende Eksempel' });
  const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
  return { association, user, agent };
}

async function invite(agent: Agent, associationId: number, email: string): Promise<string> {
  const membersPage = `/min-forening/${associationId}/medlemmer`;
  await postForm(agent, membersPage, `${membersPage}/inviter`, { email }).then(expectStatus(303));
  const mail = (await ctx.readMail()).filter((m) => m.to === email.toLowerCase()).at(-1);
  if (!mail) throw new Error(`No invitation e-mail to ${email}`);
  return invitationTokenFrom(mail.text);
}

/** Posts the invitation page's own form. */
async function acceptForm(agent: Agent, token: string, form: Record<string, string> = {}) {
  const page = await agent.get(`/invitation/${token}`).expect(200);
  return agent
    .post(`/invitation/${token}`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...form });
}

describe('inviting members by e-mail link', () => {
  it('works end to end for someone new: e-mail, account, membership, logged in; the link then is spent', async () => {
    const { association, user, agent } = await associationWithMember('Invitationsforeningen');
    const token = await invite(agent, association.id, 'Ny.Person@Example.org');

    // Only the token's SHA-256 is stored; 7 days to use it.
    const stored = await ctx.db.prisma.associationInvitation.findFirstOrThrow({ where: { associationId: association.id } });
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.email).toBe('ny.person@example.org');
    expect(stored.invitedById).toBe(user.id);
    expect(stored.expiresAt.getTime() - ctx.clock.now().getTime()).toBe(7 * DAY);
    const mail = (await ctx.readMail()).find((m) => m.to === 'ny.person@example.org');
    expect(mail?.subject).toContain('Invitationsforeningen');
    expect(mail?.text).toContain(`${ctx.config.baseUrl}/invitation/${token}`);

    const membersPage = await agent.get(`/min-forening/${association.id}/medlemmer`).expect(200);
    expect(membersPage.text).toContain('ny.person@example.org');
    expect(membersPage.text).toContain('Træk tilbage');

    const invitee = supertest.agent(ctx.app);
    const page = await invitee.get(`/invitation/${token}`).expect(200);
    expect(page.text).toContain('Opret din bruger');
    expect(page.text).toContain('ny.person@example.org');

    const tooShort = await acceptForm(invitee, token, { accountName: 'Ny Person', password: 'kort', passwordRepeat: 'kort' }).then(
      expectStatus(422),
    );
    expect(tooShort.text).toContain('Adgangskoden skal være på mindst 12 tegn');

    const accepted = await acceptForm(invitee, token, {
      accountName: 'Ny Person',
      password: NEW_PASSWORD,
      passwordRepeat: NEW_PASSWORD,
    }).then(expectStatus(303));
    expect(accepted.headers.location).toBe(`/min-forening/${association.id}/profil`);
    const newUser = await ctx.db.prisma.user.findUniqueOrThrow({
      where: { email: 'ny.person@example.org' },
      include: { memberships: true },
    });
    expect(newUser.role).toBe('ASSOCIATION_MEMBER');
    expect(newUser.memberships.map((m) => m.associationId)).toEqual([association.id]);
    expect((await ctx.db.prisma.associationInvitation.findUniqueOrThrow({ where: { id: stored.id } })).acceptedAt).not.toBeNull();
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'association.member.joined', actorUserId: newUser.id } })).toBe(1);

    // Logged in as the new member, with access to the association's pages.
    await invitee.get(`/min-forening/${association.id}/medlemmer`).expect(200);

    // Single use: the same link now gets the "cannot be used" page, for anyone.
    const again = await supertest(ctx.app).get(`/invitation/${token}`).expect(404);
    expect(again.text).toContain('Invitationen kan ikke bruges');
  });

  it('lets a logged-in user with the invited e-mail join with one click (a POST)', async () => {
    const { association, agent } = await associationWithMember('Klikforeningen');
    const existing = await aUser(ctx.db.prisma, { email: 'har.bruger@example.org' });
    const token = await invite(agent, association.id, 'har.bruger@example.org');
    const invitee = await logIn(ctx.app, existing.email, TEST_PASSWORD);
    const page = await invitee.get(`/invitation/${token}`).expect(200);
    expect(page.text).toContain('Bliv medlem');
    // Looking at the page changed nothing (no state change on GET).
    expect(await ctx.db.prisma.associationMember.count({ where: { associationId: association.id, userId: existing.id } })).toBe(0);
    await acceptForm(invitee, token).then(expectStatus(303));
    expect(await ctx.db.prisma.associationMember.count({ where: { associationId: association.id, userId: existing.id } })).toBe(1);
  });

  it('asks an existing user who is not logged in to log in first, and brings them back', async () => {
    const { association, agent } = await associationWithMember('Logindforeningen');
    const existing = await aUser(ctx.db.prisma, { email: 'kom.tilbage@example.org' });
    const token = await invite(agent, association.id, existing.email);
    const invitee = supertest.agent(ctx.app);
    const page = await invitee.get(`/invitation/${token}`).expect(200);
    expect(page.text).toContain('Log ind først');
    expect(page.text).not.toContain('id="password"');
    // Posting an account form anyway makes nothing (the page has no form: take a token elsewhere).
    const anyForm = await invitee.get('/log-ind').expect(200);
    await invitee
      .post(`/invitation/${token}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(anyForm.text), accountName: 'Overtager', password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD })
      .expect(409);
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).name).not.toBe('Overtager');

    const loginPage = await invitee.get('/log-ind').expect(200);
    await invitee
      .post('/log-ind')
      .type('form')
      .send({ _csrf: csrfTokenFrom(loginPage.text), email: existing.email, password: TEST_PASSWORD })
      .expect(303)
      .expect('location', `/invitation/${token}`);
    await acceptForm(invitee, token).then(expectStatus(303));
    expect(await ctx.db.prisma.associationMember.count({ where: { associationId: association.id, userId: existing.id } })).toBe(1);
  });

  it('does not let someone logged in with another e-mail use the link', async () => {
    const { association, agent } = await associationWithMember('Forkert Bruger');
    const token = await invite(agent, association.id, 'den.rigtige@example.org');
    const someoneElse = await aUser(ctx.db.prisma);
    const wrong = await logIn(ctx.app, someoneElse.email, TEST_PASSWORD);
    const page = await wrong.get(`/invitation/${token}`).expect(200);
    expect(page.text).toContain('sendt til en anden e-mail');
    await wrong
      .post(`/invitation/${token}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(403);
    expect(await ctx.db.prisma.associationMember.count({ where: { associationId: association.id, userId: someoneElse.id } })).toBe(0);
  });

  it('expires after 7 days: the same page as an unknown link', async () => {
    const { association, agent } = await associationWithMember('Udløbsforeningen');
    const token = await invite(agent, association.id, 'for.sent@example.org');
    ctx.clock.advance(7 * DAY - 60_000);
    await supertest(ctx.app).get(`/invitation/${token}`).expect(200);
    ctx.clock.advance(2 * 60_000);
    const expired = await supertest(ctx.app).get(`/invitation/${token}`).expect(404);
    const unknown = await supertest(ctx.app)
      .get(`/invitation/${'x'.repeat(43)}`)
      .expect(404);
    const malformed = await supertest(ctx.app).get('/invitation/abc').expect(404);
    const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0];
    expect(main(expired.text)).toBe(main(unknown.text));
    expect(main(malformed.text)).toBe(main(unknown.text));
    ctx.clock.set(new Date('2026-11-22T10:00:00Z'));
  });

  it('can be withdrawn, after which the link is dead', async () => {
    const { association, user, agent } = await associationWithMember('Fortrydelsesforeningen');
    const token = await invite(agent, association.id, 'fortrudt@example.org');
    const invitation = await ctx.db.prisma.associationInvitation.findFirstOrThrow({ where: { associationId: association.id } });
    await postForm(
      agent,
      `/min-forening/${association.id}/medlemmer`,
      `/min-forening/${association.id}/medlemmer/invitationer/${invitation.id}/traek-tilbage`,
    ).then(expectStatus(303));
    await supertest(ctx.app).get(`/invitation/${token}`).expect(404);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'association.member.invitationRevoked', actorUserId: user.id } })).toBe(1);
  });

  it('refuses to invite someone who is already a member, and replaces an earlier link when inviting again', async () => {
    const { association, user, agent } = await associationWithMember('Gentagelsesforeningen');
    const membersPage = `/min-forening/${association.id}/medlemmer`;
    const already = await postForm(agent, membersPage, `${membersPage}/inviter`, { email: user.email }).then(expectStatus(422));
    expect(already.text).toContain('Personen er allerede medlem af foreningen');
    const invalid = await postForm(agent, membersPage, `${membersPage}/inviter`, { email: 'ikke en e-mail' }).then(expectStatus(422));
    expect(invalid.text).toContain('Skriv en e-mail i det rigtige format');

    const first = await invite(agent, association.id, 'to.gange@example.org');
    const second = await invite(agent, association.id, 'to.gange@example.org');
    expect(second).not.toBe(first);
    await supertest(ctx.app).get(`/invitation/${first}`).expect(404);
    await supertest(ctx.app).get(`/invitation/${second}`).expect(200);
    expect(await ctx.db.prisma.associationInvitation.count({ where: { associationId: association.id } })).toBe(1);
  });
});
