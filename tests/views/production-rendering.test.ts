// In production the views are compiled and their includes resolved once (the layout
// engine's cache); the other tests run in test mode, which reads them again each time.
// Here the public pages render through the cached path, twice and in both languages,
// exactly as in test mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let production: TestContext;
let testMode: TestContext;

beforeAll(async () => {
  production = await createTestContext({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://unused.invalid/only-the-config-asks',
    SESSION_SECRET: 'x'.repeat(32),
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'silent',
  });
  testMode = await createTestContext();
});
afterAll(async () => {
  await production?.close();
  await testMode?.close();
});

// What differs per request or per mode: ids, tokens, nonces and asset addresses.
const stable = (html: string): string =>
  html
    .replace(/<main[\s\S]*?>/, '<main>')
    .replace(/(nonce|value|content|href|src|data-request-id)="[^"]*"/g, '$1=""')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID');

describe('views in production (compiled once)', () => {
  it('render the public pages, again and in English, as the test-mode views do', async () => {
    for (const lang of ['da', 'en']) {
      const cached = supertest.agent(production.app);
      const fresh = supertest.agent(testMode.app);
      await cached.get(`/sprog/${lang}`);
      await fresh.get(`/sprog/${lang}`);
      for (const path of ['/', '/tilgaengelighed', '/opgaver', '/foreninger', '/kalender', '/om', '/privatliv', '/ikke-her']) {
        const first = await cached.get(path);
        const second = await cached.get(path);
        const expected = await fresh.get(path);
        expect(first.status, path).toBe(expected.status);
        expect(stable(second.text), `${lang} ${path}`).toBe(stable(first.text));
        const main = (html: string) => stable(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html);
        expect(main(first.text), `${lang} ${path}`).toBe(main(expected.text));
      }
    }
  });
});
