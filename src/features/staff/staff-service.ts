// The staff start page's overview: what awaits a decision, and how much is public.
import type { PrismaClient } from '../../generated/prisma/client.js';

export function createStaffOverviewService(prisma: PrismaClient) {
  return {
    async overview() {
      const [pending, approved, publishedOpenings] = await Promise.all([
        prisma.association.findMany({
          where: { status: 'PENDING' },
          orderBy: { createdAt: 'asc' },
          select: { id: true, name: true, createdAt: true },
        }),
        prisma.association.count({ where: { status: 'APPROVED' } }),
        prisma.opening.count({ where: { status: 'PUBLISHED' } }),
      ]);
      return { pending, approved, publishedOpenings };
    },
  };
}

export type StaffOverviewService = ReturnType<typeof createStaffOverviewService>;
