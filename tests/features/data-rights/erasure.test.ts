// An admin erases a person on request: a preview with the counts (the address in the
// body, never the URL), then the erasure in one go — interests, a member account and its
// sessions, links and invitations for the address; the address scrubbed from older
// audit rows; one audit row with counts only. Staff accounts and last members refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn, type Agent } from '../../helpers/http.js';
import { allowAuditWrites, failAuditWrites } from '../../helpers/audit.js';
import { aUser, anAssociation, anInterest, anOpening, TEST_PASSWORD } from '../../helpers/factories/index.js';

let ctx: TestContext;
let admin: Agent;
let openingId: number;
let associationId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  const adminUser = await aUser(ctx.db.prisma, { role: 'ADMIN' });
  admin = await logIn(ctx.app, adminUser.email, TEST_PASSWORD);
  const association = await anAssociation(ctx.db.prisma);
  associationId = association.id;
  openingId = (await anOpening(ctx.db.prisma, association.id, { detailed: true })).id;
});
afterAll(() => ctx.close());

async function post(agent: Agent, form: Record<string, string>) {
  const page = await agent.get('/administration/sletning').expect(200);
  return agent
    .post('/administration/sletning')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...form });
}

describe('erasing a person', () => {
  it('previews, then erases interests, the member account, its sessions, links and invitations, auditing counts only', async () => {
    const email = 'slet.mig@example.org';
    await aUser(ctx.db.prisma, { associationId });
    const person = await aUser(ctx.db.prisma, { email, name: 'Slette Svendsen', associationId });
    const personSession = await logIn(ctx.app, email, TEST_PASSWORD);
    const interests = [
      await anInterest(ctx.db.prisma, openingId, { email, name: 'Slette Svendsen' }),
      await anInterest(ctx.db.prisma, openingId, { email: 'Slet.Mig@example.org' }),
    ];
    const bystander = await anInterest(ctx.db.prisma, openingId, { email: 'slet.mig@example.org.dk' });
    await ctx.db.prisma.dataAccessLink.create({ data: { email, tokenHash: 'h'.repeat(64), expiresAt: new Date('2030-01-01') } });
    await ctx.db.prisma.associationInvitation.create({
      data: { associationId, email: 'SLET.MIG@example.org', tokenHash: 'i'.repeat(64), expiresAt: new Date('2030-01-01') },
    });
    // An older row whose details hold the address (no action writes one today; the scrub covers any that might).
    const older = await ctx.db.prisma.auditLog.create({
      data: {
        action: 'test.withEmail',
        details: {
          to: 'Slet.Mig@example.org',
          note: `sendt til ${email}. Kopi til xslet.mig@example.org og slet.mig@example.org.dk`,
          count: 2,
        },
      },
    });

    const preview = await post(admin, { email: 'Slet.Mig@Example.org', step: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.text).toMatch(/Interesser<\/dt>\s*<dd>2<\/dd>/);
    expect(preview.text).toContain('Ja (foreningsrepræsentant)');
    expect(preview.text).toContain('name="step" value="erase"');
    // Nothing is erased by the preview.
    expect(await ctx.db.prisma.user.count({ where: { id: person.id } })).toBe(1);

    const done = await post(admin, { email: 'Slet.Mig@Example.org', step: 'erase' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('2 interesser er slettet');
    expect(done.text).toContain('Kontoen er slettet');

    const prisma = ctx.db.prisma;
    expect(await prisma.interest.count({ where: { id: { in: interests.map((i) => i.interest.id) } } })).toBe(0);
    expect(await prisma.interest.count({ where: { id: bystander.interest.id } })).toBe(1);
    expect(await prisma.user.count({ where: { id: person.id } })).toBe(0);
    expect(await prisma.dataAccessLink.count({ where: { email } })).toBe(0);
    expect(await prisma.associationInvitation.count({ where: { tokenHash: 'i'.repeat(64) } })).toBe(0);
    const out = await personSession.get('/min-side');
    expect([out.status, out.headers.location]).toEqual([303, '/log-ind']);

    const scrubbed = await prisma.auditLog.findUniqueOrThrow({ where: { id: older.id } });
    // Only the address itself: longer addresses that contain it are other people's.
    expect(scrubbed.details).toEqual({
      to: '(slettet)',
      note: 'sendt til (slettet). Kopi til xslet.mig@example.org og slet.mig@example.org.dk',
      count: 2,
    });

    const erased = await prisma.auditLog.findMany({ where: { action: 'person.erased' } });
    expect(erased).toHaveLength(1);
    expect(erased[0]!.details).toEqual({ interests: 2, alerts: 0, account: true });
    expect(erased[0]!.targetId).toBe('-');
    const everything = JSON.stringify(
      (await prisma.auditLog.findMany()).map(({ details, targetId, action }) => ({ details, targetId, action })),
    ).toLowerCase();
    expect(everything).not.toContain('slet.mig@example.org"');
    expect(everything).not.toContain('slette svendsen');
  });

  it('erases interests of an address without an account', async () => {
    await anInterest(ctx.db.prisma, openingId, { email: 'kun.interesse@example.org' });
    const done = await post(admin, { email: 'kun.interesse@example.org', step: 'erase' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('1 interesse er slettet');
    expect(done.text).toContain('Der var ingen konto');
    expect(await ctx.db.prisma.interest.count({ where: { email: 'kun.interesse@example.org' } })).toBe(0);
  });

  it('refuses staff accounts (deactivate instead) and an association’s last member', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF', email: 'medarbejder.slet@example.org' });
    await anInterest(ctx.db.prisma, openingId, { email: 'medarbejder.slet@example.org' });
    const staffPreview = await post(admin, { email: staff.email, step: 'preview' });
    expect(staffPreview.text).toContain('Deaktivér kontoen i stedet');
    expect(staffPreview.text).not.toContain('value="erase"');
    // The page says what it is about: a refusal, not "what will be erased".
    expect(staffPreview.text).toMatch(/<h1>Kan ikke slettes her<\/h1>/);
    expect(staffPreview.text).not.toContain('Det slettes');
    const staffErase = await post(admin, { email: staff.email, step: 'erase' });
    expect(staffErase.status).toBe(409);
    expect(await ctx.db.prisma.user.count({ where: { id: staff.id } })).toBe(1);
    expect(await ctx.db.prisma.interest.count({ where: { email: staff.email } })).toBe(1);

    const lonely = await anAssociation(ctx.db.prisma, { name: 'Ensom Forening' });
    const last = await aUser(ctx.db.prisma, { associationId: lonely.id });
    const lastPreview = await post(admin, { email: last.email, step: 'preview' });
    expect(lastPreview.text).toContain('Ensom Forening');
    expect((await post(admin, { email: last.email, step: 'erase' })).status).toBe(409);
    expect(await ctx.db.prisma.user.count({ where: { id: last.id } })).toBe(1);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'person.erased' } })).toBe(2);
  });

  it('erases nothing when its audit row cannot be written', async () => {
    const { interest } = await anInterest(ctx.db.prisma, openingId, { email: 'uden.spor@example.org' });
    const page = await admin.get('/administration/sletning').expect(200);
    await failAuditWrites(ctx.db.prisma);
    try {
      const response = await admin
        .post('/administration/sletning')
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), email: 'uden.spor@example.org', step: 'erase' });
      expect(response.status).toBe(500);
    } finally {
      await allowAuditWrites(ctx.db.prisma);
    }
    expect(await ctx.db.prisma.interest.count({ where: { id: interest.id } })).toBe(1);
  });

  it('says when there is nothing, and re-renders a bad address with 422', async () => {
    const nothing = await post(admin, { email: 'ingen@example.org', step: 'preview' });
    expect(nothing.text).toContain('Portalen har intet med den adresse');
    // Just the sentence and a way back: no "Erase (0)" button, no counts.
    expect(nothing.text).toMatch(/<h1>Intet at slette<\/h1>/);
    expect(nothing.text).not.toContain('value="erase"');
    expect(nothing.text).not.toContain('Slet for altid');
    expect(nothing.text).not.toContain('<dt>');
    expect(nothing.text).toContain('<a href="/administration/sletning">Tilbage til sletning</a>');
    const bad = await post(admin, { email: 'ikke en adresse', step: 'preview' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Skriv en gyldig e-mailadresse');
  });

  it('has the breadcrumbs of the other admin pages: Forside, then Administration (#10: every trail starts at the front page)', async () => {
    const crumbs = (html: string) => {
      const start = html.indexOf('<nav class="breadcrumbs"');
      return html.slice(start, html.indexOf('</nav>', start));
    };
    const page = crumbs((await admin.get('/administration/sletning').expect(200)).text);
    const sibling = crumbs((await admin.get('/administration/log').expect(200)).text);
    expect(page).toContain('<a class="breadcrumbs__link" href="/administration">Administration</a>');
    for (const trail of [page, sibling]) {
      expect(trail).toContain('href="/">Forside</a>');
      expect(trail.indexOf('href="/">Forside</a>')).toBeLessThan(trail.indexOf('href="/administration"'));
    }
  });

  it('is for admins only', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    await agent.get('/administration/sletning').expect(403);
    const member = await aUser(ctx.db.prisma, { associationId });
    const memberAgent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const page = await memberAgent.get('/min-side').expect(200);
    await anInterest(ctx.db.prisma, openingId, { email: 'beskyttet@example.org' });
    await memberAgent
      .post('/administration/sletning')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), email: 'beskyttet@example.org', step: 'erase' })
      .expect(403);
    expect(await ctx.db.prisma.interest.count({ where: { email: 'beskyttet@example.org' } })).toBe(1);
    const anonymous = await supertest(ctx.app).get('/administration/sletning');
    expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/log-ind']);
  });
});
