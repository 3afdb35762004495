// The cache of active vocabulary values (vocabulary-options.ts): one per set of services,
// built by the composition root, emptied by the vocabulary service after every change,
// otherwise kept for its TTL; a transaction's client reads its own values.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { aLookup, vocabulariesChanged } from '../../helpers/factories/lookups.js';
import { createServices } from '../../../src/services.js';
import { createLogger } from '../../../src/logger.js';
import {
  createVocabularyCache,
  vocabularyOptions,
  VOCABULARY_CACHE_TTL_MS,
} from '../../../src/features/vocabularies/vocabulary-options.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());
afterEach(() => {
  vi.useRealTimers();
});

const context = () => ({ actorUserId: null, requestId: null, now: ctx.clock.now() });
const namesOf = (values: { nameDa: string }[]) => values.map((value) => value.nameDa);

describe('the vocabulary cache', () => {
  it('is one per createServices: a rename through the vocabulary service shows in its own at once, not in another on the same database', async () => {
    const prisma = ctx.db.prisma;
    const area = await aLookup(prisma, 'localArea', 'cache-by', 'Cacheby');
    const other = createServices({ prisma, clock: ctx.clock, config: ctx.config, logger: createLogger('silent') });
    expect(other.vocabularyCache).not.toBe(ctx.services.vocabularyCache);
    expect(namesOf((await ctx.services.vocabularyCache.active(prisma)).localArea)).toContain('Cacheby');
    expect(namesOf((await other.vocabularyCache.active(prisma)).localArea)).toContain('Cacheby');

    const found = await ctx.services.vocabularies.find('localArea', area.id);
    const saved = await ctx.services.vocabularies.update(
      'localArea',
      area.id,
      found?.fingerprint ?? '',
      { nameDa: 'Omdøbtby', nameEn: 'Renamed town', sortOrder: 0 },
      context(),
    );
    expect(saved.ok).toBe(true);

    // This app's cache was emptied by the service: its pages show the new name at once.
    expect(namesOf((await ctx.services.vocabularyCache.active(prisma)).localArea)).toContain('Omdøbtby');
    expect((await supertest(ctx.app).get('/foreninger/ny').expect(200)).text).toContain('Omdøbtby');
    // The other set of services (another process, in effect) keeps its values for the TTL.
    expect(namesOf((await other.vocabularyCache.active(prisma)).localArea)).toContain('Cacheby');
    other.vocabularyCache.invalidate();
    expect(namesOf((await other.vocabularyCache.active(prisma)).localArea)).toContain('Omdøbtby');
  });

  it('keeps what it read for the TTL, and reads again after it', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const prisma = ctx.db.prisma;
    const cache = createVocabularyCache();
    const group = await aLookup(prisma, 'targetGroup', 'ttl-gruppe', 'Før');
    expect(namesOf((await cache.active(prisma)).targetGroup)).toContain('Før');
    await prisma.targetGroup.update({ where: { id: group.id }, data: { nameDa: 'Efter' } });
    vi.advanceTimersByTime(VOCABULARY_CACHE_TTL_MS - 1);
    expect(namesOf((await cache.active(prisma)).targetGroup)).toContain('Før');
    vi.advanceTimersByTime(1);
    expect(namesOf((await cache.active(prisma)).targetGroup)).toContain('Efter');
    expect(VOCABULARY_CACHE_TTL_MS).toBe(60_000);
  });

  it("gives a transaction's client its own entry, read inside the transaction", async () => {
    const prisma = ctx.db.prisma;
    const cache = createVocabularyCache();
    const skill = await aLookup(prisma, 'skillArea', 'tx-kompetence', 'Udenfor');
    expect(namesOf((await cache.active(prisma)).skillArea)).toContain('Udenfor');
    const inside = await prisma.$transaction(async (tx) => {
      await tx.skillArea.update({ where: { id: skill.id }, data: { nameDa: 'Indeni' } });
      return namesOf(await vocabularyOptions(tx, cache).active('skillArea'));
    });
    expect(inside).toContain('Indeni');
    // The client's own entry is untouched until emptied.
    expect(namesOf((await cache.active(prisma)).skillArea)).toContain('Udenfor');
    cache.invalidate();
    expect(namesOf((await cache.active(prisma)).skillArea)).toContain('Indeni');
  });

  it('hands out copies: a caller sorting or emptying its list does not change the cache', async () => {
    const prisma = ctx.db.prisma;
    vocabulariesChanged(ctx.services);
    const first = await ctx.services.vocabularyCache.active(prisma);
    const count = first.localArea.length;
    expect(count).toBeGreaterThan(0);
    first.localArea.length = 0;
    expect((await ctx.services.vocabularyCache.active(prisma)).localArea).toHaveLength(count);
  });
});
