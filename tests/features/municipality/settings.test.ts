// The municipality's settings, edited by admins: name and contact (created on the
// first save of a fresh portal), the public pages' texts and the retention periods.
// Each form: 422 with the input kept, 409 on a stale version, the audit row in the
// same transaction, and the change shown at once (the profile cache is invalidated).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, formFieldsOf, logIn } from '../../helpers/http.js';
import { anAssociation, anOpening, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../../helpers/audit.js';

const SETTINGS = '/administration/indstillinger';
const TEXTS = '/administration/sider';
const RETENTION = '/administration/opbevaring';

let ctx: TestContext;
let admin: Agent;
let staff: Agent;
let adminId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const adminUser = await aUser(ctx.db.prisma, { role: 'ADMIN' });
  adminId = adminUser.id;
  admin = await logIn(ctx.app, adminUser.email, TEST_PASSWORD);
  staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
});
beforeEach(async () => {
  await ctx.db.prisma.municipalitySettings.deleteMany();
  await ctx.db.prisma.auditLog.deleteMany({ where: { action: { startsWith: 'settings.' } } });
});
afterEach(() => allowAuditWrites(ctx.db.prisma));
afterAll(() => ctx.close());

/** The form at `path` as the browser would send it, with `changes` typed in. */
async function submit(agent: Agent, path: string, changes: Record<string, string>) {
  const fields = formFieldsOf((await agent.get(path).expect(200)).text, path);
  return agent
    .post(path)
    .type('form')
    .send({ ...fields, ...changes });
}

const CONTACT = {
  name: 'Testrup Kommune',
  contactEmail: 'Frivillig@Testrup.example.org',
  contactPhone: '+45 12 34 56 78',
  address: 'Rådhusvej 1, 9999 Testrup',
  websiteUrl: 'https://www.testrup.example.org',
};

const settingsRow = () => ctx.db.prisma.municipalitySettings.findUnique({ where: { id: 1 } });
const auditRows = (action: string) => ctx.db.prisma.auditLog.findMany({ where: { action }, orderBy: { id: 'asc' } });

