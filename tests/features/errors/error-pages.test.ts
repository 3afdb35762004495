import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createApp } from '../../../src/app.js';
import { createDatabase } from '../../../src/db/database.js';
import { RETRY_AFTER_SECONDS } from '../../../src/middleware/error-handler.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { memoryLogger } from '../../helpers/memory-logger.js';

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

  it('answers 503 with Retry-After, without stack or database detail, when the database cannot be reached', async () => {
    // A real failure: the portal on a database that does not answer.
    const dead = createDatabase({ url: 'postgresql://nobody:secret@127.0.0.1:1/none', connectionTimeoutMs: 500 });
    const app = createApp({ prisma: dead.prisma, pool: dead.pool, config: ctx.config });
    const response = await supertest(app).get('/').expect(503);
    expect(response.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
    expect(response.text).toContain('Portalen er midlertidigt utilgængelig');
    expect(response.text).toContain(String(response.headers['x-request-id']));
    expect(response.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|secret|reach|at .*\.ts:\d+/);
    await dead.close();
  });

  it('shows only the request id on a 500 page in development mode, not the error message', async () => {
    // A failure that is not an outage: the settings table every page reads is gone,
    // so Prisma fails with a message naming the table.
    const dev = await createTestContext({ NODE_ENV: 'development' }, { logger: memoryLogger().logger });
    try {
      await dev.db.pool.query('ALTER TABLE municipality_settings RENAME TO municipality_settings_gone');
      const response = await supertest(dev.app).get('/').expect(500);
      expect(dev.config.env).toBe('development');
      expect(response.text).toContain(String(response.headers['x-request-id']));
      expect(response.text).toContain('Der skete en fejl');
      expect(response.text).not.toMatch(/municipality_settings|does not exist|P2021|Prisma|invocation/i);
    } finally {
      await dev.close();
    }
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
