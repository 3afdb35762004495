// Calendar changes and their audit rows: each change writes its row in the same
// transaction, so when the audit row cannot be written the change does not happen
// (the member or staff member gets the error page). And what an update's row says:
// the changed fields before and after, free text only as "(changed)".
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { formTokens, logIn, submitForm, type Agent } from '../helpers/http.js';
import { aUser, anAssociation, TEST_PASSWORD, anActivity, anEvent, aLookup } from '../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../helpers/audit.js';

let ctx: TestContext;
let associationId: number;
let member: Agent;
let staff: Agent;
let childrenId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  associationId = (await anAssociation(prisma, { name: 'Rulletilbage-foreningen' })).id;
  member = await logIn(ctx.app, (await aUser(prisma, { associationId })).email, TEST_PASSWORD);
  staff = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  await aLookup(prisma, 'localArea', 'lyngby', 'Lyngby');
  childrenId = (await aLookup(prisma, 'targetGroup', 'boern', 'Børn')).id;
});
afterEach(() => allowAuditWrites(ctx.db.prisma));
afterAll(() => ctx.close());

const activities = () => `/min-forening/${associationId}/aktiviteter`;
const events = '/medarbejder/arrangementer';

/** Loads the form (token and version while audit writes still work), then posts it with audit writes failing. */
async function postWithFailingAudit(agent: Agent, path: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(path).expect(200);
  await failAuditWrites(ctx.db.prisma);
  return agent
    .post(path)
    .type('form')
    .send({ ...formTokens(page.text), ...fields });
}

const activityFields = {
  title: 'Ny titel',
  description: 'Ny beskrivelse',
  place: 'Nyt sted',
  targetGroupIds: [] as string[],
  recurrence: 'ONCE',
  date: '2026-12-10',
  startTime: '10:00',
  published: 'ja',
};

const eventFields = {
  kind: 'COURSE',
  title: 'Nyt kursus',
  description: 'Om kurset',
  place: 'Biblioteket',
  date: '2026-12-10',
  startTime: '18:00',
};

describe('with audit writes failing, nothing changes', () => {
  it('creating an activity', async () => {
    const before = await ctx.db.prisma.activity.count();
    const response = await postWithFailingAudit(member, `${activities()}/ny`, { ...activityFields, title: 'Ikke oprettet' });
    expect(response.status).toBe(500);
    expect(await ctx.db.prisma.activity.count()).toBe(before);
  });

  it('editing an activity (its fields, target groups and version)', async () => {
    const activity = await anActivity(ctx.db.prisma, associationId, { title: 'Uændret', targetGroupIds: [childrenId] });
    const stored = () =>
      ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id }, include: { targetGroups: { select: { id: true } } } });
    const before = await stored();
    const response = await postWithFailingAudit(member, `${activities()}/${activity.id}/rediger`, activityFields);
    expect(response.status).toBe(500);
    expect(await stored()).toEqual(before);
  });

  it('deleting an activity', async () => {
    const activity = await anActivity(ctx.db.prisma, associationId, { title: 'Bliver' });
    const response = await postWithFailingAudit(member, `${activities()}/${activity.id}/slet`, {});
    expect(response.status).toBe(500);
    expect(await ctx.db.prisma.activity.count({ where: { id: activity.id } })).toBe(1);
  });

  it('creating an event', async () => {
    const before = await ctx.db.prisma.event.count();
    const response = await postWithFailingAudit(staff, `${events}/ny`, { ...eventFields, title: 'Ikke oprettet' });
    expect(response.status).toBe(500);
    expect(await ctx.db.prisma.event.count()).toBe(before);
  });

  it('editing an event', async () => {
    const event = await anEvent(ctx.db.prisma, { title: 'Uændret arrangement' });
    const before = await ctx.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    const response = await postWithFailingAudit(staff, `${events}/${event.id}/rediger`, eventFields);
    expect(response.status).toBe(500);
    expect(await ctx.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).toEqual(before);
  });

  it('deleting an event', async () => {
    const event = await anEvent(ctx.db.prisma, { title: 'Bliver også' });
    const response = await postWithFailingAudit(staff, `${events}/${event.id}/slet`, {});
    expect(response.status).toBe(500);
    expect(await ctx.db.prisma.event.count({ where: { id: event.id } })).toBe(1);
  });
});

describe('the audit row of an update', () => {
  const post = submitForm;

  it('names the changed activity fields, free text redacted, and the version moves on', async () => {
    const activity = await anActivity(ctx.db.prisma, associationId, {
      title: 'Før',
      place: 'Nyt sted',
      description: 'Gammel beskrivelse',
      startsAt: new Date('2026-12-10T09:00:00Z'),
      endsAt: null,
      targetGroupIds: [childrenId],
    });
    expect((await post(member, `${activities()}/${activity.id}/rediger`, { ...activityFields, title: 'Efter' })).status).toBe(303);
    const row = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'activity.updated', targetId: String(activity.id) } });
    expect(row.details).toEqual({
      associationId,
      before: { title: 'Før', description: '(changed)', targetGroupIds: `[${childrenId}]` },
      after: { title: 'Efter', description: '(changed)', targetGroupIds: '[]' },
    });
    expect((await ctx.db.prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).version).toBe(2);
  });

  it('names the changed event fields', async () => {
    const event = await anEvent(ctx.db.prisma, {
      title: 'Nyt kursus',
      kind: 'COURSE',
      place: 'Rådhuset',
      startsAt: new Date('2026-12-10T17:00:00Z'),
      endsAt: null,
    });
    expect((await post(staff, `${events}/${event.id}/rediger`, eventFields)).status).toBe(303);
    const row = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'event.updated', targetId: String(event.id) } });
    expect(row.details).toEqual({
      before: { place: 'Rådhuset', description: '(changed)' },
      after: { place: 'Biblioteket', description: '(changed)' },
    });
    expect((await ctx.db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).version).toBe(2);
  });
});
