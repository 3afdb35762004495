// An approved association's public page: its profile, its open openings (the one
// definition of "public opening") and its coming activities. Anything not approved is
// not found, whoever asks (members see their own through /min-forening).
import { PROFILE_SELECT } from './association-fields.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { publicOpeningWhere, municipalityTodayDate } from '../openings/visibility.js';
import { PUBLIC_ACTIVITY_SELECT, publicActivityWhere } from '../calendar/visibility.js';
import { publicCollaborationsOf } from '../collaborations/collaboration-service.js';

export function createPublicProfileService(prisma: PrismaClient) {
  return {
    async bySlug(slug: string, now: Date) {
      const association = await prisma.association.findFirst({
        where: { slug, status: 'APPROVED' },
        select: {
          ...PROFILE_SELECT,
          id: true,
          slug: true,
          localArea: { select: { nameDa: true, nameEn: true } },
          fieldsOfWork: { select: { slug: true, nameDa: true, nameEn: true }, orderBy: { sortOrder: 'asc' } },
        },
      });
      if (!association) return null;
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
