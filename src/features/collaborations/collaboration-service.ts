// The public "Samarbejder" pages: the municipality's ACTIVE collaboration agreements,
// each with only the fields staff chose to make public, and the public openings
// linked to it ("where can I join in").
//
// Everything shown is read from the version in force (agreement_versions where number
// = agreements.accepted_version), never from the working copy: staff may be writing an
// amendment that no partner has accepted yet, and that must not go public. The public
// flags themselves are read from the agreement row, so switching a field off hides it
// at once. Economy, contacts, tasks, contributions and every section other than the
// purpose are never read into the public model at all.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { AgreementLevel } from '../../generated/prisma/enums.js';
import { readVersionContent, type VersionContent } from '../agreements/agreement-version.js';
import { publicOpeningWhere } from '../openings/visibility.js';

/** Agreements per page of /samarbejder. */
export const PAGE_SIZE = 10;

/** The section of an agreement whose body is its public purpose. */
export const PURPOSE_SECTION_KEY = 'purpose';

/** An agreement on the public page: only in force (ACTIVE, with an accepted version). */
export const PUBLIC_AGREEMENT_WHERE = { status: 'ACTIVE', acceptedVersion: { not: null } } as const satisfies Prisma.AgreementWhereInput;

const PUBLIC_AGREEMENT_SELECT = {
  id: true,
  acceptedVersion: true,
  publicPurpose: true,
  publicPartners: true,
  publicLevel: true,
  publicHowToJoin: true,
} as const satisfies Prisma.AgreementSelect;

/** The row with its version in force only (each query filters `versions` to it). */
type AgreementRow = Prisma.AgreementGetPayload<{ select: typeof PUBLIC_AGREEMENT_SELECT }> & {
  versions: { number: number; content: Prisma.JsonValue }[];
};

/**
 * Newest collaborations first. Not by title: the working copy's title may be an unsent
 * edit, and the page orders by nothing that is not public.
 */
const ORDER = [{ id: 'desc' }] as const satisfies Prisma.AgreementOrderByWithRelationInput[];

export interface PublicPartner {
  name: string;
  kind: 'MUNICIPALITY' | 'ASSOCIATION' | 'EXTERNAL';
  /** The association's public profile slug, when it has one (approved associations only). */
  slug: string | null;
}

export interface PublicOpening {
  id: number;
  title: string;
  summary: string;
  deadline: Date | null;
  associationName: string;
}

export interface PublicCollaboration {
  id: number;
  title: string;
  /** Each is null when its public flag is off (or, for text, when nothing is written). */
  purpose: string | null;
  partners: PublicPartner[] | null;
  level: AgreementLevel | null;
  howToJoin: string | null;
  openings: PublicOpening[];
}

/** The content of the version in force, or null if the row does not hold it. */
function contentInForce(row: AgreementRow): VersionContent | null {
  const version = row.versions.find((v) => v.number === row.acceptedVersion);
  return version ? readVersionContent(version.content) : null;
}

/** The public fields of one agreement's version in force, and nothing else. */
function publicFieldsOf(
  row: AgreementRow,
  content: VersionContent,
  slugs: ReadonlyMap<number, string>,
): Omit<PublicCollaboration, 'openings'> {
  const purpose = content.sections.find((s) => s.key === PURPOSE_SECTION_KEY)?.body.trim() ?? '';
  const howToJoin = (content.howToJoin ?? '').trim();
  return {
    id: row.id,
    title: content.title,
    purpose: row.publicPurpose && purpose ? purpose : null,
    partners: row.publicPartners
      ? content.parties.map((p) => ({
          name: p.name,
          kind: p.kind,
          slug: p.kind === 'ASSOCIATION' && p.associationId !== null ? (slugs.get(p.associationId) ?? null) : null,
        }))
      : null,
    level: row.publicLevel ? (content.level as AgreementLevel) : null,
    howToJoin: row.publicHowToJoin && howToJoin ? howToJoin : null,
  };
}

