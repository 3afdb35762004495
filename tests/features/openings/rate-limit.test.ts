// Anti-automation on "Jeg vil gerne hjælpe": at most INTEREST_RATE_LIMIT accepted
// interests per address and hour; the next gets a 429 page in the reader's language
// with Retry-After. Failed attempts (422) do not use up the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { showInterest, VALID_INTEREST } from '../../helpers/forms.js';
import { anAssociation, anOpening } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ INTEREST_RATE_LIMIT: '2' });
});
afterAll(() => ctx.close());

describe('rate limit on showing interest', () => {
  it('answers 429 with Retry-After after the limit, in the reader’s language, storing nothing more', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });

    // Typos first: failed forms do not count towards the limit.
    for (let i = 0; i < 3; i++) {
      const { response } = await showInterest(ctx.app, opening.id, { ...VALID_INTEREST, email: 'forkert' });
      expect(response.status).toBe(422);
    }
    for (const n of [1, 2]) {
      const { response } = await showInterest(ctx.app, opening.id, { ...VALID_INTEREST, email: `borger${n}@example.org` });
      expect(response.status).toBe(303);
    }
    const { response } = await showInterest(ctx.app, opening.id, { ...VALID_INTEREST, email: 'borger3@example.org' });
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.text).toContain('Du har sendt mange henvendelser på kort tid');
    expect(response.text).toContain('mailto:kontakt@example.org');
    expect(await ctx.db.prisma.interest.count({ where: { openingId: opening.id } })).toBe(2);

    const agent = supertest.agent(ctx.app);
    await agent.get('/sprog/en');
    const english = await showInterest(ctx.app, opening.id, { ...VALID_INTEREST }, agent);
    expect(english.response.status).toBe(429);
    expect(english.response.text).toContain('You have sent many requests in a short time');
  });
});
