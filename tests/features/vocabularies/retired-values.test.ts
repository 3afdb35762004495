// The retire rule: a retired value vanishes from every form (opening, association
// registration and profile, activity) and every search filter (openings, directory,
// calendar), while rows that have it keep it, show its name, and can be saved without
// losing it; a form that adds a retired value the row did not have is refused (422).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { expectStatus, logIn, postForm, submitForm, type Agent } from '../../helpers/http.js';
import { profileFormOf, registrationForm, submitRegistration } from '../../helpers/forms.js';
import {
  aLookup,
  aUser,
  anActivity,
  anAssociation,
  anOpening,
  referenceData,
  TEST_PASSWORD,
  type ReferenceData,
} from '../../helpers/factories/index.js';
import { vocabulariesChanged } from '../../helpers/factories/lookups.js';

let ctx: TestContext;
let ref: ReferenceData;
let member: Agent;
let associationId: number;
let openingId: number;
let otherOpeningId: number;
let activityId: number;
const ids = { activeGroup: 0, retiredGroup: 0, activeArea: 0, retiredArea: 0, retiredSkill: 0, retiredField: 0 };

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  ref = await referenceData(prisma);
  ids.activeGroup = (await aLookup(prisma, 'targetGroup', 'seniorer', 'Seniorer', { nameEn: 'Seniors' })).id;
  ids.retiredGroup = (await aLookup(prisma, 'targetGroup', 'udfasetgruppe', 'Udfasetgruppe', { nameEn: 'Retiredgroup' })).id;
  ids.activeArea = (await aLookup(prisma, 'localArea', 'aktivby', 'Aktivby')).id;
  ids.retiredArea = (await aLookup(prisma, 'localArea', 'udfasetby', 'Udfasetby')).id;
  ids.retiredSkill = (await aLookup(prisma, 'skillArea', 'udfasetkompetence', 'Udfasetkompetence')).id;
  ids.retiredField = (await aLookup(prisma, 'fieldOfWork', 'udfasetfag', 'Udfasetfag')).id;

  const association = await anAssociation(prisma, {
    status: 'APPROVED',
    fieldOfWorkIds: [ids.retiredField, ref.fieldId.kultur],
    localAreaId: ids.retiredArea,
  });
  associationId = association.id;
  member = await logIn(ctx.app, (await aUser(prisma, { associationId })).email, TEST_PASSWORD);
  openingId = (
    await anOpening(prisma, associationId, {
      title: 'Opgave med udfasede værdier',
      localAreaId: ids.retiredArea,
      targetGroupIds: [ids.retiredGroup, ids.activeGroup],
      skillAreaIds: [ids.retiredSkill],
    })
  ).id;
  otherOpeningId = (await anOpening(prisma, associationId, { title: 'Anden opgave', targetGroupIds: [ids.activeGroup] })).id;
  activityId = (
    await anActivity(prisma, associationId, {
      title: 'Aktivitet i Udfasetby',
      startsAt: new Date('2026-12-03T17:00:00Z'),
      localAreaId: ids.retiredArea,
      targetGroupIds: [ids.retiredGroup],
    })
  ).id;

  // Retired through the admin page (the route under test elsewhere), the rest directly.
  const admin = await logIn(ctx.app, (await aUser(prisma, { role: 'ADMIN' })).email, TEST_PASSWORD);
  const list = '/administration/ordlister/maalgrupper';
  await postForm(admin, list, `${list}/${ids.retiredGroup}/udfas`).then(expectStatus(303));
  const now = ctx.clock.now();
  await prisma.localArea.update({ where: { id: ids.retiredArea }, data: { retiredAt: now } });
  await prisma.skillArea.update({ where: { id: ids.retiredSkill }, data: { retiredAt: now } });
  await prisma.fieldOfWork.update({ where: { id: ids.retiredField }, data: { retiredAt: now } });
  vocabulariesChanged(ctx.services);
});
afterAll(() => ctx.close());

const openings = () => `/min-forening/${associationId}/opgaver`;
const activities = () => `/min-forening/${associationId}/aktiviteter`;

/** A valid opening form; the test sets the vocabulary fields. */
function openingForm(vocabulary: { localAreaId: string; targetGroupIds: string[]; skillAreaIds: string[] }) {
  return {
    title: 'Lektiehjælper',
    summary: 'Hjælp unge med lektier.',
    description: 'Vi har lektiecafé hver tirsdag.',
    tasks: 'Matematik',
    volunteeringForm: 'ONGOING',
    commitment: 'WEEKLY',
    timeCommitment: '2 timer om ugen',
    place: 'Klubhuset',
    skills: '',
    childCertificateRequired: 'nej',
    startsOn: '',
    endsOn: '',
    deadline: '',
    contactName: 'Lone Eksempel',
    contactEmail: 'lone@example.org',
    contactPhone: '',
    handling: 'kladde',
    ...vocabulary,
  };
}