describe('the name and contact form', () => {
  it('creates the settings row on a fresh portal, audits it, and the header shows the new name at once', async () => {
    const page = await admin.get(SETTINGS).expect(200);
    expect(page.text).toContain('name="version" value="0"');
    await submit(admin, SETTINGS, CONTACT).then(expectStatus(303));
    const row = await settingsRow();
    expect(row).toMatchObject({ ...CONTACT, contactEmail: 'frivillig@testrup.example.org', version: 1 });
    const [audit] = await auditRows('settings.changed');
    expect(audit).toMatchObject({ actorUserId: adminId, targetType: 'municipality_settings', targetId: '1' });
    expect(audit?.details).toMatchObject({
      before: { name: 'Kommunen', contactEmail: '' },
      after: { name: 'Testrup Kommune', contactEmail: 'frivillig@testrup.example.org', websiteUrl: 'https://www.testrup.example.org' },
    });
    // The profile cache was invalidated: the next page (anyone's) shows the new name.
    const home = await staff.get('/').expect(200);
    expect(home.text).toContain('<span>Testrup Kommune</span>');
    expect(home.text).toContain('frivillig@testrup.example.org');
    // The hint says the contact is shown at the bottom of every page: the website too, as a link.
    const footer = home.text.slice(home.text.indexOf('<footer'));
    expect(footer).toContain('<li><a href="https://www.testrup.example.org">www.testrup.example.org</a></li>');
  });

  it('leaves the website out of the footer when none is set', async () => {
    await submit(admin, SETTINGS, { ...CONTACT, websiteUrl: '' }).then(expectStatus(303));
    const home = await staff.get('/').expect(200);
    const footer = home.text.slice(home.text.indexOf('<footer'));
    expect(footer).toContain('frivillig@testrup.example.org');
    expect(footer).not.toContain('www.testrup.example.org');
    expect(footer).not.toContain('href="https://');
  });

  it('updates the row and audits only what changed', async () => {
    await submit(admin, SETTINGS, CONTACT).then(expectStatus(303));
    await submit(admin, SETTINGS, { contactPhone: '' }).then(expectStatus(303));
    expect(await settingsRow()).toMatchObject({ contactPhone: null, name: 'Testrup Kommune', version: 2 });
    const audits = await auditRows('settings.changed');
    expect(audits[1]?.details).toEqual({ before: { contactPhone: '+45 12 34 56 78' }, after: { contactPhone: null } });
  });

  it('refuses a missing name, a bad e-mail, phone and website with 422, keeping the input and saving nothing', async () => {
    const response = await submit(admin, SETTINGS, {
      name: ' ',
      contactEmail: 'ikke-en-adresse',
      contactPhone: 'ring til Bo',
      address: 'Behold mig 7',
      websiteUrl: 'ftp://www.testrup.example.org',
    }).then(expectStatus(422));
    expect(response.text).toContain('data-module="error-summary"');
    for (const message of [
      'Skriv kommunens navn',
      'Skriv en e-mail i det rigtige format',
      'Skriv telefonnummeret med cifre',
      'Skriv en webadresse, fx www.forening.dk',
    ])
      expect(response.text).toContain(message);
    expect(response.text).toContain('value="Behold mig 7"');
    expect(response.text).toContain('value="ring til Bo"');
    expect(await settingsRow()).toBeNull();
  });

  it('answers 409 to a form loaded before someone else saved, keeping the input', async () => {
    await submit(admin, SETTINGS, CONTACT).then(expectStatus(303));
    const stale = formFieldsOf((await admin.get(SETTINGS)).text, SETTINGS);
    await submit(admin, SETTINGS, { name: 'Første Kommune' }).then(expectStatus(303));
    const response = await admin
      .post(SETTINGS)
      .type('form')
      .send({ ...stale, name: 'Anden Kommune' })
      .then(expectStatus(409));
    expect(response.text).toContain('En anden har gemt i mellemtiden');
    expect(response.text).toContain('value="Anden Kommune"');
    // The form now carries the newest version: saving again is a deliberate overwrite.
    expect(response.text).toContain('name="version" value="2"');
    expect((await settingsRow())?.name).toBe('Første Kommune');
  });

  it('answers 409 when the form was loaded before the row existed and someone created it since', async () => {
    const stale = formFieldsOf((await admin.get(SETTINGS)).text, SETTINGS);
    await submit(admin, SETTINGS, CONTACT).then(expectStatus(303));
    await admin
      .post(SETTINGS)
      .type('form')
      .send({ ...stale, ...CONTACT, name: 'Sen Kommune' })
      .then(expectStatus(409));
    expect((await settingsRow())?.name).toBe('Testrup Kommune');
  });

  it('saves nothing when the audit row cannot be written', async () => {
    await failAuditWrites(ctx.db.prisma);
    await expect(submit(admin, SETTINGS, CONTACT)).resolves.toMatchObject({ status: 500 });
    expect(await settingsRow()).toBeNull();
  });

  it('refuses staff (403) and saves nothing', async () => {
    await staff.get(SETTINGS).expect(403);
    const token = csrfTokenFrom((await staff.get('/min-side')).text);
    await staff
      .post(SETTINGS)
      .type('form')
      .send({ _csrf: token, version: '0', ...CONTACT })
      .expect(403);
    expect(await settingsRow()).toBeNull();
  });

  it('answers 400 to a form without a version', async () => {
    const token = csrfTokenFrom((await admin.get(SETTINGS)).text);
    await admin
      .post(SETTINGS)
      .type('form')
      .send({ _csrf: token, ...CONTACT })
      .expect(400);
  });
});

