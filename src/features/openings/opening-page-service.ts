// The opening page's data: a public opening for everyone, and — for the owning
// association's members and admins — a preview of their own opening while it is not
// public (draft, closed, past its deadline, or the association not yet approved).
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { openingPolicy } from '../../access/policies.js';
import { publicOpeningWhere, municipalityTodayDate } from './visibility.js';

const OPENING_PAGE_SELECT = {
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
  return {
    /** The opening only if the public may see it (for the interest form's POST). */
    async findPublic(id: number, now: Date): Promise<OpeningForPage | null> {
      return prisma.opening.findFirst({ where: { id, ...publicOpeningWhere(now) }, select: OPENING_PAGE_SELECT });
    },

    async findForPage(id: number, now: Date, user: AuthenticatedUser | undefined): Promise<OpeningPageResult> {
      const publicOpening = await this.findPublic(id, now);
      if (publicOpening) return { found: true, opening: publicOpening, preview: false };
      // Not public: only its own association (and admins) may look, as a preview.
      // Everyone else gets the same 404 as for an id that does not exist.
      if (!user) return { found: false };
      const opening = await prisma.opening.findUnique({ where: { id }, select: OPENING_PAGE_SELECT });
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
