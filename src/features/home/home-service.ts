import type { PrismaClient } from '../../generated/prisma/client.js';
import { publicOpeningWhere } from '../openings/visibility.js';

export interface OpeningTeaser {
  id: number;
  title: string;
  summary: string;
  associationName: string;
  localAreaName: { da: string; en: string } | null;
  deadline: Date | null;
}

export function createHomeService(prisma: PrismaClient) {
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
    async counts(now: Date) {
      const [openings, associations] = await Promise.all([
        prisma.opening.count({ where: publicOpeningWhere(now) }),
        prisma.association.count({ where: { status: 'APPROVED' } }),
      ]);
      return { openings, associations };
    },
  };
}
