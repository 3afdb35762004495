// Admins keep the vocabularies: the overview and lists with their use, add (unique
// names, slug, placed last), edit names and order, retire/reactivate, merge — each
// change audited; unknown kinds and ids are 404; only admins get in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, expectStatus, logIn, postForm, type Agent } from '../../helpers/http.js';
import { allowAuditWrites, failAuditWrites } from '../../helpers/audit.js';
import { aLookup, aUser, anActivity, anAssociation, anOpening, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { vocabulariesChanged } from '../../helpers/factories/lookups.js';

let ctx: TestContext;
let admin: Agent;
let adminId: number;
const BASE = '/administration/ordlister';

beforeAll(async () => {
  ctx = await createTestContext();
  const user = await aUser(ctx.db.prisma, { role: 'ADMIN' });
  adminId = user.id;
  admin = await logIn(ctx.app, user.email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

/** The fingerprint an edit form carries. */
const loadedFrom = (html: string) => /name="loaded" value="([0-9a-f]+)"/.exec(html)?.[1] ?? '';

/** Loads an edit form and posts `form` back with its tokens, as the browser would. */
async function postEdit(path: string, form: Record<string, string>) {
  const page = await admin.get(path).expect(200);
  return admin
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), loaded: loadedFrom(page.text), ...form });
}

/** POSTs to a path with the CSRF token of the page at `from`. */
const post = (path: string, form: Record<string, string> = {}, from = `${BASE}/omraader`) => postForm(admin, from, path, form);

describe('the vocabulary pages', () => {
  it('lists the four vocabularies with their counts, and each with its values in order and their use', async () => {
    const early = await aLookup(ctx.db.prisma, 'targetGroup', 'liste-foerst', 'Listeførst', { nameEn: 'List first', sortOrder: 1 });
    await aLookup(ctx.db.prisma, 'targetGroup', 'liste-sidst', 'Listesidst', { nameEn: 'List last', sortOrder: 900 });
    const association = await anAssociation(ctx.db.prisma);
    await anOpening(ctx.db.prisma, association.id, { targetGroupIds: [early.id] });
    await anActivity(ctx.db.prisma, association.id, { targetGroupIds: [early.id] });

    const index = await admin.get(BASE).then(expectStatus(200));
    for (const name of ['Lokalområder', 'Fagområder', 'Målgrupper', 'Kompetencer']) expect(index.text).toContain(name);
    expect(index.text).toContain(`href="${BASE}/maalgrupper"`);

    const list = await admin.get(`${BASE}/maalgrupper`).then(expectStatus(200));
    expect(list.text.indexOf('Listeførst')).toBeLessThan(list.text.indexOf('Listesidst'));
    expect(list.text).toContain('List first');
    expect(list.text).toMatch(/1 opgave, 1 aktivitet/);
    expect(list.text).toContain(`action="${BASE}/maalgrupper/${early.id}/udfas"`);
  });

  it('answers 404 for an unknown kind or id', async () => {
    const area = await aLookup(ctx.db.prisma, 'localArea', 'fire-fire', 'Firefire');
    await admin.get(`${BASE}/ukendt`).expect(404);
    await admin.get(`${BASE}/ukendt/ny`).expect(404);
    await admin.get(`${BASE}/omraader/999999/rediger`).expect(404);
    await admin.get(`${BASE}/omraader/abc/rediger`).expect(404);
    await admin.get(`${BASE}/omraader/999999/flet`).expect(404);
    // An id of another kind is not this kind's value.
    await admin.get(`${BASE}/kompetencer/${area.id + 100000}/rediger`).expect(404);
    expect((await post(`${BASE}/omraader/999999/udfas`)).status).toBe(404);
    expect((await post(`${BASE}/omraader/999999/genaktiver`)).status).toBe(404);
    expect((await post(`${BASE}/ukendt/1/udfas`)).status).toBe(404);
    const ghost = { nameDa: 'X', nameEn: 'X', sortOrder: '1', loaded: '0123456789abcdef' };
    expect((await post(`${BASE}/omraader/999999/rediger`, ghost)).status).toBe(404);
  });

  it('refuses staff and association members', async () => {
    const staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
    await staff.get(BASE).expect(403);
    await staff.get(`${BASE}/omraader`).expect(403);
    const token = csrfTokenFrom((await staff.get('/min-side')).text);
    await staff.post(`${BASE}/omraader/ny`).type('form').send({ _csrf: token, nameDa: 'Snyd', nameEn: 'Cheat' }).expect(403);
    expect(await ctx.db.prisma.localArea.count({ where: { nameDa: 'Snyd' } })).toBe(0);
    const member = await logIn(ctx.app, (await aUser(ctx.db.prisma)).email, TEST_PASSWORD);
    await member.get(`${BASE}/kompetencer`).expect(403);
  });
});

describe('adding and editing values', () => {
  it('adds a value last, with a slug from the Danish name, audited', async () => {
    await aLookup(ctx.db.prisma, 'skillArea', 'it-hjaelp', 'IT-hjælp', { sortOrder: 40 });
    const response = await post(`${BASE}/kompetencer/ny`, { nameDa: '  Børnepasning ', nameEn: 'Childcare' }, `${BASE}/kompetencer/ny`);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`${BASE}/kompetencer`);
    const row = await ctx.db.prisma.skillArea.findFirstOrThrow({ where: { nameDa: 'Børnepasning' } });
    expect(row).toMatchObject({ slug: 'boernepasning', nameEn: 'Childcare', retiredAt: null });
    const max = await ctx.db.prisma.skillArea.aggregate({ _max: { sortOrder: true } });
    expect(row.sortOrder).toBe(max._max.sortOrder);
    expect(row.sortOrder).toBeGreaterThan(40);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'vocabulary.created', targetId: `skillArea:${row.id}` },
    });
    expect(audit).toMatchObject({ targetType: 'vocabulary', actorUserId: adminId });
  });

  it('refuses a name the vocabulary already has (any case, either language) with 422; a taken slug gets a number', async () => {
    await aLookup(ctx.db.prisma, 'fieldOfWork', 'natur', 'Natur', { nameEn: 'Nature' });
    const same = await post(`${BASE}/fagomraader/ny`, { nameDa: 'NATUR', nameEn: 'Outdoors' }, `${BASE}/fagomraader/ny`);
    expect(same.status).toBe(422);
    expect(same.text).toContain('Der findes allerede en værdi med det danske navn »NATUR« i denne ordliste.');
    expect(same.text).not.toContain('engelske navn');
    expect(same.text).toContain('value="NATUR"');
    const sameEn = await post(`${BASE}/fagomraader/ny`, { nameDa: 'Naturpleje', nameEn: 'nature' }, `${BASE}/fagomraader/ny`);
    expect(sameEn.status).toBe(422);
    expect(sameEn.text).toContain('Der findes allerede en værdi med det engelske navn »nature« i denne ordliste.');
    expect(sameEn.text).not.toContain('danske navn');
    // Both names taken: one message per field, each naming its language, each once in the summary.
    const bothTaken = await post(`${BASE}/fagomraader/ny`, { nameDa: 'natur', nameEn: 'NATURE' }, `${BASE}/fagomraader/ny`);
    expect(bothTaken.status).toBe(422);
    const summary = bothTaken.text.slice(
      bothTaken.text.indexOf('error-summary'),
      bothTaken.text.indexOf('</ul>', bothTaken.text.indexOf('error-summary')),
    );
    expect(summary).toContain(
      '<a class="function-link" href="#nameDa">Der findes allerede en værdi med det danske navn »natur« i denne ordliste.</a>',
    );
    expect(summary).toContain(
      '<a class="function-link" href="#nameEn">Der findes allerede en værdi med det engelske navn »NATURE« i denne ordliste.</a>',
    );
    expect(summary.match(/Der findes allerede/g)).toHaveLength(2);
    expect(await ctx.db.prisma.fieldOfWork.count({ where: { nameDa: { in: ['NATUR', 'Naturpleje'] } } })).toBe(0);
    // The same name in another vocabulary is fine.
    expect((await post(`${BASE}/omraader/ny`, { nameDa: 'Natur', nameEn: 'Nature' })).status).toBe(303);
    // A slug already taken gets a number.
    await aLookup(ctx.db.prisma, 'fieldOfWork', 'have', 'Haveselskab');
    expect((await post(`${BASE}/fagomraader/ny`, { nameDa: 'Have', nameEn: 'Garden' }, `${BASE}/fagomraader/ny`)).status).toBe(303);
    expect((await ctx.db.prisma.fieldOfWork.findFirstOrThrow({ where: { nameDa: 'Have' } })).slug).toBe('have-2');
  });

  it('refuses empty names and a bad order with 422, input kept', async () => {
    const blank = await post(`${BASE}/omraader/ny`, { nameDa: ' ', nameEn: '' });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('Skriv navnet på dansk.');
    expect(blank.text).toContain('Skriv navnet på engelsk.');
    // Every problem at once: a taken name is reported next to a missing one.
    await aLookup(ctx.db.prisma, 'localArea', 'optaget', 'Optaget');
    const both = await post(`${BASE}/omraader/ny`, { nameDa: 'optaget', nameEn: '' });
    expect(both.status).toBe(422);
    expect(both.text).toContain('Der findes allerede en værdi med det danske navn »optaget«');
    expect(both.text).toContain('Skriv navnet på engelsk.');
    const area = await aLookup(ctx.db.prisma, 'localArea', 'orden', 'Orden');
    const path = `${BASE}/omraader/${area.id}/rediger`;
    for (const sortOrder of ['', '-1', '1.5', '1000000000', 'x']) {
      const response = await postEdit(path, { nameDa: 'Orden', nameEn: 'Order', sortOrder });
      expect([sortOrder, response.status]).toEqual([sortOrder, 422]);
    }
  });

  it('renames and reorders, keeping the slug, audited with before and after', async () => {
    const area = await aLookup(ctx.db.prisma, 'localArea', 'gammelby', 'Gammelby', { nameEn: 'Old town', sortOrder: 5 });
    const path = `${BASE}/omraader/${area.id}/rediger`;
    const form = await admin.get(path).then(expectStatus(200));
    expect(form.text).toContain('value="Gammelby"');
    expect(form.text).toContain('value="5"');
    const response = await postEdit(path, { nameDa: 'Nyby', nameEn: 'New town', sortOrder: '2' });
    expect(response.status).toBe(303);
    expect(await ctx.db.prisma.localArea.findUniqueOrThrow({ where: { id: area.id } })).toMatchObject({
      slug: 'gammelby',
      nameDa: 'Nyby',
      nameEn: 'New town',
      sortOrder: 2,
    });
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'vocabulary.changed', targetId: `localArea:${area.id}` },
    });
    expect(audit.details).toMatchObject({ before: { nameDa: 'Gammelby', sortOrder: 5 }, after: { nameDa: 'Nyby', sortOrder: 2 } });
    // Its own name again is not a duplicate.
    expect((await postEdit(path, { nameDa: 'nyby', nameEn: 'New town', sortOrder: '2' })).status).toBe(303);
  });

  it('answers 409 with the input kept when another admin saved since the form was loaded; saving again overwrites', async () => {
    const group = await aLookup(ctx.db.prisma, 'targetGroup', 'samtidig', 'Samtidig', { nameEn: 'Meanwhile' });
    const path = `${BASE}/maalgrupper/${group.id}/rediger`;
    const page = await admin.get(path).expect(200);
    await ctx.db.prisma.targetGroup.update({ where: { id: group.id }, data: { nameEn: 'Changed by someone else' } });
    vocabulariesChanged(ctx.services);
    const mine = { nameDa: 'Min udgave', nameEn: 'My version', sortOrder: '3' };
    const stale = await admin
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), loaded: loadedFrom(page.text), ...mine });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('value="Min udgave"');
    expect((await ctx.db.prisma.targetGroup.findUniqueOrThrow({ where: { id: group.id } })).nameEn).toBe('Changed by someone else');
    const again = await admin
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(stale.text), loaded: loadedFrom(stale.text), ...mine });
    expect(again.status).toBe(303);
    expect((await ctx.db.prisma.targetGroup.findUniqueOrThrow({ where: { id: group.id } })).nameEn).toBe('My version');
    // A form without the fingerprint was not made by the portal.
    const bare = await admin
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(stale.text), ...mine });
    expect(bare.status).toBe(400);
  });
});