describe('the texts of the fixed pages', () => {
  const TEXT_VALUES = {
    aboutDa: 'Om os.\n\nAndet afsnit.',
    aboutEn: '',
    privacyIntroDa: 'Vi passer på dine data.',
    privacyIntroEn: 'We look after your data.',
    accessibilityStatementDate: '27-11-2026',
    accessibilityIssuesDa: 'Kendt fejl',
    accessibilityIssuesEn: 'Known issue',
    accessibilityContact: 'Ring 12 34 56 78',
  };

  it('saves the texts and the date (dd-mm-åååå), auditing that the texts changed but not what they say', async () => {
    await submit(admin, TEXTS, TEXT_VALUES).then(expectStatus(303));
    const row = await settingsRow();
    expect(row).toMatchObject({ aboutDa: 'Om os.\n\nAndet afsnit.', accessibilityContact: 'Ring 12 34 56 78', name: 'Kommunen' });
    expect(row?.accessibilityStatementDate?.toISOString()).toBe('2026-11-27T00:00:00.000Z');
    const [audit] = await auditRows('settings.changed');
    expect(audit?.details).toEqual({
      before: {
        aboutDa: '(changed)',
        privacyIntroDa: '(changed)',
        privacyIntroEn: '(changed)',
        accessibilityIssuesDa: '(changed)',
        accessibilityIssuesEn: '(changed)',
        accessibilityContact: '(changed)',
        accessibilityStatementDate: null,
      },
      after: {
        aboutDa: '(changed)',
        privacyIntroDa: '(changed)',
        privacyIntroEn: '(changed)',
        accessibilityIssuesDa: '(changed)',
        accessibilityIssuesEn: '(changed)',
        accessibilityContact: '(changed)',
        accessibilityStatementDate: '2026-11-27T00:00:00.000Z',
      },
    });
    expect(JSON.stringify(audit?.details)).not.toContain('Om os');
    // The form shows the date as it is typed.
    expect((await admin.get(TEXTS)).text).toContain('value="27-11-2026"');
  });

  it('shows a changed text on the public pages at once, with its new e-mail links and paragraphs', async () => {
    await submit(admin, TEXTS, { ...TEXT_VALUES, accessibilityContact: 'Skriv til gammel@testrup.example.org.' }).then(expectStatus(303));
    // Seen once (and so kept for the next views: pages-routes.ts makes them once per text).
    for (let i = 0; i < 2; i++) {
      expect((await staff.get('/tilgaengelighed').expect(200)).text).toContain('<a href="mailto:gammel@testrup.example.org">');
    }
    await submit(admin, TEXTS, {
      ...TEXT_VALUES,
      aboutDa: 'Nyt afsnit.\n\nEt til.',
      accessibilityContact: 'Skriv til ny@testrup.example.org.',
    }).then(expectStatus(303));
    const page = (await staff.get('/tilgaengelighed').expect(200)).text;
    expect(page).toContain('Skriv til <a href="mailto:ny@testrup.example.org">ny@testrup.example.org</a>.');
    expect(page).not.toContain('gammel@testrup.example.org');
    const about = (await staff.get('/om').expect(200)).text;
    expect(about).toContain('<p class="preserve-lines">Nyt afsnit.</p>');
    expect(about).toContain('<p class="preserve-lines">Et til.</p>');
  });

  it('refuses an impossible date with 422, keeping every text', async () => {
    const response = await submit(admin, TEXTS, { ...TEXT_VALUES, accessibilityStatementDate: '31-02-2026' }).then(expectStatus(422));
    expect(response.text).toContain('Skriv datoen som dd-mm-åååå');
    expect(response.text).toContain('Vi passer på dine data.</textarea>');
    expect(await settingsRow()).toBeNull();
  });

  it('refuses a text over the limit with 422', async () => {
    const response = await submit(admin, TEXTS, { aboutDa: 'x'.repeat(8001) }).then(expectStatus(422));
    expect(response.text).toContain('8000');
    expect(await settingsRow()).toBeNull();
  });

  it('answers 409 to a stale form, keeping the input', async () => {
    await submit(admin, TEXTS, TEXT_VALUES).then(expectStatus(303));
    const stale = formFieldsOf((await admin.get(TEXTS)).text, TEXTS);
    await submit(admin, TEXTS, { aboutDa: 'Ny tekst' }).then(expectStatus(303));
    const response = await admin
      .post(TEXTS)
      .type('form')
      .send({ ...stale, aboutDa: 'Min tekst' })
      .then(expectStatus(409));
    expect(response.text).toContain('Min tekst</textarea>');
    expect((await settingsRow())?.aboutDa).toBe('Ny tekst');
  });
});

