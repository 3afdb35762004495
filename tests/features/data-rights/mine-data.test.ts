// "Mine data" for citizens without an account: the same answer for every address, a
// link only to addresses we hold interests for, the link's page with exactly that
// address's interests, withdrawing them, the JSON download, expiry and the rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, type Agent } from '../../helpers/http.js';
import { anAssociation, anInterest, anOpening } from '../../helpers/factories/index.js';
import { deleteExpiredDataAccessLinks } from '../../../src/features/data-rights/data-access-links.js';

let ctx: TestContext;
let openingId: number;
let openingTitle: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const association = await anAssociation(ctx.db.prisma, { name: 'Mine Data Forening' });
  const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
  openingId = opening.id;
  openingTitle = opening.title;
});
afterAll(() => ctx.close());

const MINUTE = 60 * 1000;

async function askForLink(email: string, extra: Record<string, string> = {}) {
  const agent = supertest.agent(ctx.app);
  const page = await agent.get('/mine-data').expect(200);
  const response = await agent
    .post('/mine-data')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), email, website: '', ...extra });
  return { agent, response };
}

/** Asks for a link and answers its path from the e-mail. */
async function linkFor(email: string): Promise<{ agent: Agent; path: string }> {
  const before = (await ctx.readMail()).length;
  const { agent, response } = await askForLink(email);
  expect(response.status).toBe(303);
  const mail = (await ctx.readMail()).slice(before).find((m) => m.to.toLowerCase() === email.toLowerCase());
  if (!mail) throw new Error('no link e-mail');
  const path = /https?:\/\/[^/\s]+(\/mine-data\/[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  if (!path) throw new Error('no link in the e-mail');
  return { agent, path };
}

const text = (html: string) => (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('asking for a link', () => {
  it('answers a known and an unknown address alike, and e-mails only the known one', async () => {
    await anInterest(ctx.db.prisma, openingId, { email: 'Kendt.Borger@example.org' });
    const before = (await ctx.readMail()).length;
    const known = await askForLink('kendt.borger@example.org');
    const unknown = await askForLink('ukendt.borger@example.org');
    expect(known.response.status).toBe(303);
    expect(unknown.response.status).toBe(303);
    expect(known.response.headers.location).toBe('/mine-data/sendt');
    expect(unknown.response.headers.location).toBe('/mine-data/sendt');
    const knownPage = await known.agent.get('/mine-data/sendt').expect(200);
    const unknownPage = await unknown.agent.get('/mine-data/sendt').expect(200);
    expect(text(knownPage.text)).toBe(text(unknownPage.text));
    expect(text(knownPage.text)).toContain('Hvis vi har interesser eller beskeder om nye opgaver med den adresse');
    expect(text(knownPage.text)).toContain('har vi hverken interesser eller beskeder med den adresse');

    const mails = (await ctx.readMail()).slice(before);
    expect(mails.map((m) => m.to)).toEqual(['kendt.borger@example.org']);
    expect(mails[0]!.text).toContain('60 minutter');
    // Only the known address got a link row, stored lower-cased with its hash.
    const links = await ctx.db.prisma.dataAccessLink.findMany({ where: { email: { contains: 'borger@example.org' } } });
    expect(links.map((l) => l.email)).toEqual(['kendt.borger@example.org']);
    expect(links[0]!.expiresAt.getTime() - ctx.clock.now().getTime()).toBe(60 * MINUTE);
  });

  it('says on the request page, in both languages, that the link shows interests and alerts for new opportunities', async () => {
    const da = text((await supertest(ctx.app).get('/mine-data').expect(200)).text);
    expect(da).toContain('Du ser også dine beskeder om nye frivilligopgaver og kan stoppe dem.');
    expect(da).toContain('Har vi interesser eller beskeder om nye opgaver med den adresse, sender vi et link til den.');
    const en = supertest.agent(ctx.app);
    await en.get('/sprog/en').expect(303);
    const request = text((await en.get('/mine-data').expect(200)).text);
    expect(request).toContain('You also see your alerts for new volunteering opportunities and can stop them.');
    expect(request).toContain('If we have interests or alerts for new opportunities with that address, we send a link to it.');
    const sent = text((await en.get('/mine-data/sendt').expect(200)).text);
    expect(sent).toContain('If we have interests or alerts for new opportunities with that address, we have sent a link to it.');
    expect(sent).toContain('we have neither interests nor alerts with that address');
  });

  it('re-renders a bad address with 422, and answers the honeypot as a success without sending', async () => {
    const { response } = await askForLink('ikke-en-adresse');
    expect(response.status).toBe(422);
    expect(response.text).toContain('Skriv en gyldig e-mailadresse');
    expect(response.text).toContain('value="ikke-en-adresse"');

    await anInterest(ctx.db.prisma, openingId, { email: 'honning@example.org' });
    const before = (await ctx.readMail()).length;
    const robot = await askForLink('honning@example.org', { website: 'http://spam.example' });
    expect(robot.response.status).toBe(303);
    expect(robot.response.headers.location).toBe('/mine-data/sendt');
    expect((await ctx.readMail()).slice(before)).toEqual([]);
  });

  it('refuses a sixth link for one address within the hour with 429, as a security event', async () => {
    for (let i = 0; i < 5; i += 1) expect((await askForLink('mange@example.org')).response.status).toBe(303);
    const { response } = await askForLink('MANGE@example.org');
    expect(response.status).toBe(429);
    expect(response.text).toContain('Du har bedt om links for mange gange');
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'dataRights.linkRateLimited' } })).toBe(1);
  });
});

