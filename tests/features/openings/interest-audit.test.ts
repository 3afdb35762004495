// A new interest is audited by ids only: no name, e-mail, phone or message of the
// citizen in the trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { showInterest, VALID_INTEREST } from '../../helpers/forms.js';
import { anAssociation, anOpening } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the audit of a new interest', () => {
  it('holds the interest, opening and association ids, and nothing the citizen typed', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const { response } = await showInterest(ctx.app, opening.id);
    expect(response.status).toBe(303);
    const interest = await ctx.db.prisma.interest.findFirstOrThrow({ where: { openingId: opening.id } });
    const audit = await ctx.db.prisma.auditLog.findMany({ where: { action: 'interest.created' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetType: 'interest', targetId: String(interest.id), actorUserId: null });
    expect(audit[0]!.details).toEqual({ openingId: opening.id, associationId: association.id });
    expect(audit[0]!.at.toISOString()).toBe(ctx.clock.now().toISOString());
    const trail = JSON.stringify(audit.map(({ details, targetId, requestId }) => ({ details, targetId, requestId })));
    for (const personal of Object.values(VALID_INTEREST).filter((value) => value.length > 3)) expect(trail).not.toContain(personal);
  });
});
