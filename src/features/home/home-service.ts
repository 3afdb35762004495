import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { municipalityToday, PUBLIC_ASSOCIATION_STATUS, publicOpeningSql } from '../openings/visibility.js';
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
    /** The newest public openings, each with its association's and area's names: one statement. */
    async latestOpenings(now: Date, take = 6): Promise<OpeningTeaser[]> {
      const rows = await prisma.$queryRaw<
        {
          id: number;
          title: string;
          summary: string;
          deadline: Date | null;
          associationName: string;
          areaDa: string | null;
          areaEn: string | null;
        }[]
      >`
        SELECT o.id, o.title, o.summary, o.deadline, a.name AS "associationName",
               l.name_da AS "areaDa", l.name_en AS "areaEn"
          FROM openings o
          JOIN associations a ON a.id = o.association_id
          LEFT JOIN local_areas l ON l.id = o.local_area_id
         WHERE ${publicOpeningSql(now)}
         ORDER BY o.published_at DESC, o.id DESC
         LIMIT ${take}`;
      return rows.map((row) => ({
        id: row.id,
        title: row.title,
        summary: row.summary,
        deadline: row.deadline,
        associationName: row.associationName,
        localAreaName: row.areaDa !== null && row.areaEn !== null ? { da: row.areaDa, en: row.areaEn } : null,
      }));
    },
    async counts(now: Date): Promise<HomeCounts> {
      const key = municipalityToday(now);
      const cached = countsCache.get(key);
      if (cached) return cached;
      // Both totals in one statement.
      const rows = await prisma.$queryRaw<{ openings: number; associations: number }[]>`
        SELECT (SELECT count(*)::int FROM openings o JOIN associations a ON a.id = o.association_id
                 WHERE ${publicOpeningSql(now)}) AS openings,
               (SELECT count(*)::int FROM associations WHERE status = ${Prisma.raw(`'${PUBLIC_ASSOCIATION_STATUS}'`)}) AS associations`;
      const value = { openings: Number(rows[0]?.openings ?? 0), associations: Number(rows[0]?.associations ?? 0) };
      const openings = value.openings;
      countsCache.offer(key, value, openings);
      return value;
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
