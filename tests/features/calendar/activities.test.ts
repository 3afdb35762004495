// Members keep their association's activities: create, edit, delete, with validation
// (422 with the input kept) — and never another association's (IDOR).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, formTokens, logIn, submitForm, type Agent } from '../../helpers/http.js';
import { aUser, anAssociation, TEST_PASSWORD, aLookup, anActivity } from '../../helpers/factories/index.js';
import { localDateOf, localTimeOf } from '../../../src/features/calendar/copenhagen-time.js';

let ctx: TestContext;
let associationA: Awaited<ReturnType<typeof anAssociation>>;
let associationB: Awaited<ReturnType<typeof anAssociation>>;
let memberA: Agent;
let areaId: number;
let childrenId: number;
let elderlyId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  associationA = await anAssociation(prisma, { name: 'Forening A' });
  associationB = await anAssociation(prisma, { name: 'Forening B' });
  const userA = await aUser(prisma, { associationId: associationA.id });
  memberA = await logIn(ctx.app, userA.email, TEST_PASSWORD);
  areaId = (await aLookup(prisma, 'localArea', 'virum', 'Virum')).id;
  childrenId = (await aLookup(prisma, 'targetGroup', 'boern', 'Børn')).id;
  elderlyId = (await aLookup(prisma, 'targetGroup', 'aeldre', 'Ældre')).id;
});
afterAll(() => ctx.close());

const base = (associationId: number) => `/min-forening/${associationId}/aktiviteter`;

const weeklyChoir = () => ({
  title: 'Korprøve',
  description: 'Vi synger.',
  place: 'Kulturhuset',
  localAreaId: String(areaId),
  targetGroupIds: [String(childrenId), String(elderlyId)],
  accessibilityNotes: 'Trinfri adgang, teleslynge',
  recurrence: 'WEEKLY',
  date: '2026-10-13',
  startTime: '19.00',
  endTime: '21:00',
  repeatUntil: '2027-03-30',
  published: 'ja',
});

describe('creating an activity', () => {
  it('shows the form and the (empty) list to a member', async () => {
    const list = await memberA.get(base(associationA.id)).expect(200);
    expect(list.text).toContain('Forening A');
    expect(list.text).toContain('I har ingen aktiviteter endnu.');
    const form = await memberA.get(`${base(associationA.id)}/ny`).expect(200);
    expect(form.text).toContain('name="repeatUntil"');
    expect(form.text).toContain('Virum');
  });

  it('stores a weekly activity in UTC from Danish time, with its target groups, and audits it', async () => {
    const response = await submitForm(memberA, `${base(associationA.id)}/ny`, {
      ...weeklyChoir(),
      // Mass assignment: extra fields are ignored.
      associationId: String(associationB.id),
      id: '999',
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(base(associationA.id));

    const row = await ctx.db.prisma.activity.findFirstOrThrow({ where: { title: 'Korprøve' }, include: { targetGroups: true } });
    expect(row.associationId).toBe(associationA.id);
    expect(row.recurrence).toBe('WEEKLY');
    expect(row.startsAt.toISOString()).toBe('2026-10-13T17:00:00.000Z'); // 19:00 summer time
    expect(row.endsAt?.toISOString()).toBe('2026-10-13T19:00:00.000Z');
    expect(row.repeatUntil?.toISOString().slice(0, 10)).toBe('2027-03-30');
    expect(row.localAreaId).toBe(areaId);
    expect(row.targetGroups.map((g) => g.id).sort()).toEqual([childrenId, elderlyId].sort());
    expect(row.published).toBe(true);

    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'activity.created', targetId: String(row.id) } });
    expect(audit?.details).toMatchObject({ associationId: associationA.id });

    const list = await memberA.get(base(associationA.id)).expect(200);
    expect(list.text).toContain('Aktiviteten er oprettet.');
    expect(list.text).toContain('Hver tirsdag kl. 19.00–21.00, fra 13. oktober 2026 til og med 30. marts 2027');
  });

  it('re-renders with 422, the errors and the input kept', async () => {
    const before = await ctx.db.prisma.activity.count();
    const response = await submitForm(memberA, `${base(associationA.id)}/ny`, {
      title: '',
      place: '<script>alert(1)</script>',
      recurrence: 'WEEKLY',
      date: '2026-11-24',
      startTime: '19:00',
      endTime: '18:00',
      repeatUntil: '',
      targetGroupIds: String(childrenId),
      accessibilityNotes: 'Elevator',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('<title>Fejl: ');
    expect(response.text).toContain('href="#title"');
    expect(response.text).toContain('Skriv en titel');
    expect(response.text).toContain('Sluttidspunktet skal være efter starttidspunktet');
    expect(response.text).toContain('Skriv den sidste dato for en aktivitet, der er hver uge');
    // Input kept, and escaped.
    expect(response.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(response.text).not.toContain('<script>alert(1)</script>');
    expect(response.text).toContain('Elevator');
    expect(response.text).toMatch(new RegExp(`value="${childrenId}" class="form-checkbox" checked`));
    expect(await ctx.db.prisma.activity.count()).toBe(before);
  });

  it('refuses impossible dates, unknown lookups, repeats over a year and overlong text', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ date: '31-02-2026' }, 'Skriv en rigtig dato'],
      [{ startTime: '25.00' }, 'Skriv et tidspunkt som fx 19.00'],
      [{ repeatUntil: '2026-10-01' }, 'Den sidste dato skal være samme dag som eller efter den første'],
      [{ repeatUntil: '2028-01-01' }, 'Den sidste dato må højst være et år frem'],
      [{ localAreaId: '999999' }, 'Værdien er ikke gyldig'],
      [{ title: 'x'.repeat(121) }, 'Skriv højst 120 tegn'],
      [{ recurrence: 'DAILY' }, 'Vælg, om aktiviteten er én gang eller hver uge'],
    ];
    for (const [override, message] of cases) {
      const response = await submitForm(memberA, `${base(associationA.id)}/ny`, { ...weeklyChoir(), title: 'Ugyldig', ...override });
      expect(response.status, JSON.stringify(override)).toBe(422);
      expect(response.text).toContain(message);
    }
    expect(await ctx.db.prisma.activity.count({ where: { title: 'Ugyldig' } })).toBe(0);
  });

  it('stores a one-off activity without repeat date and keeps an unticked "published" as hidden', async () => {
    const { published: _published, ...fields } = weeklyChoir();
    const response = await submitForm(memberA, `${base(associationA.id)}/ny`, {
      ...fields,
      title: 'Sommerfest',
      recurrence: 'ONCE',
      date: '24-06-2027',
      repeatUntil: '2027-07-01',
      endTime: '',
    });
    expect(response.status).toBe(303);
    const row = await ctx.db.prisma.activity.findFirstOrThrow({ where: { title: 'Sommerfest' } });
    expect(row.recurrence).toBe('ONCE');
    expect(row.repeatUntil).toBeNull();
    expect(row.endsAt).toBeNull();
    expect(row.published).toBe(false);
    expect(row.startsAt.toISOString()).toBe('2027-06-24T17:00:00.000Z');
  });
});

