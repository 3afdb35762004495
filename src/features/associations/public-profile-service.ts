// An approved association's public page: its profile, its open openings (the one
// definition of "public opening") and its coming activities. Anything not approved is
// not found, whoever asks (members see their own through /min-forening).
import { PROFILE_SELECT } from './association-fields.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { type PrismaClient } from '../../generated/prisma/client.js';
import { publicOpeningSql, municipalityToday, municipalityTodayDate } from '../openings/visibility.js';
import { dateOfEpochMs, dateSql, epochMsSql, timestampSql } from '../../db/sql-values.js';
import type { PUBLIC_ACTIVITY_SELECT } from '../calendar/visibility.js';
import { publicActivityWhere } from '../calendar/visibility.js';

export const PUBLIC_PROFILE_SELECT = {
  ...PROFILE_SELECT,
  id: true,
  slug: true,
  localArea: { select: { nameDa: true, nameEn: true } },
  fieldsOfWork: { select: { slug: true, nameDa: true, nameEn: true }, orderBy: { sortOrder: 'asc' } },
} as const satisfies Prisma.AssociationSelect;

/** The fields of an opening listed on the page. */
export const PROFILE_OPENING_SELECT = { id: true, title: true, summary: true, deadline: true } as const satisfies Prisma.OpeningSelect;

type ProfileRow = Prisma.AssociationGetPayload<{ select: typeof PUBLIC_PROFILE_SELECT }> & {
  openings: (Omit<Prisma.OpeningGetPayload<{ select: typeof PROFILE_OPENING_SELECT }>, 'deadline'> & { deadline: number | null })[];
  activities: (Omit<Prisma.ActivityGetPayload<{ select: typeof PUBLIC_ACTIVITY_SELECT }>, 'startsAt' | 'endsAt' | 'repeatUntil'> & {
    startsAt: number;
    endsAt: number | null;
    repeatUntil: number | null;
  })[];
  collaborations: { id: number; title: string }[];
};

/** How many coming activities the page lists. */
export const PROFILE_ACTIVITY_LIMIT = 50;

export function createPublicProfileService(prisma: PrismaClient) {
  return {
    /**
     * The page's data in one statement (Prisma's selects sent six: one per relation):
     * the profile with its area and fields of work (the shape of PUBLIC_PROFILE_SELECT),
     * its public openings (publicOpeningSql, newest first), its coming activities (the
     * rule of `comingActivitiesWhere`) and the active agreements in which it is a public
     * partner (the rule of publicCollaborationsOf). The test in
     * tests/features/public-queries/public-page-queries.test.ts compares each part with
     * the Prisma reads for every demo association.
     */
    async bySlug(slug: string, now: Date) {
      const instant = timestampSql(now);
      const today = dateSql(municipalityToday(now));
      const rows = await prisma.$queryRaw<ProfileRow[]>`
        SELECT a.name, a.organisation_type::text AS "organisationType", a.description, a.contact_name AS "contactName",
               a.email, a.phone, a.website_url AS "websiteUrl", a.cvr, a.id, a.slug,
               CASE WHEN l.id IS NULL THEN NULL ELSE json_build_object('nameDa', l.name_da, 'nameEn', l.name_en) END AS "localArea",
               COALESCE((SELECT json_agg(json_build_object('slug', f.slug, 'nameDa', f.name_da, 'nameEn', f.name_en) ORDER BY f.sort_order, f.id)
                           FROM "_AssociationToFieldOfWork" j JOIN fields_of_work f ON f.id = j."B" WHERE j."A" = a.id), '[]'::json) AS "fieldsOfWork",
               COALESCE((SELECT json_agg(json_build_object('id', o.id, 'title', o.title, 'summary', o.summary,
                                                           'deadline', ${epochMsSql('o.deadline')})
                                         ORDER BY o.published_at DESC, o.id DESC)
                           FROM openings o WHERE o.association_id = a.id AND ${publicOpeningSql(now)}), '[]'::json) AS openings,
               COALESCE((SELECT json_agg(json_build_object(
                                  'id', x.id, 'title', x.title, 'description', x.description, 'place', x.place,
                                  'accessibilityNotes', x.accessibility_notes, 'recurrence', x.recurrence::text,
                                  'startsAt', ${epochMsSql('x.starts_at')}, 'endsAt', ${epochMsSql('x.ends_at')},
                                  'repeatUntil', ${epochMsSql('x.repeat_until')},
                                  'localArea', CASE WHEN xl.id IS NULL THEN NULL ELSE json_build_object('nameDa', xl.name_da, 'nameEn', xl.name_en) END)
                                ORDER BY x.starts_at, x.id)
                           FROM (SELECT act.* FROM activities act
                                  WHERE act.association_id = a.id AND act.published
                                    AND (act.starts_at >= ${instant} OR act.ends_at >= ${instant}
                                         OR (act.recurrence = 'WEEKLY' AND (act.repeat_until IS NULL OR act.repeat_until >= ${today})))
                                  ORDER BY act.starts_at, act.id LIMIT ${PROFILE_ACTIVITY_LIMIT}) x
                           LEFT JOIN local_areas xl ON xl.id = x.local_area_id), '[]'::json) AS activities,
               COALESCE((SELECT json_agg(json_build_object('id', g.id, 'title', v.content->>'title') ORDER BY g.id DESC)
                           FROM agreements g
                           JOIN agreement_versions v ON v.agreement_id = g.id AND v.number = g.accepted_version
                          WHERE g.status = 'ACTIVE' AND g.public_partners
                            AND EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = g.id AND p.association_id = a.id)
                            AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.content->'parties') vp
                                         WHERE vp->>'associationId' = a.id::text)), '[]'::json) AS collaborations
          FROM associations a LEFT JOIN local_areas l ON l.id = a.local_area_id
         WHERE a.slug = ${slug} AND a.status = 'APPROVED'`;
      const row = rows[0];
      if (row === undefined) return null;
      const { openings, activities, collaborations, ...association } = row;
      return {
        association,
        openings: openings.map((opening) => ({ ...opening, deadline: dateOfEpochMs(opening.deadline) })),
        activities: activities.map((activity) => ({
          ...activity,
          startsAt: dateOfEpochMs(activity.startsAt),
          endsAt: dateOfEpochMs(activity.endsAt),
          repeatUntil: dateOfEpochMs(activity.repeatUntil),
        })),
        collaborations,
      };
    },
  };
}

/**
 * The profile's rule for a coming activity in Prisma's form: what bySlug's SQL selects
 * (the test compares them). The calendar's rule for a public activity, so profile and
 * calendar agree, and anything not over yet.
 */
export function comingActivitiesWhere(associationId: number, now: Date): Prisma.ActivityWhereInput {
  return {
    associationId,
    ...publicActivityWhere(),
    OR: [
      { startsAt: { gte: now } },
      // Still going on (started, not yet ended).
      { endsAt: { gte: now } },
      // Weekly until a date not yet passed, or with no end date.
      { recurrence: 'WEEKLY', OR: [{ repeatUntil: null }, { repeatUntil: { gte: municipalityTodayDate(now) } }] },
    ],
  };
}

export type PublicProfile = NonNullable<Awaited<ReturnType<ReturnType<typeof createPublicProfileService>['bySlug']>>>;