/** A valid activity form; the test sets the vocabulary fields. */
function activityForm(vocabulary: { localAreaId: string; targetGroupIds: string[] }) {
  return {
    title: 'Aktivitet i Udfasetby',
    description: 'Vi mødes.',
    place: 'Kulturhuset',
    accessibilityNotes: '',
    recurrence: 'ONCE',
    date: '2026-12-03',
    startTime: '18:00',
    endTime: '',
    repeatUntil: '',
    published: 'ja',
    ...vocabulary,
  };
}

describe('a retired value is gone from forms and search filters', () => {
  it('is not offered on the new-opening, new-activity and registration forms', async () => {
    const opening = await member.get(`${openings()}/ny`).then(expectStatus(200));
    expect(opening.text).toContain('Seniorer');
    for (const name of ['Udfasetgruppe', 'Udfasetby', 'Udfasetkompetence']) expect(opening.text).not.toContain(name);
    const activity = await member.get(`${activities()}/ny`).then(expectStatus(200));
    expect(activity.text).toContain('Aktivby');
    expect(activity.text).not.toContain('Udfasetby');
    expect(activity.text).not.toContain('Udfasetgruppe');
    const registration = await supertest(ctx.app).get('/foreninger/ny').then(expectStatus(200));
    expect(registration.text).toContain('Kultur');
    expect(registration.text).not.toContain('Udfasetfag');
    expect(registration.text).not.toContain('Udfasetby');
  });

  it('is not a filter of the openings search, the directory or the calendar', async () => {
    const anonymous = supertest(ctx.app);
    const search = await anonymous.get('/opgaver').then(expectStatus(200));
    expect(search.text).toContain('value="seniorer"');
    for (const slug of ['udfasetgruppe', 'udfasetby', 'udfasetkompetence', 'udfasetfag'])
      expect(search.text).not.toContain(`value="${slug}"`);
    const directory = await anonymous.get('/foreninger').then(expectStatus(200));
    expect(directory.text).toContain('value="kultur"');
    expect(directory.text).not.toContain('value="udfasetfag"');
    expect(directory.text).not.toContain('value="udfasetby"');
    // A value with nothing that week is left out of the calendar's filters (#10); a chosen one shows.
    const calendar = await anonymous.get('/kalender?fra=2026-11-30&omraade=aktivby').then(expectStatus(200));
    expect(calendar.text).toContain('value="aktivby"');
    expect(calendar.text).not.toContain('value="udfasetby"');
    expect(calendar.text).not.toContain('value="udfasetgruppe"');
  });

  it('answers an old search link naming a retired value without an error', async () => {
    const anonymous = supertest(ctx.app);
    // In the search's canonical parameter order: any other order is redirected to it first.
    await anonymous.get('/opgaver?omraade=udfasetby&maalgruppe=udfasetgruppe').then(expectStatus(200));
    await anonymous.get('/foreninger?fagomraade=udfasetfag&omraade=udfasetby').then(expectStatus(200));
    // The calendar drops values it no longer offers from the address (#10): the whole calendar.
    await anonymous.get('/kalender?omraade=udfasetby&maalgruppe=udfasetgruppe').then(expectStatus(302));
    await anonymous.get('/kalender?omraade=udfasetby&maalgruppe=udfasetgruppe').redirects(1).then(expectStatus(200));
  });
});