describe('the retention periods', () => {
  it('says when a change applies in the same words in both languages: at night, no UTC', async () => {
    const danish = await admin.get(RETENTION).expect(200);
    expect(danish.text).toContain('næste kørsel om natten');
    expect(danish.text).not.toContain('UTC');
    await admin.get('/sprog/en').expect(303);
    try {
      const english = await admin.get(RETENTION).expect(200);
      expect(english.text).toContain('the next run at night');
      expect(english.text).not.toContain('UTC');
    } finally {
      await admin.get('/sprog/da').expect(303);
    }
  });

  it('shows the defaults, saves the periods and audits before and after', async () => {
    const page = await admin.get(RETENTION).expect(200);
    expect(page.text).toContain('id="interestMonths" name="interestMonths" value="12"');
    expect(page.text).toContain('om natten');
    await submit(admin, RETENTION, { interestMonths: '6', memberInactivityMonths: '24', auditMonths: '36' }).then(expectStatus(303));
    expect(await settingsRow()).toMatchObject({ interestRetentionMonths: 6, memberInactivityMonths: 24, auditRetentionMonths: 36 });
    const [audit] = await auditRows('settings.retention-changed');
    expect(audit?.details).toEqual({
      before: { interestRetentionMonths: 12, auditRetentionMonths: 60 },
      after: { interestRetentionMonths: 6, auditRetentionMonths: 36 },
    });
  });

  it('refuses periods outside their bounds, or not whole months, with 422 naming the bounds', async () => {
    const response = await submit(admin, RETENTION, { interestMonths: '37', memberInactivityMonths: '5', auditMonths: '2,5' }).then(
      expectStatus(422),
    );
    expect(response.text).toContain('Skriv et helt antal måneder fra 1 til 36');
    expect(response.text).toContain('Skriv et helt antal måneder fra 6 til 60');
    expect(response.text).toContain('Skriv et helt antal måneder fra 12 til 120');
    expect(response.text).toContain('value="2,5"');
    const empty = await submit(admin, RETENTION, { interestMonths: '' }).then(expectStatus(422));
    expect(empty.text).toContain('Skriv et antal måneder');
    expect(await settingsRow()).toBeNull();
  });

  it('answers 409 to a stale form', async () => {
    const stale = formFieldsOf((await admin.get(RETENTION)).text, RETENTION);
    await submit(admin, RETENTION, { interestMonths: '24' }).then(expectStatus(303));
    await admin
      .post(RETENTION)
      .type('form')
      .send({ ...stale, interestMonths: '3' })
      .then(expectStatus(409));
    expect((await settingsRow())?.interestRetentionMonths).toBe(24);
  });

  it('is what the privacy page and the interest form’s consent text say', async () => {
    await submit(admin, RETENTION, { interestMonths: '7', memberInactivityMonths: '18', auditMonths: '84' }).then(expectStatus(303));
    const privacy = await admin.get('/privatliv').expect(200);
    expect(privacy.text).toContain('Slettes 7 måneder efter');
    expect(privacy.text).toContain('ikke har logget ind i 18 måneder');
    expect(privacy.text).toContain('Gemmes i 84 måneder');
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const page = await admin.get(`/opgaver/${opening.id}`).expect(200);
    expect(page.text).toContain('Vi sletter oplysningerne automatisk 7 måneder efter');
  });

  it('refuses staff (403)', async () => {
    await staff.get(RETENTION).expect(403);
    await staff.get(TEXTS).expect(403);
  });
});
