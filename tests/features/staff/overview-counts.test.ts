// The staff start page's overview says what each number counts: the openings citizens
// can see now, and the published ones hidden because their deadline passed (#10: the
// page said "26 published" where the public saw 24). The test clock's today is
// 22 November 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn } from '../../helpers/http.js';
import { anAssociation, anOpening, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the staff overview of openings', () => {
  it('counts the visible openings and, apart, the published ones past their deadline', async () => {
    const association = await anAssociation(ctx.db.prisma);
    await anOpening(ctx.db.prisma, association.id, { deadline: null });
    await anOpening(ctx.db.prisma, association.id, { deadline: '2026-11-22' });
    await anOpening(ctx.db.prisma, association.id, { deadline: '2026-11-21' });
    await anOpening(ctx.db.prisma, association.id, { status: 'DRAFT' });
    const staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);

    const page = (await staff.get('/medarbejder').expect(200)).text;
    expect(page).toContain('2 frivilligopgaver kan ses af borgerne lige nu');
    expect(page).toContain('1 offentliggjort frivilligopgave har passeret sin frist og er skjult for borgerne');
    // The public search agrees with the first number.
    const search = (await staff.get('/opgaver').expect(200)).text;
    expect(search).toMatch(/\b2 (frivilligopgaver|resultater)/);
  });
});
