// When an activity actually happens. A weekly activity is stored once (its first
// occurrence plus "repeat until"); the public calendar expands it into the dates that
// fall inside the shown window. Each occurrence keeps the first one's Danish
// wall-clock time, so it moves with daylight saving time the way people expect.
import type { ActivityRecurrence } from '../../generated/prisma/enums.js';
import { addDays, isoDateOfDbDate, localDateOf, localTimeOf, zonedToUtc } from './copenhagen-time.js';

export interface Schedule {
  recurrence: ActivityRecurrence;
  startsAt: Date;
  endsAt: Date | null;
  /** @db.Date: the last calendar date a weekly activity may happen on. */
  repeatUntil: Date | null;
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date | null;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** A window of a few weeks never holds more; the cap keeps a bad row from looping long. */
const MAX_OCCURRENCES = 400;

/** Occurrences that start in [from, to). */
export function occurrencesBetween(schedule: Schedule, from: Date, to: Date): Occurrence[] {
  const duration = schedule.endsAt ? schedule.endsAt.getTime() - schedule.startsAt.getTime() : null;
  const at = (startsAt: Date): Occurrence => ({
    startsAt,
    endsAt: duration === null ? null : new Date(startsAt.getTime() + duration),
  });

  if (schedule.recurrence === 'ONCE' || !schedule.repeatUntil) {
    return schedule.startsAt >= from && schedule.startsAt < to ? [at(schedule.startsAt)] : [];
  }

  const firstDate = localDateOf(schedule.startsAt);
  const time = localTimeOf(schedule.startsAt);
  const lastDate = isoDateOfDbDate(schedule.repeatUntil);
  // Skip whole weeks before the window; one week of slack absorbs the DST hour.
  let week = Math.max(0, Math.floor((from.getTime() - schedule.startsAt.getTime()) / WEEK_MS) - 1);
  const result: Occurrence[] = [];
  for (let guard = 0; guard < MAX_OCCURRENCES; guard += 1, week += 1) {
    const date = addDays(firstDate, week * 7);
    if (date > lastDate) break;
    const startsAt = zonedToUtc(date, time);
    if (startsAt >= to) break;
    if (startsAt >= from) result.push(at(startsAt));
  }
  return result;
}

/** The last moment a schedule has anything happening (for feeds and "is it over?"). */
export function lastOccurrenceStart(schedule: Schedule): Date {
  if (schedule.recurrence === 'ONCE' || !schedule.repeatUntil) return schedule.startsAt;
  const firstDate = localDateOf(schedule.startsAt);
  const lastDate = isoDateOfDbDate(schedule.repeatUntil);
  const weeks = Math.floor((Date.parse(lastDate) - Date.parse(firstDate)) / WEEK_MS);
  return weeks < 0 ? schedule.startsAt : zonedToUtc(addDays(firstDate, weeks * 7), localTimeOf(schedule.startsAt));
}
