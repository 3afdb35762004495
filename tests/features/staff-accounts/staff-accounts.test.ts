// Staff and admin accounts: the list, invitations by e-mail link (sent, replaced,
// withdrawn, expired, accepted once), an account's page, role changes, deactivation
// (the open session ends at once) and reactivation, and the last-admin rule.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, expectStatus, formFieldsOf, logIn, postForm, type Agent } from '../../helpers/http.js';
import { NEW_PASSWORD } from '../../helpers/forms.js';
import { aUser, TEST_PASSWORD, anAssociation } from '../../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../../helpers/audit.js';
import { createStaffAccountService } from '../../../src/features/staff-accounts/staff-accounts-service.js';

const USERS = '/administration/brugere';
const DAY = 24 * 60 * 60 * 1000;

let ctx: TestContext;
let admin: { id: number; email: string };
let adminAgent: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await aUser(ctx.db.prisma, { role: 'ADMIN', name: 'Alma Administrator', email: 'alma.admin@example.org' });
  adminAgent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

function tokenFrom(text: string): string {
  const match = /\/medarbejder-invitation\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match?.[1]) throw new Error('No staff invitation link in the e-mail');
  return match[1];
}

async function invite(email: string, role: 'STAFF' | 'ADMIN' = 'STAFF') {
  return postForm(adminAgent, USERS, `${USERS}/inviter`, { email, role });
}

async function invitationToken(email: string): Promise<string> {
  const mail = (await ctx.readMail()).filter((m) => m.to === email).at(-1);
  if (!mail) throw new Error(`No invitation e-mail to ${email}`);
  return tokenFrom(mail.text);
}

async function accept(token: string, form: Record<string, string>, agent: Agent = supertest.agent(ctx.app)) {
  const page = await agent.get(`/medarbejder-invitation/${token}`).expect(200);
  return agent
    .post(`/medarbejder-invitation/${token}`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...form });
}

/** Posts the account page's form to `action` (with its CSRF token and version). */
async function accountAction(agent: Agent, userId: number, action: string, extra: Record<string, string> = {}) {
  const page = await agent.get(`${USERS}/${userId}`).expect(200);
  const fields = formFieldsOf(page.text, `${USERS}/${userId}/${action}`);
  return agent
    .post(`${USERS}/${userId}/${action}`)
    .type('form')
    .send({ ...fields, ...extra });
}

describe('the list of accounts', () => {
  it('shows staff and admins with role, status, two-factor and last login, not association members', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Sofus Sagsbehandler' });
    await ctx.db.prisma.user.update({
      where: { id: staff.id },
      data: { lastLoginAt: new Date('2026-11-20T08:30:00Z'), totpEnabledAt: new Date() },
    });
    await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Nils Nylogin', twoFactor: false });
    const association = await anAssociation(ctx.db.prisma);
    await aUser(ctx.db.prisma, { associationId: association.id, name: 'Mette Medlem' });

    const page = await adminAgent.get(USERS).expect(200);
    expect(page.text).toContain('Sofus Sagsbehandler');
    expect(page.text).toContain('Alma Administrator');
    expect(page.text).not.toContain('Mette Medlem');
    expect(page.text).toContain('20. november 2026 kl. 09.30');
    expect(page.text).toMatch(/Nils Nylogin[\s\S]*?Ikke sat op<\/td>\s*<td>Aldrig<\/td>/);
    expect(page.text).toMatch(/Sofus Sagsbehandler[\s\S]*?<td>Til<\/td>/);
    expect(page.text).toMatch(/Derudover har \d+ foreningsmedlem/);
    expect(page.text).toContain(`href="${USERS}/${staff.id}"`);
  });

  it('is for admins only: staff get 403', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    await agent.get(USERS).expect(403);
  });
});

