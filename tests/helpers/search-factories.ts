// Test data for the search: lookup rows by slug, and openings with everything the
// search filters on (area, target groups, skills, form, commitment, certificate).
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Commitment, OpeningStatus, OrganisationType, VolunteeringForm } from '../../src/generated/prisma/enums.js';

type Lookup = 'localArea' | 'targetGroup' | 'fieldOfWork' | 'skillArea';

/** A lookup row (local area, target group, field of work, skill area); English name = Danish + " (en)". */
export async function aLookup(prisma: PrismaClient, kind: Lookup, slug: string, nameDa: string, sortOrder = 0) {
  const data = { slug, nameDa, nameEn: `${nameDa} (en)`, sortOrder };
  switch (kind) {
    case 'localArea':
      return prisma.localArea.create({ data });
    case 'targetGroup':
      return prisma.targetGroup.create({ data });
    case 'fieldOfWork':
      return prisma.fieldOfWork.create({ data });
    case 'skillArea':
      return prisma.skillArea.create({ data });
  }
}

export async function aSearchAssociation(
  prisma: PrismaClient,
  overrides: {
    name?: string;
    status?: 'PENDING' | 'APPROVED' | 'REJECTED' | 'ARCHIVED';
    organisationType?: OrganisationType;
    fieldOfWorkIds?: number[];
  } = {},
) {
  const name = overrides.name ?? `Forening ${randomUUID().slice(0, 8)}`;
  return prisma.association.create({
    data: {
      name,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 6)}`,
      organisationType: overrides.organisationType ?? 'ASSOCIATION',
      status: overrides.status ?? 'APPROVED',
      description: 'En forening til test.',
      fieldsOfWork: { connect: (overrides.fieldOfWorkIds ?? []).map((id) => ({ id })) },
    },
  });
}

export interface SearchOpeningOverrides {
  title?: string;
  summary?: string;
  description?: string;
  status?: OpeningStatus;
  form?: VolunteeringForm;
  commitment?: Commitment;
  localAreaId?: number | null;
  targetGroupIds?: number[];
  skillAreaIds?: number[];
  childCertificateRequired?: boolean;
  /** ISO date (YYYY-MM-DD) or null for none. */
  deadline?: string | null;
  publishedAt?: Date;
}

export async function aSearchOpening(prisma: PrismaClient, associationId: number, overrides: SearchOpeningOverrides = {}) {
  const status = overrides.status ?? 'PUBLISHED';
  return prisma.opening.create({
    data: {
      associationId,
      title: overrides.title ?? 'Frivillig til test',
      summary: overrides.summary ?? 'Kort om opgaven.',
      description: overrides.description ?? 'Længere beskrivelse.',
      form: overrides.form ?? 'ONGOING',
      commitment: overrides.commitment ?? 'OCCASIONAL',
      timeCommitment: '2 timer om ugen',
      place: 'Testhuset',
      localAreaId: overrides.localAreaId ?? null,
      childCertificateRequired: overrides.childCertificateRequired ?? false,
      contactName: 'Kontakt Person',
      contactEmail: 'kontakt@example.org',
      status,
      publishedAt: status === 'DRAFT' ? null : (overrides.publishedAt ?? new Date('2026-11-01T10:00:00Z')),
      deadline: overrides.deadline ? new Date(`${overrides.deadline}T00:00:00Z`) : null,
      targetGroups: { connect: (overrides.targetGroupIds ?? []).map((id) => ({ id })) },
      skillAreas: { connect: (overrides.skillAreaIds ?? []).map((id) => ({ id })) },
    },
  });
}
