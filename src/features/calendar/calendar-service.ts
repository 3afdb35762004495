// What the public sees: the calendar page's entries in a window (weekly activities
// expanded into their dates) and the rows behind the iCalendar feeds. Only published
// activities of approved associations (visibility.ts) and the municipality's events.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { EventKind } from '../../generated/prisma/enums.js';
import { dbDateOf, localDateOf } from './copenhagen-time.js';
import { occurrencesBetween } from './occurrences.js';
import { PUBLIC_ACTIVITY_SELECT, publicActivitySql, publicActivityWhere } from './visibility.js';
import { EVENT_FIELDS } from './event-service.js';
import { dateOfEpochMs, dateSql, epochMsSql, timestampSql as at } from '../../db/sql-values.js';
import { vocabularyOptions, type VocabularyCache, type VocabularyValue } from '../vocabularies/vocabulary-options.js';

/** An event's public page. */
export const eventPath = (eventId: number) => `/kalender/arrangementer/${eventId}`;

export type CalendarOnly = 'activities' | 'events' | null;

export interface CalendarFilters {
  areaSlugs: readonly string[];
  targetGroupSlugs: readonly string[];
  only: CalendarOnly;
}

export interface CalendarEntry {
  /** Unique on the page, e.g. "activity-7-2026-11-24". */
  key: string;
  kind: 'activity' | 'event';
  title: string;
  description: string;
  place: string;
  startsAt: Date;
  endsAt: Date | null;
  accessibilityNotes: string;
  weekly: boolean;
  /** The association behind an activity; null for the municipality's events. */
  association: { name: string; slug: string } | null;
  eventKind: EventKind | null;
  url: string | null;
  localArea: { slug: string; nameDa: string; nameEn: string } | null;
  targetGroups: { slug: string; nameDa: string; nameEn: string }[];
  /** The entry's own page: the association's profile for an activity, the event's page for an event. */
  href: string;
}

/**
 * Whether an entry shows under a filter for one area / target group, as entriesBetween's
 * WHERE decides it: an event for the whole municipality (no area) or for everyone (no
 * target group) shows under every value; an activity only under its own.
 */
const showsInArea = (entry: CalendarEntry, slug: string) => (entry.localArea ? entry.localArea.slug === slug : entry.kind === 'event');
const showsForGroup = (entry: CalendarEntry, slug: string) =>
  entry.targetGroups.length ? entry.targetGroups.some((group) => group.slug === slug) : entry.kind === 'event';

const publicEventSelect = {
  ...EVENT_FIELDS,
  updatedAt: true,
  createdAt: true,
} as const;

/** Activities with anything happening from `since` on: one-offs ahead, weekly ones not yet over. */
function activitiesFrom(since: Date): Prisma.ActivityWhereInput {
  return {
    OR: [
      { recurrence: 'ONCE', startsAt: { gte: since } },
      { recurrence: 'WEEKLY', repeatUntil: { gte: dbDateOf(localDateOf(since)) } },
    ],
  };
}

/** The calendar page's fields of an activity (the feeds' select adds the timestamps). */
export const CALENDAR_ACTIVITY_SELECT = {
  ...PUBLIC_ACTIVITY_SELECT,
  association: { select: { name: true, slug: true } },
  // The slug too: the filter counts (weekWithCounts) match entries by it.
  localArea: { select: { slug: true, nameDa: true, nameEn: true } },
  targetGroups: { select: { slug: true, nameDa: true, nameEn: true }, orderBy: { sortOrder: 'asc' } },
} as const satisfies Prisma.ActivitySelect;

const publicActivitySelect = { ...CALENDAR_ACTIVITY_SELECT, updatedAt: true, createdAt: true } as const;

export type CalendarActivityRow = Prisma.ActivityGetPayload<{ select: typeof CALENDAR_ACTIVITY_SELECT }>;
export type CalendarEventRow = Prisma.EventGetPayload<{ select: typeof EVENT_FIELDS }>;

/**
 * The calendar's rule for which activities show in [from, to) under the filters, in
 * Prisma's form: what readCalendarRows' SQL selects, as the test
 * (tests/features/public-queries/public-page-queries.test.ts) proves for the demo data.
 */
