// First run without demo data: the set-up code made at start-up, and /opsaetning, open
// only while no active admin exists and only with a valid code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, expectStatus, logIn, type Agent } from '../../helpers/http.js';
import { NEW_PASSWORD } from '../../helpers/forms.js';
import { aUser } from '../../helpers/factories/index.js';
import { createFirstRunService } from '../../../src/features/first-run/first-run-service.js';
import { hashSetupCode, isWellFormedSetupCode, newSetupCode } from '../../../src/features/first-run/setup-code.js';
import { SETUP_ATTEMPTS_PER_HOUR } from '../../../src/features/first-run/first-run-routes.js';

const SETUP = '/opsaetning';

function setupService(ctx: TestContext) {
  return createFirstRunService(ctx.db.prisma, { settings: { invalidate: () => undefined } });
}

async function postSetup(ctx: TestContext, form: Record<string, string>, agent: Agent = supertest.agent(ctx.app)) {
  const page = await agent.get(SETUP).expect(200);
  return agent
    .post(SETUP)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...form });
}

const validForm = (setupCode: string) => ({
  setupCode,
  municipalityName: 'Opstartrup Kommune',
  name: 'Første Administrator',
  email: 'Foerste.Admin@Example.org',
  password: NEW_PASSWORD,
  passwordRepeat: NEW_PASSWORD,
});

describe('set-up codes', () => {
  it('are 12 characters from an unambiguous alphabet in groups of four; typing ignores case and dashes', () => {
    const code = newSetupCode();
    expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}$/);
    expect(isWellFormedSetupCode(code.toLowerCase().replaceAll('-', ' '))).toBe(true);
    expect(hashSetupCode(code.toLowerCase().replaceAll('-', ''))).toBe(hashSetupCode(code));
    expect(isWellFormedSetupCode('ABCD-EFGH-IJK0')).toBe(false);
    expect(isWellFormedSetupCode('ABCD')).toBe(false);
  });
});

