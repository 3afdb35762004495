// The search's in-process facet index (src/features/openings/search-index/, ADR 0033)
// against the SQL counting it replaces, on the demo data plus generated openings with
// everything visibility.ts hides (drafts, closed, expired, pending and suspended
// associations) and retired vocabulary values; then its freshness (triggers → NOTIFY →
// reload), two processes agreeing, and its fallbacks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type pg from 'pg';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anAssociation, anOpening } from '../../helpers/factories/index.js';
import { seedDemoData } from '../../../src/db/seed/seed-demo-data.js';
import { createOpeningSearch, type OpeningSearch, type SearchOutcome } from '../../../src/features/openings/search-service.js';
import { createFacetIndex, type FacetIndex } from '../../../src/features/openings/search-index/search-facet-index.js';
import { vocabulariesChanged } from '../../helpers/factories/lookups.js';
import { COMMITMENTS, FORMS, ORGANISATION_TYPES, type SearchState } from '../../../src/features/openings/search-schemas.js';
import { createLogger } from '../../../src/logger.js';
import { countQueries } from '../../helpers/query-counter.js';
import type { Commitment, VolunteeringForm, OrganisationType } from '../../../src/generated/prisma/enums.js';

let ctx: TestContext;
/** The app's own index (started by the test context, as src/server.ts does). */
let index: FacetIndex;
/** Counts through the index when it is current; `answered` says how often it was. */
let indexed: OpeningSearch;
let answered = 0;
/** The reference: the same search with no index, counting in SQL. */
let reference: OpeningSearch;
const slugs: Record<'omraade' | 'maalgruppe' | 'fagomraade' | 'kompetence', string[]> = {
  omraade: [],
  maalgruppe: [],
  fagomraade: [],
  kompetence: [],
};

/** A small deterministic generator, so a failure repeats. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    next,
    pick<T>(list: readonly T[]): T {
      return list[Math.floor(next() * list.length)] as T;
    },
    some<T>(list: readonly T[], max: number): T[] {
      const count = Math.floor(next() * (max + 1));
      return [...new Set(Array.from({ length: count }, () => list[Math.floor(next() * list.length)] as T))];
    },
  };
}

async function sequenceValue(pool: pg.Pool): Promise<string> {
  const result = await pool.query<{ v: string }>('SELECT last_value::text AS v FROM search_index_version');
  return result.rows[0]?.v ?? '';
}

/** Until the index has loaded everything written so far. */
async function caughtUp(facetIndex: FacetIndex): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (facetIndex.loaded()?.version === (await sequenceValue(ctx.db.pool))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the facet index did not catch up');
}

function comparable(outcome: SearchOutcome) {
  return {
    state: outcome.state,
    total: outcome.total,
    pageCount: outcome.pageCount,
    hits: outcome.hits.map((hit) => hit.id),
    counts: Object.fromEntries(Object.entries(outcome.counts).map(([facet, counts]) => [facet, [...counts].sort()])),
  };
}

