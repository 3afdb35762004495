// The demo interests: obviously fake, on the demo associations' openings, idempotent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { seedDemoData } from '../../../src/db/seed/seed-demo-data.js';
import { DEMO_INTERESTS, seedDemoInterests } from '../../../src/db/seed/demo-interests.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoData(ctx.db.prisma, { now: ctx.clock.now() });
});
afterAll(() => ctx.close());

describe('seedDemoInterests', () => {
  it('creates fake interests on IF Limone’s and Suppekøkken’s openings, and is idempotent', async () => {
    await seedDemoInterests(ctx.db.prisma, ctx.clock.now());
    await seedDemoInterests(ctx.db.prisma, ctx.clock.now());
    const rows = await ctx.db.prisma.interest.findMany({
      where: { submissionKey: { startsWith: 'demo-interest-' } },
      include: { opening: { include: { association: true } } },
    });
    expect(rows).toHaveLength(DEMO_INTERESTS.length);
    for (const row of rows) {
      expect(row.email).toMatch(/@example\.org$/);
      expect(['if-limone', 'lyngbykirkernes-suppekoekken']).toContain(row.opening.association.slug);
    }
  });
});