describe('inviting staff by e-mail link', () => {
  it('works end to end: e-mail, the hashed token, the account with the invited role, then login; the link is spent', async () => {
    await invite('Ny.Kollega@Example.org', 'ADMIN').then(expectStatus(303));
    const token = await invitationToken('ny.kollega@example.org');

    const stored = await ctx.db.prisma.staffInvitation.findFirstOrThrow({ where: { email: 'ny.kollega@example.org' } });
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(stored.role).toBe('ADMIN');
    expect(stored.invitedById).toBe(admin.id);
    expect(stored.expiresAt.getTime() - ctx.clock.now().getTime()).toBe(7 * DAY);
    const mail = (await ctx.readMail()).find((m) => m.to === 'ny.kollega@example.org')!;
    expect(mail.text).toContain(`${ctx.config.baseUrl}/medarbejder-invitation/${token}`);
    // The role mid-sentence in lower case; the portal's one greeting and sign-off.
    expect(mail.text).toContain('har inviteret dig som administrator på');
    expect(mail.text.startsWith('Hej\n')).toBe(true);
    expect(mail.text).toContain('Venlig hilsen\nFrivilligportalen');
    // The audit row names the role, never the address.
    const invited = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'staff.invited', targetId: String(stored.id) } });
    expect(invited.actorUserId).toBe(admin.id);
    expect(JSON.stringify(invited.details)).not.toContain('kollega');

    const list = await adminAgent.get(USERS).expect(200);
    expect(list.text).toContain('ny.kollega@example.org');
    expect(list.text).toContain('Træk tilbage');

    const page = await supertest(ctx.app).get(`/medarbejder-invitation/${token}`).expect(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.text).toContain('ny.kollega@example.org');

    const tooShort = await accept(token, { name: 'Nina Kollega', password: 'kort', passwordRepeat: 'kort' }).then(expectStatus(422));
    expect(tooShort.text).toContain('Adgangskoden skal være på mindst 12 tegn');
    expect(tooShort.text).toContain('value="Nina Kollega"');
    expect(tooShort.text).not.toContain('value="kort"');

    const invitee = supertest.agent(ctx.app);
    const accepted = await accept(token, { name: 'Nina Kollega', password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }, invitee).then(
      expectStatus(303),
    );
    expect(accepted.headers.location).toBe('/log-ind');
    expect((await invitee.get('/log-ind').expect(200)).text).toContain('Din konto er klar');
    const user = await ctx.db.prisma.user.findUniqueOrThrow({ where: { email: 'ny.kollega@example.org' } });
    expect(user.role).toBe('ADMIN');
    expect(user.name).toBe('Nina Kollega');
    expect((await ctx.db.prisma.staffInvitation.findUniqueOrThrow({ where: { id: stored.id } })).acceptedAt).not.toBeNull();
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'staff.invitation-accepted', targetId: String(user.id) },
    });
    expect(audit.details).toEqual({ invitationId: stored.id, role: 'ADMIN' });

    // Not logged in by accepting: the login (with two-factor enrolment) follows.
    const loginPage = await supertest(ctx.app).get('/log-ind').expect(200);
    expect(loginPage.text).not.toContain('Nina Kollega');
    const agent = await logIn(ctx.app, 'ny.kollega@example.org', NEW_PASSWORD);
    await agent.get('/administration').expect(200);

    await supertest(ctx.app).get(`/medarbejder-invitation/${token}`).expect(404);
  });

  it('refuses an address that already has an account, a bad address and a missing role with 422, input kept', async () => {
    const existing = await aUser(ctx.db.prisma, { email: 'findes@example.org' });
    const taken = await invite(existing.email).then(expectStatus(422));
    expect(taken.text).toContain('Der findes allerede en konto med den e-mailadresse');
    expect(taken.text).toContain('value="findes@example.org"');

    const bad = await postForm(adminAgent, USERS, `${USERS}/inviter`, { email: 'ikke en adresse' }).then(expectStatus(422));
    expect(bad.text).toContain('Vælg en rolle');
    expect(bad.text).toContain('value="ikke en adresse"');
    expect(await ctx.db.prisma.staffInvitation.count({ where: { email: { in: ['findes@example.org', 'ikke en adresse'] } } })).toBe(0);
  });

  it('replaces a pending invitation to the same address: the old link stops working', async () => {
    await invite('to.gange@example.org').then(expectStatus(303));
    const sent = await adminAgent.get(USERS).expect(200);
    expect(sent.text).toContain('Invitationen er sendt.');
    expect(sent.text).not.toContain('Invitationen er sendt igen');
    const firstMail = (await ctx.readMail()).filter((m) => m.to === 'to.gange@example.org').at(-1)!;
    expect(firstMail.text).toContain('har inviteret dig som medarbejder på');
    const first = tokenFrom(firstMail.text);
    const firstPage = await supertest(ctx.app).get(`/medarbejder-invitation/${first}`).expect(200);
    expect(firstPage.text).toContain('Du er inviteret som medarbejder');
    await invite('to.gange@example.org', 'ADMIN').then(expectStatus(303));
    const again = await adminAgent.get(USERS).expect(200);
    expect(again.text).toContain('Invitationen er sendt igen; det tidligere link virker ikke længere.');
    const second = await invitationToken('to.gange@example.org');
    expect(second).not.toBe(first);

    await supertest(ctx.app).get(`/medarbejder-invitation/${first}`).expect(404);
    const page = await supertest(ctx.app).get(`/medarbejder-invitation/${second}`).expect(200);
    expect(page.text).toContain('Du er inviteret som administrator');
    expect(await ctx.db.prisma.staffInvitation.count({ where: { email: 'to.gange@example.org', revokedAt: null } })).toBe(1);
  });

  it('withdraws an invitation: its link stops working; an unknown invitation is a 404', async () => {
    await invite('traekkes@example.org').then(expectStatus(303));
    const token = await invitationToken('traekkes@example.org');
    const invitation = await ctx.db.prisma.staffInvitation.findFirstOrThrow({ where: { email: 'traekkes@example.org' } });

    await postForm(adminAgent, USERS, `${USERS}/invitationer/${invitation.id}/traek-tilbage`).then(expectStatus(303));
    const invalid = await supertest(ctx.app).get(`/medarbejder-invitation/${token}`).expect(404);
    expect(invalid.text).toContain('Linket virker ikke');
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'staff.invitation-revoked', targetId: String(invitation.id) } })).toBe(1);

    await postForm(adminAgent, USERS, `${USERS}/invitationer/${invitation.id}/traek-tilbage`).then(expectStatus(404));
    await postForm(adminAgent, USERS, `${USERS}/invitationer/abc/traek-tilbage`).then(expectStatus(404));
  });

  it('an expired or malformed link gets the same page, and accepting it creates nothing', async () => {
    await invite('udloeber@example.org').then(expectStatus(303));
    const token = await invitationToken('udloeber@example.org');
    const anonymous = supertest.agent(ctx.app);
    const page = await anonymous.get(`/medarbejder-invitation/${token}`).expect(200);
    ctx.clock.advance(7 * DAY + 1000);
    try {
      await anonymous.get(`/medarbejder-invitation/${token}`).expect(404);
      await anonymous
        .post(`/medarbejder-invitation/${token}`)
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), name: 'For Sent', password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD })
        .expect(404);
      expect(await ctx.db.prisma.user.count({ where: { email: 'udloeber@example.org' } })).toBe(0);
      await anonymous.get('/medarbejder-invitation/not-a-token').expect(404);
    } finally {
      ctx.clock.advance(-(7 * DAY + 1000));
    }
  });
});

