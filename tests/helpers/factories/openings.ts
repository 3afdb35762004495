// Volunteer openings: published, with only the fields every opening must have. The
// `detailed` variant fills in everything a volunteer sees (tasks, dates, phone, local
// area, target group, skill area), as on a real opening page.
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { Commitment, OpeningStatus, VolunteeringForm } from '../../../src/generated/prisma/enums.js';
import { aLookup } from './lookups.js';

export interface OpeningOptions {
  /** Every field a volunteer sees filled in; without it, only the required ones. */
  detailed?: boolean;
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
  contactPhone?: string | null;
  /** Last day to apply: a Date, a day as 'YYYY-MM-DD', or null for none. */
  deadline?: Date | string | null;
  /** Default: 1 November 2026, before the test clock. A draft has none. */
  publishedAt?: Date;
}

type Variant = Required<Omit<OpeningOptions, 'detailed' | 'status' | 'form' | 'publishedAt'>> & {
  deadline: Date | null;
  /** Fields no option changes. */
  fixed: { place: string; contactName: string; tasks?: string; skills?: string; startsOn?: Date; endsOn?: Date };
};

const REQUIRED_ONLY: Variant = {
  title: 'Frivillig til test',
  summary: 'Kort om opgaven.',
  description: 'Længere beskrivelse.',
  commitment: 'OCCASIONAL',
  localAreaId: null,
  targetGroupIds: [],
  skillAreaIds: [],
  childCertificateRequired: false,
  contactPhone: null,
  deadline: null,
  fixed: { place: 'Testhuset', contactName: 'Kontakt Person' },
};

async function detailed(prisma: PrismaClient): Promise<Variant> {
  const area = await aLookup(prisma, 'localArea', 'test-omraade', 'Testrup', { nameEn: 'Testrup' });
  const youth = await aLookup(prisma, 'targetGroup', 'test-unge', 'Unge', { nameEn: 'Young people' });
  const social = await aLookup(prisma, 'skillArea', 'test-socialt', 'Socialt', { nameEn: 'Social' });
  return {
    title: 'Lektiehjælper til unge',
    summary: 'Hjælp unge med lektierne om tirsdagen.',
    description: 'Vi holder lektiecafé hver tirsdag.\nDer er altid frugt.',
    commitment: 'WEEKLY',
    localAreaId: area.id,
    targetGroupIds: [youth.id],
    skillAreaIds: [social.id],
    childCertificateRequired: true,
    contactPhone: '+45 00 00 00 01',
    deadline: new Date('2026-12-15T00:00:00Z'),
    fixed: {
      place: 'Klubhuset',
      contactName: 'Kontakt Eksempel',
      tasks: 'Hjælpe med matematik\nLæse danske stile igennem',
      skills: 'Du er tålmodig.',
      startsOn: new Date('2026-12-01T00:00:00Z'),
      endsOn: new Date('2027-06-30T00:00:00Z'),
    },
  };
}

export async function anOpening(prisma: PrismaClient, associationId: number, options: OpeningOptions = {}) {
  const variant = options.detailed ? await detailed(prisma) : REQUIRED_ONLY;
  const status = options.status ?? 'PUBLISHED';
  const deadline = options.deadline === undefined ? variant.deadline : options.deadline;
  return prisma.opening.create({
    data: {
      ...variant.fixed,
      associationId,
      title: options.title ?? variant.title,
      summary: options.summary ?? variant.summary,
      description: options.description ?? variant.description,
      form: options.form ?? 'ONGOING',
      commitment: options.commitment ?? variant.commitment,
      timeCommitment: '2 timer om ugen',
      // null is a choice here (none), so only undefined falls back to the variant.
      localAreaId: options.localAreaId === undefined ? variant.localAreaId : options.localAreaId,
      childCertificateRequired: options.childCertificateRequired ?? variant.childCertificateRequired,
      contactEmail: 'kontakt@example.org',
      contactPhone: options.contactPhone === undefined ? variant.contactPhone : options.contactPhone,
      deadline: typeof deadline === 'string' ? new Date(`${deadline}T00:00:00Z`) : deadline,
      status,
      publishedAt: status === 'DRAFT' ? null : (options.publishedAt ?? new Date('2026-11-01T10:00:00Z')),
      targetGroups: { connect: (options.targetGroupIds ?? variant.targetGroupIds).map((id) => ({ id })) },
      skillAreas: { connect: (options.skillAreaIds ?? variant.skillAreaIds).map((id) => ({ id })) },
    },
    include: { targetGroups: true, skillAreas: true },
  });
}