export function calendarActivityWhere(from: Date, to: Date, filters: CalendarFilters): Prisma.ActivityWhereInput {
  return {
    AND: [
      publicActivityWhere(),
      activitiesFrom(from),
      { startsAt: { lt: to } },
      filters.areaSlugs.length ? { localArea: { slug: { in: [...filters.areaSlugs] } } } : {},
      filters.targetGroupSlugs.length ? { targetGroups: { some: { slug: { in: [...filters.targetGroupSlugs] } } } } : {},
    ],
  };
}

/**
 * The same for events: one without a local area concerns the whole municipality, and
 * one without target groups is for everyone, so both stay under any area or
 * target-group filter; an event with an area or target groups is filtered like an activity.
 */
export function calendarEventWhere(from: Date, to: Date, filters: CalendarFilters): Prisma.EventWhereInput {
  return {
    AND: [
      { startsAt: { gte: from, lt: to } },
      filters.areaSlugs.length ? { OR: [{ localAreaId: null }, { localArea: { slug: { in: [...filters.areaSlugs] } } }] } : {},
      filters.targetGroupSlugs.length
        ? { OR: [{ targetGroups: { none: {} } }, { targetGroups: { some: { slug: { in: [...filters.targetGroupSlugs] } } } }] }
        : {},
    ],
  };
}

interface JsonActivity extends Omit<CalendarActivityRow, 'startsAt' | 'endsAt' | 'repeatUntil'> {
  startsAt: number;
  endsAt: number | null;
  repeatUntil: number | null;
}
interface JsonEvent extends Omit<CalendarEventRow, 'startsAt' | 'endsAt'> {
  startsAt: number;
  endsAt: number | null;
}

/**
 * The activities and events of [from, to) under the filters, each with its association,
 * area and target groups, in one statement (Prisma's selects sent seven: one per
 * relation). The rows are those of calendarActivityWhere / calendarEventWhere, ordered
 * by id, in the shapes of CALENDAR_ACTIVITY_SELECT and EVENT_FIELDS.
 */
