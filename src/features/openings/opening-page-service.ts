// The opening page's data: a public opening for everyone, and — for the owning
// association's members and admins — a preview of their own opening while it is not
// public (draft, closed, past its deadline, or the association not yet approved).
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { openingPolicy } from '../../access/policies.js';
import { municipalityTodayDate, publicOpeningSql } from './visibility.js';

export const OPENING_PAGE_SELECT = {
  id: true,
  associationId: true,
  title: true,
  summary: true,
  description: true,
  tasks: true,
  form: true,
  commitment: true,
  timeCommitment: true,
  place: true,
  skills: true,
  childCertificateRequired: true,
  startsOn: true,
  endsOn: true,
  deadline: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  status: true,
  publishedAt: true,
  association: { select: { id: true, name: true, slug: true, status: true, email: true } },
  localArea: { select: { nameDa: true, nameEn: true } },
  targetGroups: { select: { nameDa: true, nameEn: true }, orderBy: { sortOrder: 'asc' } },
  skillAreas: { select: { nameDa: true, nameEn: true }, orderBy: { sortOrder: 'asc' } },
} satisfies Prisma.OpeningSelect;

export type OpeningForPage = Prisma.OpeningGetPayload<{ select: typeof OPENING_PAGE_SELECT }>;

/** Why an opening is not public, as locale keys under openings.preview.reasons. */
export type NotPublicReason = 'draft' | 'closed' | 'expired' | 'associationNotApproved';

export type OpeningPageResult =
  | { found: true; opening: OpeningForPage; preview: false }
  | { found: true; opening: OpeningForPage; preview: true; reasons: NotPublicReason[] }
  | { found: false };

export function notPublicReasons(opening: OpeningForPage, now: Date): NotPublicReason[] {
  const reasons: NotPublicReason[] = [];
  if (opening.status === 'DRAFT') reasons.push('draft');
  if (opening.status === 'CLOSED') reasons.push('closed');
  if (opening.deadline && opening.deadline < municipalityTodayDate(now)) reasons.push('expired');
  if (opening.association.status !== 'APPROVED') reasons.push('associationNotApproved');
  return reasons;
}

export function createOpeningPageService(prisma: PrismaClient) {
  /**
   * The opening with its association, area, target groups and skill areas in one
   * statement (Prisma's select would send one per relation): the shape of
   * OPENING_PAGE_SELECT, which tests/features/public-queries/public-page-queries.test.ts compares.
   */
  async function readOpening(id: number, condition: Prisma.Sql): Promise<OpeningForPage | null> {
    const rows = await prisma.$queryRaw<OpeningForPage[]>`
      SELECT o.id, o.association_id AS "associationId", o.title, o.summary, o.description, o.tasks,
             o.form::text AS form, o.commitment::text AS commitment, o.time_commitment AS "timeCommitment",
             o.place, o.skills, o.child_certificate_required AS "childCertificateRequired",
             o.starts_on AS "startsOn", o.ends_on AS "endsOn", o.deadline,
             o.contact_name AS "contactName", o.contact_email AS "contactEmail", o.contact_phone AS "contactPhone",
             o.status::text AS status, o.published_at AS "publishedAt",
             json_build_object('id', a.id, 'name', a.name, 'slug', a.slug, 'status', a.status::text, 'email', a.email) AS association,
             CASE WHEN l.id IS NULL THEN NULL ELSE json_build_object('nameDa', l.name_da, 'nameEn', l.name_en) END AS "localArea",
             COALESCE((SELECT json_agg(json_build_object('nameDa', t.name_da, 'nameEn', t.name_en) ORDER BY t.sort_order, t.id)
                         FROM "_OpeningToTargetGroup" j JOIN target_groups t ON t.id = j."B" WHERE j."A" = o.id), '[]'::json) AS "targetGroups",
             COALESCE((SELECT json_agg(json_build_object('nameDa', s.name_da, 'nameEn', s.name_en) ORDER BY s.sort_order, s.id)
                         FROM "_OpeningToSkillArea" j JOIN skill_areas s ON s.id = j."B" WHERE j."A" = o.id), '[]'::json) AS "skillAreas"
        FROM openings o
        JOIN associations a ON a.id = o.association_id
        LEFT JOIN local_areas l ON l.id = o.local_area_id
       WHERE o.id = ${id} AND ${condition}`;
    return rows[0] ?? null;
  }

  return {
    /** The opening only if the public may see it (for the interest form's POST). */
    async findPublic(id: number, now: Date): Promise<OpeningForPage | null> {
      return readOpening(id, publicOpeningSql(now));
    },

    async findForPage(id: number, now: Date, user: AuthenticatedUser | undefined): Promise<OpeningPageResult> {
      const publicOpening = await this.findPublic(id, now);
      if (publicOpening) return { found: true, opening: publicOpening, preview: false };
      // Not public: only its own association (and admins) may look, as a preview.
      // Everyone else gets the same 404 as for an id that does not exist.
      if (!user) return { found: false };
      const opening = await readOpening(id, Prisma.sql`TRUE`);
      if (!opening || !openingPolicy.canManage(user, opening)) return { found: false };
      return { found: true, opening, preview: true, reasons: notPublicReasons(opening, now) };
    },

    /** What the receipt page shows after an interest: the opening and whom to contact. */
    async findForReceipt(id: number) {
      return prisma.opening.findUnique({
        where: { id },
        select: { id: true, title: true, contactName: true, contactEmail: true, association: { select: { name: true, slug: true } } },
      });
    },
  };
}

export type OpeningPageService = ReturnType<typeof createOpeningPageService>;
