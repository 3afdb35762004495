// Light pages (#12): pages and text assets compressed when the client accepts it, every
// asset a page links to fingerprinted and, in production, cached as immutable, and the
// design system's CSS giving browsers WOFF2 fonts.
import express from 'express';
import compression from 'compression';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { logIn } from '../helpers/http.js';
import { aUser, anAssociation, TEST_PASSWORD } from '../helpers/factories/index.js';
import { assetManifest, woff2First } from '../../src/middleware/asset-manifest.js';
import { IMMUTABLE, staticAssets } from '../../src/middleware/static-assets.js';
import { securityHeaders } from '../../src/middleware/security-headers.js';

const DKFDS_CSS = '/assets/dkfds/css/dkfds-borgerdk.min.css';
const TEXT_ASSETS = [DKFDS_CSS, '/assets/dkfds/js/dkfds.min.js', '/assets/dkfds/img/all-svg-icons.svg', '/static/css/app.css'];

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.db.prisma.municipalitySettings.create({ data: { id: 1, name: 'Testrup Kommune', contactEmail: 'frivillig@example.org' } });
});
afterAll(() => ctx.close());

/** Without supertest's own Accept-Encoding (gzip, deflate) unless asked for. */
const get = (url: string, acceptEncoding = 'identity') => supertest(ctx.app).get(url).set('Accept-Encoding', acceptEncoding);

/** The app's middleware as in production: security headers, compression, static files. */
function productionAssets() {
  const app = express();
  app.use(securityHeaders({ hsts: false }));
  app.use(compression({ threshold: 1024 }));
  app.use(staticAssets({ production: true, manifest: assetManifest({ brotli: true }) }));
  app.use((_req, res) => res.status(404).send('not found'));
  return app;
}

/** The first source of a face of the DKFDS CSS, as a URL path (its URLs are relative to /assets/dkfds/<v>/css/). */
function manifestUrlOf(face: string): string {
  const relative = /url\(\.\.\/([^)]+)\)/.exec(face)![1]!;
  return assetManifest({ brotli: false }).url(`/assets/dkfds/${relative}`);
}