export function createCollaborationService(prisma: PrismaClient) {
  /** Public profile slugs of the associations named in these contents (approved ones only). */
  async function profileSlugs(contents: readonly VersionContent[]): Promise<Map<number, string>> {
    const ids = [...new Set(contents.flatMap((c) => c.parties.map((p) => p.associationId)).filter((id): id is number => id !== null))];
    if (ids.length === 0) return new Map();
    const rows = await prisma.association.findMany({ where: { id: { in: ids }, status: 'APPROVED' }, select: { id: true, slug: true } });
    return new Map(rows.map((r) => [r.id, r.slug]));
  }

  /** The public openings linked to these agreements, by agreement id. */
  async function openingsOf(agreementIds: readonly number[], now: Date): Promise<Map<number, PublicOpening[]>> {
    const rows = await prisma.opening.findMany({
      // The openings search's rule for a public opening, so both agree.
      where: { AND: [publicOpeningWhere(now), { agreementId: { in: [...agreementIds] } }] },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, title: true, summary: true, deadline: true, agreementId: true, association: { select: { name: true } } },
    });
    const byAgreement = new Map<number, PublicOpening[]>();
    for (const row of rows) {
      const list = byAgreement.get(row.agreementId!) ?? [];
      list.push({ id: row.id, title: row.title, summary: row.summary, deadline: row.deadline, associationName: row.association.name });
      byAgreement.set(row.agreementId!, list);
    }
    return byAgreement;
  }

  async function present(rows: AgreementRow[], now: Date): Promise<PublicCollaboration[]> {
    const withContent = rows.flatMap((row) => {
      const content = contentInForce(row);
      return content ? [{ row, content }] : [];
    });
    const [slugs, openings] = await Promise.all([
      profileSlugs(withContent.map((r) => r.content)),
      openingsOf(
        withContent.map((r) => r.row.id),
        now,
      ),
    ]);
    return withContent.map(({ row, content }) => ({ ...publicFieldsOf(row, content, slugs), openings: openings.get(row.id) ?? [] }));
  }

  return {
    /** One page of the ACTIVE agreements (public fields only), with their open openings. */
    async list(
      page: number,
      now: Date,
    ): Promise<{ collaborations: PublicCollaboration[]; page: number; pageCount: number; total: number }> {
      const total = await prisma.agreement.count({ where: PUBLIC_AGREEMENT_WHERE });
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const current = Math.min(Math.max(1, page), pageCount);
      const heads = await prisma.agreement.findMany({
        where: PUBLIC_AGREEMENT_WHERE,
        orderBy: [...ORDER],
        skip: (current - 1) * PAGE_SIZE,
        take: PAGE_SIZE,
        select: { id: true, acceptedVersion: true },
      });
      const rows = await prisma.agreement.findMany({
        where: { id: { in: heads.map((h) => h.id) }, ...PUBLIC_AGREEMENT_WHERE },
        orderBy: [...ORDER],
        select: {
          ...PUBLIC_AGREEMENT_SELECT,
          // Only the versions in force of this page's agreements.
          versions: {
            where: { OR: heads.map((h) => ({ agreementId: h.id, number: h.acceptedVersion! })) },
            select: { number: true, content: true },
          },
        },
      });
      return { collaborations: await present(rows, now), page: current, pageCount, total };
    },

    /** One ACTIVE agreement's public fields and open openings; null for anything else. */
    async find(id: number, now: Date): Promise<PublicCollaboration | null> {
      const head = await prisma.agreement.findFirst({ where: { id, ...PUBLIC_AGREEMENT_WHERE }, select: { acceptedVersion: true } });
      if (!head) return null;
      const row = await prisma.agreement.findFirst({
        where: { id, ...PUBLIC_AGREEMENT_WHERE },
        select: {
          ...PUBLIC_AGREEMENT_SELECT,
          versions: { where: { number: head.acceptedVersion! }, select: { number: true, content: true } },
        },
      });
      if (!row) return null;
      const [collaboration] = await present([row], now);
      return collaboration ?? null;
    },
  };
}

/**
 * The ACTIVE agreements an association is a partner in, as its public profile links
 * them: only where the partners are public (otherwise the link itself would tell what
 * staff chose not to publish) and only where the association is a party of the version
 * in force (a partner added by an amendment not yet accepted is not one yet).
 */
export async function publicCollaborationsOf(prisma: PrismaClient, associationId: number): Promise<{ id: number; title: string }[]> {
  const rows = await prisma.agreement.findMany({
    where: { ...PUBLIC_AGREEMENT_WHERE, publicPartners: true, parties: { some: { associationId } } },
    orderBy: [...ORDER],
    select: { id: true, acceptedVersion: true, versions: { select: { number: true, content: true } } },
  });
  return rows.flatMap((row) => {
    const version = row.versions.find((v) => v.number === row.acceptedVersion);
    if (!version) return [];
    const content = readVersionContent(version.content);
    return content.parties.some((p) => p.associationId === associationId) ? [{ id: row.id, title: content.title }] : [];
  });
}

export type CollaborationService = ReturnType<typeof createCollaborationService>;
