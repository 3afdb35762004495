// "Every Tuesday at 19.00–21.00, from 24 November 2026 to 30 June 2027": an
// activity's or event's time in words, for lists where the exact dates matter.
import type { TFunction } from 'i18next';
import type { CalendarFormat } from './calendar-format.js';
import { isoDateOfDbDate, zonedToUtc } from './copenhagen-time.js';
import type { Schedule } from './occurrences.js';

/** "19.00–21.00", or "19.00" when there is no end time. */
export function timeRange(fmt: CalendarFormat, startsAt: Date, endsAt: Date | null): string {
  return endsAt ? `${fmt.time(startsAt)}–${fmt.time(endsAt)}` : fmt.time(startsAt);
}

/** A @db.Date written out; noon keeps the Danish date whatever the offset. */
export function formatDbDate(fmt: CalendarFormat, date: Date): string {
  return fmt.date(zonedToUtc(isoDateOfDbDate(date), '12:00'));
}

export function describeSchedule(t: TFunction, fmt: CalendarFormat, schedule: Schedule): string {
  const time = timeRange(fmt, schedule.startsAt, schedule.endsAt);
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
