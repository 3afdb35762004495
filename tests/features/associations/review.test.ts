import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn, type Agent, expectStatus, postForm } from '../../helpers/http.js';
import { registrationForm, submitRegistration } from '../../helpers/forms.js';
import { aUser, TEST_PASSWORD, anAssociation, referenceData, type ReferenceData } from '../../helpers/factories/index.js';

let ctx: TestContext;
let ref: ReferenceData;
let staff: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  ref = await referenceData(ctx.db.prisma);
  await ctx.db.prisma.municipalitySettings.create({ data: { name: 'Testkommune', contactEmail: 'frivillig@kommune.example.org' } });
  const staffUser = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Sagsbehandler Eksempel' });
  staff = await logIn(ctx.app, staffUser.email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

async function registerPending(name: string, applicantEmail: string) {
  await submitRegistration(supertest.agent(ctx.app), registrationForm(ref, { name, accountEmail: applicantEmail })).then(expectStatus(303));
  return ctx.db.prisma.association.findFirstOrThrow({ where: { name } });
}

const mailTo = async (to: string) => (await ctx.readMail()).filter((m) => m.to === to);

describe('staff review of associations', () => {
  it('keeps a pending association out of the directory and its profile a 404 until staff approve it', async () => {
    const association = await registerPending('Lyngby Løbeklub', 'loeb@example.org');
    const anonymous = supertest(ctx.app);
    expect((await anonymous.get('/foreninger').expect(200)).text).not.toContain('Lyngby Løbeklub');
    await anonymous.get(`/foreninger/${association.slug}`).expect(404);

    const list = await staff.get('/medarbejder/foreninger').expect(200);
    expect(list.text).toContain(`href="/medarbejder/foreninger/${association.id}"`);
    const start = await staff.get('/medarbejder').expect(200);
    expect(start.text).toContain(`href="/medarbejder/foreninger/${association.id}"`);
    expect(start.text).toContain('href="/medarbejder/foreninger"');

    const detail = await staff.get(`/medarbejder/foreninger/${association.id}`).expect(200);
    for (const submitted of [
      'Lyngby Løbeklub',
      'Vi strikker sammen hver tirsdag',
      'Karen Eksempel',
      'strik@example.org',
      '12345674',
      'Virum',
      'Kultur',
      'loeb@example.org',
    ]) {
      expect(detail.text).toContain(submitted);
    }

    await postForm(staff, `/medarbejder/foreninger/${association.id}`, `/medarbejder/foreninger/${association.id}/godkend`, {
      version: '1',
    }).then(expectStatus(303));
    const approved = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } });
    expect(approved.status).toBe('APPROVED');
    expect(approved.approvedAt).toEqual(ctx.clock.now());
    expect(approved.version).toBe(2);

    expect((await anonymous.get('/foreninger').expect(200)).text).toContain('Lyngby Løbeklub');
    await anonymous.get(`/foreninger/${association.slug}`).expect(200);

    const [mail] = await mailTo('loeb@example.org').then((all) => all.filter((m) => m.subject.includes('godkendt')));
    expect(mail?.subject).toBe('Lyngby Løbeklub er godkendt');
    expect(mail?.text).toContain(`/foreninger/${association.slug}`);

    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'association.approved', targetId: String(association.id) } });
    expect(audit).not.toBeNull();
  });

  it('rejects with a reason that the applicant gets by e-mail and sees on the profile page', async () => {
    const association = await registerPending('Tvivlsom Forening', 'tvivl@example.org');
    const missing = await postForm(staff, `/medarbejder/foreninger/${association.id}`, `/medarbejder/foreninger/${association.id}/afvis`, {
      version: '1',
      reason: '   ',
    }).then(expectStatus(422));
    expect(missing.text).toContain('Skriv en begrundelse for afvisningen');

    const reason = 'Beskrivelsen siger ikke, hvad foreningen laver. Skriv lidt mere, og send igen.';
    await postForm(staff, `/medarbejder/foreninger/${association.id}`, `/medarbejder/foreninger/${association.id}/afvis`, {
      version: '1',
      reason,
    }).then(expectStatus(303));
    const rejected = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } });
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.rejectionReason).toBe(reason);
    await supertest(ctx.app).get(`/foreninger/${association.slug}`).expect(404);

    const [mail] = (await mailTo('tvivl@example.org')).filter((m) => m.subject.includes('ikke godkendt'));
    expect(mail?.text).toContain(reason);
    expect(mail?.text).toContain('frivillig@kommune.example.org');

    const applicant = await logIn(ctx.app, 'tvivl@example.org', 'en lang og god adgangssætning');
    const profile = await applicant.get(`/min-forening/${association.id}/profil`).expect(200);
    expect(profile.text).toContain(reason);
    expect(profile.text).toContain('afvist');
  });

  it('gives the second of two reviewers a conflict instead of deciding twice', async () => {
    const association = await registerPending('Dobbeltbehandlet', 'dobbelt@example.org');
    const otherStaff = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const colleague = await logIn(ctx.app, otherStaff.email, TEST_PASSWORD);
    // Both opened the page at version 1; the colleague approves first.
    await postForm(colleague, `/medarbejder/foreninger/${association.id}`, `/medarbejder/foreninger/${association.id}/godkend`, {
      version: '1',
    }).then(expectStatus(303));
    const conflict = await postForm(staff, `/medarbejder/foreninger/${association.id}`, `/medarbejder/foreninger/${association.id}/afvis`, {
      version: '1',
      reason: 'For sent',
    }).then(expectStatus(409));
    expect(conflict.text).toContain('En anden har ændret foreningen eller truffet en afgørelse');
    const row = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } });
    expect(row.status).toBe('APPROVED');
    expect(row.rejectionReason).toBeNull();
  });

  it('writes the decision in Danish even when the reviewer reads the portal in English', async () => {
    const association = await registerPending('Sprogforeningen', 'sprog@example.org');
    const englishStaff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
    await englishStaff.get('/sprog/en').expect(303);
    const page = await englishStaff.get(`/medarbejder/foreninger/${association.id}`).expect(200);
    expect(page.text).toContain('Approve the association');
    await postForm(englishStaff, `/medarbejder/foreninger/${association.id}`, `/medarbejder/foreninger/${association.id}/godkend`, {
      version: '1',
    }).then(expectStatus(303));
    const [mail] = (await mailTo('sprog@example.org')).filter((m) => m.subject.includes('Sprogforeningen er godkendt'));
    expect(mail?.text).toContain('har godkendt Sprogforeningen');
  });

  it('answers 404 for unknown or non-numeric ids', async () => {
    await staff.get('/medarbejder/foreninger/999999').expect(404);
    await staff.get('/medarbejder/foreninger/abc').expect(404);
    await postForm(staff, '/medarbejder/foreninger', '/medarbejder/foreninger/999999/godkend', { version: '1' }).then(expectStatus(404));
  });

  it("links an admin, not other staff, to the association's own pages (#10)", async () => {
    const association = await anAssociation(ctx.db.prisma, { name: 'Bagkontor Forening' });
    const ownPages = `href="/min-forening/${association.id}/opgaver"`;
    expect((await staff.get(`/medarbejder/foreninger/${association.id}`).expect(200)).text).not.toContain(ownPages);
    const adminUser = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const admin = await logIn(ctx.app, adminUser.email, TEST_PASSWORD);
    expect((await admin.get(`/medarbejder/foreninger/${association.id}`).expect(200)).text).toContain(ownPages);
    await admin.get(`/min-forening/${association.id}/opgaver`).expect(200);
  });

  it('is for staff and admins only: members get 403 and nothing changes', async () => {
    const association = await anAssociation(ctx.db.prisma, { status: 'PENDING', fieldOfWorkIds: [ref.fieldId.idraet] });
    const member = await aUser(ctx.db.prisma, { associationId: association.id });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    await agent.get('/medarbejder/foreninger').expect(403);
    await agent.get(`/medarbejder/foreninger/${association.id}`).expect(403);
    // A member's own page has a CSRF token too; the POST is refused all the same.
    await postForm(agent, '/min-side', `/medarbejder/foreninger/${association.id}/godkend`, { version: '1' }).then(expectStatus(403));
    expect((await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } })).status).toBe('PENDING');
    await supertest(ctx.app).get('/medarbejder/foreninger').expect(303).expect('location', '/log-ind');
  });
});
