// iCalendar feeds (RFC 5545) that people subscribe to in Google Calendar, Outlook or
// their phone, built with ical-generator.
//
// Times: every DTSTART/DTEND carries TZID=Europe/Copenhagen with the Danish
// wall-clock time, and the feed holds a VTIMEZONE block for that zone. Plain UTC
// times would be simpler, but a weekly RRULE on a UTC start keeps the UTC hour, so a
// 19:00 rehearsal would show at 18:00 after the clocks go back; with TZID the
// calendar app repeats 19:00 local time, as the association means it.
//
// The VTIMEZONE block is static (no time-zone database package is installed): the
// EU rule in force since 1996 — summer time from the last Sunday of March 02:00 to
// the last Sunday of October 03:00. If the EU ever abolishes DST, update it here.
//
// ical-generator reads a time it is given "in the event's time zone" through the
// JavaScript Date's local-time getters. We therefore hand it the wall-clock time as a
// string without a zone ("2026-11-24T19:00:00"), which Date parses and prints back in
// the server's own zone unchanged — so the output does not depend on the server's
// TZ. (The one theoretical exception, a wall time inside the server zone's own
// spring-forward gap, cannot occur on servers running in UTC or Danish time.)
import ical, { ICalEventRepeatingFreq, type ICalCalendar } from 'ical-generator';
import { MUNICIPALITY_TIME_ZONE, isoDateOfDbDate, wallClockOf, zonedToUtc } from './copenhagen-time.js';
import { eventPath, type FeedActivity, type FeedEvent } from './calendar-service.js';

export const COPENHAGEN_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Copenhagen',
  'X-LIC-LOCATION:Europe/Copenhagen',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** "2026-11-24T19:00:00": the Danish wall-clock time of an instant, without a zone. */
function wallClockString(instant: Date): string {
  const w = wallClockOf(instant);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${String(w.year).padStart(4, '0')}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}`;
}

/**
 * TEXT values escaped as RFC 5545 requires. ical-generator escapes event fields but
 * writes the calendar's name as given; a name is data an association typed.
 */
function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (match) => `\\${match}`).replace(/\r\n|\r|\n/g, ' ');
}

export interface FeedOptions {
  /** The calendar's name in the subscriber's app (X-WR-CALNAME). */
  name: string;
  description: string;
  /** Absolute URL of the page the feed belongs to. */
  pageUrl: string;
  /** config.baseUrl: absolute links and the host part of stable UIDs. */
  baseUrl: string;
  /** Danish or English, for PRODID's language. */
  language: string;
}

export function buildFeed(options: FeedOptions, activities: readonly FeedActivity[], events: readonly FeedEvent[]): ICalCalendar {
  const base = options.baseUrl.replace(/\/+$/, '');
  const host = new URL(base).hostname;
  const calendar = ical({
    name: escapeText(options.name),
    description: escapeText(options.description),
    prodId: { company: host, product: 'frivillig-portal', language: options.language.toUpperCase() },
    url: options.pageUrl,
    // An empty name keeps ical-generator from treating every date as local time,
    // while the generator still adds the VTIMEZONE block for the events' TZID.
    timezone: { name: '', generator: (zone) => (zone === MUNICIPALITY_TIME_ZONE ? COPENHAGEN_VTIMEZONE : null) },
    // No `ttl` or `x` here: ical-generator writes those after the VTIMEZONE/VEVENT
    // components, which RFC 5545's grammar (properties before components) forbids.
  });

  for (const activity of activities) {
    const associationUrl = `${base}/foreninger/${encodeURIComponent(activity.association.slug)}`;
    const details = [activity.description, activity.accessibilityNotes, `${activity.association.name}: ${associationUrl}`]
      .filter((text) => text.trim() !== '')
      .join('\n\n');
    calendar.createEvent({
      id: `activity-${activity.id}@${host}`,
      timezone: MUNICIPALITY_TIME_ZONE,
      start: wallClockString(activity.startsAt),
      end: activity.endsAt ? wallClockString(activity.endsAt) : null,
      // RFC 5545: with a TZID start, UNTIL is given in UTC — the end of the last day.
      repeating:
        activity.recurrence === 'WEEKLY' && activity.repeatUntil
          ? {
              freq: ICalEventRepeatingFreq.WEEKLY,
              until: new Date(zonedToUtc(isoDateOfDbDate(activity.repeatUntil), '23:59').getTime() + 59_000),
            }
          : null,
      summary: activity.title,
      description: details,
      location: activity.place,
      url: associationUrl,
      stamp: activity.updatedAt,
      created: activity.createdAt,
      lastModified: activity.updatedAt,
      categories: [{ name: activity.association.name }],
    });
  }

  for (const event of events) {
    calendar.createEvent({
      id: `event-${event.id}@${host}`,
      timezone: MUNICIPALITY_TIME_ZONE,
      start: wallClockString(event.startsAt),
      end: event.endsAt ? wallClockString(event.endsAt) : null,
      summary: event.title,
      description: event.description || null,
      location: event.place,
      url: event.url ?? `${base}${eventPath(event.id)}`,
      stamp: event.updatedAt,
      created: event.createdAt,
      lastModified: event.updatedAt,
    });
  }
  return calendar;
}
