// The public calendar page and the iCalendar feeds. The page's state lives in the
// query string (shareable, works without JavaScript): `fra` (first day, YYYY-MM-DD),
// `omraade` and `maalgruppe` (slugs, repeatable), `kun` (aktiviteter|arrangementer).
// Anything unreadable falls back to the default view rather than failing.
import { asList } from '../../validation/fields.js';
import type { RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import { parseId } from '../../validation/ids.js';
import type { Clock } from '../../clock.js';
import { calendarFormat } from './calendar-format.js';
import type { CalendarEntry, CalendarOnly, CalendarService } from './calendar-service.js';
import { addDays, daysBetween, isIsoDate, localDateOf, zonedToUtc } from './copenhagen-time.js';
import { buildFeed } from './ical-feed.js';
import { describeSchedule } from './schedule-text.js';

/**
 * The page shows a week at a time: on a phone that is a few screens of compact rows (four
 * weeks of full cards were ~12,400 px tall, two weeks of compact rows still ~3,600 px with
 * the demo data), and a date window keeps "previous" and "next" exact and every page
 * addressable by its first day (`fra`).
 */
export const WINDOW_DAYS = 7;
/** Feeds keep recent past items so subscribers' calendars do not lose them at once. */
const FEED_HISTORY_DAYS = 90;

const ONLY_VALUES: Record<string, CalendarOnly> = { aktiviteter: 'activities', arrangementer: 'events' };

function listParam(value: unknown): string[] {
  const items = asList(value);
  return items.filter((item): item is string => typeof item === 'string' && item.length <= 100).slice(0, 50);
}

/**
 * The Monday of a date's week: the page shows Monday–Sunday weeks, as Danish readers
 * count them ("uge 48"), whatever day a link starts from (#10).
 */
export function mondayOf(isoDate: string): string {
  const weekday = new Date(`${isoDate}T00:00:00.000Z`).getUTCDay(); // 0 = Sunday
  return addDays(isoDate, -((weekday + 6) % 7));
}

/** The ISO 8601 week number of a Monday (the week with the year's first Thursday is week 1). */
export function isoWeekOf(monday: string): number {
  const thursday = addDays(monday, 3);
  const firstOfYear = `${thursday.slice(0, 4)}-01-01`;
  return Math.floor(daysBetween(firstOfYear, thursday) / 7) + 1;
}

/** `fra` if it is a real date within reason; otherwise null (the page shows the current week). */
function startParam(value: unknown): string | null {
  if (typeof value !== 'string' || !isIsoDate(value)) return null;
  return value >= '2000-01-01' && value <= '2100-12-31' ? value : null;
}

export interface CalendarControllerDeps {
  clock: Clock;
  /** The portal's public address, for the feeds' links. */
  baseUrl: string;
  calendar: CalendarService;
}

export function createCalendarController(deps: CalendarControllerDeps) {
  const { calendar } = deps;
  const base = deps.baseUrl.replace(/\/+$/, '');

  const show: RequestHandler = async (req, res) => {
    const today = localDateOf(deps.clock.now());
    const thisWeek = mondayOf(today);
    const asked = startParam(req.query.fra);
    const requestedStart = asked === null ? null : mondayOf(asked);
    const startDate = requestedStart ?? thisWeek;
    const { localAreas, targetGroups } = await calendar.lookups();
    const knownAreas = new Set(localAreas.map((row) => row.slug));
    const knownGroups = new Set(targetGroups.map((row) => row.slug));
    const areaSlugs = [...new Set(listParam(req.query.omraade))].filter((slug) => knownAreas.has(slug));
    const groupSlugs = [...new Set(listParam(req.query.maalgruppe))].filter((slug) => knownGroups.has(slug));
    const kun = typeof req.query.kun === 'string' && req.query.kun in ONLY_VALUES ? req.query.kun : '';
    const only = ONLY_VALUES[kun] ?? null;

    const hrefFor = (fra: string | null) => {
      const query = new URLSearchParams();
      if (fra !== null) query.set('fra', fra);
      for (const slug of areaSlugs) query.append('omraade', slug);
      for (const slug of groupSlugs) query.append('maalgruppe', slug);
      if (kun) query.set('kun', kun);
      const text = query.toString();
      return text ? `/kalender?${text}` : '/kalender';
    };
    // The filter form is a plain GET form: without JavaScript it sends "kun=" and the
    // week's day as it was; a shared address should say only what was chosen, and a
    // week by its Monday. 302: a browser must not remember that a calendar address moves.
    const canonical = hrefFor(requestedStart);
    const questionMark = req.originalUrl.indexOf('?');
    const askedQuery = questionMark === -1 ? null : new URLSearchParams(req.originalUrl.slice(questionMark + 1)).toString();
    if (askedQuery !== null && (askedQuery === '' || askedQuery !== canonical.replace(/^\/kalender\??/, ''))) {
      res.redirect(302, canonical);
      return;
    }

    // The current week from today: what is over is not worth a citizen's screen. Every
    // other week, earlier or later, is Monday to Sunday.
    const from = zonedToUtc(startDate === thisWeek ? today : startDate, '00:00');
    const to = zonedToUtc(addDays(startDate, WINDOW_DAYS), '00:00');
    const filters = { areaSlugs, targetGroupSlugs: groupSlugs, only };
    const { entries, counts } = await calendar.weekWithCounts(from, to, filters, {
      areas: localAreas.map((row) => row.slug),
      targetGroups: targetGroups.map((row) => row.slug),
    });

    const fmt = calendarFormat(req.lang);
    const days: { date: string; label: string; entries: (CalendarEntry & { startTime: string; endTime: string | null })[] }[] = [];
    for (const entry of entries) {
      const date = localDateOf(entry.startsAt);
      let day = days.at(-1);
      if (day?.date !== date) {
        day = { date, label: fmt.dayOfMonth(entry.startsAt), entries: [] };
        days.push(day);
      }
      day.entries.push({ ...entry, startTime: fmt.time(entry.startsAt), endTime: entry.endsAt ? fmt.time(entry.endsAt) : null });
    }

    const filtered = areaSlugs.length > 0 || groupSlugs.length > 0 || kun !== '';
    const lastDay = zonedToUtc(addDays(startDate, WINDOW_DAYS - 1), '12:00');
    const name = (row: { nameDa: string; nameEn: string }) => (req.lang === 'en' ? row.nameEn : row.nameDa);
    const withCounts = (rows: { slug: string; nameDa: string; nameEn: string }[], count: Map<string, number>, chosen: string[]) =>
      rows
        .map((row) => ({ value: row.slug, label: `${name(row)} (${count.get(row.slug) ?? 0})`, count: count.get(row.slug) ?? 0 }))
        .filter((option) => option.count > 0 || chosen.includes(option.value));
    const feedUrl = `${base}/kalender.ics`;

    res.render('calendar/index', {
      title: req.t('calendar.public.title'),
      days,
      period: req.t('calendar.public.period', { week: isoWeekOf(startDate), from: fmt.date(from), to: fmt.date(lastDay) }),
      startDate: requestedStart,
      filtered,
      values: { omraade: areaSlugs, maalgruppe: groupSlugs, kun },
      // How many entries each value would show this week; one that would show none is
      // a dead end and left out, unless it is chosen (so it can be unticked) (#10).
      areaOptions: withCounts(localAreas, counts.areas, areaSlugs),
      groupOptions: withCounts(targetGroups, counts.targetGroups, groupSlugs),
      previousHref: hrefFor(addDays(startDate, -WINDOW_DAYS)),
      nextHref: hrefFor(addDays(startDate, WINDOW_DAYS)),
      todayHref: requestedStart !== null && requestedStart !== thisWeek ? hrefFor(null) : null,
      clearFiltersHref: requestedStart ? `/kalender?fra=${requestedStart}` : '/kalender',
      feedUrl,
      webcalUrl: feedUrl.replace(/^https?:/, 'webcal:'),
    });
  };

  const sendFeed = (res: Response, filename: string, body: string) => {
    res.set('Content-Type', 'text/calendar; charset=utf-8');
    res.set('Content-Disposition', `inline; filename="${filename}"`);
    res.send(body);
  };

  const portalFeed: RequestHandler = async (req, res) => {
    const since = new Date(deps.clock.now().getTime() - FEED_HISTORY_DAYS * 24 * 60 * 60 * 1000);
    const [activities, events] = await Promise.all([calendar.feedActivities(since), calendar.feedEvents(since)]);
    const { municipality } = res.locals;
    const feed = buildFeed(
      {
        name: req.t('calendar.feed.portalName', { municipality: municipality.name }),
        description: req.t('calendar.feed.portalDescription', { municipality: municipality.name }),
        pageUrl: `${base}/kalender`,
        baseUrl: base,
        language: req.lang,
      },
      activities,
      events,
    );
    sendFeed(res, 'kalender.ics', feed.toString());
  };

  const associationFeed: RequestHandler = async (req, res) => {
    const slug = req.params.slug;
    const association = typeof slug === 'string' ? await calendar.findPublicAssociation(slug) : null;
    if (!association) throw new HttpError(404);
    const since = new Date(deps.clock.now().getTime() - FEED_HISTORY_DAYS * 24 * 60 * 60 * 1000);
    const activities = await calendar.feedActivities(since, association.id);
    const feed = buildFeed(
      {
        name: association.name,
        description: req.t('calendar.feed.associationDescription', { association: association.name }),
        pageUrl: `${base}/foreninger/${encodeURIComponent(association.slug)}`,
        baseUrl: base,
        language: req.lang,
      },
      activities,
      [],
    );
    sendFeed(res, `${association.slug}.ics`, feed.toString());
  };

  /** An event's own page: what the calendar's compact row leaves out. */
  const event: RequestHandler = async (req, res) => {
    const eventId = parseId(req.params.eventId);
    const found = eventId === null ? null : await calendar.findEvent(eventId);
    if (!found) throw new HttpError(404);
    const fmt = calendarFormat(req.lang);
    const name = (row: { nameDa: string; nameEn: string }) => (req.lang === 'en' ? row.nameEn : row.nameDa);
    res.render('calendar/event', {
      title: found.title,
      breadcrumbs: [
        { href: '/kalender', label: req.t('calendar.public.title') },
        { label: found.title, typed: true },
      ],
      event: found,
      when: describeSchedule(req.t, fmt, { ...found, recurrence: 'ONCE', repeatUntil: null }, { style: 'profile', now: deps.clock.now() }),
      localArea: found.localArea ? name(found.localArea) : null,
      targetGroups: found.targetGroups.map(name),
      calendarHref: `/kalender?fra=${mondayOf(localDateOf(found.startsAt))}`,
    });
  };

  return { show, event, portalFeed, associationFeed };
}
