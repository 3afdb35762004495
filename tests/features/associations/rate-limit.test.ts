// Anti-automation on registration (ASVS 2.4.1): a fresh app per file, so this file's
// registrations alone use up the per-address allowance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { expectStatus } from '../../helpers/http.js';
import { registrationForm, submitRegistration } from '../../helpers/forms.js';
import { referenceData, type ReferenceData } from '../../helpers/factories/index.js';
import { REGISTRATIONS_PER_HOUR } from '../../../src/features/associations/association-routes.js';

let ctx: TestContext;
let ref: ReferenceData;
beforeAll(async () => {
  ctx = await createTestContext();
  ref = await referenceData(ctx.db.prisma);
});
afterAll(() => ctx.close());

describe('registration rate limit', () => {
  it('does not count forms with errors, and refuses registrations past the hourly limit with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      await submitRegistration(supertest.agent(ctx.app), registrationForm(ref, { name: '' })).then(expectStatus(422));
    }
    for (let i = 0; i < REGISTRATIONS_PER_HOUR; i++) {
      await submitRegistration(supertest.agent(ctx.app), registrationForm(ref, { name: `Forening nr. ${i}` })).then(expectStatus(303));
    }
    const refused = await submitRegistration(supertest.agent(ctx.app), registrationForm(ref, { name: 'En for meget' })).then(
      expectStatus(429),
    );
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.text).toContain('For mange forespørgsler');
    expect(await ctx.db.prisma.association.count({ where: { name: 'En for meget' } })).toBe(0);
  });
});
