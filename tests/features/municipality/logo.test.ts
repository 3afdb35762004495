// The municipality's logo: admins upload a PNG, JPEG or WebP of at most 500 kB (the
// type decided by the file's first bytes, never its name or the browser's type; SVG
// refused), or remove it. /logo serves it with its stored type, nosniff, a long public
// cache and an ETag; the header shows it with the municipality's name as its alt text.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, logIn } from '../../helpers/http.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { JPEG, PNG, SVG, WEBP } from './images.js';

const SETTINGS = '/administration/indstillinger';
const UPLOAD = `${SETTINGS}/logo`;
const REMOVE = `${UPLOAD}/fjern`;

let ctx: TestContext;
let admin: Agent;
let staff: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'ADMIN' })).email, TEST_PASSWORD);
  staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  await ctx.db.prisma.municipalitySettings.create({ data: { id: 1, name: 'Testrup Kommune', contactEmail: 'kommune@example.org' } });
});
// Through the app, so the cached profile (the header) is invalidated as in real use.
beforeEach(() => removeLogo());

afterAll(() => ctx.close());

/** Uploads `data` as the browser would: the CSRF token first, then the file. */
async function upload(agent: Agent, data: Buffer, filename: string, contentType: string) {
  const token = csrfTokenFrom((await agent.get(agent === staff ? '/min-side' : SETTINGS)).text);
  return agent.post(UPLOAD).field('_csrf', token).attach('logo', data, { filename, contentType });
}

async function removeLogo() {
  const token = csrfTokenFrom((await admin.get(SETTINGS)).text);
  return admin.post(REMOVE).type('form').send({ _csrf: token });
}

const stored = () => ctx.db.prisma.municipalitySettings.findUnique({ where: { id: 1 }, select: { logoData: true, logoType: true } });

describe('uploading the logo', () => {
  for (const [name, data, type] of [
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['WebP', WEBP, 'image/webp'],
  ] as const) {
    it(`stores a ${name} by its magic bytes, whatever the browser calls it, and audits it`, async () => {
      // The browser's type and the name are wrong on purpose: the bytes decide.
      await upload(admin, data, 'logo.bin', 'application/octet-stream').then(expectStatus(303));
      const row = await stored();
      expect(row?.logoType).toBe(type);
      expect(Buffer.from(row!.logoData!)).toEqual(data);
      const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'settings.changed' }, orderBy: { id: 'desc' } });
      expect(audit?.details).toMatchObject({ before: { logo: null }, after: { logo: expect.stringContaining(type) } });
    });
  }

  it('refuses an SVG (it can carry scripts) even when it claims to be a PNG, with 422 and nothing changed', async () => {
    await upload(admin, PNG, 'logo.png', 'image/png').then(expectStatus(303));
    const response = await upload(admin, SVG, 'logo.png', 'image/png').then(expectStatus(422));
    expect(response.text).toContain('Logoet skal være et PNG-, JPEG- eller WebP-billede');
    expect(response.text).toContain('aria-invalid="true"');
    expect(Buffer.from((await stored())!.logoData!)).toEqual(PNG);
  });

  it('refuses a file over 500 kB with 422 and a clear message', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(500 * 1024)]);
    const response = await upload(admin, big, 'big.png', 'image/png').then(expectStatus(422));
    expect(response.text).toContain('Logoet er for stort. Det må højst fylde 500 kB');
    expect((await stored())?.logoData).toBeNull();
  });

  it('asks for a file when none was chosen', async () => {
    const token = csrfTokenFrom((await admin.get(SETTINGS)).text);
    const response = await admin.post(UPLOAD).field('_csrf', token).then(expectStatus(422));
    expect(response.text).toContain('Vælg en billedfil med logoet');
  });

  it('refuses staff before reading the file (403), changing nothing', async () => {
    expect((await upload(staff, PNG, 'logo.png', 'image/png')).status).toBe(403);
    expect((await stored())?.logoData).toBeNull();
  });

  it('refuses an upload without the CSRF token (403)', async () => {
    await admin.post(UPLOAD).attach('logo', PNG, { filename: 'logo.png', contentType: 'image/png' }).expect(403);
    expect((await stored())?.logoData).toBeNull();
  });
});

describe('/logo and the header', () => {
  it('is 404 without a logo, and the header shows the name as text', async () => {
    await supertest(ctx.app).get('/logo').expect(404);
    const home = await supertest(ctx.app).get('/').expect(200);
    expect(home.text).toContain('<span>Testrup Kommune</span>');
    expect(home.text).not.toContain('src="/logo');
  });

  it('serves the bytes with the stored type, nosniff, a public cache and an ETag (304 when unchanged)', async () => {
    await upload(admin, PNG, 'logo.png', 'image/png').then(expectStatus(303));
    const response = await supertest(ctx.app).get('/logo').expect(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers.vary).toBeUndefined();
    expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(Buffer.from(response.body as Buffer)).toEqual(PNG);
    const etag = response.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    await supertest(ctx.app).get('/logo').set('If-None-Match', etag).expect(304);
  });

  it('shows the logo in the header with the municipality’s name as alt, at an address that changes with the image', async () => {
    await upload(admin, PNG, 'logo.png', 'image/png').then(expectStatus(303));
    const first = /<img src="(\/logo\?v=[\w-]+)" alt="Testrup Kommune">/.exec((await supertest(ctx.app).get('/').expect(200)).text)?.[1];
    expect(first).toBeDefined();
    await upload(admin, WEBP, 'logo.webp', 'image/webp').then(expectStatus(303));
    const second = /<img src="(\/logo\?v=[\w-]+)" alt="Testrup Kommune">/.exec((await supertest(ctx.app).get('/').expect(200)).text)?.[1];
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('is removed by the remove form: /logo is 404 and the name is text again', async () => {
    await upload(admin, PNG, 'logo.png', 'image/png').then(expectStatus(303));
    expect((await removeLogo()).status).toBe(303);
    expect(await stored()).toEqual({ logoData: null, logoType: null });
    await supertest(ctx.app).get('/logo').expect(404);
    expect((await supertest(ctx.app).get('/').expect(200)).text).toContain('<span>Testrup Kommune</span>');
  });
});