describe('editing and deleting', () => {
  it('fills the edit form in Danish time and saves changes', async () => {
    const activity = await anActivity(ctx.db.prisma, associationA.id, {
      title: 'Gammel titel',
      startsAt: new Date('2026-12-01T18:30:00Z'),
      targetGroupIds: [childrenId],
    });
    const path = `${base(associationA.id)}/${activity.id}/rediger`;
    const form = await memberA.get(path).expect(200);
    expect(form.text).toContain('value="Gammel titel"');
    expect(form.text).toContain('value="01-12-2026"');
    expect(form.text).toContain('value="19.30"');

    const response = await submitForm(memberA, path, {
      title: 'Ny titel',
      place: 'Et andet sted',
      recurrence: 'ONCE',
      date: '2026-12-02',
      startTime: '10:00',
      targetGroupIds: String(elderlyId),
    });
    expect(response.status).toBe(303);
    const row = await ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id }, include: { targetGroups: true } });
    expect(row.title).toBe('Ny titel');
    expect(localDateOf(row.startsAt)).toBe('2026-12-02');
    expect(localTimeOf(row.startsAt)).toBe('10:00');
    expect(row.targetGroups.map((g) => g.id)).toEqual([elderlyId]);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'activity.updated', targetId: String(activity.id) } })).toBe(1);
  });

  it('keeps the input on a failed edit', async () => {
    const activity = await anActivity(ctx.db.prisma, associationA.id, { title: 'Uændret' });
    const response = await submitForm(memberA, `${base(associationA.id)}/${activity.id}/rediger`, {
      title: 'Forsøg',
      place: '',
      recurrence: 'ONCE',
      date: '2026-12-02',
      startTime: '10:00',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('value="Forsøg"');
    expect(response.text).toContain('Skriv, hvor det foregår');
    expect((await ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).title).toBe('Uændret');
  });

  it('answers 409 with the input kept when someone else saved in between, and lets the member save again', async () => {
    const activity = await anActivity(ctx.db.prisma, associationA.id, { title: 'Fælles redigering' });
    const path = `${base(associationA.id)}/${activity.id}/rediger`;
    const form = await memberA.get(path).expect(200);
    // Another member saves first.
    await ctx.db.prisma.activity.update({ where: { id: activity.id }, data: { title: 'Den andens titel', version: { increment: 1 } } });
    const fields = { title: 'Min titel', place: 'Her', recurrence: 'ONCE', date: '2026-12-02', startTime: '10:00' };
    const conflict = await memberA
      .post(path)
      .type('form')
      .send({ ...formTokens(form.text), ...fields });
    expect(conflict.status).toBe(409);
    expect(conflict.text).toContain('En anden har gemt ændringer imens');
    expect(conflict.text).toContain('value="Min titel"');
    expect((await ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).title).toBe('Den andens titel');

    const again = await memberA
      .post(path)
      .type('form')
      .send({ ...formTokens(conflict.text), ...fields });
    expect(again.status).toBe(303);
    expect((await ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).title).toBe('Min titel');

    // A form without its version was not made by us.
    await memberA
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(conflict.text), ...fields })
      .expect(400);
  });

  it('asks before deleting; GET changes nothing, POST deletes and audits', async () => {
    const activity = await anActivity(ctx.db.prisma, associationA.id, { title: 'Skal slettes' });
    const path = `${base(associationA.id)}/${activity.id}/slet`;
    const confirm = await memberA.get(path).expect(200);
    expect(confirm.text).toContain('<h1>Vil du slette ”<span>Skal slettes</span>”?</h1>');
    expect(await ctx.db.prisma.activity.count({ where: { id: activity.id } })).toBe(1);
    const response = await memberA
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(confirm.text) });
    expect(response.status).toBe(303);
    expect(await ctx.db.prisma.activity.count({ where: { id: activity.id } })).toBe(0);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'activity.deleted', targetId: String(activity.id) } })).toBe(1);
  });

  it('needs a CSRF token to delete', async () => {
    const activity = await anActivity(ctx.db.prisma, associationA.id, { title: 'Beskyttet' });
    await memberA
      .post(`${base(associationA.id)}/${activity.id}/slet`)
      .type('form')
      .send({})
      .expect(403);
    expect(await ctx.db.prisma.activity.count({ where: { id: activity.id } })).toBe(1);
  });
});