beforeAll(async () => {
  ctx = await createTestContext({}, { searchIndex: true });
  const prisma = ctx.db.prisma;
  await seedDemoData(prisma, { now: ctx.clock.now() });

  // Generated openings around the demo's vocabularies, with one value of each
  // vocabulary retired (rows keep it; search neither filters nor counts by it).
  const [areas, groups, fields, skills] = await Promise.all([
    prisma.localArea.findMany({ orderBy: { id: 'asc' } }),
    prisma.targetGroup.findMany({ orderBy: { id: 'asc' } }),
    prisma.fieldOfWork.findMany({ orderBy: { id: 'asc' } }),
    prisma.skillArea.findMany({ orderBy: { id: 'asc' } }),
  ]);
  const retiredAt = new Date('2026-01-01T00:00:00Z');
  await prisma.localArea.update({ where: { id: (areas[0] as { id: number }).id }, data: { retiredAt } });
  await prisma.targetGroup.update({ where: { id: (groups[1] as { id: number }).id }, data: { retiredAt } });
  await prisma.fieldOfWork.update({ where: { id: (fields[0] as { id: number }).id }, data: { retiredAt } });
  await prisma.skillArea.update({ where: { id: (skills[0] as { id: number }).id }, data: { retiredAt } });
  vocabulariesChanged(ctx.services);
  slugs.omraade = areas.map((row) => row.slug);
  slugs.maalgruppe = groups.map((row) => row.slug);
  slugs.fagomraade = fields.map((row) => row.slug);
  slugs.kompetence = skills.map((row) => row.slug);

  const rnd = random(12);
  const associations = [];
  for (let i = 0; i < 12; i++) {
    associations.push(
      await anAssociation(prisma, {
        status: rnd.pick(['APPROVED', 'APPROVED', 'APPROVED', 'PENDING', 'SUSPENDED'] as const),
        organisationType: rnd.pick(ORGANISATION_TYPES) as OrganisationType,
        fieldOfWorkIds: rnd.some(fields, 3).map((row) => row.id),
      }),
    );
  }
  const titles = ['Lektiehjælp for unge', 'Fodboldtræner', 'Besøgsven hos ældre', 'Kasserer i klubben', 'Hjælp i køkkenet'];
  for (let i = 0; i < 120; i++) {
    await anOpening(prisma, rnd.pick(associations).id, {
      title: `${rnd.pick(titles)} ${i}`,
      status: rnd.pick(['PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'DRAFT', 'CLOSED'] as const),
      form: rnd.pick(FORMS) as VolunteeringForm,
      commitment: rnd.pick(COMMITMENTS) as Commitment,
      localAreaId: rnd.next() < 0.2 ? null : rnd.pick(areas).id,
      targetGroupIds: rnd.some(groups, 3).map((row) => row.id),
      skillAreaIds: rnd.some(skills, 2).map((row) => row.id),
      childCertificateRequired: rnd.next() < 0.3,
      // Around the test clock (22 November 2026): passed, today, soon, later, none.
      deadline: rnd.pick([null, null, '2026-11-01', '2026-11-21', '2026-11-22', '2026-11-25', '2026-12-15', '2027-02-01']),
    });
  }

  index = ctx.services.searchFacetIndex;
  const counting: FacetIndex = {
    ...index,
    async current() {
      const current = await index.current();
      if (current) answered += 1;
      return current;
    },
  };
  const { vocabularyCache } = ctx.services;
  indexed = createOpeningSearch(prisma, { facetIndex: counting, vocabularyCache });
  reference = createOpeningSearch(prisma, { vocabularyCache });
  await caughtUp(index);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

const state = (partial: Partial<SearchState['filters']> & { q?: string } = {}): SearchState => {
  const { q = '', ...filters } = partial;
  return {
    q,
    sort: q ? 'relevans' : 'nyeste',
    page: 1,
    filters: {
      omraade: [],
      maalgruppe: [],
      fagomraade: [],
      kompetence: [],
      form: [],
      tid: [],
      type: [],
      boerneattest: undefined,
      ...filters,
    },
  };
};

describe('the facet index counts exactly as SQL does', () => {
  it('for every generated search, on every day around the deadlines (deadlines pass without a write)', async () => {
    const texts = [
      '',
      '',
      '',
      'lektiehjælp',
      'fodbold',
      'hjælp',
      'unge',
      'ældre',
      'i',
      '"besøgsven hos"',
      'hjælp -fodbold',
      'ingenting',
      "x'); DROP TABLE openings; --",
      'hjælp & !(fod|bold):*',
    ];
    const withUnknown = (list: string[]) => fc.subarray([...list, 'findes-ikke'], { maxLength: 3 });
    const searches = fc.record({
      q: fc.constantFrom(...texts),
      omraade: withUnknown(slugs.omraade),
      maalgruppe: withUnknown(slugs.maalgruppe),
      fagomraade: withUnknown(slugs.fagomraade),
      kompetence: withUnknown(slugs.kompetence),
      form: fc.subarray([...FORMS], { maxLength: 2 }),
      tid: fc.subarray([...COMMITMENTS], { maxLength: 2 }),
      type: fc.subarray([...ORGANISATION_TYPES], { maxLength: 2 }),
      boerneattest: fc.constantFrom(undefined, 'ja' as const, 'nej' as const),
    });
    const days = fc.integer({ min: -30, max: 90 });
    answered = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(searches, days, async (search, day) => {
        runs += 1;
        // Also across Copenhagen's midnight: 23:30 UTC is the next day there.
        const now = new Date(Date.UTC(2026, 10, 22 + day, day % 2 === 0 ? 10 : 23, 30));
        const [fromIndex, fromSql] = await Promise.all([indexed.search(state(search), now), reference.search(state(search), now)]);
        expect(comparable(fromIndex)).toEqual(comparable(fromSql));
      }),
      { numRuns: 200, seed: 33 },
    );
    // Every one of them was counted by the index, not by its SQL fallback.
    expect(answered).toBe(runs);
  }, 120_000);

  it('for the plain list, with counts for every facet', async () => {
    const now = ctx.clock.now();
    const fromIndex = await indexed.search(state(), now);
    expect(fromIndex.total).toBeGreaterThan(20);
    expect(fromIndex.counts.omraade.size).toBeGreaterThan(1);
    expect(comparable(fromIndex)).toEqual(comparable(await reference.search(state(), now)));
  });
});

describe('freshness', () => {
  it('a change shows in the counts at once (SQL until the notification has reloaded the index), then from the index', async () => {
    const now = ctx.clock.now();
    const before = await indexed.search(state(), now);
    const association = await anAssociation(ctx.db.prisma, { organisationType: 'CHURCH' });
    const reloaded = index.nextLoad();
    await anOpening(ctx.db.prisma, association.id, { title: 'Kirkekaffe', form: 'EPISODIC' });

    // The write is committed; the index has not reloaded yet, and knows it.
    const right = await indexed.search(state(), now);
    expect(right.total).toBe(before.total + 1);

    await reloaded;
    await caughtUp(index);
    answered = 0;
    const after = await indexed.search(state({ type: ['CHURCH'] }), now);
    expect(answered).toBe(1);
    expect(comparable(after)).toEqual(comparable(await reference.search(state({ type: ['CHURCH'] }), now)));
    expect(after.total).toBe((before.counts.type.get('CHURCH') ?? 0) + 1);
  });

  it('reads a result page once per index version and day: a repeat sends only the version read, a change shows at once', async () => {
    const now = ctx.clock.now();
    await caughtUp(index);
    const counter = countQueries(ctx.db.pool);
    const search = state({ q: 'hjælp' });
    const first = await indexed.search(search, now);
    expect(first.hits.length).toBeGreaterThan(0);
    counter.reset();
    const again = await indexed.search(search, now);
    expect(comparable(again)).toEqual(comparable(first));
    expect(counter.statements).toEqual([expect.stringContaining('search_index_version')]);

    const hit = first.hits[0] as { id: number };
    await ctx.db.prisma.opening.update({ where: { id: hit.id }, data: { title: 'Hjælp til noget helt nyt' } });
    const changed = await indexed.search(search, now);
    expect(changed.hits.find((h) => h.id === hit.id)?.title).toBe('Hjælp til noget helt nyt');
    await caughtUp(index);
    const reloaded = await indexed.search(search, now);
    expect(comparable(reloaded)).toEqual(comparable(await reference.search(search, now)));
    expect(reloaded.hits.find((h) => h.id === hit.id)?.title).toBe('Hjælp til noget helt nyt');
    // The next day reads its page anew (a deadline may have passed).
    counter.reset();
    await indexed.search(search, new Date(now.getTime() + 86_400_000));
    expect(counter.statements.length).toBeGreaterThan(1);
  });

  it('two processes on the same database agree after a change', async () => {
    const other = createFacetIndex({ logger: createLogger('silent'), debounceMs: 10 });
    try {
      const firstLoad = other.nextLoad();
      other.start(ctx.db.pool);
      await firstLoad;
      const hide = await ctx.db.prisma.opening.findFirstOrThrow({ where: { status: 'PUBLISHED', deadline: null }, orderBy: { id: 'asc' } });
      await ctx.db.prisma.opening.update({ where: { id: hide.id }, data: { status: 'CLOSED' } });
      await Promise.all([caughtUp(index), caughtUp(other)]);
      const search = createOpeningSearch(ctx.db.prisma, { facetIndex: other, vocabularyCache: ctx.services.vocabularyCache });
      const now = ctx.clock.now();
      const [mine, theirs, truth] = await Promise.all([
        indexed.search(state(), now),
        search.search(state(), now),
        reference.search(state(), now),
      ]);
      expect(comparable(theirs)).toEqual(comparable(truth));
      expect(comparable(mine)).toEqual(comparable(truth));
      expect(other.loaded()?.version).toBe(index.loaded()?.version);
    } finally {
      await other.stop();
    }
  });

  it('a missed notification is caught by the version check of the next search', async () => {
    const now = ctx.clock.now();
    await caughtUp(index);
    const before = index.loaded()?.version;
    // As if a change's notification were lost: the version moves, nothing is notified.
    const reloaded = index.nextLoad();
    await ctx.db.pool.query(`SELECT nextval('search_index_version')`);
    answered = 0;
    const outcome = await indexed.search(state(), now);
    expect(answered).toBe(0);
    expect(comparable(outcome)).toEqual(comparable(await reference.search(state(), now)));
    const snapshot = await reloaded;
    expect(snapshot.version).not.toBe(before);
  });
});

describe('resilience', () => {
  it('counts in SQL until loaded, and when it never started', async () => {
    const idle = createFacetIndex({ logger: createLogger('silent') });
    const query = {
      today: '2026-11-22',
      text: null,
      filters: state().filters,
      slugs: { omraade: new Map(), maalgruppe: new Map(), fagomraade: new Map(), kompetence: new Map() },
    };
    expect(await idle.counts(query)).toBeNull();
    await idle.stop();
    const search = createOpeningSearch(ctx.db.prisma, { facetIndex: idle, vocabularyCache: ctx.services.vocabularyCache });
    const now = ctx.clock.now();
    expect(comparable(await search.search(state(), now))).toEqual(comparable(await reference.search(state(), now)));
  });

  it('a lost listening connection: SQL counts meanwhile, then it reconnects and loads in full', async () => {
    const other = createFacetIndex({ logger: createLogger('silent'), debounceMs: 10, retryMs: [50, 200] });
    try {
      const firstLoad = other.nextLoad();
      other.start(ctx.db.pool);
      await firstLoad;
      const reloaded = other.nextLoad();
      // Ends every connection that LISTENs on this database (both indexes' listeners).
      const ended = await ctx.db.pool.query<{ ended: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
      );
      expect(ended.rows.length).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const search = createOpeningSearch(ctx.db.prisma, { facetIndex: other, vocabularyCache: ctx.services.vocabularyCache });
      const now = ctx.clock.now();
      expect(comparable(await search.search(state(), now))).toEqual(comparable(await reference.search(state(), now)));
      await reloaded;
      expect(other.loaded()).not.toBeNull();
      await caughtUp(index);
    } finally {
      await other.stop();
    }
  });

  it('stops cleanly: no load, no counts, no connection after stop', async () => {
    const other = createFacetIndex({ logger: createLogger('silent') });
    const firstLoad = other.nextLoad();
    other.start(ctx.db.pool);
    await firstLoad;
    await other.stop();
    expect(other.loaded()).toBeNull();
    const listeners = await ctx.db.pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
    );
    // Only the app's own index still listens.
    expect(listeners.rows.length).toBe(1);
  });
});
