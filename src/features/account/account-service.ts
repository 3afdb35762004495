// "Min side": what the logged-in user's own page shows.
import type { PrismaClient } from '../../generated/prisma/client.js';

export function createAccountService(prisma: PrismaClient) {
  return {
    /** The associations with these ids (the user's own), with their status (and staff's reason) and number of openings. */
    async associations(associationIds: readonly number[]) {
      return prisma.association.findMany({
        where: { id: { in: [...associationIds] } },
        orderBy: { name: 'asc' },
        select: {
          id: true,
          name: true,
          status: true,
          // Staff's reason while suspended or archived: Min side says it, not only the area.
          statusReason: true,
          _count: { select: { openings: true } },
        },
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