describe('access (IDOR)', () => {
  it("denies A's member B's list and form", async () => {
    await memberA.get(base(associationB.id)).expect(403);
    await memberA.get(`${base(associationB.id)}/ny`).expect(403);
  });

  it("gives A's member 404 for B's activity through A's own path, and changes nothing", async () => {
    const activityB = await anActivity(ctx.db.prisma, associationB.id, { title: 'B sin aktivitet' });
    const before = await ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activityB.id } });
    await memberA.get(`${base(associationA.id)}/${activityB.id}/rediger`).expect(404);
    await memberA.get(`${base(associationA.id)}/${activityB.id}/slet`).expect(404);

    const page = await memberA.get(base(associationA.id)).expect(200);
    const token = csrfTokenFrom(page.text);
    await memberA
      .post(`${base(associationA.id)}/${activityB.id}/rediger`)
      .type('form')
      .send({ _csrf: token, title: 'Kapret', place: 'x', recurrence: 'ONCE', date: '2026-12-01', startTime: '10:00' })
      .expect(404);
    await memberA
      .post(`${base(associationA.id)}/${activityB.id}/slet`)
      .type('form')
      .send({ _csrf: token })
      .expect(404);
    // Through B's path: not a member.
    await memberA
      .post(`${base(associationB.id)}/${activityB.id}/slet`)
      .type('form')
      .send({ _csrf: token })
      .expect(403);

    const after = await ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activityB.id } });
    expect(after).toEqual(before);
    const list = await memberA.get(base(associationA.id)).expect(200);
    expect(list.text).not.toContain('B sin aktivitet');
  });

  it('answers 404 for ids that are not numbers, and sends anonymous readers to log in', async () => {
    await memberA.get(`${base(associationA.id)}/abc/rediger`).expect(404);
    await memberA.get(`${base(associationA.id)}/1e3/rediger`).expect(404);
    await supertest(ctx.app).get(base(associationA.id)).expect(303).expect('location', '/log-ind');
  });

  it('lets an admin manage any association, and 404s an unknown association', async () => {
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const agent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    await agent.get(base(associationB.id)).expect(200);
    await agent.get(base(999999)).expect(404);
    await agent.get('/min-forening/abc/aktiviteter').expect(404);
  });
});
