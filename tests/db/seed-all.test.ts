// The whole demo (including calendar and interests) can be loaded twice without change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { seedAllDemoData } from '../../src/db/seed/seed-all.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function counts() {
  const p = database.db.prisma;
  return {
    associations: await p.association.count(),
    openings: await p.opening.count(),
    users: await p.user.count(),
    activities: await p.activity.count(),
    events: await p.event.count(),
    interests: await p.interest.count(),
    skillAreas: await p.skillArea.count(),
  };
}

describe('seedAllDemoData', () => {
  it('loads every kind of demo data and is idempotent', async () => {
    const now = new Date('2026-11-22T10:00:00Z');
    await seedAllDemoData(database.db.prisma, { now });
    const first = await counts();
    for (const [kind, count] of Object.entries(first)) expect(count, kind).toBeGreaterThan(0);
    await seedAllDemoData(database.db.prisma, { now });
    expect(await counts()).toEqual(first);
  });
});
