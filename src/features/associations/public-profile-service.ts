// An approved association's public page: its profile, its open openings (the one
// definition of "public opening") and its coming activities. Anything not approved is
// not found, whoever asks (members see their own through /min-forening).
import { PROFILE_SELECT } from './association-fields.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { publicOpeningWhere, municipalityTodayDate } from '../openings/visibility.js';
import { PUBLIC_ACTIVITY_SELECT, publicActivityWhere } from '../calendar/visibility.js';
import { publicCollaborationsOf } from '../collaborations/collaboration-service.js';

export const PUBLIC_PROFILE_SELECT = {
  ...PROFILE_SELECT,
  id: true,
  slug: true,
  localArea: { select: { nameDa: true, nameEn: true } },
  fieldsOfWork: { select: { slug: true, nameDa: true, nameEn: true }, orderBy: { sortOrder: 'asc' } },
} as const satisfies Prisma.AssociationSelect;

export function createPublicProfileService(prisma: PrismaClient) {
  return {
    async bySlug(slug: string, now: Date) {
      // The profile with its area and fields of work in one statement (Prisma's select
      // sends one per relation); the shape of PUBLIC_PROFILE_SELECT, which
      // tests/features/public-queries/public-page-queries.test.ts compares.
      const rows = await prisma.$queryRaw<Prisma.AssociationGetPayload<{ select: typeof PUBLIC_PROFILE_SELECT }>[]>`
        SELECT a.name, a.organisation_type::text AS "organisationType", a.description, a.contact_name AS "contactName",
               a.email, a.phone, a.website_url AS "websiteUrl", a.cvr, a.id, a.slug,
               CASE WHEN l.id IS NULL THEN NULL ELSE json_build_object('nameDa', l.name_da, 'nameEn', l.name_en) END AS "localArea",
               COALESCE((SELECT json_agg(json_build_object('slug', f.slug, 'nameDa', f.name_da, 'nameEn', f.name_en) ORDER BY f.sort_order, f.id)
                           FROM "_AssociationToFieldOfWork" j JOIN fields_of_work f ON f.id = j."B" WHERE j."A" = a.id), '[]'::json) AS "fieldsOfWork"
          FROM associations a LEFT JOIN local_areas l ON l.id = a.local_area_id
         WHERE a.slug = ${slug} AND a.status = 'APPROVED'`;
      const association = rows[0];
      if (association === undefined) return null;
      const [openings, activities, collaborations] = await Promise.all([
        prisma.opening.findMany({
          where: { AND: [publicOpeningWhere(now), { associationId: association.id }] },
          orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
          select: { id: true, title: true, summary: true, deadline: true },
        }),
        prisma.activity.findMany({
          where: {
            associationId: association.id,
            // The calendar's rule for a public activity, so profile and calendar agree.
            ...publicActivityWhere(),
            OR: [
              { startsAt: { gte: now } },
              // Still going on (started, not yet ended).
              { endsAt: { gte: now } },
              // Weekly until a date not yet passed, or with no end date.
              { recurrence: 'WEEKLY', OR: [{ repeatUntil: null }, { repeatUntil: { gte: municipalityTodayDate(now) } }] },
            ],
          },
          orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
          take: 50,
          select: PUBLIC_ACTIVITY_SELECT,
        }),
        // The active agreements it is a public partner in (the "Samarbejder" pages).
        publicCollaborationsOf(prisma, association.id),
      ]);
      return { association, openings, activities, collaborations };
    },
  };
}

export type PublicProfile = NonNullable<Awaited<ReturnType<ReturnType<typeof createPublicProfileService>['bySlug']>>>;
