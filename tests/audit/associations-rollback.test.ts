// Every state change of the association pages writes its audit row in its own
// transaction: when that row cannot be written, the reader gets the error page, the
// change is rolled back and no e-mail is queued.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { logIn, postForm } from '../helpers/http.js';
import { NEW_PASSWORD, profileFormOf, registrationForm, submitRegistration } from '../helpers/forms.js';
import { aUser, TEST_PASSWORD, referenceData, type ReferenceData, anAssociation } from '../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../helpers/audit.js';
import { INVITATION_VALID_DAYS } from '../../src/features/associations/invitation-token.js';
import { newSecretToken } from '../../src/security/secret-token.js';

let ctx: TestContext;
let ref: ReferenceData;
beforeAll(async () => {
  ctx = await createTestContext();
  ref = await referenceData(ctx.db.prisma);
  await ctx.db.prisma.municipalitySettings.create({ data: { name: 'Testkommune', contactEmail: 'frivillig@kommune.example.org' } });
});
afterEach(() => allowAuditWrites(ctx.db.prisma));
afterAll(() => ctx.close());

/** Jobs waiting in the queue (queued e-mail among them). */
async function queuedJobs(): Promise<number> {
  const [row] = await ctx.db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs`;
  return row?.n ?? 0;
}

/** Runs `request` with audit writes refused; expects the error page and no new job. */
async function failsWithoutAudit(request: () => Promise<{ status: number; text: string }>): Promise<void> {
  await ctx.runJobs();
  const jobsBefore = await queuedJobs();
  await failAuditWrites(ctx.db.prisma);
  const response = await request();
  await allowAuditWrites(ctx.db.prisma);
  expect(response.status).toBe(500);
  expect(response.text).toContain('Der skete en fejl');
  expect(await queuedJobs()).toBe(jobsBefore);
}

async function associationWithMember(name: string, status: 'APPROVED' | 'PENDING' | 'REJECTED' = 'APPROVED') {
  const association = await anAssociation(ctx.db.prisma, {
    name,
    status,
    fieldOfWorkIds: [ref.fieldId.idraet],
    localAreaId: ref.areaId.virum,
  });
  const user = await aUser(ctx.db.prisma, { associationId: association.id });
  const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
  return { association, user, agent };
}

async function anInvitation(associationId: number, invitedById: number, email: string) {
  const { token, tokenHash } = newSecretToken();
  const now = ctx.clock.now();
  const invitation = await ctx.db.prisma.associationInvitation.create({
    data: {
      associationId,
      email,
      tokenHash,
      invitedById,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 60 * 60 * 1000),
    },
  });
  return { invitation, token };
}

describe('association changes roll back when their audit row cannot be written', () => {
  it('registration: no user, no association, no e-mail', async () => {
    const form = registrationForm(ref, { name: 'Rulletilbage Forening', accountEmail: 'rulle@example.org' });
    await failsWithoutAudit(() => submitRegistration(supertest.agent(ctx.app), form));
    expect(await ctx.db.prisma.association.count({ where: { name: 'Rulletilbage Forening' } })).toBe(0);
    expect(await ctx.db.prisma.user.count({ where: { email: 'rulle@example.org' } })).toBe(0);
  });

  it('profile update: the profile stays as it was', async () => {
    const { association, agent } = await associationWithMember('Uændret Profil');
    const path = `/min-forening/${association.id}/profil`;
    const form = { ...(await profileFormOf(ctx.db.prisma, association.id)), description: 'Ny tekst', name: 'Nyt Navn' };
    const before = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } });
    await failsWithoutAudit(() => postForm(agent, path, path, form));
    expect(await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } })).toEqual(before);
  });

  it('resubmission of a rejected profile: still rejected, the municipality not told', async () => {
    const { association, agent } = await associationWithMember('Afvist Stadig', 'REJECTED');
    const path = `/min-forening/${association.id}/profil`;
    const form = { ...(await profileFormOf(ctx.db.prisma, association.id)), description: 'Rettet beskrivelse' };
    await failsWithoutAudit(() => postForm(agent, path, path, form));
    const row = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } });
    expect(row.status).toBe('REJECTED');
    expect(row.version).toBe(1);
  });

  it('invitation: none made, no e-mail', async () => {
    const { association, agent } = await associationWithMember('Ingen Invitation');
    const page = `/min-forening/${association.id}/medlemmer`;
    await failsWithoutAudit(() => postForm(agent, page, `${page}/inviter`, { email: 'inviteret@example.org' }));
    expect(await ctx.db.prisma.associationInvitation.count({ where: { associationId: association.id } })).toBe(0);
  });

  it('revoking an invitation: it stays', async () => {
    const { association, user, agent } = await associationWithMember('Invitation Bliver');
    const { invitation } = await anInvitation(association.id, user.id, 'bliver@example.org');
    const page = `/min-forening/${association.id}/medlemmer`;
    await failsWithoutAudit(() => postForm(agent, page, `${page}/invitationer/${invitation.id}/traek-tilbage`));
    expect(await ctx.db.prisma.associationInvitation.count({ where: { id: invitation.id } })).toBe(1);
  });

  it('leaving: the member stays', async () => {
    const { association, user, agent } = await associationWithMember('Medlem Bliver');
    await aUser(ctx.db.prisma, { associationId: association.id });
    const page = `/min-forening/${association.id}/medlemmer`;
    await failsWithoutAudit(() => postForm(agent, page, `${page}/forlad`));
    expect(await ctx.db.prisma.associationMember.count({ where: { associationId: association.id, userId: user.id } })).toBe(1);
  });

  it('accepting an invitation as a logged-in user: not a member, the link still unused', async () => {
    const { association, user } = await associationWithMember('Tiltræden Fejler');
    const invitee = await aUser(ctx.db.prisma);
    const { invitation, token } = await anInvitation(association.id, user.id, invitee.email);
    const agent = await logIn(ctx.app, invitee.email, TEST_PASSWORD);
    await failsWithoutAudit(() => postForm(agent, `/invitation/${token}`, `/invitation/${token}`));
    expect(await ctx.db.prisma.associationMember.count({ where: { associationId: association.id, userId: invitee.id } })).toBe(0);
    expect((await ctx.db.prisma.associationInvitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();
  });

  it('accepting an invitation with a new account: no user made, the link still unused', async () => {
    const { association, user } = await associationWithMember('Ny Konto Fejler');
    const { invitation, token } = await anInvitation(association.id, user.id, 'ny-konto@example.org');
    const agent = supertest.agent(ctx.app);
    await failsWithoutAudit(() =>
      postForm(agent, `/invitation/${token}`, `/invitation/${token}`, {
        accountName: 'Ny Person',
        password: NEW_PASSWORD,
        passwordRepeat: NEW_PASSWORD,
      }),
    );
    expect(await ctx.db.prisma.user.count({ where: { email: 'ny-konto@example.org' } })).toBe(0);
    expect((await ctx.db.prisma.associationInvitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();
  });

  it.each([
    ['approval', 'godkend', {}],
    ['rejection', 'afvis', { reason: 'Mangler en beskrivelse.' }],
  ])('%s: still pending, the members not told', async (_name, action, fields) => {
    const { association } = await associationWithMember(`Afgørelse ${action}`, 'PENDING');
    const staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
    const page = `/medarbejder/foreninger/${association.id}`;
    await failsWithoutAudit(() => postForm(staff, page, `${page}/${action}`, { version: '1', ...fields }));
    const row = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } });
    expect(row.status).toBe('PENDING');
    expect(row.version).toBe(1);
    expect(row.rejectionReason).toBeNull();
  });
});
