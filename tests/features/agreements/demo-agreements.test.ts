// The demo agreement draft: "Grow Your Life" with the municipality, a demo association
// and an invented evening school; idempotent, and shown to staff like any draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn } from '../../helpers/http.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { seedDemoData } from '../../../src/db/seed/seed-demo-data.js';
import { DEMO_AGREEMENT_TITLE, seedDemoAgreements } from '../../../src/db/seed/demo-agreements.js';
import { DEFAULT_SECTIONS } from '../../../src/features/agreement-template/default-template.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoData(ctx.db.prisma, { now: ctx.clock.now() });
});
afterAll(() => ctx.close());

describe('seedDemoAgreements', () => {
  it('creates the "Grow Your Life" draft once, with its three parties and the template’s sections', async () => {
    await seedDemoAgreements(ctx.db.prisma, ctx.clock.now());
    await seedDemoAgreements(ctx.db.prisma, ctx.clock.now());
    const rows = await ctx.db.prisma.agreement.findMany({
      where: { title: DEMO_AGREEMENT_TITLE },
      include: { parties: { orderBy: { sortOrder: 'asc' }, include: { association: true } }, sections: true },
    });
    expect(rows).toHaveLength(1);
    const agreement = rows[0]!;
    expect(agreement).toMatchObject({ status: 'DRAFT', templateVersion: 0 });
    expect(agreement.sections).toHaveLength(DEFAULT_SECTIONS.length);
    expect(agreement.parties.map((p) => p.kind)).toEqual(['MUNICIPALITY', 'ASSOCIATION', 'EXTERNAL']);
    expect(agreement.parties[1]?.association?.name).toBe('Frivilligcenter og Selvhjælp Lyngby-Taarbæk');
    expect(agreement.parties[2]).toMatchObject({ name: 'Aftenskolen (demo)' });
    expect(agreement.parties[2]?.contactEmail).toMatch(/@aftenskolen\.example\.org$/);

    // Seeded 22 November 2026 (the fake clock): started 22 August, reviewed every 6 months.
    const staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
    const list = await staff.get('/medarbejder/samarbejdsaftaler').expect(200);
    expect(list.text).toContain(DEMO_AGREEMENT_TITLE);
    expect(list.text).toContain('22. februar 2027');
  });
});