describe("an account's page", () => {
  it('shows the details; a member, an unknown or a malformed id is a 404', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Karl Konto', twoFactor: false });
    const page = await adminAgent.get(`${USERS}/${staff.id}`).expect(200);
    expect(page.text).toContain('Karl Konto');
    expect(page.text).toContain('Ikke sat op');
    expect(page.text).toContain(`action="${USERS}/${staff.id}/deaktiver"`);
    // The two-factor reset form shows only when two-factor login is on.
    expect(page.text).not.toContain('nulstil-tofaktor');
    await ctx.db.prisma.user.update({ where: { id: staff.id }, data: { totpEnabledAt: ctx.clock.now() } });
    expect((await adminAgent.get(`${USERS}/${staff.id}`).expect(200)).text).toContain(`action="${USERS}/${staff.id}/nulstil-tofaktor"`);

    const member = await aUser(ctx.db.prisma);
    await adminAgent.get(`${USERS}/${member.id}`).expect(404);
    await adminAgent.get(`${USERS}/999999`).expect(404);
    await adminAgent.get(`${USERS}/1e2`).expect(404);
  });

  it('changes the role (audited before/after); a stale form answers 409 and changes nothing', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Rolf Rolle' });
    const page = await adminAgent.get(`${USERS}/${staff.id}`).expect(200);
    const stale = formFieldsOf(page.text, `${USERS}/${staff.id}/rolle`);

    await accountAction(adminAgent, staff.id, 'rolle', { role: 'ADMIN' }).then(expectStatus(303));
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).role).toBe('ADMIN');
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'user.role-changed', targetId: String(staff.id) } });
    expect(audit.details).toEqual({ before: { role: 'STAFF' }, after: { role: 'ADMIN' } });
    const history = await adminAgent.get(`${USERS}/${staff.id}`).expect(200);
    expect(history.text).toContain('Rolle ændret: Medarbejder → Administrator');

    const conflict = await adminAgent
      .post(`${USERS}/${staff.id}/rolle`)
      .type('form')
      .send({ ...stale, role: 'STAFF' })
      .then(expectStatus(409));
    expect(conflict.text).toContain('ændret af en anden');
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).role).toBe('ADMIN');

    const noRole = await adminAgent
      .post(`${USERS}/${staff.id}/rolle`)
      .type('form')
      .send({ _csrf: stale._csrf, version: '99' })
      .then(expectStatus(422));
    expect(noRole.text).toContain('Vælg en rolle');
    await adminAgent.post(`${USERS}/${staff.id}/rolle`).type('form').send({ _csrf: stale._csrf, role: 'ADMIN' }).expect(400);
  });

  it('an admin who makes themselves staff (another admin remains) lands on the staff start page, without admin access', async () => {
    const second = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const agent = await logIn(ctx.app, second.email, TEST_PASSWORD);
    const done = await accountAction(agent, second.id, 'rolle', { role: 'STAFF' }).then(expectStatus(303));
    expect(done.headers.location).toBe('/medarbejder');
    await agent.get(USERS).expect(403);
    await agent.get('/medarbejder').expect(200);
  });

  it('cannot make an association member staff: a posted role for a member id is a 404', async () => {
    const member = await aUser(ctx.db.prisma);
    const page = await adminAgent.get(USERS).expect(200);
    await adminAgent
      .post(`${USERS}/${member.id}/rolle`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), role: 'ADMIN', version: '1' })
      .expect(404);
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: member.id } })).role).toBe('ASSOCIATION_MEMBER');
  });
});

