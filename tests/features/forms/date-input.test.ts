// One date input everywhere (docs/adr/0022): every form with a date shows the same
// text field (dd-mm-åååå, the format and an example in its hint), the one parser reads
// what people type, and every form refuses 30-02-2026 with a message naming the format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, expectStatus, formFieldsOf, logIn, type Agent } from '../../helpers/http.js';
import { aLookup, aPlan, anAction, anAssociation, aReview, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { dateText, formatCalendarDate, parseCalendarDate, parseDateText } from '../../../src/validation/dates.js';

describe('the one date parser', () => {
  it.each([
    ['24-12-2026', '2026-12-24'],
    ['24.12.2026', '2026-12-24'],
    ['24/12/2026', '2026-12-24'],
    ['1-3-2027', '2027-03-01'],
    ['1.3.2027', '2027-03-01'],
    ['01/03/2027', '2027-03-01'],
    ['1 3 2027', '2027-03-01'],
    [' 24 - 12 - 2026 ', '2026-12-24'],
    ['2026-12-24', '2026-12-24'],
    ['2027-3-1', '2027-03-01'],
    ['29-02-2028', '2028-02-29'],
  ])('reads %j as %s', (typed, iso) => {
    expect(parseDateText(typed)).toBe(iso);
  });

  it.each([
    '30-02-2026',
    '29-02-2027',
    '31-04-2026',
    '00-01-2026',
    '32-01-2026',
    '12-13-2026',
    '24-12-26',
    '24122026',
    '2026/12/24',
    '24-12-2026x',
    'i morgen',
    '',
  ])('refuses %j', (typed) => {
    expect(parseDateText(typed)).toBeNull();
  });

  it('keeps stored dates within 2000–2100 and shows them as dd-mm-åååå', () => {
    expect(parseCalendarDate('1.3.2027')?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(parseCalendarDate('01-03-1999')).toBeNull();
    expect(parseCalendarDate('01-03-2101')).toBeNull();
    expect(formatCalendarDate(new Date('2027-03-01T00:00:00.000Z'))).toBe('01-03-2027');
    expect(formatCalendarDate(null)).toBe('');
    expect(dateText('2026-12-24')).toBe('24-12-2026');
  });
});

let ctx: TestContext;
let member: Agent;
let staff: Agent;
let admin: Agent;
let associationId: number;
let areaId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  const association = await anAssociation(prisma, { name: 'Datoforeningen' });
  associationId = association.id;
  areaId = (await aLookup(prisma, 'localArea', 'dato-omraade', 'Datoby')).id;
  member = await logIn(ctx.app, (await aUser(prisma, { associationId })).email, TEST_PASSWORD);
  staff = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  admin = await logIn(ctx.app, (await aUser(prisma, { role: 'ADMIN' })).email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

const DA_MESSAGE = 'Skriv en rigtig dato som dd-mm-åååå, fx 24-12-2026';
const DA_HINT = 'Skriv datoen som dd-mm-åååå, fx 24-12-2026.';

/** Posts the form with `action` on the page at `path`: its own hidden and prefilled fields, then `fields`. */
async function postOn(agent: Agent, path: string, action: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(path).then(expectStatus(200));
  const own = formFieldsOf(page.text, action);
  return agent
    .post(action)
    .type('form')
    .send({ ...own, _csrf: csrfTokenFrom(page.text), ...fields });
}

/** The page shows the one date field for `id`: a text input described by the format hint. */
async function expectDateField(agent: Agent, path: string, id: string) {
  const page = await agent.get(path).then(expectStatus(200));
  expect(page.text).toMatch(new RegExp(`<input class="form-input input-char-11" type="text" id="${id}" name="[^"]+"`));
  expect(page.text).toContain(`id="${id}-hint">`);
  expect(page.text).toContain(DA_HINT);
  expect(page.text).not.toContain('type="date"');
}

/** A refused date: 422, the message at the field and in the summary, the typed value kept. */
function expectRefused(response: { status: number; text: string }, id: string) {
  expect(response.status).toBe(422);
  expect(response.text).toContain(`<a class="function-link" href="#${id}">${DA_MESSAGE}`);
  expect(response.text).toContain(`id="${id}-error"`);
  expect(response.text).toContain('value="30-02-2026"');
}

describe('every form with a date', () => {
  it('association openings: start, end and deadline', async () => {
    const base = `/min-forening/${associationId}/opgaver`;
    await expectDateField(member, `${base}/ny`, 'startsOn');
    await expectDateField(member, `${base}/ny`, 'deadline');
    const form = {
      title: 'Datohjælper',
      summary: 'Hjælp med datoer.',
      description: 'Vi skriver datoer.',
      volunteeringForm: 'ONGOING',
      commitment: 'WEEKLY',
      timeCommitment: '2 timer om ugen',
      place: 'Klubhuset',
      localAreaId: String(areaId),
      childCertificateRequired: 'nej',
      contactName: 'Lone Eksempel',
      contactEmail: 'lone@example.org',
      handling: 'kladde',
    };
    expectRefused(await postOn(member, `${base}/ny`, `${base}/ny`, { ...form, startsOn: '30-02-2026' }), 'startsOn');
    await postOn(member, `${base}/ny`, `${base}/ny`, { ...form, startsOn: '1.3.2027', endsOn: '30/6/2027' }).then(expectStatus(303));
    const opening = await ctx.db.prisma.opening.findFirstOrThrow({ where: { title: 'Datohjælper' } });
    expect(opening.startsOn?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(opening.endsOn?.toISOString()).toBe('2027-06-30T00:00:00.000Z');
    const edit = await member.get(`${base}/${opening.id}/rediger`).then(expectStatus(200));
    expect(edit.text).toContain('value="01-03-2027"');
  });

  it('activities', async () => {
    const path = `/min-forening/${associationId}/aktiviteter/ny`;
    await expectDateField(member, path, 'date');
    const form = { title: 'Datokor', place: 'Kulturhuset', recurrence: 'ONCE', startTime: '10:00' };
    expectRefused(await postOn(member, path, path, { ...form, date: '30-02-2026' }), 'date');
    await expectDateField(member, path, 'repeatUntil');
    const weekly = { ...form, recurrence: 'WEEKLY', date: '1-3-2027' };
    expectRefused(await postOn(member, path, path, { ...weekly, repeatUntil: '30-02-2026' }), 'repeatUntil');
    await postOn(member, path, path, { ...form, date: '1/3/2027' }).then(expectStatus(303));
    const activity = await ctx.db.prisma.activity.findFirstOrThrow({ where: { title: 'Datokor' } });
    expect(activity.startsAt.toISOString()).toBe('2027-03-01T09:00:00.000Z');
  });

  it('events', async () => {
    const path = '/medarbejder/arrangementer/ny';
    await expectDateField(staff, path, 'date');
    const form = { kind: 'FRIVILLIG_FREDAG', title: 'Datofest', place: 'Rådhuset', startTime: '15:00' };
    expectRefused(await postOn(staff, path, path, { ...form, date: '30-02-2026' }), 'date');
    await postOn(staff, path, path, { ...form, date: '1.3.2027' }).then(expectStatus(303));
    const event = await ctx.db.prisma.event.findFirstOrThrow({ where: { title: 'Datofest' } });
    expect(event.startsAt.toISOString()).toBe('2027-03-01T14:00:00.000Z');
  });

  it('agreements', async () => {
    const path = '/medarbejder/samarbejdsaftaler/ny';
    await expectDateField(staff, path, 'startsOn');
    const form = {
      title: 'Datoaftalen',
      municipalUnit: 'Center for Datoer',
      level: 'SHARED_TASKS',
      noticeMonths: '3',
      reviewIntervalMonths: '6',
      associationIds: [String(associationId)],
    };
    expectRefused(await postOn(staff, path, path, { ...form, startsOn: '30-02-2026' }), 'startsOn');
    await postOn(staff, path, path, { ...form, startsOn: '1-3-2027', endsOn: '' }).then(expectStatus(303));
    const agreement = await ctx.db.prisma.agreement.findFirstOrThrow({ where: { title: 'Datoaftalen' } });
    expect(agreement.startsOn?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });

  it('action plans: the planned period of an action', async () => {
    const plan = await aPlan(ctx.db.prisma);
    const path = `/medarbejder/handleplaner/${plan.id}/handlinger/ny`;
    await expectDateField(staff, path, 'plannedFrom');
    const form = { year: String(plan.firstYear), title: 'Datohandling' };
    expectRefused(await postOn(staff, path, path, { ...form, plannedFrom: '30-02-2026' }), 'plannedFrom');
    await postOn(staff, path, path, { ...form, plannedFrom: '1.3.2027' }).then(expectStatus(303));
    const action = await ctx.db.prisma.planAction.findFirstOrThrow({ where: { title: 'Datohandling' } });
    expect(action.plannedFrom?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });

  it('plan reviews: the meeting date', async () => {
    const plan = await aPlan(ctx.db.prisma);
    await anAction(ctx.db.prisma, plan.id, { year: plan.firstYear });
    const review = await aReview(ctx.db.prisma, plan.id, plan.firstYear);
    const path = `/medarbejder/handleplaner/${plan.id}/status/${plan.firstYear}`;
    await expectDateField(staff, path, 'meeting-meetingDate');
    const refused = await postOn(staff, path, `${path}/moede`, { meetingDate: '30-02-2026' });
    expectRefused(refused, 'meeting-meetingDate');
    await postOn(staff, path, `${path}/moede`, { meetingDate: '1.3.2027' }).then(expectStatus(303));
    const saved = await ctx.db.prisma.planReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(saved.meetingDate?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });

  it("the accessibility statement's date", async () => {
    const path = '/administration/sider';
    await expectDateField(admin, path, 'accessibilityStatementDate');
    expectRefused(await postOn(admin, path, path, { accessibilityStatementDate: '30-02-2026' }), 'accessibilityStatementDate');
    await postOn(admin, path, path, { accessibilityStatementDate: '1/3/2027' }).then(expectStatus(303));
    const settings = await ctx.db.prisma.municipalitySettings.findFirstOrThrow();
    expect(settings.accessibilityStatementDate?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });

  it("the audit log's period filter", async () => {
    await expectDateField(admin, '/administration/log', 'fra');
    const refused = await admin.get('/administration/log?fra=30-02-2026');
    expectRefused(refused, 'fra');
    await admin.get('/administration/log?fra=1.3.2025&til=31/3/2025').expect(200);
  });

  it('says the format in English too', async () => {
    const page = await member.get(`/min-forening/${associationId}/aktiviteter/ny`).set('Cookie', 'lang=en').then(expectStatus(200));
    expect(page.text).toContain('Write the date as dd-mm-yyyy, for example 24-12-2026.');
  });
});
