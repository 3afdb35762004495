// Behind a TLS-terminating proxy (TRUST_PROXY=1, COOKIE_SECURE=true, as docker-compose.yml
// sets them) the portal must see the request as HTTPS and the client's own address.
// TRUST_PROXY used to reach Express as the string "1", which Express reads as an IP
// address: no proxy was trusted, so no session cookie was ever set (no login, every
// form refused) and all clients shared the proxy's address in the rate limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { loadConfig } from '../../src/config.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

describe('TRUST_PROXY', () => {
  it('reads a hop count as a number and true/false as booleans; anything else stays a list of addresses', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({}).trustProxy).toBeUndefined();
  });

  describe('behind one proxy that terminates TLS', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext({ TRUST_PROXY: '1', COOKIE_SECURE: 'true' });
    });
    afterAll(() => ctx.close());

    it('sets the Secure session cookie and HSTS for a request the proxy received over HTTPS', async () => {
      // A form page starts no session (ADR 0032); the answer to a posted form that
      // keeps a message for the next page does. The form's token cookie is Secure (and
      // __Host-): sent back by hand, as supertest's jar keeps Secure cookies for HTTPS.
      const page = await supertest(ctx.app).get('/glemt-adgangskode').set('X-Forwarded-Proto', 'https').expect(200);
      const tokenCookie = (page.headers['set-cookie'] as unknown as string[]).map((line) => line.split(';')[0]).join('; ');
      const response = await supertest(ctx.app)
        .post('/glemt-adgangskode')
        .set('X-Forwarded-Proto', 'https')
        .set('X-Forwarded-For', '198.51.100.7')
        .set('Cookie', tokenCookie)
        .type('form')
        .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '', email: 'nobody@example.org' })
        .expect(303);
      const cookie = (response.headers['set-cookie'] as unknown as string[] | undefined)?.find((line) => line.startsWith('portal.sid='));
      expect(cookie).toMatch(/; Secure/);
      // COOKIE_SECURE says the portal is reached over HTTPS only: browsers are told to keep to it.
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    });
  });
});
