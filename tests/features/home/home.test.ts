import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anAssociation, anOpening } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.db.prisma.municipalitySettings.create({
    data: { id: 1, name: 'Testrup Kommune', contactEmail: 'frivillig@example.org' },
  });
  const approved = await anAssociation(ctx.db.prisma, { name: 'Lektiecaféen' });
  const pending = await anAssociation(ctx.db.prisma, { name: 'Ventende Forening', status: 'PENDING' });
  await anOpening(ctx.db.prisma, approved.id, { title: 'Lektiehjælper søges' });
  await anOpening(ctx.db.prisma, approved.id, { title: 'Kladde der ikke vises', status: 'DRAFT' });
  await anOpening(ctx.db.prisma, approved.id, { title: 'Udløbet opgave', deadline: new Date('2026-11-01') });
  await anOpening(ctx.db.prisma, pending.id, { title: 'Opgave fra ventende forening' });
});
afterAll(() => ctx.close());

describe('home page', () => {
  it('says what the portal is, offers search, lists public openings only, and links onwards', async () => {
    const response = await supertest(ctx.app).get('/').expect(200);
    const html = response.text;
    expect(html).toContain('<html lang="da"');
    expect(html).toContain('<title>Forside – Frivillig i Testrup Kommune</title>');
    expect(html).toContain('dkfds-borgerdk.min.css');
    expect(html).toMatch(/<form method="get" action="\/opgaver" role="search"/);
    expect(html).toContain('Lektiehjælper søges');
    // The totals count public openings and approved associations only.
    expect(html).toContain('Lige nu er der 1 frivilligopgave fra 1 forening eller fællesskab.');
    expect(html).not.toContain('Kladde der ikke vises');
    expect(html).not.toContain('Udløbet opgave');
    expect(html).not.toContain('Opgave fra ventende forening');
    expect(html).toContain('href="/foreninger"');
    // Associations find the registration from the home page (#10).
    expect(html).toMatch(/<a href="\/foreninger\/ny">Registrér jeres forening<\/a>/);
    expect(html).toContain('href="/log-ind"');
    expect(html).toContain('href="/tilgaengelighed"');
    // An anonymous visit to a page without forms creates no session.
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('gives the totals, and no openings, when none is public (the totals and the newest openings come in one statement)', async () => {
    const empty = await createTestContext();
    try {
      await anAssociation(empty.db.prisma, { name: 'Forening uden opgaver' });
      const front = await empty.services.home.frontPage(empty.clock.now());
      expect(front).toEqual({ openings: [], counts: { openings: 0, associations: 1 } });
      const again = await ctx.services.home.frontPage(ctx.clock.now());
      expect(again.counts).toEqual({ openings: 1, associations: 1 });
      expect(again.openings.map((opening) => opening.title)).toEqual(['Lektiehjælper søges']);
    } finally {
      await empty.close();
    }
  });

  it('serves the design system assets itself', async () => {
    await supertest(ctx.app).get('/assets/dkfds/css/dkfds-borgerdk.min.css').expect(200).expect('Content-Type', /css/);
    await supertest(ctx.app)
      .get('/assets/dkfds/js/dkfds.min.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await supertest(ctx.app).get('/static/js/app.js').expect(200);
  });
});

describe('language switch', () => {
  it('switches to English, remembers it, and returns to the same page', async () => {
    const agent = supertest.agent(ctx.app);
    const switched = await agent.get('/sprog/en?tilbage=%2Fprivatliv').expect(303);
    expect(switched.headers.location).toBe('/privatliv');
    expect(String(switched.headers['set-cookie'])).toMatch(/lang=en;.*HttpOnly/);
    const page = await agent.get('/').expect(200);
    expect(page.text).toContain('<html lang="en"');
    expect(page.text).toContain('Volunteer in Testrup Kommune');
    expect(page.text).toContain('Latest volunteering opportunities');
    expect(page.text).toContain('Right now you can choose from 1 volunteering opportunity offered by 1 association or community.');
    const back = await agent.get('/sprog/da?tilbage=%2F').expect(303);
    expect(back.headers.location).toBe('/');
    expect((await agent.get('/')).text).toContain('<html lang="da"');
  });

  it('never redirects off the site and ignores unknown languages', async () => {
    await supertest(ctx.app).get('/sprog/en?tilbage=%2F%2Fevil.example').expect(303).expect('location', '/');
    await supertest(ctx.app).get('/sprog/en?tilbage=https%3A%2F%2Fevil.example').expect(303).expect('location', '/');
    const unknown = await supertest(ctx.app).get('/sprog/xx').expect(303);
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('links the other language, named in that language, from every page', async () => {
    const html = (await supertest(ctx.app).get('/privatliv').expect(200)).text;
    expect(html).toMatch(/<a href="\/sprog\/en\?tilbage=%2Fprivatliv" lang="en" hreflang="en"[^>]*>.*English<\/a>/s);
    expect(html).not.toContain('href="/sprog/da');
    const english = (await supertest(ctx.app).get('/privatliv').set('Cookie', 'lang=en').expect(200)).text;
    expect(english).toMatch(/<a href="\/sprog\/da\?tilbage=%2Fprivatliv" lang="da"[^>]*>.*Dansk<\/a>/s);
  });
});
