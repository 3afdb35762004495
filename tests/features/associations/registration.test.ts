import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn, expectStatus } from '../../helpers/http.js';
import { INVALID_CVR, NEW_PASSWORD, registrationForm, submitRegistration } from '../../helpers/forms.js';
import { aUser, TEST_PASSWORD, referenceData, type ReferenceData } from '../../helpers/factories/index.js';

let ctx: TestContext;
let ref: ReferenceData;
beforeAll(async () => {
  ctx = await createTestContext();
  ref = await referenceData(ctx.db.prisma);
  await ctx.db.prisma.municipalitySettings.create({
    data: { name: 'Testkommune', contactEmail: 'frivillig@kommune.example.org' },
  });
});
afterAll(() => ctx.close());

describe('registering an association', () => {
  it('makes a pending association with its first member, logs the applicant in and sends two e-mails', async () => {
    const agent = supertest.agent(ctx.app);
    const form = registrationForm(ref, {
      name: 'Ærø Ølklub & Åkande',
      accountEmail: 'Ansoeger@Example.org',
      fieldsOfWork: [String(ref.fieldId.kultur), String(ref.fieldId.idraet)],
      websiteUrl: 'www.oelklub.example.org',
      cvr: '12 34 56 74',
    });
    const response = await submitRegistration(agent, form).then(expectStatus(303));
    expect(response.headers.location).toBe('/min-side');

    const association = await ctx.db.prisma.association.findFirstOrThrow({
      where: { name: 'Ærø Ølklub & Åkande' },
      include: { fieldsOfWork: true, members: { include: { user: true } } },
    });
    expect(association.status).toBe('PENDING');
    expect(association.slug).toBe('aeroe-oelklub-aakande');
    expect(association.websiteUrl).toBe('https://www.oelklub.example.org');
    expect(association.cvr).toBe('12345674');
    expect(association.localAreaId).toBe(ref.areaId.virum);
    expect(association.fieldsOfWork.map((f) => f.slug).sort()).toEqual(['idraet', 'kultur']);
    expect(association.members).toHaveLength(1);
    const user = association.members[0]!.user;
    expect(user.email).toBe('ansoeger@example.org');
    expect(user.role).toBe('ASSOCIATION_MEMBER');
    // argon2id with the required cost (ASVS 11.4.2), never the password itself.
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const audit = await ctx.db.prisma.auditLog.findMany({ where: { actorUserId: user.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.registered', 'association.registered']));

    // Logged in, and told that the association awaits approval.
    const myPage = await agent.get('/min-side').expect(200);
    expect(myPage.text).toContain('Ærø Ølklub &amp; Åkande');
    expect(myPage.text).toContain('afventer nu kommunens godkendelse');
    expect(myPage.text).toContain('afventer godkendelse');

    const mail = await ctx.readMail();
    const receipt = mail.find((m) => m.to === 'ansoeger@example.org');
    expect(receipt?.subject).toContain('Ærø Ølklub & Åkande');
    expect(receipt?.text).toContain(`/min-forening/${association.id}/profil`);
    const notice = mail.find((m) => m.to === 'frivillig@kommune.example.org');
    expect(notice?.subject).toContain('afventer godkendelse');
    expect(notice?.text).toContain(`/medarbejder/foreninger/${association.id}`);
    expect(JSON.stringify(mail)).not.toContain(NEW_PASSWORD);
  });

  it('gives a second association with the same name its own address', async () => {
    await submitRegistration(supertest.agent(ctx.app), registrationForm(ref, { name: 'Fælles Navn' })).then(expectStatus(303));
    await submitRegistration(supertest.agent(ctx.app), registrationForm(ref, { name: 'Fælles navn' })).then(expectStatus(303));
    const slugs = (await ctx.db.prisma.association.findMany({ where: { name: { startsWith: 'Fælles' } }, orderBy: { id: 'asc' } })).map(
      (a) => a.slug,
    );
    expect(slugs).toEqual(['faelles-navn', 'faelles-navn-2']);
  });

  it('re-shows the form with 422, every error and the input kept – but never the passwords', async () => {
    const agent = supertest.agent(ctx.app);
    const form = registrationForm(ref, {
      name: '',
      fieldsOfWork: undefined,
      organisationType: undefined,
      description: 'Vi <script>alert(1)</script> strikker',
      websiteUrl: 'javascript:alert(1)',
      cvr: '1234',
      consent: undefined,
      password: 'hemmelig-men-kort',
      passwordRepeat: 'noget helt andet',
    });
    form.password = 'kort';
    const response = await submitRegistration(agent, form).then(expectStatus(422));
    const html = response.text;
    expect(html).toContain('<title>Fejl: Registrér en forening');
    for (const message of [
      'Skriv foreningens navn',
      'Vælg, hvilken slags organisation I er',
      'Vælg mindst ét fagområde',
      'Skriv en webadresse, fx www.forening.dk',
      'Et CVR-nummer er 8 cifre',
      'Sæt kryds, hvis oplysningerne om foreningen må vises på portalen',
      'Adgangskoden skal være på mindst 12 tegn',
    ]) {
      expect(html).toContain(message);
    }
    // Summary links go to the fields.
    expect(html).toContain('href="#fieldsOfWork"');
    expect(html).toContain('id="fieldsOfWork"');
    // Input kept, escaped; passwords never echoed.
    expect(html).toContain('Vi &lt;script&gt;alert(1)&lt;/script&gt; strikker');
    expect(html).toContain(`value="${form.accountEmail as string}"`);
    expect(html).not.toContain('kort"');
    expect(html).not.toContain('noget helt andet');
    expect(await ctx.db.prisma.association.count({ where: { description: { contains: 'script' } } })).toBe(0);
  });

  it('refuses a CVR number whose check digit is wrong', async () => {
    const response = await submitRegistration(supertest.agent(ctx.app), registrationForm(ref, { cvr: INVALID_CVR })).then(
      expectStatus(422),
    );
    expect(response.text).toContain('CVR-nummeret findes ikke');
  });

  it('refuses a field of work or local area that does not exist', async () => {
    const response = await submitRegistration(
      supertest.agent(ctx.app),
      registrationForm(ref, { fieldsOfWork: ['999999'], localAreaId: '888888' }),
    ).then(expectStatus(422));
    expect(response.text).toContain('Værdien er ikke gyldig');
  });

  it('says the e-mail is in use and points to logging in, without making anything', async () => {
    const existing = await aUser(ctx.db.prisma, { email: 'findes@example.org' });
    const before = await ctx.db.prisma.association.count();
    const response = await submitRegistration(
      supertest.agent(ctx.app),
      registrationForm(ref, { accountEmail: 'FINDES@example.org', name: 'Dublet' }),
    ).then(expectStatus(422));
    expect(response.text).toContain('Der findes allerede en bruger med denne e-mail. Log ind først');
    expect(await ctx.db.prisma.association.count()).toBe(before);
    expect(existing.id).toBeGreaterThan(0);
  });

  it('lets a logged-in member register another association with their own user', async () => {
    const member = await aUser(ctx.db.prisma);
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const page = await agent.get('/foreninger/ny').expect(200);
    expect(page.text).not.toContain('id="accountEmail"');
    const form = registrationForm(ref, {
      name: 'Anden Forening',
      accountName: undefined,
      accountEmail: undefined,
      password: undefined,
      passwordRepeat: undefined,
    });
    await submitRegistration(agent, form).then(expectStatus(303));
    const association = await ctx.db.prisma.association.findFirstOrThrow({ where: { name: 'Anden Forening' }, include: { members: true } });
    expect(association.members.map((m) => m.userId)).toEqual([member.id]);
  });

  it('ignores posted fields that are not on the form (mass assignment)', async () => {
    await submitRegistration(
      supertest.agent(ctx.app),
      registrationForm(ref, { name: 'Snydeforeningen', status: 'APPROVED', role: 'ADMIN', slug: 'admin', version: '99' }),
    ).then(expectStatus(303));
    const association = await ctx.db.prisma.association.findFirstOrThrow({
      where: { name: 'Snydeforeningen' },
      include: { members: { include: { user: true } } },
    });
    expect(association.status).toBe('PENDING');
    expect(association.slug).toBe('snydeforeningen');
    expect(association.version).toBe(1);
    expect(association.members[0]?.user.role).toBe('ASSOCIATION_MEMBER');
  });

  it('drops a submission that filled the honeypot, saying nothing', async () => {
    const before = await ctx.db.prisma.association.count();
    const response = await submitRegistration(
      supertest.agent(ctx.app),
      registrationForm(ref, { name: 'Robotforening', website: 'http://spam.example' }),
    ).then(expectStatus(303));
    expect(response.headers.location).toBe('/');
    expect(await ctx.db.prisma.association.count()).toBe(before);
  });
});

describe('password rules (ASVS 6.2)', () => {
  const tryPassword = async (password: string, extra: Record<string, string> = {}) =>
    submitRegistration(supertest.agent(ctx.app), registrationForm(ref, { password, passwordRepeat: password, ...extra }));

  it('refuses 11 characters', async () => {
    const response = await tryPassword('abcdefghijk').then(expectStatus(422));
    expect(response.text).toContain('Adgangskoden skal være på mindst 12 tegn');
  });

  it('counts characters, not bytes: 12 Danish or emoji characters are enough', async () => {
    const response = await tryPassword('æøåÆØÅ🌻🌻🌻🌻🌻🌻', { name: 'Tegnforeningen' });
    expect(response.status).toBe(303);
  });

  it('accepts a 64-character Unicode passphrase', async () => {
    const passphrase = 'Grøn cykel på lang tur gennem Dyrehaven – 🚲 og kaffe på Bakken!!';
    expect([...passphrase].length).toBe(64);
    await tryPassword(passphrase, { name: 'Passphrase Forening' }).then(expectStatus(303));
  });

  it('refuses more than 128 characters', async () => {
    const response = await tryPassword('a'.repeat(129)).then(expectStatus(422));
    expect(response.text).toContain('højst være på 128 tegn');
  });

  it('refuses common passwords, whatever the case', async () => {
    for (const common of ['password1234', 'Sommerfugl123', '123456789012', 'qwertyuiopas']) {
      const response = await tryPassword(common).then(expectStatus(422));
      expect(response.text).toContain('Adgangskoden er for almindelig');
    }
  });

  it('refuses the e-mail as password, and a repeat that differs', async () => {
    const email = 'min.egen.adresse@example.org';
    const same = await tryPassword(email, { accountEmail: email }).then(expectStatus(422));
    expect(same.text).toContain('Adgangskoden må ikke være din e-mail');
    const form = registrationForm(ref, { password: NEW_PASSWORD, passwordRepeat: `${NEW_PASSWORD}!` });
    const mismatch = await submitRegistration(supertest.agent(ctx.app), form).then(expectStatus(422));
    expect(mismatch.text).toContain('De to adgangskoder er ikke ens');
  });
});
