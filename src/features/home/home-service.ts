import type { PrismaClient } from '../../generated/prisma/client.js';
import { municipalityToday, publicOpeningWhere } from '../openings/visibility.js';
import { createCountsCache, DEFAULT_COUNTS_CACHE } from '../openings/search-counts-cache.js';

export interface OpeningTeaser {
  id: number;
  title: string;
  summary: string;
  associationName: string;
  localAreaName: { da: string; en: string } | null;
  deadline: Date | null;
}

export interface HomeCounts {
  openings: number;
  associations: number;
}

export function createHomeService(prisma: PrismaClient) {
  // The front page's two totals count every public opening: with many thousands that
  // is the page's most expensive step, and an approximate minute-old number is fine
  // for "there are N openings right now". Same cache as the search's broad counts.
  const countsCache = createCountsCache<HomeCounts>({ ...DEFAULT_COUNTS_CACHE, ttlMs: 60_000, minMatches: 1_000 });
  return {
    async latestOpenings(now: Date, take = 6): Promise<OpeningTeaser[]> {
      const rows = await prisma.opening.findMany({
        where: publicOpeningWhere(now),
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
        take,
        select: {
          id: true,
          title: true,
          summary: true,
          deadline: true,
          association: { select: { name: true } },
          localArea: { select: { nameDa: true, nameEn: true } },
        },
      });
      return rows.map((row) => ({
        id: row.id,
        title: row.title,
        summary: row.summary,
        deadline: row.deadline,
        associationName: row.association.name,
        localAreaName: row.localArea ? { da: row.localArea.nameDa, en: row.localArea.nameEn } : null,
      }));
    },
    async counts(now: Date): Promise<HomeCounts> {
      const key = municipalityToday(now);
      const cached = countsCache.get(key);
      if (cached) return cached;
      const [openings, associations] = await Promise.all([
        prisma.opening.count({ where: publicOpeningWhere(now) }),
        prisma.association.count({ where: { status: 'APPROVED' } }),
      ]);
      const value = { openings, associations };
      countsCache.offer(key, value, openings);
      return value;
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