describe('deactivating and reactivating', () => {
  it("ends the user's open session at once, refuses their login, keeps their history; reactivating lets them in again", async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Dorte Deaktiveret' });
    const staffAgent = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    await staffAgent.get('/medarbejder').expect(200);
    const sessionsOf = () =>
      ctx.db.prisma.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM session WHERE (sess -> 'passport' ->> 'user') = ${String(staff.id)}`;
    expect(Number((await sessionsOf())[0]!.n)).toBeGreaterThan(0);

    await accountAction(adminAgent, staff.id, 'deaktiver').then(expectStatus(303));
    const after = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(after.active).toBe(false);
    expect(Number((await sessionsOf())[0]!.n)).toBe(0);
    const out = await staffAgent.get('/medarbejder').expect(303);
    expect(out.headers.location).toBe('/log-ind');

    const login = supertest.agent(ctx.app);
    const form = await login.get('/log-ind').expect(200);
    await login
      .post('/log-ind')
      .type('form')
      .send({ _csrf: csrfTokenFrom(form.text), email: staff.email, password: TEST_PASSWORD })
      .expect(401);
    const page = await adminAgent.get(`${USERS}/${staff.id}`).expect(200);
    expect(page.text).toContain('Deaktiveret');
    expect(page.text).toContain(`action="${USERS}/${staff.id}/genaktiver"`);

    await accountAction(adminAgent, staff.id, 'genaktiver').then(expectStatus(303));
    const back = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    await back.get('/medarbejder').expect(200);
    const actions = await ctx.db.prisma.auditLog.findMany({
      where: { targetType: 'user', targetId: String(staff.id) },
      orderBy: { id: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual(['user.deactivated', 'user.reactivated']);
    expect(actions.every((a) => a.actorUserId === admin.id)).toBe(true);
  });

  it('changes nothing (the account stays active, its sessions stay) when the audit row cannot be written', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const staffAgent = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    const page = await adminAgent.get(`${USERS}/${staff.id}`).expect(200);
    const fields = formFieldsOf(page.text, `${USERS}/${staff.id}/deaktiver`);
    await failAuditWrites(ctx.db.prisma);
    try {
      const response = await adminAgent.post(`${USERS}/${staff.id}/deaktiver`).type('form').send(fields);
      expect(response.status).toBe(500);
    } finally {
      await allowAuditWrites(ctx.db.prisma);
    }
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).active).toBe(true);
    await staffAgent.get('/medarbejder').expect(200);
  });

  it('an admin cannot deactivate themselves', async () => {
    const page = await adminAgent.get(`${USERS}/${admin.id}`).expect(200);
    expect(page.text).not.toContain(`action="${USERS}/${admin.id}/deaktiver"`);
    expect(page.text).toContain('Du kan ikke deaktivere din egen konto');
    const refused = await adminAgent
      .post(`${USERS}/${admin.id}/deaktiver`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), version: '1' })
      .then(expectStatus(409));
    expect(refused.text).toContain('Du kan ikke deaktivere din egen konto');
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
  });

  it("an admin's own page offers no reset of their own two-factor login, one sentence instead", async () => {
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).totpEnabledAt).not.toBeNull();
    const page = await adminAgent.get(`${USERS}/${admin.id}`).expect(200);
    expect(page.text).not.toContain('nulstil-tofaktor');
    expect(page.text).not.toContain('Nulstil tofaktor-login');
    expect(page.text).toContain('Du kan ikke nulstille dit eget tofaktor-login');
  });
});

describe('the last active admin', () => {
  it('cannot be made staff or deactivated; two admins demoting each other at once cannot both succeed', async () => {
    // Only this test's admins are active admins.
    await ctx.db.prisma.user.updateMany({ where: { role: 'ADMIN', id: { not: admin.id } }, data: { active: false } });

    const refused = await accountAction(adminAgent, admin.id, 'rolle', { role: 'STAFF' }).then(expectStatus(409));
    expect(refused.text).toContain('mindst én aktiv administrator');
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('ADMIN');

    // Through the service (no self-check): the one active admin is not deactivated.
    const service = createStaffAccountService(ctx.db.prisma);
    const other = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const now = ctx.clock.now();
    await ctx.db.prisma.user.update({ where: { id: admin.id }, data: { active: false } });
    try {
      expect(await service.deactivate(other.id, other.version, { actorUserId: admin.id, requestId: null, now })).toEqual({
        ok: false,
        reason: 'last-admin',
      });
    } finally {
      await ctx.db.prisma.user.update({ where: { id: admin.id }, data: { active: true } });
    }

    // Two admins (admin and other) demote each other at the same moment: one wins.
    const [a, b] = await Promise.all([
      service.changeRole(other.id, 'STAFF', other.version, { actorUserId: admin.id, requestId: null, now }),
      service.changeRole(admin.id, 'STAFF', (await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).version, {
        actorUserId: other.id,
        requestId: null,
        now,
      }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(await ctx.db.prisma.user.count({ where: { role: 'ADMIN', active: true } })).toBe(1);

    // Put things back for any later test: admin stays admin.
    await ctx.db.prisma.user.update({ where: { id: admin.id }, data: { role: 'ADMIN' } });
  });
});
