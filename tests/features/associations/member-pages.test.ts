import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn, expectStatus, postForm } from '../../helpers/http.js';
import { profileFormOf } from '../../helpers/forms.js';
import { aUser, TEST_PASSWORD, anAssociation, referenceData, type ReferenceData } from '../../helpers/factories/index.js';

let ctx: TestContext;
let ref: ReferenceData;
beforeAll(async () => {
  ctx = await createTestContext();
  ref = await referenceData(ctx.db.prisma);
  await ctx.db.prisma.municipalitySettings.create({ data: { name: 'Testkommune', contactEmail: 'frivillig@kommune.example.org' } });
});
afterAll(() => ctx.close());

async function associationWithMember(name: string, status: 'APPROVED' | 'PENDING' | 'REJECTED' = 'APPROVED') {
  const association = await anAssociation(ctx.db.prisma, {
    name,
    status,
    fieldOfWorkIds: [ref.fieldId.idraet],
    localAreaId: ref.areaId.virum,
  });
  const user = await aUser(ctx.db.prisma, { associationId: association.id, name: `Medlem af ${name}` });
  const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
  return { association, user, agent };
}

describe("editing the association's profile", () => {
  it('saves the profile, bumps the version and writes the audit trail', async () => {
    const { association, user, agent } = await associationWithMember('Redigeringsklubben');
    const page = await agent.get(`/min-forening/${association.id}/profil`).expect(200);
    expect(page.text).toContain('value="Redigeringsklubben"');
    const form = {
      ...(await profileFormOf(ctx.db.prisma, association.id)),
      description: 'Ny beskrivelse',
      fieldsOfWork: [String(ref.fieldId.kultur), String(ref.fieldId.idraet)],
    };
    await postForm(agent, `/min-forening/${association.id}/profil`, `/min-forening/${association.id}/profil`, form).then(expectStatus(303));
    const saved = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id }, include: { fieldsOfWork: true } });
    expect(saved.description).toBe('Ny beskrivelse');
    expect(saved.version).toBe(2);
    expect(saved.fieldsOfWork.map((f) => f.slug).sort()).toEqual(['idraet', 'kultur']);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'association.profile.updated', actorUserId: user.id } })).toBe(1);
  });

  it('ignores a posted status, slug or id (mass assignment)', async () => {
    const { association, agent } = await associationWithMember('Statusforsøget', 'PENDING');
    const form = {
      ...(await profileFormOf(ctx.db.prisma, association.id)),
      status: 'APPROVED',
      slug: 'hacked',
      id: '1',
      approvedAt: '2020-01-01',
    };
    await postForm(agent, `/min-forening/${association.id}/profil`, `/min-forening/${association.id}/profil`, form).then(expectStatus(303));
    const row = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } });
    expect(row.status).toBe('PENDING');
    expect(row.slug).toBe(association.slug);
    expect(row.approvedAt).toBeNull();
  });

  it('gives the second of two simultaneous editors a 409 with their text kept, and saves nothing', async () => {
    const { association, agent } = await associationWithMember('Samtidighed');
    const colleague = await aUser(ctx.db.prisma, { associationId: association.id });
    const other = await logIn(ctx.app, colleague.email, TEST_PASSWORD);
    const opened = await profileFormOf(ctx.db.prisma, association.id); // both opened version 1
    await postForm(other, `/min-forening/${association.id}/profil`, `/min-forening/${association.id}/profil`, {
      ...opened,
      description: 'Kollegaens tekst',
    }).then(expectStatus(303));
    const conflict = await postForm(agent, `/min-forening/${association.id}/profil`, `/min-forening/${association.id}/profil`, {
      ...opened,
      description: 'Min tekst',
    }).then(expectStatus(409));
    expect(conflict.text).toContain('Profilen blev ændret af en anden, mens du redigerede den');
    expect(conflict.text).toContain('Min tekst');
    expect(conflict.text).toContain('name="version" value="2"');
    expect((await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } })).description).toBe('Kollegaens tekst');
  });

  it('re-shows the form with 422 and keeps the version the reader started from', async () => {
    const { association, agent } = await associationWithMember('Fejlformularen');
    const form = { ...(await profileFormOf(ctx.db.prisma, association.id)), name: '', websiteUrl: 'ftp://example.org' };
    const response = await postForm(agent, `/min-forening/${association.id}/profil`, `/min-forening/${association.id}/profil`, form).then(
      expectStatus(422),
    );
    expect(response.text).toContain('Skriv foreningens navn');
    expect(response.text).toContain('Skriv en webadresse, fx www.forening.dk');
    expect(response.text).toContain('name="version" value="1"');
  });

  it('sends a rejected association back for review when its members save the profile', async () => {
    const { association, agent } = await associationWithMember('Anden Chance', 'REJECTED');
    await ctx.db.prisma.association.update({ where: { id: association.id }, data: { rejectionReason: 'Mangler beskrivelse' } });
    const form = { ...(await profileFormOf(ctx.db.prisma, association.id)), description: 'Nu med en ordentlig beskrivelse.' };
    await postForm(agent, `/min-forening/${association.id}/profil`, `/min-forening/${association.id}/profil`, form).then(expectStatus(303));
    const row = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } });
    expect(row.status).toBe('PENDING');
    expect(row.rejectionReason).toBeNull();
    const mail = (await ctx.readMail()).find((m) => m.to === 'frivillig@kommune.example.org' && m.subject.includes('Anden Chance'));
    expect(mail?.subject).toContain('igen');
  });
});

