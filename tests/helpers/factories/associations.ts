// Associations: approved and complete by default; a test names the traits it is about.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { AssociationStatus, OrganisationType } from '../../../src/generated/prisma/enums.js';

export interface AssociationOptions {
  name?: string;
  /** Default: from the name, plus a random ending so that names may repeat. */
  slug?: string;
  status?: AssociationStatus;
  organisationType?: OrganisationType;
  description?: string;
  fieldOfWorkIds?: number[];
  localAreaId?: number | null;
  websiteUrl?: string | null;
}

export async function anAssociation(prisma: PrismaClient, options: AssociationOptions = {}) {
  const name = options.name ?? `Forening ${randomUUID().slice(0, 8)}`;
  return prisma.association.create({
    data: {
      name,
      slug: options.slug ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 6)}`,
      organisationType: options.organisationType ?? 'ASSOCIATION',
      status: options.status ?? 'APPROVED',
      description: options.description ?? 'En forening til test.',
      contactName: 'Kontakt Eksempel',
      websiteUrl: options.websiteUrl ?? null,
      localAreaId: options.localAreaId ?? null,
      fieldsOfWork: { connect: (options.fieldOfWorkIds ?? []).map((id) => ({ id })) },
    },
  });
}
