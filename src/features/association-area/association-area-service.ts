// The association whose area (/min-forening/:associationId/…) a request is in.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AssociationStatus } from '../../generated/prisma/enums.js';

export interface ManagedAssociation {
  id: number;
  name: string;
  slug: string;
  status: AssociationStatus;
  /** Staff's reason while SUSPENDED or ARCHIVED (the notice at the top of the area's pages). */
  statusReason: string | null;
  email: string | null;
  version: number;
}

export function createAssociationAreaService(prisma: PrismaClient) {
  return {
    async find(id: number): Promise<ManagedAssociation | null> {
      return prisma.association.findUnique({
        where: { id },
        select: { id: true, name: true, slug: true, status: true, statusReason: true, email: true, version: true },
      });
    },
  };
}

export type AssociationAreaService = ReturnType<typeof createAssociationAreaService>;
