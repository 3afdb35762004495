// The directory's statements were rewritten for 10,000 associations (one pass for all
// counts, the page's ids picked before their names are joined). This compares what the
// service answers with a plain reading of the rows in JavaScript, for every combination
// of a few texts, fields of work, areas and types, on every page: the results must be
// the same as the definition, whatever the statements look like.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anAssociation, referenceData, type ReferenceData } from '../../helpers/factories/index.js';
import { createDirectoryService, PAGE_SIZE, type DirectoryQuery } from '../../../src/features/associations/directory-service.js';
import type { OrganisationType } from '../../../src/generated/prisma/enums.js';

let ctx: TestContext;
let ref: ReferenceData;

const TYPES: OrganisationType[] = ['ASSOCIATION', 'NETWORK', 'SELF_ORGANISED_GROUP'];
const NAMES = ['Åens', 'Birkerød', 'Æblet', 'Zebra', 'Øen', 'Virum', 'Sorgenfri', 'aalborg', 'Aarhus', 'Lyngby'];

beforeAll(async () => {
  ctx = await createTestContext();
  ref = await referenceData(ctx.db.prisma);
  const fields = Object.values(ref.fieldId);
  const areas = Object.values(ref.areaId);
  // 45 approved (3 pages) with names that tie and sort in Danish order, varied fields
  // (none to three), areas (some none) and types; and some never listed.
  for (let i = 0; i < 45; i++) {
    await anAssociation(ctx.db.prisma, {
      name: `${NAMES[i % NAMES.length]} ${i % 4 === 0 ? 'Klub' : 'Forening'}`,
      organisationType: TYPES[i % TYPES.length],
      fieldOfWorkIds: fields.filter((_, k) => (i + k) % (2 + (i % 3)) === 0).slice(0, i % 4),
      localAreaId: i % 5 === 0 ? null : areas[i % areas.length],
      description: i % 3 === 0 ? 'Vi spiller fodbold.' : 'Vi synger i kor.',
    });
  }
  for (const status of ['PENDING', 'REJECTED', 'ARCHIVED'] as const) {
    await anAssociation(ctx.db.prisma, { name: 'Virum Forening', status, fieldOfWorkIds: fields.slice(0, 1), localAreaId: areas[0] });
  }
});
afterAll(() => ctx.close());

/** The directory by its definition: approved ones, text in name or description, OR within a filter, AND across. */
async function expected(query: DirectoryQuery) {
  const rows = await ctx.db.prisma.association.findMany({
    where: { status: 'APPROVED' },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      organisationType: true,
      localArea: { select: { slug: true } },
      fieldsOfWork: { select: { slug: true } },
    },
  });
  const text = query.text.toLowerCase();
  const passes = (row: (typeof rows)[number], except?: string) =>
    (!text || row.name.toLowerCase().includes(text) || row.description.toLowerCase().includes(text)) &&
    (except === 'fieldsOfWork' || query.fieldsOfWork.length === 0 || row.fieldsOfWork.some((f) => query.fieldsOfWork.includes(f.slug))) &&
    (except === 'localAreas' ||
      query.localAreas.length === 0 ||
      (row.localArea !== null && query.localAreas.includes(row.localArea.slug))) &&
    (except === 'types' || query.types.length === 0 || query.types.includes(row.organisationType));
  const count = (facet: string, valuesOf: (row: (typeof rows)[number]) => string[]) => {
    const counts = new Map<string, number>();
    for (const row of rows.filter((r) => passes(r, facet))) for (const v of valuesOf(row)) counts.set(v, (counts.get(v) ?? 0) + 1);
    return counts;
  };
  const danish = new Intl.Collator('da');
  const listed = rows.filter((row) => passes(row)).sort((x, y) => danish.compare(x.name, y.name) || x.id - y.id);
  return {
    slugs: listed.map((row) => row.slug),
    fieldsOfWork: count('fieldsOfWork', (row) => row.fieldsOfWork.map((f) => f.slug)),
    localAreas: count('localAreas', (row) => (row.localArea ? [row.localArea.slug] : [])),
    types: count('types', (row) => [row.organisationType]),
  };
}

describe('the directory service', () => {
  it('answers every combination of text and filters as the definition does: total, facet counts, entries and their order on every page', async () => {
    const service = createDirectoryService(ctx.db.prisma, ctx.services);
    const [field1, field2] = Object.keys(ref.fieldId);
    const [area1, area2] = Object.keys(ref.areaId);
    let compared = 0;
    for (const text of ['', 'fodbold', 'VIRUM', 'ø']) {
      for (const fieldsOfWork of [[], [field1!], [field1!, field2!]]) {
        for (const localAreas of [[], [area1!], [area1!, area2!]]) {
          for (const types of [[], ['NETWORK'], ['ASSOCIATION', 'SELF_ORGANISED_GROUP']] as OrganisationType[][]) {
            const want = await expected({ text, fieldsOfWork, localAreas, types, page: 1 });
            const pages = Math.max(1, Math.ceil(want.slugs.length / PAGE_SIZE));
            const got: string[] = [];
            for (let page = 1; page <= pages; page++) {
              const result = await service.search({ text, fieldsOfWork, localAreas, types, page }, 'da');
              expect(result.total).toBe(want.slugs.length);
              expect(result.pageCount).toBe(pages);
              got.push(...result.entries.map((entry) => entry.slug));
              for (const facet of ['fieldsOfWork', 'localAreas', 'types'] as const) {
                const shown = new Map(result.facets[facet].filter((v) => v.count > 0).map((v) => [v.value, v.count]));
                expect(shown, `${facet} for ${JSON.stringify({ text, fieldsOfWork, localAreas, types })}`).toEqual(want[facet]);
              }
            }
            expect(got).toEqual(want.slugs);
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(4 * 3 * 3 * 3);
  }, 120_000);

  it('picks a page by the index on approved associations in Danish name order (a deep page does not sort them all)', async () => {
    // The statements the service sends, with their values, from the pool it shares.
    const sent: { text: string; values: unknown[] }[] = [];
    const capture = (client: pg.PoolClient) => {
      const original = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const first = args[0] as string | { text?: string; values?: unknown[] };
        if (typeof first === 'string') sent.push({ text: first, values: (args[1] as unknown[] | undefined) ?? [] });
        else sent.push({ text: first.text ?? '', values: first.values ?? [] });
        return original(...args);
      };
    };
    ctx.db.pool.on('acquire', capture);
    try {
      await createDirectoryService(ctx.db.prisma, ctx.services).search(
        { text: '', fieldsOfWork: [], localAreas: [], types: [], page: 2 },
        'da',
      );
    } finally {
      ctx.db.pool.off('acquire', capture);
    }
    const page = sent.find((statement) => statement.text.includes('AS chosen'));
    expect(page).toBeDefined();
    // With 45 rows the planner would rightly sort them; forbidding sequential scans and
    // sorts shows whether the index matches the statement's order at all.
    const client = await ctx.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      await client.query('SET LOCAL enable_sort = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${page!.text}`, page!.values);
      await client.query('ROLLBACK');
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toContain('associations_directory_name_idx');
    } finally {
      client.release();
    }
  });
});