describe('the link', () => {
  it('lists exactly the interests given with that address, case-insensitively', async () => {
    const mine1 = await anInterest(ctx.db.prisma, openingId, { email: 'a_b@example.org', status: 'CONTACTED' });
    const mine2 = await anInterest(ctx.db.prisma, openingId, { email: 'A_B@Example.org' });
    // `_` is a LIKE wildcard: an address matching it as a pattern is someone else.
    const other = await anInterest(ctx.db.prisma, openingId, { email: 'axb@example.org', name: 'Anden Person' });
    const { agent, path } = await linkFor('a_b@example.org');
    const page = await agent.get(path).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain('2 interesser');
    expect(page.text).toContain(`${path}/tilbagetraek/${mine1.interest.id}`);
    expect(page.text).toContain(`${path}/tilbagetraek/${mine2.interest.id}`);
    expect(page.text).not.toContain(`/tilbagetraek/${other.interest.id}"`);
    expect(page.text).toContain(`<a href="/opgaver/${openingId}">${openingTitle}</a>`);
    expect(page.text).toContain('Mine Data Forening');
    expect(page.text).toContain('Kontaktet');
  });

  it('downloads every stored field of those interests as an attachment', async () => {
    await anInterest(ctx.db.prisma, openingId, {
      email: 'json@example.org',
      name: 'Jens Json',
      phone: '+45 11 22 33 44',
      message: 'Jeg kan hjælpe om tirsdagen.',
    });
    await anInterest(ctx.db.prisma, openingId, { email: 'ikke-json@example.org' });
    const { agent, path } = await linkFor('json@example.org');
    const response = await agent.get(`${path}/data.json`).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="mine-data.json"');
    expect(response.headers['cache-control']).toBe('no-store');
    const data = JSON.parse(response.text) as { email: string; interests: Record<string, unknown>[] };
    expect(data.email).toBe('json@example.org');
    expect(data.interests).toHaveLength(1);
    expect(data.interests[0]).toMatchObject({
      name: 'Jens Json',
      email: 'json@example.org',
      phone: '+45 11 22 33 44',
      message: 'Jeg kan hjælpe om tirsdagen.',
      consentVersion: 'interest-consent-v1-da',
      consentedAt: '2026-11-20T10:00:00.000Z',
      status: 'NEW',
      opening: { id: openingId, title: openingTitle, association: { name: 'Mine Data Forening' } },
    });
    expect(Object.keys(data.interests[0]!)).not.toContain('withdrawalTokenHash');
  });

  it('withdraws one interest, then all, auditing ids only', async () => {
    const one = await anInterest(ctx.db.prisma, openingId, { email: 'fortryd@example.org', name: 'Frida Fortryd' });
    const two = await anInterest(ctx.db.prisma, openingId, { email: 'fortryd@example.org' });
    const three = await anInterest(ctx.db.prisma, openingId, { email: 'Fortryd@example.org' });
    const bystander = await anInterest(ctx.db.prisma, openingId, { email: 'bliver@example.org' });
    const { agent, path } = await linkFor('fortryd@example.org');
    const page = await agent.get(path).expect(200);
    const token = csrfTokenFrom(page.text);

    const withdrawn = await agent.post(`${path}/tilbagetraek/${one.interest.id}`).type('form').send({ _csrf: token }).expect(303);
    expect(withdrawn.headers.location).toBe(path);
    expect(await ctx.db.prisma.interest.count({ where: { id: one.interest.id } })).toBe(0);
    const after = await agent.get(path).expect(200);
    expect(after.text).toContain('Interessen er trukket tilbage og slettet');
    expect(after.text).toContain('2 interesser');

    // Someone else's interest id through this link: nothing happens to it.
    await agent.post(`${path}/tilbagetraek/${bystander.interest.id}`).type('form').send({ _csrf: token }).expect(303);
    expect(await ctx.db.prisma.interest.count({ where: { id: bystander.interest.id } })).toBe(1);
    await agent.post(`${path}/tilbagetraek/abc`).type('form').send({ _csrf: token }).expect(404);

    await agent.post(`${path}/tilbagetraek-alle`).type('form').send({ _csrf: token }).expect(303);
    expect(await ctx.db.prisma.interest.count({ where: { id: { in: [two.interest.id, three.interest.id] } } })).toBe(0);
    expect(await ctx.db.prisma.interest.count({ where: { id: bystander.interest.id } })).toBe(1);
    const empty = await agent.get(path).expect(200);
    expect(empty.text).toContain('Der er hverken interesser eller beskeder om nye opgaver med din e-mailadresse');

    const audit = await ctx.db.prisma.auditLog.findMany({
      where: { action: 'interest.withdrawn', targetId: { in: [one, two, three].map((i) => String(i.interest.id)) } },
    });
    expect(audit).toHaveLength(3);
    const trail = JSON.stringify(audit.map(({ details, targetId }) => ({ details, targetId })));
    for (const personal of ['fortryd@example.org', 'Frida Fortryd', path.split('/').pop()!]) expect(trail).not.toContain(personal);
  });

  it('needs the CSRF token to withdraw', async () => {
    const { interest } = await anInterest(ctx.db.prisma, openingId, { email: 'csrf@example.org' });
    const { path } = await linkFor('csrf@example.org');
    await supertest(ctx.app).post(`${path}/tilbagetraek/${interest.id}`).type('form').send({}).expect(403);
    expect(await ctx.db.prisma.interest.count({ where: { id: interest.id } })).toBe(1);
  });

  it('stops working after an hour (and the expired row is cleared)', async () => {
    const { interest } = await anInterest(ctx.db.prisma, openingId, { email: 'udloeb@example.org' });
    const { agent, path } = await linkFor('udloeb@example.org');
    const page = await agent.get(path).expect(200);
    ctx.clock.advance(61 * MINUTE);
    try {
      const expired = await agent.get(path).expect(404);
      expect(expired.text).toContain('Linket er udløbet eller ugyldigt');
      expect(expired.text).toContain('href="/mine-data"');
      await agent.get(`${path}/data.json`).expect(404);
      await agent
        .post(`${path}/tilbagetraek-alle`)
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text) })
        .expect(404);
      expect(await ctx.db.prisma.interest.count({ where: { id: interest.id } })).toBe(1);
      expect(await deleteExpiredDataAccessLinks(ctx.db.prisma, ctx.clock.now())).toBeGreaterThan(0);
      expect(await ctx.db.prisma.dataAccessLink.count({ where: { email: 'udloeb@example.org' } })).toBe(0);
    } finally {
      ctx.clock.advance(-61 * MINUTE);
    }
  });

  it('answers unknown and malformed tokens with the 404 page, never a 500', async () => {
    for (const token of ['x'.repeat(43), 'kort', '%3Cscript%3E', 'a'.repeat(300)]) {
      const response = await supertest(ctx.app).get(`/mine-data/${token}`);
      expect([token, response.status]).toEqual([token, 404]);
      expect(response.text).toContain('Linket virker ikke længere');
    }
    await supertest(ctx.app).get('/mine-data/kort/data.json').expect(404);
  });

  it('speaks English', async () => {
    const page = await supertest(ctx.app).get('/mine-data').set('Cookie', 'lang=en').expect(200);
    expect(page.text).toContain('Send me a link');
    await anInterest(ctx.db.prisma, openingId, { email: 'english@example.org' });
    const { agent, path } = await linkFor('english@example.org');
    const list = await agent.get(path).set('Cookie', 'lang=en').expect(200);
    expect(list.text).toContain('Withdraw and delete your interest');
    // The association's own (Danish) text is marked as Danish on the English page.
    expect(list.text).toContain(`<h3 class="h4 mt-0" lang="da"><a href="/opgaver/${openingId}">`);
    const footer = await supertest(ctx.app).get('/').expect(200);
    expect(footer.text).toContain('href="/mine-data"');
  });
});