export async function readCalendarRows(
  prisma: PrismaClient,
  from: Date,
  to: Date,
  filters: CalendarFilters,
): Promise<{ activities: CalendarActivityRow[]; events: CalendarEventRow[] }> {
  const areas = filters.areaSlugs.length ? Prisma.join([...filters.areaSlugs]) : null;
  const groups = filters.targetGroupSlugs.length ? Prisma.join([...filters.targetGroupSlugs]) : null;
  const fromDate = dateSql(localDateOf(from));
  const activities =
    filters.only === 'events'
      ? Prisma.sql`'[]'::json`
      : Prisma.sql`COALESCE((
          SELECT json_agg(json_build_object(
                   'id', act.id, 'title', act.title, 'description', act.description, 'place', act.place,
                   'accessibilityNotes', act.accessibility_notes, 'recurrence', act.recurrence::text,
                   'startsAt', ${epochMsSql('act.starts_at')}, 'endsAt', ${epochMsSql('act.ends_at')},
                   'repeatUntil', ${epochMsSql('act.repeat_until')},
                   'association', json_build_object('name', a.name, 'slug', a.slug),
                   'localArea', CASE WHEN l.id IS NULL THEN NULL ELSE json_build_object('slug', l.slug, 'nameDa', l.name_da, 'nameEn', l.name_en) END,
                   'targetGroups', COALESCE((SELECT json_agg(json_build_object('slug', t.slug, 'nameDa', t.name_da, 'nameEn', t.name_en) ORDER BY t.sort_order, t.id)
                                               FROM "_ActivityToTargetGroup" j JOIN target_groups t ON t.id = j."B" WHERE j."A" = act.id), '[]'::json)
                 ) ORDER BY act.id)
            FROM activities act
            JOIN associations a ON a.id = act.association_id
            LEFT JOIN local_areas l ON l.id = act.local_area_id
           WHERE ${publicActivitySql()}
             AND ((act.recurrence = 'ONCE' AND act.starts_at >= ${at(from)}) OR (act.recurrence = 'WEEKLY' AND act.repeat_until >= ${fromDate}))
             AND act.starts_at < ${at(to)}
             ${areas ? Prisma.sql`AND l.slug IN (${areas})` : Prisma.empty}
             ${
               groups
                 ? Prisma.sql`AND EXISTS (SELECT 1 FROM "_ActivityToTargetGroup" j JOIN target_groups t ON t.id = j."B"
                                          WHERE j."A" = act.id AND t.slug IN (${groups}))`
                 : Prisma.empty
             }), '[]'::json)`;
  const events =
    filters.only === 'activities'
      ? Prisma.sql`'[]'::json`
      : Prisma.sql`COALESCE((
          SELECT json_agg(json_build_object(
                   'id', e.id, 'kind', e.kind::text, 'title', e.title, 'description', e.description, 'place', e.place,
                   'startsAt', ${epochMsSql('e.starts_at')}, 'endsAt', ${epochMsSql('e.ends_at')}, 'url', e.url,
                   'localAreaId', e.local_area_id,
                   'localArea', CASE WHEN l.id IS NULL THEN NULL ELSE json_build_object('slug', l.slug, 'nameDa', l.name_da, 'nameEn', l.name_en) END,
                   'targetGroups', COALESCE((SELECT json_agg(json_build_object('id', t.id, 'slug', t.slug, 'nameDa', t.name_da, 'nameEn', t.name_en) ORDER BY t.sort_order, t.id)
                                               FROM "_EventToTargetGroup" j JOIN target_groups t ON t.id = j."B" WHERE j."A" = e.id), '[]'::json)
                 ) ORDER BY e.id)
            FROM events e
            LEFT JOIN local_areas l ON l.id = e.local_area_id
           WHERE e.starts_at >= ${at(from)} AND e.starts_at < ${at(to)}
             ${areas ? Prisma.sql`AND (e.local_area_id IS NULL OR l.slug IN (${areas}))` : Prisma.empty}
             ${
               groups
                 ? Prisma.sql`AND (NOT EXISTS (SELECT 1 FROM "_EventToTargetGroup" j WHERE j."A" = e.id)
                                   OR EXISTS (SELECT 1 FROM "_EventToTargetGroup" j JOIN target_groups t ON t.id = j."B"
                                               WHERE j."A" = e.id AND t.slug IN (${groups})))`
                 : Prisma.empty
             }), '[]'::json)`;
  const [row] = await prisma.$queryRaw<{ activities: JsonActivity[]; events: JsonEvent[] }[]>`
    SELECT ${activities} AS activities, ${events} AS events`;
  return {
    activities: row!.activities.map((activity) => ({
      ...activity,
      startsAt: dateOfEpochMs(activity.startsAt),
      endsAt: dateOfEpochMs(activity.endsAt),
      repeatUntil: dateOfEpochMs(activity.repeatUntil),
    })),
    events: row!.events.map((event) => ({ ...event, startsAt: dateOfEpochMs(event.startsAt), endsAt: dateOfEpochMs(event.endsAt) })),
  };
}

