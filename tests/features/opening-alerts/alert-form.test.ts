// The alert form and its links: the search in words, the 422s, the honeypot, the same
// answer for every address, the rate limit, the confirmation link's page and its
// refusals, the unsubscribe page for any token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom } from '../../helpers/http.js';
import { aLookup } from '../../helpers/factories/index.js';
import { ALERT_REQUESTS_PER_EMAIL_PER_HOUR } from '../../../src/features/opening-alerts/opening-alert-routes.js';
import { askForAlert, linkIn, text } from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await aLookup(ctx.db.prisma, 'localArea', 'noerrebro', 'Nørrebro', { nameEn: 'Noerrebro district' });
});
afterAll(() => ctx.close());

const DAY = 24 * 60 * 60 * 1000;

describe('the search page', () => {
  it('links to an alert for the search it shows, without sort and page', async () => {
    const page = await supertest(ctx.app).get('/opgaver?omraade=noerrebro&sortering=frist').expect(200);
    expect(page.text).toContain('href="/opgaver/besked?omraade=noerrebro"');
    expect(page.text).toContain('Send mig en e-mail om nye opgaver som disse');
    const plain = await supertest(ctx.app).get('/opgaver').expect(200);
    expect(plain.text).toContain('href="/opgaver/besked"');
  });
});