describe('retiring and reactivating', () => {
  it('retires and reactivates, audited once each; a repeated click changes nothing', async () => {
    const group = await aLookup(ctx.db.prisma, 'targetGroup', 'tilflyttere', 'Tilflyttere');
    expect((await post(`${BASE}/maalgrupper/${group.id}/udfas`)).status).toBe(303);
    expect((await ctx.db.prisma.targetGroup.findUniqueOrThrow({ where: { id: group.id } })).retiredAt).toEqual(ctx.clock.now());
    expect((await post(`${BASE}/maalgrupper/${group.id}/udfas`)).status).toBe(303);
    const list = await admin.get(`${BASE}/maalgrupper`).then(expectStatus(200));
    expect(list.text).toContain(`action="${BASE}/maalgrupper/${group.id}/genaktiver"`);
    expect((await post(`${BASE}/maalgrupper/${group.id}/genaktiver`)).status).toBe(303);
    expect((await ctx.db.prisma.targetGroup.findUniqueOrThrow({ where: { id: group.id } })).retiredAt).toBeNull();
    const actions = await ctx.db.prisma.auditLog.findMany({ where: { targetId: `targetGroup:${group.id}` }, orderBy: { id: 'asc' } });
    expect(actions.map((a) => a.action)).toEqual(['vocabulary.retired', 'vocabulary.reactivated']);
  });
});

