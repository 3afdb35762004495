import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { municipalityToday, PUBLIC_ASSOCIATION_STATUS, publicOpeningSql } from '../openings/visibility.js';
import { createCountsCache } from './totals-cache.js';

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
  // A minute old at most, and only once there are a thousand openings (totals-cache.ts).
  const countsCache = createCountsCache<HomeCounts>({ ttlMs: 60_000, minMatches: 1_000, maxEntries: 4 });
  const latestSql = (now: Date, take: number) => Prisma.sql`
    SELECT o.id, o.title, o.summary, o.deadline, a.name AS "associationName",
           l.name_da AS "areaDa", l.name_en AS "areaEn"
      FROM openings o
      JOIN associations a ON a.id = o.association_id
      LEFT JOIN local_areas l ON l.id = o.local_area_id
     WHERE ${publicOpeningSql(now)}
     ORDER BY o.published_at DESC, o.id DESC
     LIMIT ${take}`;
  return {
    /**
     * The newest public openings, each with its association's and area's names, and the
     * two totals: one statement (the totals ride along with the openings unless kept).
     */
    async frontPage(now: Date, take = 6): Promise<{ openings: OpeningTeaser[]; counts: HomeCounts }> {
      const key = municipalityToday(now);
      const cached = countsCache.get(key);
      const rows = await prisma.$queryRaw<(LatestRow & { openingsTotal?: number; associationsTotal?: number })[]>(
        cached
          ? latestSql(now, take)
          : // One row of totals, joined to the openings; with no openings, one row of totals alone.
            Prisma.sql`
            WITH totals AS (
              SELECT (SELECT count(*)::int FROM openings o JOIN associations a ON a.id = o.association_id
                       WHERE ${publicOpeningSql(now)}) AS "openingsTotal",
                     (SELECT count(*)::int FROM associations
                       WHERE status = ${Prisma.raw(`'${PUBLIC_ASSOCIATION_STATUS}'`)}) AS "associationsTotal")
            SELECT latest.*, totals."openingsTotal", totals."associationsTotal"
              FROM totals LEFT JOIN LATERAL (${latestSql(now, take)}) latest ON true`,
      );
      let counts = cached;
      if (!counts) {
        counts = { openings: Number(rows[0]?.openingsTotal ?? 0), associations: Number(rows[0]?.associationsTotal ?? 0) };
        countsCache.offer(key, counts, counts.openings);
      }
      const openings = rows
        .filter((row): row is LatestRow & { id: number } => row.id !== null)
        .map((row) => ({
          id: row.id,
          title: row.title,
          summary: row.summary,
          deadline: row.deadline,
          associationName: row.associationName,
          localAreaName: row.areaDa !== null && row.areaEn !== null ? { da: row.areaDa, en: row.areaEn } : null,
        }));
      return { openings, counts };
    },
  };
}

/** A row of the newest openings (every column null on the totals' row when there are none). */
interface LatestRow {
  id: number | null;
  title: string;
  summary: string;
  deadline: Date | null;
  associationName: string;
  areaDa: string | null;
  areaEn: string | null;
}

export type HomeService = ReturnType<typeof createHomeService>;