describe('the form', () => {
  it('describes the search in the reader’s language, dropping what is not a filter', async () => {
    const da = await supertest(ctx.app).get('/opgaver/besked?q=lektier&omraade=noerrebro&omraade=ukendt&tid=WEEKLY&side=3').expect(200);
    const daText = text(da.text);
    expect(daText).toContain('Søgeord: lektier');
    expect(daText).toContain('Lokalområde: Nørrebro');
    expect(daText).not.toContain('ukendt');
    expect(da.text).toContain('name="query" value="q=lektier&amp;omraade=noerrebro&amp;tid=WEEKLY"');
    expect(da.text).toContain('href="/privatliv"');

    const en = await supertest(ctx.app).get('/opgaver/besked?omraade=noerrebro').set('Cookie', 'lang=en').expect(200);
    expect(text(en.text)).toContain('Noerrebro district');
    expect(en.text).toContain('E-mail me');
    const all = await supertest(ctx.app).get('/opgaver/besked').expect(200);
    expect(text(all.text)).toContain('Alle frivilligopgaver');
  });

  it('re-renders with 422, the input kept, for a bad address or no frequency', async () => {
    const { response } = await askForAlert(ctx, 'omraade=noerrebro', { email: 'ikke-en-adresse' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Skriv en gyldig e-mailadresse');
    expect(response.text).toContain('Vælg, hvor ofte du vil have besked');
    expect(response.text).toContain('value="ikke-en-adresse"');
    // The search is still described and kept.
    expect(text(response.text)).toContain('Lokalområde: Nørrebro');
    expect(response.text).toContain('name="query" value="omraade=noerrebro"');
    expect(await ctx.db.prisma.openingAlert.count()).toBe(0);
  });

  it('stores only a valid search, whatever the hidden field says', async () => {
    const agent = supertest.agent(ctx.app);
    const page = await agent.get('/opgaver/besked').expect(200);
    const response = await agent
      .post('/opgaver/besked')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(page.text),
        email: 'manipuleret@example.org',
        frequency: 'DAILY',
        query: 'omraade=noerrebro&omraade=ukendt&tid=NOPE&sortering=frist&side=4&evil=1',
      });
    expect(response.status).toBe(303);
    const alert = await ctx.db.prisma.openingAlert.findFirstOrThrow({ where: { email: 'manipuleret@example.org' } });
    expect(alert.query).toBe('omraade=noerrebro');
    expect(alert.confirmedAt).toBeNull();
  });

  it('answers the honeypot as a success and stores nothing', async () => {
    const before = (await ctx.readMail()).length;
    const { response } = await askForAlert(ctx, '', { email: 'robot@example.org', frequency: 'DAILY', website: 'http://spam' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/opgaver/besked/sendt');
    expect(await ctx.db.prisma.openingAlert.count({ where: { email: 'robot@example.org' } })).toBe(0);
    expect((await ctx.readMail()).length).toBe(before);
  });

  it('answers the same for a new address and one with this search already on, and sends only the new one', async () => {
    const search = 'omraade=noerrebro';
    await ctx.db.prisma.openingAlert.create({
      data: {
        email: 'har.allerede@example.org',
        query: search,
        frequency: 'WEEKLY',
        unsubscribeToken: 'x'.repeat(43),
        confirmedAt: ctx.clock.now(),
        sentUpTo: ctx.clock.now(),
      },
    });
    const before = (await ctx.readMail()).length;
    const known = await askForAlert(ctx, search, { email: 'Har.Allerede@example.org', frequency: 'DAILY' });
    const fresh = await askForAlert(ctx, search, { email: 'Ny.Borger@example.org', frequency: 'WEEKLY' });
    expect(known.response.status).toBe(303);
    expect(fresh.response.status).toBe(303);
    expect(known.response.headers.location).toBe(fresh.response.headers.location);
    const knownPage = await known.agent.get('/opgaver/besked/sendt').expect(200);
    const freshPage = await fresh.agent.get('/opgaver/besked/sendt').expect(200);
    expect(text(knownPage.text)).toBe(text(freshPage.text));
    expect(knownPage.text).toContain('7 dage');

    expect(await ctx.db.prisma.openingAlert.count({ where: { email: 'har.allerede@example.org' } })).toBe(1);
    const mails = (await ctx.readMail()).slice(before);
    expect(mails.map((m) => m.to)).toEqual(['Ny.Borger@example.org']);
    expect(mails[0]!.text).toContain('Lokalområde: Nørrebro');
    expect(mails[0]!.text).toContain('Højst én e-mail om ugen');
    const row = await ctx.db.prisma.openingAlert.findFirstOrThrow({ where: { email: 'ny.borger@example.org' } });
    expect(row.language).toBe('da');
    expect(row.frequency).toBe('WEEKLY');
    // The link's token is stored only as its hash.
    const token = linkIn(mails[0]!.text, 'bekraeft').split('/').pop()!;
    expect(row.confirmTokenHash).not.toBe(token);
    expect(row.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);

    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'openingAlert.created', targetId: String(row.id) } });
    expect(JSON.stringify(audit.details)).not.toContain('example.org');
  });

  it('writes the e-mail in English when the form was in English', async () => {
    const agent = supertest.agent(ctx.app);
    await agent.get('/sprog/en');
    const before = (await ctx.readMail()).length;
    const { response } = await askForAlert(ctx, 'omraade=noerrebro', { email: 'english@example.org', frequency: 'DAILY' }, agent);
    expect(response.status).toBe(303);
    const mail = (await ctx.readMail()).slice(before).find((m) => m.to === 'english@example.org')!;
    expect(mail.subject).toContain('Confirm e-mails about new volunteering opportunities');
    expect(mail.text).toContain('Noerrebro district');
    expect((await ctx.db.prisma.openingAlert.findFirstOrThrow({ where: { email: 'english@example.org' } })).language).toBe('en');

    // Its link opens the confirmation page in English, whatever the reader's cookie says.
    const link = /https?:\/\/[^/\s]+(\/sprog\/en\?tilbage=[^\s]+)/.exec(mail.text)?.[1];
    expect(link).toMatch(/^\/sprog\/en\?tilbage=%2Fopgaver%2Fbesked%2Fbekraeft%2F[A-Za-z0-9_-]{43}$/);
    const reader = supertest.agent(ctx.app);
    await reader.get('/sprog/da').expect(303);
    const switched = await reader.get(link!).expect(303);
    expect(switched.headers.location).toMatch(/^\/opgaver\/besked\/bekraeft\/[A-Za-z0-9_-]{43}$/);
    const page = await reader.get(switched.headers.location as string).expect(200);
    expect(page.headers['content-language']).toBe('en');
    expect(text(page.text)).toContain('Turn on e-mails');
  });

  it('links straight to the confirmation page in a Danish e-mail', async () => {
    const before = (await ctx.readMail()).length;
    await askForAlert(ctx, 'omraade=noerrebro', { email: 'dansk.link@example.org', frequency: 'DAILY' });
    const mail = (await ctx.readMail()).slice(before).find((m) => m.to === 'dansk.link@example.org')!;
    expect(mail.text).not.toContain('/sprog/');
    expect(linkIn(mail.text, 'bekraeft')).toMatch(/^\/opgaver\/besked\/bekraeft\//);
  });

  it('limits requests per e-mail address (429 on the form), failed attempts not counted', async () => {
    const email = 'mange@example.org';
    const failed = await askForAlert(ctx, 'q=ord', { email });
    expect(failed.response.status).toBe(422);
    for (let i = 0; i < ALERT_REQUESTS_PER_EMAIL_PER_HOUR; i += 1) {
      const { response } = await askForAlert(ctx, `q=ord${i}`, { email, frequency: 'DAILY' });
      expect(response.status).toBe(303);
    }
    const { response } = await askForAlert(ctx, 'q=en-til', { email, frequency: 'DAILY' });
    expect(response.status).toBe(429);
    expect(response.text).toContain('Der er bedt om for mange beskeder');
    // Another address from the same network address still gets through.
    const other = await askForAlert(ctx, 'q=andet', { email: 'anden@example.org', frequency: 'DAILY' });
    expect(other.response.status).toBe(303);
    const refusal = await ctx.db.prisma.auditLog.count({ where: { action: 'openingAlert.rateLimited' } });
    expect(refusal).toBe(1);
  });
});

