// The association named by /min-forening/:associationId/…, for the pages of an
// association's own members. The access policy (member of the association, or admin)
// runs before this; here a malformed or unknown id becomes a 404. Every child row
// (opening, interest) is then looked up WITH this association's id, so guessing
// another association's ids finds nothing (IDOR, ASVS 8.2.2).
import type { PrismaClient } from '../../generated/prisma/client.js';
import { HttpError } from '../../errors.js';
import { parseId } from './route-params.js';

export interface ManagedAssociation {
  id: number;
  name: string;
  slug: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'ARCHIVED';
  email: string | null;
}

export async function findManagedAssociation(prisma: PrismaClient, param: unknown): Promise<ManagedAssociation> {
  const id = parseId(param);
  if (id === null) throw new HttpError(404);
  const association = await prisma.association.findUnique({
    where: { id },
    select: { id: true, name: true, slug: true, status: true, email: true },
  });
  if (!association) throw new HttpError(404);
  return association;
}