describe('the first-run set-up', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('prepare() stores only the hash of a new code while no admin exists; every server gets one, and all work', async () => {
    const service = setupService(ctx);
    const first = await service.prepare();
    const second = await service.prepare();
    expect(first).not.toBeNull();
    expect(second).not.toBe(first);
    const stored = await ctx.db.prisma.setupCode.findMany({ select: { codeHash: true } });
    expect(stored.map((row) => row.codeHash).sort()).toEqual([hashSetupCode(first!), hashSetupCode(second!)].sort());
    expect(JSON.stringify(stored)).not.toContain(first!);
  });

  it('is open while there is no admin; a deactivated admin does not count', async () => {
    const inactive = await aUser(ctx.db.prisma, { role: 'ADMIN', active: false });
    const page = await supertest(ctx.app).get(SETUP).expect(200);
    expect(page.text).toContain('Sæt portalen op');
    expect(page.headers['cache-control']).toContain('no-store');
    expect(await setupService(ctx).isOpen()).toBe(true);
    await ctx.db.prisma.user.delete({ where: { id: inactive.id } });
  });

  it('refuses a wrong code with 422, records it, keeps the other input but never the code or password', async () => {
    const refused = await postSetup(ctx, validForm('AAAA-BBBB-CCCC')).then(expectStatus(422));
    expect(refused.text).toContain('Opsætningskoden er forkert');
    expect(refused.text).toContain('value="Opstartrup Kommune"');
    expect(refused.text).not.toContain('AAAA-BBBB-CCCC');
    expect(refused.text).not.toContain(NEW_PASSWORD);
    expect(await ctx.db.prisma.user.count({ where: { role: 'ADMIN' } })).toBe(0);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'setup.code-refused' } })).toBe(1);

    const empty = await postSetup(ctx, {}).then(expectStatus(422));
    for (const message of ['Skriv opsætningskoden', 'Skriv kommunens navn', 'Skriv dit navn', 'Skriv din e-mailadresse']) {
      expect(empty.text).toContain(message);
    }
    // The repeat field's error says what is wrong (the other password forms' message), not its label again.
    expect(empty.text).toContain('href="#passwordRepeat">Skriv adgangskoden en gang til</a>');
    expect(empty.text).not.toContain('href="#passwordRepeat">Gentag adgangskoden</a>');
    const different = await postSetup(ctx, { ...validForm('AAAA-BBBB-CCCC'), passwordRepeat: 'en helt anden adgangskode' }).then(
      expectStatus(422),
    );
    expect(different.text).toContain('href="#passwordRepeat">De to adgangskoder er ikke ens</a>');
  });

  it('creates the first admin with a valid code, names the municipality, deletes every code, audits; then the page is gone', async () => {
    const code = (await setupService(ctx).prepare())!;
    const browser = supertest.agent(ctx.app);
    const done = await postSetup(ctx, validForm(code.toLowerCase()), browser).then(expectStatus(303));
    expect(done.headers.location).toBe('/log-ind');
    expect((await browser.get('/log-ind').expect(200)).text).toContain('Portalen er sat op');

    const admin = await ctx.db.prisma.user.findUniqueOrThrow({ where: { email: 'foerste.admin@example.org' } });
    expect(admin.role).toBe('ADMIN');
    expect(admin.active).toBe(true);
    const settings = await ctx.db.prisma.municipalitySettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings.name).toBe('Opstartrup Kommune');
    // The admin's own address is not made the municipality's public contact.
    expect(settings.contactEmail).not.toBe('foerste.admin@example.org');
    expect(await ctx.db.prisma.setupCode.count()).toBe(0);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'setup.completed' } });
    expect(audit.targetId).toBe(String(admin.id));
    expect(audit.details).toBeNull();

    // The new name shows at once (the settings cache was dropped).
    const home = await supertest(ctx.app).get('/').expect(200);
    expect(home.text).toContain('Opstartrup Kommune');

    const agent = await logIn(ctx.app, 'foerste.admin@example.org', NEW_PASSWORD);
    await agent.get('/administration').expect(200);

    await supertest(ctx.app).get(SETUP).expect(404);
    expect(await setupService(ctx).prepare()).toBeNull();
    const page = await supertest.agent(ctx.app).get('/log-ind');
    await supertest(ctx.app)
      .post(SETUP)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), ...validForm(code) })
      .expect(403);
  });
});

describe('the set-up page when there is no settings row yet', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.db.prisma.municipalitySettings.deleteMany({});
  });
  afterAll(() => ctx.close());

  it("creates the settings row without a public contact: the admin's own address is a person's, not a shared mailbox", async () => {
    const code = (await setupService(ctx).prepare())!;
    await postSetup(ctx, validForm(code)).then(expectStatus(303));
    const settings = await ctx.db.prisma.municipalitySettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings).toMatchObject({ name: 'Opstartrup Kommune', contactEmail: '' });
    // Not shown to the public either.
    const home = await supertest(ctx.app).get('/').expect(200);
    expect(home.text).not.toContain('foerste.admin@example.org');
  });

  it('refuses an e-mail that already has an account with 422', async () => {
    await ctx.db.prisma.user.updateMany({ data: { active: false } });
    const code = (await setupService(ctx).prepare())!;
    const taken = await postSetup(ctx, validForm(code)).then(expectStatus(422));
    expect(taken.text).toContain('Der findes allerede en konto med den e-mailadresse');
  });
});

describe('guessing set-up codes', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it(`is rate-limited: after ${SETUP_ATTEMPTS_PER_HOUR} failed attempts an address gets 429`, async () => {
    for (let i = 0; i < SETUP_ATTEMPTS_PER_HOUR; i++) await postSetup(ctx, validForm('AAAA-BBBB-CCCC')).then(expectStatus(422));
    await postSetup(ctx, validForm('AAAA-BBBB-CCCC')).then(expectStatus(429));
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'setup.rateLimited' } })).toBe(1);
  });
});
