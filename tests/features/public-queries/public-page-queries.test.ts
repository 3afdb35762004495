// The database work of a view of each public page, with the demo data: a second view
// (caches warm, as under load) makes at most the number of statements below. The
// vocabularies' active values come from the process's cache, the directory's counts
// are one statement and its entries another, the home page's teasers and totals one
// each, the interest form's retention period from the settings cache. A change to a
// vocabulary through its service shows at once on this instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { countQueries, type QueryCounter } from '../../helpers/query-counter.js';
import { seedDemoData } from '../../../src/db/seed/seed-demo-data.js';
import { createOpeningPageService, OPENING_PAGE_SELECT } from '../../../src/features/openings/opening-page-service.js';
import { createPublicProfileService, PUBLIC_PROFILE_SELECT } from '../../../src/features/associations/public-profile-service.js';
import type { AuthenticatedUser } from '../../../src/features/auth/authenticated-user.js';

let ctx: TestContext;
let counter: QueryCounter;
let associationSlug: string;
let openingId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoData(ctx.db.prisma, { now: ctx.clock.now() });
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
  // Before this round: home 5, search 3, opening 6, directory 10, calendar 9, association page 8.
  const limits: [string, () => string, number][] = [
    ['the static page', () => '/tilgaengelighed', 0],
    ['the home page', () => '/', 2],
    ['the search', () => '/opgaver', 2],
    ['an opening', () => `/opgaver/${openingId}`, 1],
    ['the directory', () => '/foreninger', 2],
    ['the calendar', () => '/kalender', 7],
    ['an association page', () => `/foreninger/${associationSlug}`, 6],
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
