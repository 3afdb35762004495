// Collaboration agreements at any point of their life: a working copy written from the
// portal's standard template (anAgreement), a version sent to the partners
// (sendVersion, the same content the workflow freezes), and partners' answers
// (answerVersion). Written straight to the database, so a test can start from any state.
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { AgreementAnswer, AgreementLevel, AgreementStatus } from '../../../src/generated/prisma/enums.js';
import { DEFAULT_SECTIONS } from '../../../src/features/agreement-template/default-template.js';
import { sectionsFromTemplate, WITH_ROWS } from '../../../src/features/agreements/agreement-service.js';
import { versionContentOf } from '../../../src/features/agreements/agreement-version.js';

const day = (value: Date | string | null | undefined, fallback: Date | null) =>
  value === undefined ? fallback : value === null ? null : value instanceof Date ? value : new Date(`${value}T00:00:00.000Z`);

export interface AgreementOptions {
  title?: string;
  municipalUnit?: string;
  level?: AgreementLevel;
  status?: AgreementStatus;
  /** Partner associations (ids from the register). */
  associationIds?: number[];
  /** External partners by name and e-mail. */
  externals?: { name: string; contactEmail: string; contactName?: string }[];
  /** Dates as Date or 'YYYY-MM-DD'; default: 1 January 2026 to 31 December 2027. */
  startsOn?: Date | string | null;
  endsOn?: Date | string | null;
  noticeMonths?: number | null;
  reviewIntervalMonths?: number | null;
  createdById?: number | null;
  /** A body for each section by key; default: "<title>: <section key>." */
  sectionBody?: (key: string) => string;
  howToJoin?: string;
}

export async function anAgreement(prisma: PrismaClient, options: AgreementOptions = {}) {
  const title = options.title ?? 'Aftale til test';
  const associationIds = options.associationIds ?? [];
  const externals = options.externals ?? [];
  const associations = await prisma.association.findMany({
    where: { id: { in: associationIds } },
    select: { id: true, email: true, contactName: true },
  });
  const byId = new Map(associations.map((a) => [a.id, a]));
  return prisma.agreement.create({
    data: {
      title,
      municipalUnit: options.municipalUnit ?? 'Center for Sundhed',
      level: options.level ?? 'SHARED_TASKS',
      status: options.status ?? 'DRAFT',
      templateVersion: 0,
      startsOn: day(options.startsOn, new Date('2026-01-01T00:00:00.000Z')),
      endsOn: day(options.endsOn, new Date('2027-12-31T00:00:00.000Z')),
      noticeMonths: options.noticeMonths === undefined ? 3 : options.noticeMonths,
      reviewIntervalMonths: options.reviewIntervalMonths === undefined ? 12 : options.reviewIntervalMonths,
      howToJoin: options.howToJoin ?? '',
      createdById: options.createdById ?? null,
      sections: { create: sectionsFromTemplate(DEFAULT_SECTIONS, options.sectionBody ?? ((key) => `${title}: ${key}.`)) },
      parties: {
        create: [
          { kind: 'MUNICIPALITY', name: options.municipalUnit ?? 'Center for Sundhed', sortOrder: 1 },
          ...associationIds.map((id, index) => ({
            kind: 'ASSOCIATION' as const,
            association: { connect: { id } },
            contactName: byId.get(id)?.contactName ?? '',
            contactEmail: byId.get(id)?.email ?? null,
            sortOrder: index + 2,
          })),
          ...externals.map((partner, index) => ({
            kind: 'EXTERNAL' as const,
            name: partner.name,
            contactName: partner.contactName ?? '',
            contactEmail: partner.contactEmail,
            sortOrder: associationIds.length + index + 2,
          })),
        ],
      },
    },
    include: WITH_ROWS,
  });
}

/**
 * Freezes the agreement's working copy into its next version, as sending does, and
 * sets the agreement to SENT if it was a draft. No mail, no links, no audit.
 */
export async function sendVersion(
  prisma: PrismaClient,
  agreementId: number,
  options: { now?: Date; sentById?: number | null; note?: string } = {},
) {
  const agreement = await prisma.agreement.findUniqueOrThrow({ where: { id: agreementId }, include: WITH_ROWS });
  const number = agreement.sentVersion + 1;
  const version = await prisma.agreementVersion.create({
    data: {
      agreementId,
      number,
      content: JSON.parse(JSON.stringify(versionContentOf(agreement))) as object,
      note: options.note ?? '',
      sentById: options.sentById ?? null,
      sentAt: options.now ?? new Date('2026-11-01T10:00:00.000Z'),
    },
  });
  await prisma.agreement.update({
    where: { id: agreementId },
    data: { sentVersion: number, status: agreement.status === 'DRAFT' ? 'SENT' : agreement.status },
  });
  return version;
}

/** A partner's answer to a version. */
export async function answerVersion(
  prisma: PrismaClient,
  answer: {
    versionId: number;
    partyId: number;
    answer?: AgreementAnswer;
    comment?: string;
    answeredById?: number | null;
    viaLink?: boolean;
    at?: Date;
  },
) {
  return prisma.agreementResponse.create({
    data: {
      versionId: answer.versionId,
      partyId: answer.partyId,
      answer: answer.answer ?? 'ACCEPTED',
      comment: answer.comment ?? '',
      answeredById: answer.answeredById ?? null,
      viaLink: answer.viaLink ?? false,
      answeredAt: answer.at ?? new Date('2026-11-02T10:00:00.000Z'),
    },
  });
}

/**
 * Every partner accepts the agreement's latest sent version, and the agreement takes
 * `status` (ACTIVE by default) with that version in force.
 */
export async function acceptAll(prisma: PrismaClient, agreementId: number, status: AgreementStatus = 'ACTIVE') {
  const agreement = await prisma.agreement.findUniqueOrThrow({ where: { id: agreementId }, include: { parties: true, versions: true } });
  const version = agreement.versions.find((v) => v.number === agreement.sentVersion);
  if (!version) throw new Error('acceptAll: the agreement has not been sent');
  for (const party of agreement.parties.filter((p) => p.kind !== 'MUNICIPALITY')) {
    await answerVersion(prisma, { versionId: version.id, partyId: party.id });
  }
  const acceptedAt = new Date('2026-11-03T10:00:00.000Z');
  await prisma.agreementVersion.update({ where: { id: version.id }, data: { acceptedAt } });
  return prisma.agreement.update({ where: { id: agreementId }, data: { acceptedVersion: version.number, status }, include: WITH_ROWS });
}