describe('merging', () => {
  it('shows how many rows move and offers only active values of the same kind', async () => {
    const source = await aLookup(ctx.db.prisma, 'skillArea', 'flet-kilde', 'Fletkilde');
    await aLookup(ctx.db.prisma, 'skillArea', 'flet-maal', 'Fletmål');
    const retired = await aLookup(ctx.db.prisma, 'skillArea', 'flet-udfaset', 'Fletudfaset');
    await ctx.db.prisma.skillArea.update({ where: { id: retired.id }, data: { retiredAt: new Date() } });
    vocabulariesChanged(ctx.services);
    const association = await anAssociation(ctx.db.prisma);
    await anOpening(ctx.db.prisma, association.id, { skillAreaIds: [source.id] });
    await anOpening(ctx.db.prisma, association.id, { skillAreaIds: [source.id] });
    const page = await admin.get(`${BASE}/kompetencer/${source.id}/flet`).then(expectStatus(200));
    expect(page.text).toContain('2 rækker flyttes');
    expect(page.text).toContain('Fletmål</option>');
    expect(page.text).not.toContain('Fletudfaset</option>');
    expect(page.text).not.toContain('Fletkilde</option>');
  });

  it('moves every link to the target without duplicates, bumps the rows, deletes the source, audits the counts', async () => {
    const source = await aLookup(ctx.db.prisma, 'targetGroup', 'born', 'Born');
    const target = await aLookup(ctx.db.prisma, 'targetGroup', 'boern', 'Børn');
    const association = await anAssociation(ctx.db.prisma);
    const onlySource = await anOpening(ctx.db.prisma, association.id, { targetGroupIds: [source.id] });
    const both = await anOpening(ctx.db.prisma, association.id, { targetGroupIds: [source.id, target.id] });
    const activity = await anActivity(ctx.db.prisma, association.id, { targetGroupIds: [source.id] });
    const path = `${BASE}/maalgrupper/${source.id}/flet`;

    const response = await post(path, { targetId: String(target.id) }, path);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`${BASE}/maalgrupper`);

    expect(await ctx.db.prisma.targetGroup.findUnique({ where: { id: source.id } })).toBeNull();
    const groupsOf = async (id: number) =>
      (await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id }, include: { targetGroups: true } })).targetGroups.map((g) => g.id);
    expect(await groupsOf(onlySource.id)).toEqual([target.id]);
    expect(await groupsOf(both.id)).toEqual([target.id]);
    const moved = await ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id }, include: { targetGroups: true } });
    expect(moved.targetGroups.map((g) => g.id)).toEqual([target.id]);
    expect(moved.version).toBe(activity.version + 1);
    expect((await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: both.id } })).version).toBe(both.version + 1);

    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'vocabulary.merged', targetId: `targetGroup:${source.id}` },
    });
    expect(audit.details).toMatchObject({ into: `targetGroup:${target.id}`, moved: { openings: 2, activities: 1 } });
  });

  it('moves a local area column on openings, associations and activities', async () => {
    const source = await aLookup(ctx.db.prisma, 'localArea', 'sted-a', 'Sted A');
    const target = await aLookup(ctx.db.prisma, 'localArea', 'sted-b', 'Sted B');
    const association = await anAssociation(ctx.db.prisma, { localAreaId: source.id });
    const opening = await anOpening(ctx.db.prisma, association.id, { localAreaId: source.id });
    const activity = await anActivity(ctx.db.prisma, association.id, { localAreaId: source.id });
    const path = `${BASE}/omraader/${source.id}/flet`;
    expect((await post(path, { targetId: String(target.id) }, path)).status).toBe(303);
    expect((await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: association.id } })).localAreaId).toBe(target.id);
    expect((await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } })).localAreaId).toBe(target.id);
    expect((await ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).localAreaId).toBe(target.id);
    expect(await ctx.db.prisma.localArea.findUnique({ where: { id: source.id } })).toBeNull();
  });

  it('refuses a missing, retired, own or other-kind target with 422 and changes nothing', async () => {
    const source = await aLookup(ctx.db.prisma, 'fieldOfWork', 'flet-fag', 'Fletfag');
    const retired = await aLookup(ctx.db.prisma, 'fieldOfWork', 'flet-fag-udfaset', 'Fletfag udfaset');
    await ctx.db.prisma.fieldOfWork.update({ where: { id: retired.id }, data: { retiredAt: new Date() } });
    vocabulariesChanged(ctx.services);
    const path = `${BASE}/fagomraader/${source.id}/flet`;
    for (const targetId of ['', 'abc', String(retired.id), String(source.id), '999999']) {
      const response = await post(path, { targetId }, path);
      expect([targetId, response.status]).toEqual([targetId, 422]);
    }
    expect(await ctx.db.prisma.fieldOfWork.findUnique({ where: { id: source.id } })).not.toBeNull();
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'vocabulary.merged', targetId: `fieldOfWork:${source.id}` } })).toBe(0);
  });

  it('rolls a merge back when its audit row cannot be written', async () => {
    const source = await aLookup(ctx.db.prisma, 'skillArea', 'uden-spor', 'Uden spor');
    const target = await aLookup(ctx.db.prisma, 'skillArea', 'med-spor', 'Med spor');
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { skillAreaIds: [source.id] });
    const path = `${BASE}/kompetencer/${source.id}/flet`;
    const page = await admin.get(path).expect(200);
    await failAuditWrites(ctx.db.prisma);
    try {
      const response = await admin
        .post(path)
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), targetId: String(target.id) });
      expect(response.status).toBe(500);
    } finally {
      await allowAuditWrites(ctx.db.prisma);
    }
    expect(await ctx.db.prisma.skillArea.findUnique({ where: { id: source.id } })).not.toBeNull();
    const kept = await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id }, include: { skillAreas: true } });
    expect(kept.skillAreas.map((s) => s.id)).toEqual([source.id]);
    expect(kept.version).toBe(opening.version);
  });
});
