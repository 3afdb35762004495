// A NUL byte (or another invisible control character) in a path, a query or a form
// field never reaches PostgreSQL, which refuses NUL in text: no 500 (#11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { showInterest, VALID_INTEREST } from '../helpers/forms.js';
import { anAssociation, anOpening } from '../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ INTEREST_RATE_LIMIT: '1000' });
});
afterAll(() => ctx.close());

describe('control characters in input', () => {
  it('sends a search with one to the same search without it', async () => {
    for (const [url, cleaned] of [
      ['/opgaver?q=a%00b', '/opgaver?q=ab'],
      ['/foreninger?q=a%00b', '/foreninger?q=ab'],
      ['/feed/opgaver.rss?q=%00', '/feed/opgaver.rss?q='],
      ['/kalender?q=%1F', '/kalender?q='],
      ['/opgaver?%00', '/opgaver'],
    ] as const) {
      const response = await supertest(ctx.app).get(url).expect(302);
      expect(response.headers.location, url).toBe(cleaned);
    }
    // …and the address it is sent to answers (the search's own rule may tidy it further).
    const followed = await supertest(ctx.app).get('/opgaver?q=ab');
    expect(followed.status).toBeLessThan(500);
  });

  it('answers 404 for a path with one', async () => {
    for (const url of ['/foreninger/a%00b', '/foreninger/a%00b/kalender.ics', '/opgaver/1%00']) {
      await supertest(ctx.app).get(url).expect(404);
    }
  });

  it('refuses a form post whose address has one with 400, not 500', async () => {
    await supertest(ctx.app).post('/log-ind?x=%00').type('form').send({}).expect(400);
  });

  it('stores a form field without them (the interest form)', async () => {
    const association = await anAssociation(ctx.db.prisma, { name: 'IF Nul' });
    const opening = await anOpening(ctx.db.prisma, association.id);
    const { response } = await showInterest(ctx.app, opening.id, {
      ...VALID_INTEREST,
      name: 'Nul\u0000 Test',
      message: 'a\u0000b\u0007c\nny linje\ttab',
    });
    expect(response.status).toBe(303);
    const row = await ctx.db.prisma.interest.findFirstOrThrow({ where: { openingId: opening.id } });
    expect(row.name).toBe('Nul Test');
    expect(row.message).toBe('abc\nny linje\ttab');
  });
});