describe('the confirmation link', () => {
  async function newLink(email: string): Promise<string> {
    const before = (await ctx.readMail()).length;
    const { response } = await askForAlert(ctx, 'omraade=noerrebro', { email, frequency: 'DAILY' });
    expect(response.status).toBe(303);
    const mail = (await ctx.readMail()).slice(before).find((m) => m.to === email)!;
    return linkIn(mail.text, 'bekraeft');
  }

  it('shows a page with a button (a GET confirms nothing), then confirms on the POST, once', async () => {
    const path = await newLink('bekraeft@example.org');
    const agent = supertest.agent(ctx.app);
    const page = await agent.get(path).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(text(page.text)).toContain('Lokalområde: Nørrebro');
    expect((await ctx.db.prisma.openingAlert.findFirstOrThrow({ where: { email: 'bekraeft@example.org' } })).confirmedAt).toBeNull();

    const done = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(200);
    expect(text(done.text)).toContain('Beskederne er slået til');
    expect(text(done.text)).toContain('Højst én e-mail om dagen');
    const row = await ctx.db.prisma.openingAlert.findFirstOrThrow({ where: { email: 'bekraeft@example.org' } });
    expect(row.confirmedAt).toEqual(ctx.clock.now());
    expect(row.sentUpTo).toEqual(ctx.clock.now());
    expect(row.confirmTokenHash).toBeNull();

    // Used: a clear page, not an error.
    const again = await agent.get(path).expect(404);
    expect(text(again.text)).toContain('Linket virker ikke');
    await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(404);
  });

  it('answers 410 for an expired link and 404 for a malformed or unknown one', async () => {
    const path = await newLink('udloebet@example.org');
    ctx.clock.advance(7 * DAY + 60 * 1000);
    try {
      const page = await supertest(ctx.app).get(path).expect(410);
      expect(text(page.text)).toContain('Linket er udløbet');
    } finally {
      ctx.clock.advance(-(7 * DAY + 60 * 1000));
    }
    await supertest(ctx.app).get('/opgaver/besked/bekraeft/kort').expect(404);
    await supertest(ctx.app)
      .get(`/opgaver/besked/bekraeft/${'A'.repeat(43)}`)
      .expect(404);
  });
});

