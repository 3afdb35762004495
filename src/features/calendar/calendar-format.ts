// How the calendar writes days and times for its readers: Danish ("tirsdag 24.
// november 2026", "19.00") or English ("Tuesday 24 November 2026", "19:00"), always
// in Danish time, whatever the server's own time zone.
import type { Language } from '../../i18n/i18n.js';
import { MUNICIPALITY_TIME_ZONE } from './copenhagen-time.js';

const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

/**
 * Stands in for typed text (a title) in a translated sentence, so a view can split the
 * sentence around it and mark the typed part lang="da" on English pages.
 */
export const SUBJECT_MARK = '\u0000';

export interface CalendarFormat {
  /** "tirsdag 24. november 2026" / "Tuesday 24 November 2026" (a heading or list item) */
  day(instant: Date): string;
  /** "tirsdag 24. november" / "Tuesday 24 November" (a day heading under a period that names the year) */
  dayOfMonth(instant: Date): string;
  /** "tirsdag den 24. november 2026" / "Tuesday, 24 November 2026" (within a sentence) */
  dayInText(instant: Date): string;
  /** "24. november 2026" / "24 November 2026" */
  date(instant: Date): string;
  /** "19.00" / "19:00" */
  time(instant: Date): string;
  /** "tirsdag" / "Tuesday" */
  weekday(instant: Date): string;
}

const cache = new Map<Language, CalendarFormat>();

export function calendarFormat(lang: Language): CalendarFormat {
  const cached = cache.get(lang);
  if (cached) return cached;
  const locale = LOCALES[lang];
  const timeZone = MUNICIPALITY_TIME_ZONE;
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone });
  const dateOnly = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone });
  const format: CalendarFormat = {
    // Built from parts: Intl writes "tirsdag den 24. november 2026" and "Tuesday, 24
    // November 2026"; a day heading reads better without "den" and the comma.
    day(instant) {
      const parts = Object.fromEntries(long.formatToParts(instant).map((part) => [part.type, part.value]));
      return lang === 'da'
        ? `${parts.weekday} ${parts.day}. ${parts.month} ${parts.year}`
        : `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
    },
    dayOfMonth(instant) {
      const parts = Object.fromEntries(long.formatToParts(instant).map((part) => [part.type, part.value]));
      return lang === 'da' ? `${parts.weekday} ${parts.day}. ${parts.month}` : `${parts.weekday} ${parts.day} ${parts.month}`;
    },
    dayInText: (instant) => long.format(instant),
    date: (instant) => dateOnly.format(instant),
    time: (instant) => time.format(instant),
    weekday: (instant) => weekday.format(instant),
  };
  cache.set(lang, format);
  return format;
}
