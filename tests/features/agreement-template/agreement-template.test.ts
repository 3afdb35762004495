// The municipality's collaboration-agreement template: staff read it (version 0, the
// portal's standard, until an admin saves one), admins save edits as new versions,
// old versions stay readable, and every save is one transaction with its audit row.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, expectStatus, formFieldsOf, logIn } from '../../helpers/http.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../../helpers/audit.js';
import { DEFAULT_CHECKLIST, DEFAULT_SECTIONS } from '../../../src/features/agreement-template/default-template.js';

const PAGE = '/medarbejder/aftaleskabelon';
const EDIT = `${PAGE}/rediger`;

let ctx: TestContext;
let staff: Agent;
let admin: Agent;
let adminId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  staff = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  const adminUser = await aUser(prisma, { role: 'ADMIN', name: 'Anne Admin' });
  adminId = adminUser.id;
  admin = await logIn(ctx.app, adminUser.email, TEST_PASSWORD);
});
afterEach(() => allowAuditWrites(ctx.db.prisma));
afterAll(() => ctx.close());

const fieldsOf = (html: string) => formFieldsOf(html, '/medarbejder/aftaleskabelon/rediger');

async function loadForm(agent: Agent): Promise<Record<string, string>> {
  return fieldsOf((await agent.get(EDIT).expect(200)).text);
}

const post = (agent: Agent, fields: Record<string, string>) => agent.post(EDIT).type('form').send(fields);

const versionCount = () => ctx.db.prisma.agreementTemplateVersion.count();

