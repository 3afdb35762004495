import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createApp } from '../../../src/app.js';
import { createDatabase } from '../../../src/db/database.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('error pages', () => {
  it('answers an unknown address with the 404 page in Danish, with the request id', async () => {
    const response = await supertest(ctx.app).get('/findes-ikke').expect(404);
    expect(response.text).toContain('<html lang="da"');
    expect(response.text).toContain('Siden findes ikke');
    expect(response.text).toContain(String(response.headers['x-request-id']));
    expect(response.text).toContain('class="skipnav"');
  });

  it('answers in English for a reader who chose English', async () => {
    const response = await supertest(ctx.app).get('/does-not-exist').set('Cookie', 'lang=en').expect(404);
    expect(response.text).toContain('<html lang="en"');
    expect(response.text).toContain('Page not found');
  });

  it('shows the generic 500 page, without stack or database detail, when the database fails', async () => {
    // A real failure: the portal on a database that does not answer.
    const dead = createDatabase({ url: 'postgresql://nobody:secret@127.0.0.1:1/none', connectionTimeoutMs: 500 });
    const app = createApp({ prisma: dead.prisma, pool: dead.pool, config: ctx.config });
    const response = await supertest(app).get('/').expect(500);
    expect(response.text).toContain('Der skete en fejl');
    expect(response.text).toContain(String(response.headers['x-request-id']));
    expect(response.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|secret|at .*\.ts:\d+/);
    await dead.close();
  });

  it('answers a repeated query parameter with 400, not 500', async () => {
    const response = await supertest(ctx.app).get('/?q=a&q=b').expect(400);
    expect(response.text).toContain('Forespørgslen kunne ikke forstås');
  });
});

describe('security headers', () => {
  it('sends a strict CSP and no X-Powered-By, on pages and on 404s', async () => {
    for (const path of ['/', '/log-ind', '/findes-ikke']) {
      const response = await supertest(ctx.app).get(path);
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(String(response.headers['content-type'])).toContain('charset=utf-8');
    }
  });
});
