// An anonymous GET writes nothing to the database: no session row, no session cookie,
// whatever page is read, forms included (issue 12). The form token is a signed
// double-submit cookie (src/middleware/csrf.ts); a session starts only when a posted
// form's answer needs one (here: the interest receipt).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { csrfTokenFrom, submissionKeyFrom } from '../helpers/http.js';
import { VALID_INTEREST } from '../helpers/forms.js';
import { anAssociation, anEvent, anOpening } from '../helpers/factories/index.js';
import { concrete, routesOf } from '../helpers/routes.js';
import { SESSION_COOKIE } from '../../src/middleware/session.js';

let ctx: TestContext;
let openingId: number;
let publicPaths: string[];

beforeAll(async () => {
  ctx = await createTestContext({ INTEREST_RATE_LIMIT: '1000' });
  const association = await anAssociation(ctx.db.prisma);
  openingId = (await anOpening(ctx.db.prisma, association.id, { detailed: true })).id;
  const event = await anEvent(ctx.db.prisma);
  const values: Record<string, string> = {
    id: String(openingId),
    openingId: String(openingId),
    eventId: String(event.id),
    associationId: String(association.id),
    slug: association.slug,
    lang: 'en',
    token: 'not-a-real-token',
    number: '0',
    kind: 'omraader',
  };
  const fromRouter = routesOf(ctx.app)
    .filter((route) => route.startsWith('GET '))
    .map((route) => concrete(route.slice(4), (name) => values[name] ?? '1'));
  // The public ones: those that do not send an anonymous reader to log in (that
  // redirect may remember where to go back to: a session, by design).
  publicPaths = [];
  for (const path of fromRouter) {
    const response = await supertest(ctx.app).get(path);
    if (response.headers.location !== '/log-ind') publicPaths.push(path);
  }
  // Pages the router names once but readers reach in many forms.
  publicPaths.push(
    '/opgaver?q=lektiehj%C3%A6lp&sortering=nyeste',
    '/opgaver?boerneattest=nej&side=2',
    `/opgaver?q=x&omraade=${encodeURIComponent('findes-ikke')}`,
    '/foreninger?q=idraet',
    '/kalender?side=2',
    '/opgaver/999999',
    '/findes-ikke',
  );
});
afterAll(() => ctx.close());

async function sessionRows(): Promise<number> {
  const result = await ctx.db.pool.query<{ count: string }>('SELECT count(*) FROM "session"');
  return Number(result.rows[0]!.count);
}

function setsSessionCookie(headers: Record<string, unknown>): boolean {
  const cookies = (headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
}

describe('anonymous page views', () => {
  it('covers the pages with forms', () => {
    const forms = ['/log-ind', '/foreninger/ny', '/opgaver/besked', '/glemt-adgangskode', '/mine-data', `/opgaver/${openingId}`];
    for (const path of [...forms, '/', '/opgaver', '/foreninger', '/kalender', '/feed/opgaver.rss']) expect(publicPaths).toContain(path);
  });

  it('a thousand of them leave the session table as it was and set no session cookie', async () => {
    const before = await sessionRows();
    const withCookie: string[] = [];
    // One browser (cookies kept, as a reader's) and fresh clients (as a crawler's).
    const browser = supertest.agent(ctx.app);
    for (let i = 0; i < 1000; i++) {
      const path = publicPaths[i % publicPaths.length]!;
      const response = i % 2 === 0 ? await browser.get(path) : await supertest(ctx.app).get(path);
      expect([path, response.status < 500]).toEqual([path, true]);
      if (setsSessionCookie(response.headers)) withCookie.push(path);
    }
    expect([...new Set(withCookie)]).toEqual([]);
    expect(await sessionRows()).toBe(before);
  });

  it('then an interest posted from such a page is received (303 to the receipt)', async () => {
    const agent = supertest.agent(ctx.app);
    const page = await agent.get(`/opgaver/${openingId}`).expect(200);
    expect(setsSessionCookie(page.headers)).toBe(false);
    const response = await agent
      .post(`/opgaver/${openingId}/interesse`)
      .type('form')
      .send({
        _csrf: csrfTokenFrom(page.text),
        submissionKey: submissionKeyFrom(page.text),
        ...VALID_INTEREST,
        email: 'anonym@example.org',
      })
      .expect(303)
      .expect('Location', `/opgaver/${openingId}/interesse/kvittering`);
    // The receipt needs a session: it starts now.
    expect(setsSessionCookie(response.headers)).toBe(true);
    await agent.get(`/opgaver/${openingId}/interesse/kvittering`).expect(200);
  });

  it('refuses an interest with a missing, forged or foreign token with the expired-form page', async () => {
    const agent = supertest.agent(ctx.app);
    const page = await agent.get(`/opgaver/${openingId}`).expect(200);
    const token = csrfTokenFrom(page.text);
    const form = { submissionKey: submissionKeyFrom(page.text), ...VALID_INTEREST, email: 'forfalsket@example.org' };
    const [hmac, value] = token.split('.') as [string, string];
    const forged = `${hmac}.${value.slice(0, -1)}${value.endsWith('0') ? '1' : '0'}`;
    const foreign = csrfTokenFrom((await supertest(ctx.app).get(`/opgaver/${openingId}`).expect(200)).text);
    for (const _csrf of [undefined, '', forged, foreign]) {
      const response = await agent
        .post(`/opgaver/${openingId}/interesse`)
        .type('form')
        .send(_csrf === undefined ? form : { ...form, _csrf })
        .expect(403);
      expect(response.text).toContain('Formularen er udløbet');
    }
    // Without the cookie, the page's own token is refused too (the double submit).
    await supertest(ctx.app)
      .post(`/opgaver/${openingId}/interesse`)
      .type('form')
      .send({ ...form, _csrf: token })
      .expect(403);
    expect(await ctx.db.prisma.interest.count({ where: { email: 'forfalsket@example.org' } })).toBe(0);
  });
});
