// Staff keep the municipality's events; association members and anonymous readers cannot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, formTokens, logIn, submitForm, type Agent } from '../../helpers/http.js';
import { aUser, anAssociation, TEST_PASSWORD, anEvent, aLookup } from '../../helpers/factories/index.js';
import { vocabulariesChanged } from '../../helpers/factories/lookups.js';

let ctx: TestContext;
let staff: Agent;
let staffId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
  staffId = user.id;
  staff = await logIn(ctx.app, user.email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

const frivilligFredag = {
  kind: 'FRIVILLIG_FREDAG',
  title: 'Frivillig Fredag, med tale; og kage',
  description: 'Vi fejrer de frivillige.',
  place: 'Rådhuset',
  date: '2027-09-24',
  startTime: '15:00',
  endTime: '18:00',
  url: 'https://example.org/frivillig-fredag',
};

describe('staff events', () => {
  it('links the events page from the staff start page', async () => {
    const page = await staff.get('/medarbejder').expect(200);
    expect(page.text).toContain('href="/medarbejder/arrangementer"');
  });

  it('creates an event in Danish time, records who made it, and audits it', async () => {
    const response = await submitForm(staff, '/medarbejder/arrangementer/ny', frivilligFredag);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/medarbejder/arrangementer');
    const row = await ctx.db.prisma.event.findFirstOrThrow({ where: { kind: 'FRIVILLIG_FREDAG' } });
    expect(row.startsAt.toISOString()).toBe('2027-09-24T13:00:00.000Z');
    expect(row.endsAt?.toISOString()).toBe('2027-09-24T16:00:00.000Z');
    expect(row.createdById).toBe(staffId);
    expect(row.url).toBe('https://example.org/frivillig-fredag');
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'event.created', targetId: String(row.id) } })).toBe(1);

    const list = await staff.get('/medarbejder/arrangementer').expect(200);
    expect(list.text).toContain('Arrangementet er oprettet.');
    expect(list.text).toContain('fredag 24. september 2027 kl. 15.00–18.00');
  });

  it('accepts only http and https links', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hej', 'ftp://example.org/x', 'ikke en adresse']) {
      const response = await submitForm(staff, '/medarbejder/arrangementer/ny', { ...frivilligFredag, title: 'Farligt link', url });
      expect(response.status, url).toBe(422);
      expect(response.text).toContain('Skriv en webadresse, fx www.forening.dk');
    }
    expect(await ctx.db.prisma.event.count({ where: { title: 'Farligt link' } })).toBe(0);
  });

  it('takes a web address as people type it, by the same rule as the association form (#10)', async () => {
    const response = await submitForm(staff, '/medarbejder/arrangementer/ny', {
      ...frivilligFredag,
      title: 'Link uden https',
      url: 'www.frivillig.example.org/fredag',
    });
    expect(response.status).toBe(303);
    const event = await ctx.db.prisma.event.findFirstOrThrow({ where: { title: 'Link uden https' } });
    expect(event.url).toBe('https://www.frivillig.example.org/fredag');
  });

  it('re-renders with 422 and the input kept when fields are missing', async () => {
    const response = await submitForm(staff, '/medarbejder/arrangementer/ny', {
      title: 'Halvt udfyldt',
      place: '',
      date: '',
      startTime: '',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('value="Halvt udfyldt"');
    for (const message of ['Vælg en type', 'Skriv, hvor det foregår', 'Skriv en dato', 'Skriv et starttidspunkt']) {
      expect(response.text).toContain(message);
    }
  });

  it('edits and deletes (after asking) an event', async () => {
    const event = await anEvent(ctx.db.prisma, { title: 'Netværksmøde', startsAt: new Date('2026-12-03T16:00:00Z') });
    const edit = await staff.get(`/medarbejder/arrangementer/${event.id}/rediger`).expect(200);
    expect(edit.text).toContain('value="03-12-2026"');
    expect(edit.text).toContain('value="17.00"');
    const saved = await submitForm(staff, `/medarbejder/arrangementer/${event.id}/rediger`, {
      kind: 'NETWORK_MEETING',
      title: 'Netværksmøde (flyttet)',
      place: 'Frivilligcentret',
      date: '2026-12-04',
      startTime: '17:00',
    });
    expect(saved.status).toBe(303);
    const row = await ctx.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.title).toBe('Netværksmøde (flyttet)');
    expect(row.startsAt.toISOString()).toBe('2026-12-04T16:00:00.000Z');
    expect(row.url).toBeNull();

    const confirm = await staff.get(`/medarbejder/arrangementer/${event.id}/slet`).expect(200);
    expect(await ctx.db.prisma.event.count({ where: { id: event.id } })).toBe(1);
    await staff
      .post(`/medarbejder/arrangementer/${event.id}/slet`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(confirm.text) })
      .expect(303);
    expect(await ctx.db.prisma.event.count({ where: { id: event.id } })).toBe(0);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'event.deleted', targetId: String(event.id) } })).toBe(1);
  });

  it('answers 409 when another staff member saved the event in between', async () => {
    const event = await anEvent(ctx.db.prisma, { title: 'Kursus' });
    const path = `/medarbejder/arrangementer/${event.id}/rediger`;
    const form = await staff.get(path).expect(200);
    await ctx.db.prisma.event.update({ where: { id: event.id }, data: { place: 'Flyttet af en anden', version: { increment: 1 } } });
    const response = await staff
      .post(path)
      .type('form')
      .send({
        ...formTokens(form.text),
        kind: 'COURSE',
        title: 'Kursus (ny)',
        place: 'Biblioteket',
        date: '2026-12-10',
        startTime: '18:00',
      });
    expect(response.status).toBe(409);
    expect(response.text).toContain('value="Kursus (ny)"');
    const row = await ctx.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    expect([row.title, row.place]).toEqual(['Kursus', 'Flyttet af en anden']);
  });

  it('saves a local area and target groups, shows them, offers the same choices as the activity form, and audits changes', async () => {
    const prisma = ctx.db.prisma;
    const virum = await aLookup(prisma, 'localArea', 'virum', 'Virum');
    const elderly = await aLookup(prisma, 'targetGroup', 'aeldre', 'Ældre');
    const families = await aLookup(prisma, 'targetGroup', 'familier', 'Familier');
    const form = await staff.get('/medarbejder/arrangementer/ny').expect(200);
    // The same partial as the activity form: a select and a checkbox fieldset with a legend.
    expect(form.text).toMatch(/<select class="form-select" id="localAreaId" name="localAreaId"/);
    expect(form.text).toContain(`<option value="${virum.id}">Virum</option>`);
    expect(form.text).toMatch(/<legend[^>]*>\s*Målgruppe/);
    expect(form.text).toContain(`name="targetGroupIds" value="${elderly.id}"`);

    const created = await submitForm(staff, '/medarbejder/arrangementer/ny', {
      ...frivilligFredag,
      title: 'Seniorcafé i Virum',
      localAreaId: String(virum.id),
      targetGroupIds: [String(elderly.id), String(families.id)],
    });
    expect(created.status).toBe(303);
    const row = await prisma.event.findFirstOrThrow({
      where: { title: 'Seniorcafé i Virum' },
      include: { targetGroups: { select: { id: true }, orderBy: { id: 'asc' } } },
    });
    expect(row.localAreaId).toBe(virum.id);
    expect(row.targetGroups.map((group) => group.id)).toEqual([elderly.id, families.id].sort((a, b) => a - b));
    const list = await staff.get('/medarbejder/arrangementer').expect(200);
    expect(list.text).toContain('Lokalområde: Virum');
    expect(list.text).toMatch(/Målgruppe: (Ældre, Familier|Familier, Ældre)/);

    // The edit form is filled with them; an edit that drops the area and one group is audited.
    const path = `/medarbejder/arrangementer/${row.id}/rediger`;
    const edit = await staff.get(path).expect(200);
    expect(edit.text).toContain(`<option value="${virum.id}" selected>Virum</option>`);
    expect(edit.text).toMatch(new RegExp(`value="${families.id}"[^>]*checked`));
    const saved = await submitForm(staff, path, {
      ...frivilligFredag,
      title: 'Seniorcafé i Virum',
      localAreaId: '',
      targetGroupIds: String(elderly.id),
    });
    expect(saved.status).toBe(303);
    const after = await prisma.event.findUniqueOrThrow({ where: { id: row.id }, include: { targetGroups: { select: { id: true } } } });
    expect(after.localAreaId).toBeNull();
    expect(after.targetGroups).toEqual([{ id: elderly.id }]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'event.updated', targetId: String(row.id) } });
    expect(JSON.stringify(audit.details)).toContain('localAreaId');
    expect(JSON.stringify(audit.details)).toContain('targetGroupIds');
  });

  it('refuses unknown local areas and target groups with 422, and keeps a retired one only for an event that has it', async () => {
    const prisma = ctx.db.prisma;
    const wrong: Record<string, string | string[]>[] = [{ localAreaId: '999999' }, { targetGroupIds: ['999999'] }, { localAreaId: 'abc' }];
    for (const fields of wrong) {
      const response = await submitForm(staff, '/medarbejder/arrangementer/ny', { ...frivilligFredag, title: 'Ukendt værdi', ...fields });
      expect(response.status, JSON.stringify(fields)).toBe(422);
      expect(response.text).toContain('value="Ukendt værdi"');
    }
    expect(await prisma.event.count({ where: { title: 'Ukendt værdi' } })).toBe(0);

    const retired = await aLookup(prisma, 'localArea', 'gammelby', 'Gammelby');
    const event = await anEvent(prisma, { title: 'Med udfaset område', localAreaId: retired.id });
    await prisma.localArea.update({ where: { id: retired.id }, data: { retiredAt: new Date() } });
    vocabulariesChanged(ctx.services);
    const fresh = await submitForm(staff, '/medarbejder/arrangementer/ny', {
      ...frivilligFredag,
      title: 'Nyt med udfaset område',
      localAreaId: String(retired.id),
    });
    expect(fresh.status).toBe(422);
    const path = `/medarbejder/arrangementer/${event.id}/rediger`;
    expect((await staff.get(path).expect(200)).text).toContain(`<option value="${retired.id}" selected>Gammelby (udfaset)</option>`);
    const kept = await submitForm(staff, path, { ...frivilligFredag, title: 'Med udfaset område', localAreaId: String(retired.id) });
    expect(kept.status).toBe(303);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).localAreaId).toBe(retired.id);
  });

  it('marks typed text lang="da" on the English list and delete page', async () => {
    const event = await anEvent(ctx.db.prisma, { title: 'Sommerfest', place: 'Parken' });
    const english = { Cookie: 'lang=en' };
    const list = await staff.get('/medarbejder/arrangementer').set(english).expect(200);
    expect(list.text).toContain('<h3 lang="da">Sommerfest</h3>');
    expect(list.text).toContain('Place: <span lang="da">Parken</span>');
    const confirm = await staff.get(`/medarbejder/arrangementer/${event.id}/slet`).set(english).expect(200);
    expect(confirm.text).toContain('<h1>Do you want to delete “<span lang="da">Sommerfest</span>”?</h1>');
  });

  it('answers 404 for unknown or malformed event ids', async () => {
    await staff.get('/medarbejder/arrangementer/999999/rediger').expect(404);
    await staff.get('/medarbejder/arrangementer/abc/rediger').expect(404);
  });
});

describe('who may keep events', () => {
  it('denies association members (403) and changes nothing', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const member = await aUser(ctx.db.prisma, { associationId: association.id });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const event = await anEvent(ctx.db.prisma, { title: 'Kun for medarbejdere' });
    await agent.get('/medarbejder/arrangementer').expect(403);
    await agent.get('/medarbejder/arrangementer/ny').expect(403);
    const page = await agent.get('/min-side').expect(200);
    await agent
      .post(`/medarbejder/arrangementer/${event.id}/slet`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(403);
    await agent
      .post('/medarbejder/arrangementer/ny')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), ...frivilligFredag, title: 'Snydt' })
      .expect(403);
    expect(await ctx.db.prisma.event.count({ where: { id: event.id } })).toBe(1);
    expect(await ctx.db.prisma.event.count({ where: { title: 'Snydt' } })).toBe(0);
  });

  it('sends anonymous readers to log in', async () => {
    await supertest(ctx.app).get('/medarbejder/arrangementer').expect(303).expect('location', '/log-ind');
  });

  it('lets admins in', async () => {
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const agent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    await agent.get('/medarbejder/arrangementer').expect(200);
  });
});