/** Every asset URL a page loads: stylesheets, icon, scripts, sprite references. */
function assetUrlsOf(html: string): string[] {
  const links = [...html.matchAll(/<link rel="(?:stylesheet|icon)"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const uses = [...html.matchAll(/<use href="([^"#]+)#/g)].map((m) => m[1]!);
  return [...links, ...scripts, ...uses];
}

describe('compression', () => {
  it('compresses a page, and the CSS, JS and SVG it loads, when the client accepts gzip or brotli, and not otherwise', async () => {
    for (const encoding of ['gzip', 'br']) {
      const page = await get('/', encoding).expect(200);
      expect(page.headers['content-encoding']).toBe(encoding);
      expect(page.headers.vary).toMatch(/Accept-Encoding/);
    }
    const plain = await get('/').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    expect(plain.text).toContain('<html lang="da"');

    const manifest = assetManifest({ brotli: true });
    await manifest.brotliReady;
    const app = productionAssets();
    for (const url of TEXT_ASSETS) {
      const gzipped = await supertest(app).get(manifest.url(url)).set('Accept-Encoding', 'gzip').expect(200);
      expect(gzipped.headers['content-encoding'], url).toBe('gzip');
      expect(gzipped.headers.vary, url).toMatch(/Accept-Encoding/);
      const brotli = await supertest(app).get(manifest.url(url)).set('Accept-Encoding', 'gzip, br').expect(200);
      expect(brotli.headers['content-encoding'], url).toBe('br');
      const identity = await supertest(app).get(manifest.url(url)).set('Accept-Encoding', 'identity').expect(200);
      expect(identity.headers['content-encoding'], url).toBeUndefined();
      // Decompressed, each is the file itself.
      expect(gzipped.text || gzipped.body, url).toEqual(identity.text || identity.body);
    }
  });

  it('leaves pages for a logged-in user uncompressed: they hold a CSRF token beside what a link can put in (BREACH)', async () => {
    const user = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'ADMIN' })).email, TEST_PASSWORD);
    const page = await user.get('/opgaver?q=hemmelig').set('Accept-Encoding', 'gzip, br').expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.text).toContain('name="_csrf"');
  });

  it('leaves small answers such as the health probe uncompressed', async () => {
    const health = await get('/healthz', 'gzip').expect(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});

describe('fingerprinted assets', () => {
  it('links every stylesheet, script and icon of a page by a fingerprinted URL that answers', async () => {
    const admin = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'ADMIN' })).email, TEST_PASSWORD);
    const association = await anAssociation(ctx.db.prisma);
    // An administrator in an association's area: the page has an alert with its icon.
    const pages = [(await get('/')).text, (await admin.get(`/min-forening/${association.id}/profil`).expect(200)).text];
    for (const html of pages) {
      const urls = assetUrlsOf(html);
      expect(urls.length).toBeGreaterThanOrEqual(5);
      for (const url of urls) {
        expect(url).toMatch(/^\/(static|assets\/dkfds)\/v-[0-9a-f]{10}\//);
        await get(url).expect(200);
      }
    }
    expect(assetUrlsOf(pages[1]!).some((url) => url.endsWith('all-svg-icons.svg'))).toBe(true);
  });

  it('caches fingerprinted URLs as immutable in production, plain and stale ones briefly, and misses not at all', async () => {
    const manifest = assetManifest({ brotli: true });
    const app = productionAssets();
    for (const url of [...TEXT_ASSETS, '/static/favicon.svg', '/assets/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2']) {
      const fingerprinted = await supertest(app).get(manifest.url(url)).expect(200);
      expect(fingerprinted.headers['cache-control'], url).toBe(IMMUTABLE);
      const plain = await supertest(app).get(url).expect(200);
      expect(plain.headers['cache-control'], url).toBe('public, max-age=3600');
      // A page of the previous release: today's file, not to be kept.
      const stale = await supertest(app)
        .get(manifest.url(url).replace(/\/v-[0-9a-f]+\//, '/v-0000000000/'))
        .expect(200);
      expect(stale.headers['cache-control'], url).toBe('public, max-age=3600');
    }
    const missing = await supertest(app).get(manifest.url('/static/css/none.css')).expect(404);
    expect(missing.headers['cache-control']).toBeUndefined();
    const missingUnderPrefix = await supertest(app).get(manifest.url('/assets/dkfds/css/none.css')).expect(404);
    expect(missingUnderPrefix.headers['cache-control']).toBeUndefined();
  });

  it('answers a revalidation with 304, security headers included', async () => {
    const manifest = assetManifest({ brotli: true });
    const app = productionAssets();
    for (const url of ['/static/css/app.css', '/assets/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Bold.woff2']) {
      const first = await supertest(app).get(manifest.url(url)).set('Accept-Encoding', 'gzip').expect(200);
      expect(first.headers['content-security-policy']).toBeDefined();
      const again = await supertest(app)
        .get(manifest.url(url))
        .set('Accept-Encoding', 'gzip')
        .set('If-None-Match', String(first.headers.etag))
        .expect(304);
      expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
      expect(again.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('fonts', () => {
  it('serves the design system CSS with WOFF2 as the first source of every font face, and Latin subsets last', async () => {
    const css = (await get(DKFDS_CSS)).text;
    const faces = [...css.matchAll(/@font-face\{[^}]*\}/g)].map((m) => m[0]).filter((face) => face.includes('url('));
    expect(faces.length).toBeGreaterThanOrEqual(8);
    for (const face of faces) expect(face).toMatch(/src:url\([^)]*\.woff2\) format\("woff2"\)/);
    // Each face of the complete font is followed by its Latin2 and then its Latin1
    // subset (17 KB instead of 57): the last defined is tried first, so Danish text
    // needs the Latin1 file only.
    const regular = faces.filter((face) => face.includes('font-style:normal;font-weight:400'));
    expect(regular.map((face) => /(complete|split)\/woff2\/([\w-]+)\.woff2/.exec(face)?.slice(1).join('/'))).toEqual([
      'complete/IBMPlexSans-Regular',
      'split/IBMPlexSans-Regular-Latin2',
      'split/IBMPlexSans-Regular-Latin1',
    ]);
    expect(regular[2]).toMatch(/unicode-range:[^}]*U\+00A4-00FF/);
    for (const face of faces.filter((f) => f.includes('/split/'))) {
      await get(manifestUrlOf(face)).expect(200).expect('Content-Type', 'font/woff2');
    }
    // As DKFDS ships it, the Regular face starts with EOT.
    expect(woff2First('@font-face{src:url(a.eot),url(a.woff) format("woff"),url(a.woff2) format("woff2")}')).toBe(
      '@font-face{src:url(a.woff2) format("woff2"),url(a.woff) format("woff"),url(a.eot)}',
    );
  });
});