describe('the agreement template', () => {
  it('shows staff the standard template, version 0, in Danish and in English', async () => {
    const da = await staff.get(PAGE).expect(200);
    expect(da.text).toContain('Version 0 (portalens standard)');
    for (const section of DEFAULT_SECTIONS) expect(da.text).toContain(`<h3>${section.titleDa}</h3>`);
    for (const item of DEFAULT_CHECKLIST) expect(da.text).toContain(`<strong>${item.textDa}</strong>`);
    expect(da.text).toContain('Skriv kort, hvorfor I samarbejder, og hvad borgerne får ud af det.');
    expect(da.text.match(/<h3>/g)).toHaveLength(DEFAULT_SECTIONS.length);
    // Staff read it; only admins edit.
    expect(da.text).not.toContain(`href="${EDIT}"`);
    expect((await admin.get(PAGE).expect(200)).text).toContain(`href="${EDIT}"`);

    const english = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
    await english.get('/sprog/en');
    const en = await english.get(PAGE).expect(200);
    expect(en.text).toContain('Version 0 (the portal&#39;s standard)');
    for (const section of DEFAULT_SECTIONS) expect(en.text).toContain(`<h3>${section.titleEn.replaceAll("'", '&#39;')}</h3>`);
    for (const item of DEFAULT_CHECKLIST) expect(en.text).toContain(`<strong>${item.textEn.replaceAll("'", '&#39;')}</strong>`);
  });

  it('links the template from the staff start page', async () => {
    expect((await staff.get('/medarbejder').expect(200)).text).toContain(`href="${PAGE}"`);
  });

  it('refuses staff the edit form and the save (403), saving nothing', async () => {
    await staff.get(EDIT).expect(403);
    const fields = await loadForm(admin);
    const staffToken = /name="_csrf" value="([^"]+)"/.exec((await staff.get(PAGE)).text)![1]!;
    await post(staff, { ...fields, _csrf: staffToken }).expect(403);
    expect(await versionCount()).toBe(0);
  });

  it('keeps the input and shows the errors when a title is missing (422), saving nothing', async () => {
    const fields = await loadForm(admin);
    const response = await post(admin, {
      ...fields,
      'section-0-titleDa': '',
      'section-2-titleEn': 'Kept English title',
      note: 'My note',
    }).then(expectStatus(422));
    expect(response.text).toContain('data-module="error-summary"');
    expect(response.text).toContain('href="#section-0-titleDa"');
    expect(response.text).toContain('Skriv afsnittets titel på dansk.');
    expect(response.text).toContain('value="Kept English title"');
    expect(response.text).toContain('My note');
    expect(await versionCount()).toBe(0);
  });

  it('refuses to remove every section (422)', async () => {
    const fields = await loadForm(admin);
    for (let i = 0; i < DEFAULT_SECTIONS.length; i++) fields[`section-${i}-remove`] = 'ja';
    const response = await post(admin, fields).then(expectStatus(422));
    expect(response.text).toContain('href="#sections"');
    expect(await versionCount()).toBe(0);
  });

  it('rolls the save back when its audit row cannot be written (500)', async () => {
    const fields = await loadForm(admin);
    await failAuditWrites(ctx.db.prisma);
    await post(admin, { ...fields, 'section-0-titleDa': 'Formål med samarbejdet' }).expect(500);
    expect(await versionCount()).toBe(0);
  });

  it('saves an edit as version 1, keeps version 0 readable, lists it and audits it', async () => {
    const fields = await loadForm(admin);
    expect(fields.basedOn).toBe('0');
    await post(admin, { ...fields, 'section-0-titleDa': 'Formål med samarbejdet', note: 'Tydeligere titel' }).expect(303);

    const version = await ctx.db.prisma.agreementTemplateVersion.findUniqueOrThrow({
      where: { number: 1 },
      include: { sections: { orderBy: { sortOrder: 'asc' } }, checklistItems: true },
    });
    expect(version.createdById).toBe(adminId);
    expect(version.note).toBe('Tydeligere titel');
    expect(version.sections).toHaveLength(DEFAULT_SECTIONS.length);
    expect(version.checklistItems).toHaveLength(DEFAULT_CHECKLIST.length);
    expect(version.sections[0]).toMatchObject({ key: 'purpose', titleDa: 'Formål med samarbejdet', sortOrder: 1 });

    const page = await staff.get(PAGE).expect(200);
    expect(page.text).toContain('<h3>Formål med samarbejdet</h3>');
    expect(page.text).toContain('Version 1, gemt');
    expect(page.text).toContain('Anne Admin');
    expect(page.text).toContain('Tydeligere titel');
    expect(page.text).toContain(`href="${PAGE}/version/0"`);

    const old = await staff.get(`${PAGE}/version/0`).expect(200);
    expect(old.text).toContain('<h3>Formål</h3>');
    expect(old.text).toContain('tidligere version');
    expect((await staff.get(`${PAGE}/version/1`).expect(200)).text).toContain('<h3>Formål med samarbejdet</h3>');
    await staff.get(`${PAGE}/version/2`).expect(404);
    await staff.get(`${PAGE}/version/01`).expect(404);

    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'agreementTemplate.versionCreated' } });
    expect(audit.actorUserId).toBe(adminId);
    expect(audit.details).toEqual({ number: 1, sections: DEFAULT_SECTIONS.length, checklistItems: DEFAULT_CHECKLIST.length });
  });

  it('answers a form loaded from an older version with 409, keeping the input and saving nothing', async () => {
    const stale = await loadForm(admin);
    const other = await loadForm(admin);
    await post(admin, { ...other, note: 'Først' }).expect(303);
    const before = await versionCount();

    const response = await post(admin, { ...stale, 'section-1-titleDa': 'Min målgruppe', note: 'Mine ændringer' }).then(expectStatus(409));
    expect(response.text).toContain('En anden har gemt en nyere version');
    expect(response.text).toContain('value="Min målgruppe"');
    expect(response.text).toContain('Mine ændringer');
    // The form now builds on the newest version, so saving again is deliberate.
    expect(fieldsOf(response.text).basedOn).toBe(String(before));
    expect(await versionCount()).toBe(before);
  });

  it('removes and adds sections and checklist items, in the order given', async () => {
    const fields = await loadForm(admin);
    const before = await versionCount();
    await post(admin, {
      ...fields,
      'section-1-remove': 'ja',
      'section-13-order': '0',
      'newSection-order': '3',
      'newSection-titleDa': 'Frivilliges trivsel',
      'newSection-titleEn': "Volunteers' wellbeing",
      'newSection-guidanceDa': 'Skriv, hvordan I passer på de frivillige.',
      'newItem-textDa': 'Fælles sprog',
      'newItem-textEn': 'Shared language',
      'item-0-remove': 'ja',
    }).expect(303);

    const saved = await ctx.db.prisma.agreementTemplateVersion.findUniqueOrThrow({
      where: { number: before + 1 },
      include: { sections: { orderBy: { sortOrder: 'asc' } }, checklistItems: { orderBy: { sortOrder: 'asc' } } },
    });
    const keys = saved.sections.map((s) => s.key);
    expect(keys).toHaveLength(DEFAULT_SECTIONS.length);
    expect(keys).not.toContain('target-group');
    // Order 0 puts the last section first; the new one, at 3, comes after the section
    // that already had 3 (a tie goes to the row that was there first).
    expect(keys.slice(0, 5)).toEqual(['notice-and-review', 'purpose', 'shared-goals', 'frivilliges-trivsel', 'roles-and-tasks']);
    expect(saved.sections.find((s) => s.key === 'frivilliges-trivsel')).toMatchObject({
      titleEn: "Volunteers' wellbeing",
      guidanceDa: 'Skriv, hvordan I passer på de frivillige.',
      guidanceEn: '',
    });
    const items = saved.checklistItems.map((i) => i.key);
    expect(items[0]).toBe('mutual-trust');
    expect(items.at(-1)).toBe('faelles-sprog');
    expect(items).toHaveLength(DEFAULT_CHECKLIST.length);
  });

  it('refuses a form without the version it was loaded from (400)', async () => {
    const { basedOn: _, ...fields } = await loadForm(admin);
    await post(admin, fields).expect(400);
  });
});