describe("one association cannot see or change another's pages (IDOR)", () => {
  it('answers 403 to URL guessing and leaves the other association untouched', async () => {
    const a = await associationWithMember('Forening A');
    const b = await associationWithMember('Forening B');
    const bBefore = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: b.association.id } });

    await a.agent.get(`/min-forening/${b.association.id}/profil`).expect(403);
    await a.agent.get(`/min-forening/${b.association.id}/medlemmer`).expect(403);
    const bForm = await profileFormOf(ctx.db.prisma, b.association.id);
    // A's own page gives a valid CSRF token; the POSTs to B are refused all the same.
    const own = `/min-forening/${a.association.id}/profil`;
    await postForm(a.agent, own, `/min-forening/${b.association.id}/profil`, { ...bForm, name: 'Overtaget' }).then(expectStatus(403));
    await postForm(a.agent, own, `/min-forening/${b.association.id}/medlemmer/inviter`, { email: 'ind@example.org' }).then(
      expectStatus(403),
    );
    await postForm(a.agent, own, `/min-forening/${b.association.id}/medlemmer/forlad`).then(expectStatus(403));

    const bAfter = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: b.association.id } });
    expect(bAfter).toEqual(bBefore);
    expect(await ctx.db.prisma.associationInvitation.count({ where: { associationId: b.association.id } })).toBe(0);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'access.denied', actorUserId: a.user.id } })).toBeGreaterThanOrEqual(5);
  });

  it("cannot withdraw another association's invitation through its own URL", async () => {
    const a = await associationWithMember('Forening C');
    const b = await associationWithMember('Forening D');
    await postForm(b.agent, `/min-forening/${b.association.id}/medlemmer`, `/min-forening/${b.association.id}/medlemmer/inviter`, {
      email: 'ny@example.org',
    }).then(expectStatus(303));
    const invitation = await ctx.db.prisma.associationInvitation.findFirstOrThrow({ where: { associationId: b.association.id } });
    await postForm(
      a.agent,
      `/min-forening/${a.association.id}/medlemmer`,
      `/min-forening/${a.association.id}/medlemmer/invitationer/${invitation.id}/traek-tilbage`,
    ).then(expectStatus(404));
    expect(await ctx.db.prisma.associationInvitation.count({ where: { id: invitation.id } })).toBe(1);
  });

  it('sends anonymous readers to log in and answers 404 for non-numeric ids', async () => {
    const { association, agent } = await associationWithMember('Forening E');
    await supertest(ctx.app).get(`/min-forening/${association.id}/profil`).expect(303).expect('location', '/log-ind');
    await agent.get('/min-forening/abc/profil').expect(404);
    await agent.get('/min-forening/1.5/medlemmer').expect(404);
  });

  it('lets an admin in to any association', async () => {
    const { association } = await associationWithMember('Forening F');
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const agent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    await agent.get(`/min-forening/${association.id}/profil`).expect(200);
    const members = await agent.get(`/min-forening/${association.id}/medlemmer`).expect(200);
    // An admin is not a member, so there is nothing to leave.
    expect(members.text).not.toContain('/medlemmer/forlad');
  });
});

describe('leaving an association', () => {
  it('does not offer "leave" to the only member, and says why instead (review #16)', async () => {
    const { association, agent } = await associationWithMember('Eneste Medlem');
    const alone = await agent.get(`/min-forening/${association.id}/medlemmer`).expect(200);
    expect(alone.text).not.toContain('/medlemmer/forlad');
    expect(alone.text).toContain('Du er foreningens eneste medlem og kan derfor ikke forlade den.');
    const english = await agent.get(`/min-forening/${association.id}/medlemmer`).set('Cookie', 'lang=en').expect(200);
    expect(english.text).toContain('You are the only member of the association, so you cannot leave it.');

    await aUser(ctx.db.prisma, { associationId: association.id });
    const together = await agent.get(`/min-forening/${association.id}/medlemmer`).expect(200);
    expect(together.text).toContain(`action="/min-forening/${association.id}/medlemmer/forlad"`);
    expect(together.text).not.toContain('eneste medlem');
  });

  it('refuses to let the last member leave, with a clear message', async () => {
    const { association, user, agent } = await associationWithMember('Den Sidste');
    const response = await postForm(
      agent,
      `/min-forening/${association.id}/medlemmer`,
      `/min-forening/${association.id}/medlemmer/forlad`,
    ).then(expectStatus(409));
    expect(response.text).toContain('Du er det sidste medlem og kan derfor ikke forlade foreningen');
    expect(await ctx.db.prisma.associationMember.count({ where: { associationId: association.id, userId: user.id } })).toBe(1);
  });

  it('lets a member leave when others remain, and then shuts them out', async () => {
    const { association, user, agent } = await associationWithMember('Mange Medlemmer');
    await aUser(ctx.db.prisma, { associationId: association.id });
    const response = await postForm(
      agent,
      `/min-forening/${association.id}/medlemmer`,
      `/min-forening/${association.id}/medlemmer/forlad`,
    ).then(expectStatus(303));
    expect(response.headers.location).toBe('/min-side');
    expect(await ctx.db.prisma.associationMember.count({ where: { associationId: association.id } })).toBe(1);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'association.member.left', actorUserId: user.id } })).toBe(1);
    await agent.get(`/min-forening/${association.id}/profil`).expect(403);
  });
});
