// No passwords, session ids, e-mail addresses, citizens' messages or link tokens in
// the logs (ASVS 16.2.5): we run real requests through a logger that writes to memory
// and search what it wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { loggablePath } from '../../../src/middleware/request-logging.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom } from '../../helpers/http.js';
import { aUser, anAssociation, anOpening, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { SESSION_COOKIE } from '../../../src/middleware/session.js';

const memory = memoryLogger();
let ctx: TestContext;
beforeAll(async () => {
  const { logger } = memory;
  ctx = await createTestContext({}, { logger });
});
afterAll(() => ctx.close());

describe('logs', () => {
  it('hold no password, session id, e-mail, message or token after logins, failures and an interest', async () => {
    const user = await aUser(ctx.db.prisma, { role: 'STAFF', email: 'hemmelig.person@example.org' });
    const agent = supertest.agent(ctx.app);
    const page = await agent.get('/log-ind');
    await agent
      .post('/log-ind')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), email: user.email, password: 'forkert-kodeord-xyz' });
    const ok = await agent
      .post('/log-ind')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), email: user.email, password: TEST_PASSWORD });
    const sessionId = String(ok.headers['set-cookie']).split(`${SESSION_COOKIE}=`)[1]?.split(';')[0] ?? 'missing';
    await agent.get('/medarbejder?q=personligt-soegeord');

    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id);
    const citizen = supertest.agent(ctx.app);
    const openingPage = await citizen.get(`/opgaver/${opening.id}`).expect(200);
    const key = /name="submissionKey" value="([^"]+)"/.exec(openingPage.text)?.[1] ?? '';
    await citizen
      .post(`/opgaver/${opening.id}/interesse`)
      .type('form')
      .send({
        _csrf: csrfTokenFrom(openingPage.text),
        submissionKey: key,
        name: 'Borger Hemmeligsen',
        email: 'borger.hemmelig@example.org',
        phone: '12345678',
        message: 'Min private besked',
        consent: 'ja',
      })
      .expect(303);
    expect(await ctx.db.prisma.interest.count({ where: { email: 'borger.hemmelig@example.org' } })).toBe(1);
    await citizen.get('/interesse/tilbagetraek/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');

    const log = memory.text();
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [
      TEST_PASSWORD,
      'forkert-kodeord-xyz',
      'hemmelig.person@example.org',
      sessionId,
      'personligt-soegeord',
      'Borger Hemmeligsen',
      'borger.hemmelig@example.org',
      'Min private besked',
      'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    ]) {
      expect(log, secret).not.toContain(secret);
    }
  });

  it('replaces link tokens in logged paths', () => {
    expect(loggablePath('/interesse/tilbagetraek/abc123?x=1')).toBe('/interesse/tilbagetraek/[token]');
    expect(loggablePath('/invitation/tok-en')).toBe('/invitation/[token]');
    expect(loggablePath('/medarbejder-invitation/tok-en')).toBe('/medarbejder-invitation/[token]');
    expect(loggablePath('/mine-data/tok-en')).toBe('/mine-data/[token]');
    expect(loggablePath('/mine-data/tok-en/tilbagetraek/4')).toBe('/mine-data/[token]/tilbagetraek/4');
    expect(loggablePath('/mine-data/tok-en/data.json')).toBe('/mine-data/[token]/data.json');
    expect(loggablePath('/mine-data/sendt')).toBe('/mine-data/sendt');
    expect(loggablePath('/opgaver/besked/bekraeft/tok-en')).toBe('/opgaver/besked/bekraeft/[token]');
    expect(loggablePath('/opgaver/besked/afmeld/tok-en?x=1')).toBe('/opgaver/besked/afmeld/[token]');
    expect(loggablePath('/opgaver/besked/sendt')).toBe('/opgaver/besked/sendt');
    expect(loggablePath('/opgaver/besked?omraade=a')).toBe('/opgaver/besked');
    expect(loggablePath('/opgaver/12?q=hemmelig')).toBe('/opgaver/12');
  });
});
