// The database work of a view of each public page, with the demo data: a second view
// (caches warm, as under load) makes at most the number of statements below. The
// vocabularies' active values come from the process's cache, the directory's counts
// are one statement and its entries another, the home page's teasers and totals one
// together, the interest form's retention period from the settings cache. A change to a
// vocabulary through its service shows at once on this instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { countQueries, type QueryCounter } from '../../helpers/query-counter.js';
import { seedAllDemoData } from '../../../src/db/seed/seed-all.js';
import { createOpeningPageService, OPENING_PAGE_SELECT } from '../../../src/features/openings/opening-page-service.js';
import {
  comingActivitiesWhere,
  createPublicProfileService,
  PROFILE_ACTIVITY_LIMIT,
  PROFILE_OPENING_SELECT,
  PUBLIC_PROFILE_SELECT,
} from '../../../src/features/associations/public-profile-service.js';
import {
  CALENDAR_ACTIVITY_SELECT,
  calendarActivityWhere,
  calendarEventWhere,
  readCalendarRows,
  type CalendarFilters,
} from '../../../src/features/calendar/calendar-service.js';
import { EVENT_FIELDS } from '../../../src/features/calendar/event-service.js';
import { PUBLIC_ACTIVITY_SELECT } from '../../../src/features/calendar/visibility.js';
import { publicOpeningWhere } from '../../../src/features/openings/visibility.js';
import { publicCollaborationsOf } from '../../../src/features/collaborations/collaboration-service.js';
import type { AuthenticatedUser } from '../../../src/features/auth/authenticated-user.js';

let ctx: TestContext;
let counter: QueryCounter;
let associationSlug: string;
let openingId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  // All the demo data, as the server and the bench load it (calendar and agreements too).
  await seedAllDemoData(ctx.db.prisma, { now: ctx.clock.now() });
  associationSlug = (await ctx.db.prisma.association.findFirstOrThrow({ where: { status: 'APPROVED' }, orderBy: { id: 'asc' } })).slug;
  openingId = (await ctx.db.prisma.opening.findFirstOrThrow({ where: { status: 'PUBLISHED' }, orderBy: { id: 'asc' } })).id;
  counter = countQueries(ctx.db.pool);
}, 60_000);
afterAll(() => ctx.close());

/** The statements of a second anonymous view of `path` (the first one fills the caches). */
async function statementsOfSecondView(path: string): Promise<string[]> {
  await supertest(ctx.app).get(path).expect(200);
  counter.reset();
  await supertest(ctx.app).get(path).expect(200);
  return [...counter.statements];
}

