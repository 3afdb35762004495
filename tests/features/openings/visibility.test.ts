// One rule for "public opening", two forms: publicOpeningWhere (Prisma) and
// publicOpeningSql (the search's raw SQL). On a mixed data set, at moments around
// midnight in Copenhagen, both select exactly the same rows — and the search finds
// exactly those.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anAssociation, anOpening } from '../../helpers/factories/index.js';
import { publicOpeningSql, publicOpeningWhere, type DeadlinePart } from '../../../src/features/openings/visibility.js';
import { createOpeningSearch } from '../../../src/features/openings/search-service.js';
import { parseSearchQuery } from '../../../src/features/openings/search-schemas.js';

let ctx: TestContext;
const ids: Record<string, number> = {};
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  const approved = await anAssociation(prisma, { name: 'Synlig Forening' });
  const pending = await anAssociation(prisma, { name: 'Afventende Forening', status: 'PENDING' });
  const rejected = await anAssociation(prisma, { name: 'Afvist Forening', status: 'REJECTED' });
  const rows: [string, number, Parameters<typeof anOpening>[2]][] = [
    ['noDeadline', approved.id, {}],
    ['draft', approved.id, { status: 'DRAFT' }],
    ['closed', approved.id, { status: 'CLOSED' }],
    ['pendingAssociation', pending.id, {}],
    ['rejectedAssociation', rejected.id, {}],
    ['deadlinePassed', approved.id, { deadline: date('2026-11-21') }],
    ['deadline22', approved.id, { deadline: date('2026-11-22') }],
    ['deadline23', approved.id, { deadline: date('2026-11-23') }],
    ['draftWithFutureDeadline', approved.id, { status: 'DRAFT', deadline: date('2026-12-31') }],
  ];
  for (const [name, associationId, traits] of rows) {
    ids[name] = (await anOpening(prisma, associationId, { title: name, ...traits })).id;
  }
});
afterAll(() => ctx.close());

async function viaPrisma(now: Date): Promise<number[]> {
  const rows = await ctx.db.prisma.opening.findMany({ where: publicOpeningWhere(now), select: { id: true } });
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

async function viaSql(now: Date, part: DeadlinePart = 'open'): Promise<number[]> {
  const rows = await ctx.db.prisma.$queryRaw<{ id: number }[]>`
    SELECT o.id FROM openings o JOIN associations a ON a.id = o.association_id WHERE ${publicOpeningSql(now, part)}`;
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

const named = (...names: string[]) => names.map((name) => ids[name]!).sort((a, b) => a - b);

describe('the public-opening rule in Prisma and in SQL', () => {
  const moments: [string, Date, string[]][] = [
    // 11:00 in Copenhagen on 22 November: the deadline day itself still counts.
    ['midday', new Date('2026-11-22T10:00:00Z'), ['noDeadline', 'deadline22', 'deadline23']],
    // 00:30 on 22 November in Copenhagen, still the 21st in UTC: the 21st has passed.
    ['just after midnight in Copenhagen', new Date('2026-11-21T23:30:00Z'), ['noDeadline', 'deadline22', 'deadline23']],
    // 00:30 on 23 November in Copenhagen, still the 22nd in UTC: the 22nd has passed.
    ['a day later, just after midnight', new Date('2026-11-22T23:30:00Z'), ['noDeadline', 'deadline23']],
    // 23:30 on 21 November in Copenhagen: the 21st is today, so it still counts.
    ['the evening before', new Date('2026-11-21T22:30:00Z'), ['noDeadline', 'deadlinePassed', 'deadline22', 'deadline23']],
  ];

  for (const [label, now, expected] of moments) {
    it(`select the same openings (${label})`, async () => {
      const prismaIds = await viaPrisma(now);
      expect(prismaIds).toEqual(named(...expected));
      expect(await viaSql(now)).toEqual(prismaIds);
      // The two halves the search's deadline sort reads add up to the whole rule.
      const halves = [...(await viaSql(now, 'upcoming')), ...(await viaSql(now, 'none'))].sort((a, b) => a - b);
      expect(halves).toEqual(prismaIds);
    });
  }

  it('is what the search finds, in every sort order', async () => {
    const search = createOpeningSearch(ctx.db.prisma, { vocabularyCache: ctx.services.vocabularyCache });
    for (const [, now] of moments) {
      const expected = await viaPrisma(now);
      for (const sortering of ['nyeste', 'frist'] as const) {
        const outcome = await search.search(parseSearchQuery({ sortering }), now);
        expect(outcome.hits.map((hit) => hit.id).sort((a, b) => a - b)).toEqual(expected);
        expect(outcome.total).toBe(expected.length);
      }
      const newest = await search.newest(parseSearchQuery({}), now, 50);
      expect(newest.map((hit) => hit.id).sort((a, b) => a - b)).toEqual(expected);
    }
  });
});
