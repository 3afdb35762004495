// An activity's or event's time in words, in Danish time. The one place that words a
// schedule, in two styles:
// - 'list' (the association's and staff's lists, the delete confirmation), where the
//   exact dates matter: "Hver tirsdag kl. 19.00–21.00, fra 24. november 2026 til og
//   med 30. juni 2027";
// - 'profile' (the association's public profile), which reads as a sentence and names
//   the first date only while it is still ahead: "Hver tirsdag kl. 18.00–20.00 til og
//   med 1. juni 2027", "lørdag den 5. december 2026, kl. 16.00–18.00".
import type { TFunction } from 'i18next';
import type { CalendarFormat } from './calendar-format.js';
import { isoDateOfDbDate, zonedToUtc } from './copenhagen-time.js';
import type { Schedule } from './occurrences.js';

export type ScheduleStyle = { style: 'list' } | { style: 'profile'; now: Date };

/** "19.00–21.00", or "19.00" when there is no end time. */
export function timeRange(fmt: CalendarFormat, startsAt: Date, endsAt: Date | null): string {
  return endsAt ? `${fmt.time(startsAt)}–${fmt.time(endsAt)}` : fmt.time(startsAt);
}

/** A @db.Date written out; noon keeps the Danish date whatever the offset. */
export function formatDbDate(fmt: CalendarFormat, date: Date): string {
  return fmt.date(zonedToUtc(isoDateOfDbDate(date), '12:00'));
}

export function describeSchedule(
  t: TFunction,
  fmt: CalendarFormat,
  schedule: Schedule,
  options: ScheduleStyle = { style: 'list' },
): string {
  const time = timeRange(fmt, schedule.startsAt, schedule.endsAt);
  if (options.style === 'profile') return profileWording(t, fmt, schedule, time, options.now);
  if (schedule.recurrence === 'WEEKLY' && schedule.repeatUntil) {
    return t('calendar.schedule.weekly', {
      weekday: fmt.weekday(schedule.startsAt),
      time,
      from: fmt.date(schedule.startsAt),
      until: formatDbDate(fmt, schedule.repeatUntil),
    });
  }
  return t('calendar.schedule.once', { day: fmt.day(schedule.startsAt), time });
}

function profileWording(t: TFunction, fmt: CalendarFormat, schedule: Schedule, time: string, now: Date): string {
  if (schedule.recurrence !== 'WEEKLY') {
    return t('calendar.schedule.profile.once', { day: fmt.dayInText(schedule.startsAt), time });
  }
  const parts = [t('calendar.schedule.profile.weekly', { weekday: fmt.weekday(schedule.startsAt), time })];
  if (schedule.startsAt > now) parts.push(t('calendar.schedule.profile.from', { day: fmt.dayInText(schedule.startsAt) }));
  if (schedule.repeatUntil) parts.push(t('calendar.schedule.profile.until', { date: formatDbDate(fmt, schedule.repeatUntil) }));
  return parts.join(' ');
}