export function createCalendarService(prisma: PrismaClient, deps: { vocabularyCache: VocabularyCache }) {
  const vocabularies = vocabularyOptions(prisma, deps.vocabularyCache);
  return {
    /**
     * The local areas and target groups offered: the active ones (the calendar's
     * filters, a new activity's form), plus, for an activity being edited, the retired
     * ones it already has (`keep`) so saving does not drop them (vocabulary-options.ts).
     */
    async lookups(keep: { localAreaIds: number[]; targetGroupIds: number[] } = { localAreaIds: [], targetGroupIds: [] }): Promise<{
      localAreas: VocabularyValue[];
      targetGroups: VocabularyValue[];
    }> {
      const [localAreas, targetGroups] = await Promise.all([
        vocabularies.choices('localArea', keep.localAreaIds),
        vocabularies.choices('targetGroup', keep.targetGroupIds),
      ]);
      return { localAreas, targetGroups };
    },

    /** Everything starting in [from, to), soonest first. */
    async entriesBetween(from: Date, to: Date, filters: CalendarFilters): Promise<CalendarEntry[]> {
      const { activities, events } = await readCalendarRows(prisma, from, to, filters);
      const entries: CalendarEntry[] = [];
      for (const activity of activities) {
        for (const occurrence of occurrencesBetween(activity, from, to)) {
          entries.push({
            key: `activity-${activity.id}-${occurrence.startsAt.getTime()}`,
            kind: 'activity',
            title: activity.title,
            description: activity.description,
            place: activity.place,
            startsAt: occurrence.startsAt,
            endsAt: occurrence.endsAt,
            accessibilityNotes: activity.accessibilityNotes,
            weekly: activity.recurrence === 'WEEKLY',
            association: activity.association,
            eventKind: null,
            url: null,
            localArea: activity.localArea,
            targetGroups: activity.targetGroups,
            href: `/foreninger/${encodeURIComponent(activity.association.slug)}`,
          });
        }
      }
      for (const event of events) {
        entries.push({
          key: `event-${event.id}`,
          kind: 'event',
          title: event.title,
          description: event.description,
          place: event.place,
          startsAt: event.startsAt,
          endsAt: event.endsAt,
          accessibilityNotes: '',
          weekly: false,
          association: null,
          eventKind: event.kind,
          url: event.url,
          localArea: event.localArea,
          targetGroups: event.targetGroups,
          href: eventPath(event.id),
        });
      }
      return entries.sort(
        (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.title.localeCompare(b.title, 'da') || a.key.localeCompare(b.key),
      );
    },

    /**
     * The week's entries, and for the filters (#10) how many entries of [from, to) each
     * area and each target group would show, the other filters as they are (the rule of
     * the search page's counts), so a value with nothing that week can be left out.
     * Reads that ask the same (no area or no target group chosen) are made once.
     */
    async weekWithCounts(
      from: Date,
      to: Date,
      filters: CalendarFilters,
      slugs: { areas: readonly string[]; targetGroups: readonly string[] },
    ): Promise<{ entries: CalendarEntry[]; counts: { areas: Map<string, number>; targetGroups: Map<string, number> } }> {
      const reads = new Map<string, Promise<CalendarEntry[]>>();
      const read = (wanted: CalendarFilters) => {
        const key = JSON.stringify(wanted);
        let entries = reads.get(key);
        if (!entries) reads.set(key, (entries = this.entriesBetween(from, to, wanted)));
        return entries;
      };
      const [entries, forAreas, forGroups] = await Promise.all([
        read(filters),
        read({ ...filters, areaSlugs: [] }),
        read({ ...filters, targetGroupSlugs: [] }),
      ]);
      const count = (rows: CalendarEntry[], values: readonly string[], shows: (entry: CalendarEntry, slug: string) => boolean) =>
        new Map(values.map((slug) => [slug, rows.filter((entry) => shows(entry, slug)).length]));
      return {
        entries,
        counts: {
          areas: count(forAreas, slugs.areas, showsInArea),
          targetGroups: count(forGroups, slugs.targetGroups, showsForGroup),
        },
      };
    },

    /** One event for its public page; every event of the municipality is public. */
    findEvent(eventId: number) {
      return prisma.event.findUnique({ where: { id: eventId }, select: publicEventSelect });
    },

    /** An approved association by slug (pending, rejected and archived ones are not public). */
    findPublicAssociation(slug: string) {
      return prisma.association.findFirst({ where: { slug, status: 'APPROVED' }, select: { id: true, name: true, slug: true } });
    },

    /** Public activities with anything from `since` on, for a feed; one association's if given. */
    feedActivities(since: Date, associationId?: number) {
      return prisma.activity.findMany({
        where: {
          AND: [publicActivityWhere(), activitiesFrom(since), associationId === undefined ? {} : { associationId }],
        },
        select: publicActivitySelect,
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      });
    },

    feedEvents(since: Date) {
      return prisma.event.findMany({
        where: { startsAt: { gte: since } },
        select: publicEventSelect,
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      });
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
export type FeedActivity = Awaited<ReturnType<CalendarService['feedActivities']>>[number];
export type FeedEvent = Awaited<ReturnType<CalendarService['feedEvents']>>[number];