describe('statements per view of a public page (demo data, second view)', () => {
  // Before issue 12: home 5, search 3, opening 6, directory 10, calendar 9, association page 8
  // (then calendar 7 and association page 6 until their one statement each, home 2).
  const limits: [string, () => string, number][] = [
    ['the static page', () => '/tilgaengelighed', 0],
    ['the home page', () => '/', 1],
    ['the search', () => '/opgaver', 2],
    ['an opening', () => `/opgaver/${openingId}`, 1],
    ['the directory', () => '/foreninger', 2],
    ['the calendar', () => '/kalender', 1],
    ['an association page', () => `/foreninger/${associationSlug}`, 1],
  ];
  for (const [name, path, limit] of limits) {
    it(`${name}: at most ${limit}`, async () => {
      const statements = await statementsOfSecondView(path());
      expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(limit);
    });
  }

  it('reads no vocabulary table on a second view of the search, the directory or the calendar', async () => {
    for (const path of ['/opgaver', '/foreninger', '/kalender']) {
      const statements = await statementsOfSecondView(path);
      const vocabularyReads = statements.filter((sql) =>
        /^\s*\(?\s*SELECT[^]*\bFROM\s+(local_areas|fields_of_work|target_groups|skill_areas)\b\s+WHERE\s+retired_at/i.test(sql),
      );
      expect(vocabularyReads, path).toEqual([]);
    }
  });
});

describe('the vocabulary cache', () => {
  it('shows a value renamed through the vocabulary service at once', async () => {
    const area = await ctx.db.prisma.localArea.findFirstOrThrow({
      where: { retiredAt: null, associations: { some: { status: 'APPROVED' } } },
      orderBy: { id: 'asc' },
    });
    await supertest(ctx.app).get('/foreninger').expect(200); // the cache is filled
    const found = await ctx.services.vocabularies.find('localArea', area.id);
    expect(found).not.toBeNull();
    const outcome = await ctx.services.vocabularies.update(
      'localArea',
      area.id,
      found!.fingerprint,
      { nameDa: 'Omdøbt bydel', nameEn: 'Renamed district', sortOrder: area.sortOrder },
      { actorUserId: null, requestId: null, now: ctx.clock.now() },
    );
    expect(outcome.ok).toBe(true);
    const page = await supertest(ctx.app).get('/foreninger').expect(200);
    expect(page.text).toContain('Omdøbt bydel');
    expect(page.text).not.toContain(`>${area.nameDa}<`);
  });

  it('drops a value retired through the service from the filters at once', async () => {
    const area = await ctx.db.prisma.localArea.findFirstOrThrow({
      where: { retiredAt: null, associations: { some: { status: 'APPROVED' } } },
      orderBy: { id: 'desc' },
    });
    const before = await supertest(ctx.app).get('/foreninger').expect(200);
    expect(before.text).toContain(`value="${area.slug}"`);
    const outcome = await ctx.services.vocabularies.setRetired('localArea', area.id, true, {
      actorUserId: null,
      requestId: null,
      now: ctx.clock.now(),
    });
    expect(outcome.ok).toBe(true);
    const after = await supertest(ctx.app).get('/foreninger').expect(200);
    expect(after.text).not.toContain(`value="${area.slug}"`);
  });
});

describe("the opening page's one statement", () => {
  it('gives every opening exactly as the Prisma select would, public or in preview', async () => {
    const service = createOpeningPageService(ctx.db.prisma);
    const openings = await ctx.db.prisma.opening.findMany({ select: OPENING_PAGE_SELECT, orderBy: { id: 'asc' } });
    expect(openings.length).toBeGreaterThan(5);
    // An admin: the preview path reads every opening, public or not.
    const admin: AuthenticatedUser = { id: 0, email: 'admin@example.org', name: 'Admin', role: 'ADMIN', associationIds: [] };
    for (const expected of openings) {
      const result = await service.findForPage(expected.id, ctx.clock.now(), admin);
      expect(result.found).toBe(true);
      if (result.found) expect(result.opening).toEqual(expected);
    }
  });
});

describe("the association page's profile statement", () => {
  it('gives every approved association exactly as the Prisma select would', async () => {
    const service = createPublicProfileService(ctx.db.prisma);
    const associations = await ctx.db.prisma.association.findMany({ where: { status: 'APPROVED' }, select: PUBLIC_PROFILE_SELECT });
    expect(associations.length).toBeGreaterThan(3);
    for (const expected of associations) {
      expect((await service.bySlug(expected.slug, ctx.clock.now()))?.association).toEqual(expected);
    }
    const other = await ctx.db.prisma.association.findFirst({ where: { status: { not: 'APPROVED' } } });
    if (other) expect(await service.bySlug(other.slug, ctx.clock.now())).toBeNull();
  });
});

describe("the association page's lists in the same statement", () => {
  it('gives every approved association its openings, coming activities and collaborations as the Prisma reads would', async () => {
    const service = createPublicProfileService(ctx.db.prisma);
    const prisma = ctx.db.prisma;
    const associations = await prisma.association.findMany({ where: { status: 'APPROVED' }, select: { id: true, slug: true } });
    let listed = { openings: 0, activities: 0, collaborations: 0 };
    const day = 24 * 60 * 60 * 1000;
    // Today, and later days on which some deadlines and activities are over.
    for (const now of [ctx.clock.now(), new Date(ctx.clock.now().getTime() + 20 * day), new Date(ctx.clock.now().getTime() + 90 * day)]) {
      for (const { id, slug } of associations) {
        const [openings, activities, collaborations] = await Promise.all([
          prisma.opening.findMany({
            where: { AND: [publicOpeningWhere(now), { associationId: id }] },
            orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
            select: PROFILE_OPENING_SELECT,
          }),
          prisma.activity.findMany({
            where: comingActivitiesWhere(id, now),
            orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
            take: PROFILE_ACTIVITY_LIMIT,
            select: PUBLIC_ACTIVITY_SELECT,
          }),
          publicCollaborationsOf(prisma, id),
        ]);
        const found = await service.bySlug(slug, now);
        expect(found, slug).not.toBeNull();
        expect(found!.openings, slug).toEqual(openings);
        expect(found!.activities, slug).toEqual(activities);
        expect(found!.collaborations, slug).toEqual(collaborations);
        listed = {
          openings: listed.openings + openings.length,
          activities: listed.activities + activities.length,
          collaborations: listed.collaborations + collaborations.length,
        };
      }
    }
    // The demo data has rows of each kind, so the comparison is not of empty lists.
    expect(listed.openings).toBeGreaterThan(0);
    expect(listed.activities).toBeGreaterThan(0);
    expect(listed.collaborations).toBeGreaterThan(0);
  });
});

describe("the calendar's one statement", () => {
  it('gives the activities and events of a window under any filters as the Prisma reads would', async () => {
    const prisma = ctx.db.prisma;
    const [areas, groups] = await Promise.all([
      prisma.localArea.findMany({ select: { slug: true }, orderBy: { id: 'asc' } }),
      prisma.targetGroup.findMany({ select: { slug: true }, orderBy: { id: 'asc' } }),
    ]);
    const filterSets: CalendarFilters[] = [
      { areaSlugs: [], targetGroupSlugs: [], only: null },
      { areaSlugs: [], targetGroupSlugs: [], only: 'activities' },
      { areaSlugs: [], targetGroupSlugs: [], only: 'events' },
      ...areas.map((a): CalendarFilters => ({ areaSlugs: [a.slug], targetGroupSlugs: [], only: null })),
      ...groups.map((g): CalendarFilters => ({ areaSlugs: [], targetGroupSlugs: [g.slug], only: null })),
      { areaSlugs: areas.slice(0, 2).map((a) => a.slug), targetGroupSlugs: groups.slice(0, 2).map((g) => g.slug), only: null },
    ];
    const day = 24 * 60 * 60 * 1000;
    const now = ctx.clock.now().getTime();
    const windows: [Date, Date][] = [
      [new Date(now), new Date(now + 7 * day)],
      [new Date(now - 90 * day), new Date(now + 400 * day)],
      [new Date(now + 14 * day), new Date(now + 21 * day)],
    ];
    let seen = { activities: 0, events: 0 };
    for (const [from, to] of windows) {
      for (const filters of filterSets) {
        const [activities, events] = await Promise.all([
          filters.only === 'events'
            ? []
            : prisma.activity.findMany({
                where: calendarActivityWhere(from, to, filters),
                select: CALENDAR_ACTIVITY_SELECT,
                orderBy: { id: 'asc' },
              }),
          filters.only === 'activities'
            ? []
            : prisma.event.findMany({ where: calendarEventWhere(from, to, filters), select: EVENT_FIELDS, orderBy: { id: 'asc' } }),
        ]);
        const rows = await readCalendarRows(prisma, from, to, filters);
        expect(rows.activities, JSON.stringify(filters)).toEqual(activities);
        expect(rows.events, JSON.stringify(filters)).toEqual(events);
        seen = { activities: seen.activities + activities.length, events: seen.events + events.length };
      }
    }
    expect(seen.activities).toBeGreaterThan(0);
    expect(seen.events).toBeGreaterThan(0);
  });
});
