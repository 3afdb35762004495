// Repeated statements are prepared once per connection (src/db/prepared-statements.ts,
// docs/adr/0035): named from their second use, one name per text, at most `limit` texts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import { planEachTime, preparedStatementNames, UNNAMED } from '../../src/db/prepared-statements.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

describe('statement names', () => {
  it('names a text from its second use on, keeps its name, and gives each text its own', () => {
    const name = preparedStatementNames(10);
    expect(name({ sql: 'SELECT 1' })).toBe(UNNAMED);
    const first = name({ sql: 'SELECT 1' });
    expect(first).not.toBe(UNNAMED);
    expect(name({ sql: 'SELECT 1' })).toBe(first);
    name({ sql: 'SELECT 2' });
    const second = name({ sql: 'SELECT 2' });
    expect(second).not.toBe(UNNAMED);
    expect(second).not.toBe(first);
  });

  it('leaves a statement marked by planEachTime unnamed', () => {
    const name = preparedStatementNames(10);
    const { text } = planEachTime(Prisma.sql`SELECT 1`);
    expect([name({ sql: text }), name({ sql: text }), name({ sql: text })]).toEqual([UNNAMED, UNNAMED, UNNAMED]);
  });

  it('names at most `limit` texts; the rest stay unnamed', () => {
    const name = preparedStatementNames(2);
    for (const sql of ['a', 'a', 'b', 'b']) name({ sql });
    expect(name({ sql: 'c' })).toBe(UNNAMED);
    expect(name({ sql: 'c' })).toBe(UNNAMED);
    expect(name({ sql: 'a' })).not.toBe(UNNAMED);
  });
});

describe('on a real connection', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('prepares a repeated statement once and answers it as before, with new values each time', async () => {
    // One transaction: one connection, whose prepared statements pg_prepared_statements lists.
    const { answers, prepared } = await ctx.db.prisma.$transaction(async (tx) => {
      const answers: number[] = [];
      for (const n of [1, 2, 3, 4, 5, 6, 7]) {
        const rows = await tx.$queryRaw<{ doubled: number }[]>(Prisma.sql`SELECT ${n}::int * 2 AS doubled /* prepared-statement test */`);
        answers.push(rows[0]?.doubled ?? 0);
      }
      const prepared = await tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements`;
      return { answers, prepared };
    });
    expect(answers).toEqual([2, 4, 6, 8, 10, 12, 14]);
    const ours = prepared.filter((row) => row.statement.includes('prepared-statement test'));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.name).toMatch(/^portal_\d+$/);
  });

  it('never prepares a statement marked to be planned for its values', async () => {
    const prepared = await ctx.db.prisma.$transaction(async (tx) => {
      for (const n of [1, 2, 3, 4]) await tx.$queryRaw(planEachTime(Prisma.sql`SELECT ${n}::int AS n /* planned-each-time test */`));
      return tx.$queryRaw<{ statement: string }[]>`SELECT statement FROM pg_prepared_statements`;
    });
    expect(prepared.filter((row) => row.statement.includes('planned-each-time test'))).toEqual([]);
  });
});
