// Which review date of an agreement needs the staff's attention: the last one that
// passed without a decided evaluation (overdue), else the next one, unless it was
// already decided (an evaluation can be held before its date). Pure, so the dashboard
// and the reminders ask the same question of the same rule.
import { addMonths } from '../../time/calendar-months.js';
import { nextReviewDate } from '../agreements/next-review.js';

/** A calendar date (UTC midnight, the @db.Date convention) as YYYY-MM-DD. */
export const dateKey = (date: Date): string => date.toISOString().slice(0, 10);

/** The date `days` calendar days after `date`. */
export function addDays(date: Date, days: number): Date {
  const moved = new Date(date);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved;
}

/**
 * The review date before the next one (start + (n-1) × interval for the next one's n),
 * or null when the next one is the first. The next date is start + n × interval
 * exactly in months (addMonths only clamps the day), so n is its month distance over
 * the interval.
 */
function previousReviewDate(startsOn: Date, intervalMonths: number, next: Date): Date | null {
  const months = (next.getUTCFullYear() - startsOn.getUTCFullYear()) * 12 + (next.getUTCMonth() - startsOn.getUTCMonth());
  const step = Math.round(months / intervalMonths);
  return step > 1 ? addMonths(startsOn, (step - 1) * intervalMonths) : null;
}

export interface DueReview {
  date: Date;
  overdue: boolean;
}

/**
 * The review that is due: the latest past review date without a decided evaluation
 * (overdue), else the next review date if it is not decided yet; null when the
 * agreement has no review rhythm or nothing is open. `decided` holds the dateKeys of
 * the review dates whose evaluation has a decision.
 */
export function dueReview(
  startsOn: Date | null,
  intervalMonths: number | null,
  today: Date,
  decided: ReadonlySet<string>,
): DueReview | null {
  const next = nextReviewDate(startsOn, intervalMonths, today);
  if (!next || !startsOn || !intervalMonths) return null;
  const previous = previousReviewDate(startsOn, intervalMonths, next);
  if (previous && previous < today && !decided.has(dateKey(previous))) return { date: previous, overdue: true };
  if (decided.has(dateKey(next))) return null;
  return { date: next, overdue: false };
}