describe('the unsubscribe link', () => {
  it('shows the same page with one button for any token, and the same answer after the POST', async () => {
    const page = await supertest(ctx.app)
      .get(`/opgaver/besked/afmeld/${'B'.repeat(43)}`)
      .expect(200);
    expect(text(page.text)).toContain('Stop e-mails');
    const malformed = await supertest(ctx.app).get('/opgaver/besked/afmeld/nope').expect(200);
    expect(text(malformed.text)).toBe(text(page.text));
    const done = await supertest(ctx.app)
      .post(`/opgaver/besked/afmeld/${'B'.repeat(43)}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(text(done.text)).toContain('Du får ikke flere e-mails');
  });

  it('names the search it stops, before and after, and the confirmation e-mail carries the link (review #5)', async () => {
    const { agent } = await askForAlert(ctx, 'omraade=noerrebro', { email: 'stop.soegning@example.org', frequency: 'WEEKLY' });
    const mail = (await ctx.readMail()).filter((m) => m.to === 'stop.soegning@example.org').pop()!;
    const stopPath = linkIn(mail.text, 'afmeld');
    const row = await ctx.db.prisma.openingAlert.findFirstOrThrow({ where: { email: 'stop.soegning@example.org' } });
    expect(stopPath).toBe(`/opgaver/besked/afmeld/${row.unsubscribeToken}`);
    expect(mail.text).toContain('Gem denne e-mail: Med dette link kan du altid stoppe beskederne igen:');

    const page = await agent.get(stopPath).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(text(page.text)).toContain('Din søgning Lokalområde: Nørrebro');
    const done = await agent
      .post(stopPath)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(200);
    expect(text(done.text)).toContain('Søgningen, du har stoppet Lokalområde: Nørrebro');
    expect(await ctx.db.prisma.openingAlert.count({ where: { id: row.id } })).toBe(0);

    // Used now: the general words only.
    const again = await agent.get(stopPath).expect(200);
    expect(text(again.text)).not.toContain('Nørrebro');
    const twice = await agent
      .post(stopPath)
      .type('form')
      .send({ _csrf: csrfTokenFrom(again.text) })
      .expect(200);
    expect(text(twice.text)).toContain('Du får ikke flere e-mails');
    expect(text(twice.text)).not.toContain('Nørrebro');
  });

  it('sends the English confirmation e-mail with its stop link, and the confirmed page points to it and to My data', async () => {
    const agent = supertest.agent(ctx.app);
    await agent.get('/sprog/en');
    const { response } = await askForAlert(ctx, 'omraade=noerrebro', { email: 'stop.en@example.org', frequency: 'DAILY' }, agent);
    expect(response.status).toBe(303);
    const mail = (await ctx.readMail()).filter((m) => m.to === 'stop.en@example.org').pop()!;
    expect(mail.text).toContain('Keep this e-mail: with this link you can always stop the e-mails again:');
    expect(mail.text).toMatch(/\/sprog\/en\?tilbage=%2Fopgaver%2Fbesked%2Fafmeld%2F[A-Za-z0-9_-]{43}/);
    const encoded = /tilbage=(%2Fopgaver%2Fbesked%2Fbekraeft%2F[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    const confirmPath = decodeURIComponent(encoded!);
    const page = await agent.get(confirmPath).expect(200);
    const confirmed = await agent
      .post(confirmPath)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(200);
    expect(text(confirmed.text)).toContain(
      'with the stop link in the e-mail you confirmed from and in every e-mail about new opportunities – or under My data',
    );
    expect(confirmed.text).toContain('<a href="/mine-data">My data</a>');
    expect(confirmed.text).toMatch(
      /<div class="alert alert-success" role="status">\s*<svg class="icon-svg alert-icon" role="img" aria-label="Success"/,
    );
  });
});
