// The association's interests page: its own interests only (by URL guessing too),
// filters, status changes audited without personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn, type Agent } from '../../helpers/http.js';
import { aUser, anAssociation, TEST_PASSWORD, anOpening, anInterest, daysBefore } from '../../helpers/factories/index.js';

let ctx: TestContext;
let a: { id: number };
let b: { id: number };
let aAgent: Agent;
let bInterestId: number;
let aInterestId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  a = await anAssociation(prisma, { name: 'Forening A' });
  b = await anAssociation(prisma, { name: 'Forening B' });
  const aOpening = await anOpening(prisma, a.id, { detailed: true, title: 'A-opgave' });
  const aOther = await anOpening(prisma, a.id, { detailed: true, title: 'A-opgave to' });
  const bOpening = await anOpening(prisma, b.id, { detailed: true, title: 'B-opgave' });
  const now = ctx.clock.now();
  aInterestId = (await anInterest(prisma, aOpening.id, { name: 'Ældste Aase', createdAt: daysBefore(now, 5) })).interest.id;
  await anInterest(prisma, aOpening.id, { name: 'Nyeste Niels', createdAt: daysBefore(now, 1), phone: null, message: '' });
  await anInterest(prisma, aOther.id, { name: 'Kontaktet Karen', status: 'CONTACTED', createdAt: daysBefore(now, 3) });
  bInterestId = (await anInterest(prisma, bOpening.id, { name: 'Hemmelige Hans', email: 'hans@example.org' })).interest.id;
  const member = await aUser(prisma, { associationId: a.id });
  aAgent = await logIn(ctx.app, member.email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

describe('the download of the interests (#10)', () => {
  it('holds every interest of the association, none of another, as a CSV for Danish Excel, never cached', async () => {
    const list = await aAgent.get(`/min-forening/${a.id}/interesserede`).expect(200);
    expect(list.text).toContain(`href="/min-forening/${a.id}/interesserede.csv"`);
    const response = await aAgent.get(`/min-forening/${a.id}/interesserede.csv`).buffer(true).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="interesserede-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers['cache-control']).toBe('no-store');
    const text = String(response.text);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Opgave;Navn;E-mail;Telefon;Besked;Status;Vist interesse');
    expect(lines).toHaveLength(4);
    expect(text).toContain('Ældste Aase');
    expect(text).toContain('Kontaktet;');
    expect(text).not.toContain('Hemmelige Hans');
  });

  it("is refused for another association's members", async () => {
    await aAgent.get(`/min-forening/${b.id}/interesserede.csv`).expect(403);
  });

  it('guards what a citizen typed that a spreadsheet would run as a formula', async () => {
    const c = await anAssociation(ctx.db.prisma, { name: 'Forening C' });
    const opening = await anOpening(ctx.db.prisma, c.id, { detailed: true, title: 'Formel-opgave' });
    await anInterest(ctx.db.prisma, opening.id, { name: '=HYPERLINK("http://example.org","klik")', message: '+1+1', phone: '-2' });
    const member = await aUser(ctx.db.prisma, { associationId: c.id });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const response = await agent.get(`/min-forening/${c.id}/interesserede.csv`).buffer(true).expect(200);
    const line = String(response.text)
      .split('\r\n')
      .find((row) => row.startsWith('Formel-opgave'));
    expect(line).toContain(`"'=HYPERLINK(""http://example.org"",""klik"")"`);
    expect(line).toContain(";'+1+1;");
    expect(line).toContain(";'-2;");
  });
});

describe('the interests list', () => {
  it('shows the association’s own interests, newest first, and none of another’s', async () => {
    const page = await aAgent.get(`/min-forening/${a.id}/interesserede`).expect(200);
    const html = page.text;
    expect(html).toContain('3 interesserede');
    const order = ['Nyeste Niels', 'Kontaktet Karen', 'Ældste Aase'].map((name) => html.indexOf(name));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(html).not.toContain('Hemmelige Hans');
    expect(html).toContain('Ikke oplyst');
    expect(html).toContain('Ingen besked');
  });

  it('filters by status and by opening', async () => {
    const contacted = await aAgent.get(`/min-forening/${a.id}/interesserede?status=CONTACTED`).expect(200);
    expect(contacted.text).toContain('Kontaktet Karen');
    expect(contacted.text).not.toContain('Nyeste Niels');
    const aOpening = await ctx.db.prisma.opening.findFirstOrThrow({ where: { title: 'A-opgave' } });
    const byOpening = await aAgent.get(`/min-forening/${a.id}/interesserede?opgave=${aOpening.id}`).expect(200);
    expect(byOpening.text).toContain('Nyeste Niels');
    expect(byOpening.text).not.toContain('Kontaktet Karen');
    // Another association's opening id as filter shows nothing of theirs.
    const bOpening = await ctx.db.prisma.opening.findFirstOrThrow({ where: { title: 'B-opgave' } });
    const guessed = await aAgent.get(`/min-forening/${a.id}/interesserede?opgave=${bOpening.id}`).expect(200);
    expect(guessed.text).not.toContain('Hemmelige Hans');
    expect(guessed.text).toContain('Ingen interesserede passer til filteret');
    // Nonsense filters are ignored, not errors.
    await aAgent.get(`/min-forening/${a.id}/interesserede?status=HACK&opgave=abc&side=-4`).expect(200);
    await aAgent.get(`/min-forening/${a.id}/interesserede?status=NEW&status=CONTACTED`).expect(400);
  });

  it('renders in English', async () => {
    await aAgent.get('/sprog/en').expect(303);
    const page = await aAgent.get(`/min-forening/${a.id}/interesserede`).expect(200);
    expect(page.text).toContain('3 interested volunteers');
    expect(page.text).toContain('Save status');
    await aAgent.get('/sprog/da').expect(303);
  });
});

describe('access (IDOR, anonymous)', () => {
  it('denies association A the pages of association B (403) and leaves B’s rows unchanged', async () => {
    const list = await aAgent.get(`/min-forening/${a.id}/interesserede`);
    const token = csrfTokenFrom(list.text);
    await aAgent.get(`/min-forening/${b.id}/interesserede`).expect(403);
    await aAgent
      .post(`/min-forening/${b.id}/interesserede/${bInterestId}/status`)
      .type('form')
      .send({ _csrf: token, status: 'DECLINED' })
      .expect(403);
    // B's interest id under A's own association: 404, nothing changes.
    await aAgent
      .post(`/min-forening/${a.id}/interesserede/${bInterestId}/status`)
      .type('form')
      .send({ _csrf: token, status: 'DECLINED' })
      .expect(404);
    const row = await ctx.db.prisma.interest.findUniqueOrThrow({ where: { id: bInterestId } });
    expect(row.status).toBe('NEW');
    expect(row.statusChangedAt).toBeNull();
    const denied = await ctx.db.prisma.auditLog.count({ where: { action: 'access.denied' } });
    expect(denied).toBeGreaterThanOrEqual(2);
  });

  it('sends anonymous readers to log in and changes nothing', async () => {
    await supertest(ctx.app).get(`/min-forening/${a.id}/interesserede`).expect(303).expect('location', '/log-ind');
    const agent = supertest.agent(ctx.app);
    const login = await agent.get('/log-ind');
    await agent
      .post(`/min-forening/${a.id}/interesserede/${aInterestId}/status`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(login.text), status: 'DECLINED' })
      .expect(303)
      .expect('location', '/log-ind');
    expect((await ctx.db.prisma.interest.findUniqueOrThrow({ where: { id: aInterestId } })).status).toBe('NEW');
  });

  it('denies staff who are not admins; lets admins see any association’s interests', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const staffAgent = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    await staffAgent.get(`/min-forening/${b.id}/interesserede`).expect(403);
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const adminAgent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    const page = await adminAgent.get(`/min-forening/${b.id}/interesserede`).expect(200);
    expect(page.text).toContain('Hemmelige Hans');
    await adminAgent.get('/min-forening/999999/interesserede').expect(404);
    await adminAgent.get('/min-forening/abc/interesserede').expect(404);
  });

  it('refuses an unknown status with 422 and changes nothing', async () => {
    const list = await aAgent.get(`/min-forening/${a.id}/interesserede`);
    const response = await aAgent
      .post(`/min-forening/${a.id}/interesserede/${aInterestId}/status`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(list.text), status: 'DELETED' })
      .expect(422);
    expect(response.text).toContain('Vælg en af de viste statusser');
    expect(response.text).toContain(`href="#status-${aInterestId}"`);
    expect((await ctx.db.prisma.interest.findUniqueOrThrow({ where: { id: aInterestId } })).status).toBe('NEW');
    await aAgent
      .post(`/min-forening/${a.id}/interesserede/abc/status`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(list.text), status: 'NEW' })
      .expect(404);
  });

  it('keeps the list’s filter when returning after a change', async () => {
    const list = await aAgent.get(`/min-forening/${a.id}/interesserede?status=NEW`);
    const response = await aAgent
      .post(`/min-forening/${a.id}/interesserede/${aInterestId}/status`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(list.text), status: 'ACCEPTED', listStatus: 'NEW' })
      .expect(303);
    expect(response.headers.location).toBe(`/min-forening/${a.id}/interesserede?status=NEW#interest-${aInterestId}`);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'interest.status.changed', targetId: String(aInterestId) },
    });
    expect(JSON.stringify(audit.details)).not.toMatch(/Aase|example\.org/);
  });

  it('shows the confirmation in the interest the page lands on, not at the top (#10)', async () => {
    const list = await aAgent.get(`/min-forening/${a.id}/interesserede`);
    await aAgent
      .post(`/min-forening/${a.id}/interesserede/${aInterestId}/status`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(list.text), status: 'CONTACTED' })
      .expect(303);
    const page = (await aAgent.get(`/min-forening/${a.id}/interesserede`).expect(200)).text;
    const card = page.slice(page.indexOf(`id="interest-${aInterestId}"`));
    expect(card.slice(0, card.indexOf('</li>'))).toContain('Status er gemt.');
    // Once, and only there.
    expect(page.split('Status er gemt.')).toHaveLength(2);
  });
});