describe('rows that have a retired value keep it', () => {
  it('shows it on the opening page, the calendar and the association profile', async () => {
    const page = await supertest(ctx.app).get(`/opgaver/${openingId}`).then(expectStatus(200));
    for (const name of ['Udfasetgruppe', 'Udfasetby', 'Udfasetkompetence']) expect(page.text).toContain(name);
    const calendar = await supertest(ctx.app).get('/kalender?fra=2026-11-30').then(expectStatus(200));
    expect(calendar.text).toContain('Udfasetby');
  });

  it('offers it again, marked and selected, on the opening edit form, and saving keeps it', async () => {
    const path = `${openings()}/${openingId}/rediger`;
    const form = await member.get(path).then(expectStatus(200));
    expect(form.text).toContain('Udfasetgruppe (udfaset)');
    expect(form.text).toContain('Udfasetby (udfaset)');
    expect(form.text).toMatch(new RegExp(`value="${ids.retiredGroup}"[^>]*checked`));
    const response = await submitForm(
      member,
      path,
      openingForm({
        localAreaId: String(ids.retiredArea),
        targetGroupIds: [String(ids.retiredGroup), String(ids.activeGroup)],
        skillAreaIds: [String(ids.retiredSkill)],
      }),
    );
    expect(response.status).toBe(303);
    const saved = await ctx.db.prisma.opening.findUniqueOrThrow({
      where: { id: openingId },
      include: { targetGroups: true, skillAreas: true },
    });
    expect(saved.localAreaId).toBe(ids.retiredArea);
    expect(saved.targetGroups.map((g) => g.id).sort()).toEqual([ids.activeGroup, ids.retiredGroup].sort());
    expect(saved.skillAreas.map((s) => s.id)).toEqual([ids.retiredSkill]);
  });

  it("keeps an association's retired field of work and area on its profile form and through a save", async () => {
    const page = await member.get(`/min-forening/${associationId}/profil`).then(expectStatus(200));
    expect(page.text).toContain('Udfasetfag (udfaset)');
    expect(page.text).toContain('Udfasetby (udfaset)');
    const form = await profileFormOf(ctx.db.prisma, associationId);
    await postForm(member, `/min-forening/${associationId}/profil`, `/min-forening/${associationId}/profil`, form).then(expectStatus(303));
    const saved = await ctx.db.prisma.association.findUniqueOrThrow({ where: { id: associationId }, include: { fieldsOfWork: true } });
    expect(saved.fieldsOfWork.map((f) => f.id)).toContain(ids.retiredField);
    expect(saved.localAreaId).toBe(ids.retiredArea);
  });

  it("keeps an activity's retired area and group through an edit", async () => {
    const path = `${activities()}/${activityId}/rediger`;
    const page = await member.get(path).then(expectStatus(200));
    expect(page.text).toContain('Udfasetby (udfaset)');
    const response = await submitForm(
      member,
      path,
      activityForm({ localAreaId: String(ids.retiredArea), targetGroupIds: [String(ids.retiredGroup)] }),
    );
    expect(response.status).toBe(303);
    const saved = await ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activityId }, include: { targetGroups: true } });
    expect(saved.localAreaId).toBe(ids.retiredArea);
    expect(saved.targetGroups.map((g) => g.id)).toEqual([ids.retiredGroup]);
  });
});

describe('a form may not add a retired value', () => {
  it('refuses a new opening, or an opening that did not have it, with 422', async () => {
    const fresh = await submitForm(member, `${openings()}/ny`, {
      ...openingForm({ localAreaId: '', targetGroupIds: [String(ids.retiredGroup)], skillAreaIds: [] }),
      title: 'Ny opgave',
    });
    expect(fresh.status).toBe(422);
    expect(await ctx.db.prisma.opening.count({ where: { title: 'Ny opgave' } })).toBe(0);

    const path = `${openings()}/${otherOpeningId}/rediger`;
    const edit = await member.get(path).then(expectStatus(200));
    expect(edit.text).not.toContain('Udfasetgruppe');
    const added = await submitForm(
      member,
      path,
      openingForm({
        localAreaId: String(ids.retiredArea),
        targetGroupIds: [String(ids.activeGroup)],
        skillAreaIds: [String(ids.retiredSkill)],
      }),
    );
    expect(added.status).toBe(422);
    const other = await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: otherOpeningId }, include: { skillAreas: true } });
    expect(other.localAreaId).not.toBe(ids.retiredArea);
    expect(other.skillAreas).toEqual([]);
  });

  it('refuses a registration or a new activity with a retired value (422)', async () => {
    const registration = await submitRegistration(
      supertest.agent(ctx.app),
      registrationForm(ref, { fieldsOfWork: [String(ids.retiredField)] }),
    );
    expect(registration.status).toBe(422);
    const withArea = await submitRegistration(supertest.agent(ctx.app), registrationForm(ref, { localAreaId: String(ids.retiredArea) }));
    expect(withArea.status).toBe(422);
    const activity = await submitForm(member, `${activities()}/ny`, {
      ...activityForm({ localAreaId: String(ids.retiredArea), targetGroupIds: [] }),
      title: 'Ny aktivitet',
    });
    expect(activity.status).toBe(422);
    expect(await ctx.db.prisma.activity.count({ where: { title: 'Ny aktivitet' } })).toBe(0);
  });
});
