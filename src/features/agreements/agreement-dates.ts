// An agreement's dates that are computed, never typed: when it is next reviewed (from
// its start date and review interval, so the rhythm moves on by itself once a review
// date has passed), which review needs attention now, and when it ends if notice is
// given today.
import { addDays, addMonths, dateKey } from '../../time/calendar-months.js';

/**
 * The first date of the review rhythm (start + n × interval months, n ≥ 1) that is on
 * or after `today`; null when the agreement has no start date or no interval. Dates
 * are calendar dates at UTC midnight (the @db.Date convention); `today` is the
 * municipality's today (municipalityTodayDate). Each step is counted from the start,
 * so a start on 31 January with a 1-month interval gives 28/29 February and then
 * 31 March, not 28 March.
 */
export function nextReviewDate(startsOn: Date | null, intervalMonths: number | null, today: Date): Date | null {
  if (!startsOn || !intervalMonths || intervalMonths < 1) return null;
  // Jump close to today first, so an old start does not mean a long loop.
  const monthsSinceStart = (today.getUTCFullYear() - startsOn.getUTCFullYear()) * 12 + (today.getUTCMonth() - startsOn.getUTCMonth());
  let step = Math.max(1, Math.floor(monthsSinceStart / intervalMonths));
  let candidate = addMonths(startsOn, step * intervalMonths);
  while (step > 1 && addMonths(startsOn, (step - 1) * intervalMonths) >= today) {
    step--;
    candidate = addMonths(startsOn, step * intervalMonths);
  }
  while (candidate < today) {
    step++;
    candidate = addMonths(startsOn, step * intervalMonths);
  }
  return candidate;
}

/**
 * The last date of the review rhythm (start + n × interval months, n ≥ 1) that is on or
 * before `limit`; null when there is none yet, or no start date or interval. The
 * evaluation uses it to find the review an evaluation is for (with a look-ahead, so a
 * review can be opened shortly before its date). Built on nextReviewDate, so both
 * count each step from the start the same way.
 */
export function latestReviewDate(startsOn: Date | null, intervalMonths: number | null, limit: Date): Date | null {
  const next = nextReviewDate(startsOn, intervalMonths, limit);
  if (!next || !startsOn || !intervalMonths) return null;
  if (next.getTime() === limit.getTime()) return next;
  // `next` is after `limit`: the step before it is the one wanted, if it is a review (n ≥ 1).
  const months = (next.getUTCFullYear() - startsOn.getUTCFullYear()) * 12 + (next.getUTCMonth() - startsOn.getUTCMonth());
  const step = Math.round(months / intervalMonths) - 1;
  return step >= 1 ? addMonths(startsOn, step * intervalMonths) : null;
}

/** How many days before a review date its evaluation can be opened and staff are reminded. */
export const REVIEW_OPENS_DAYS_AHEAD = 30;

export interface ReviewDue {
  date: Date;
  /** The date has passed without a decided evaluation. */
  overdue: boolean;
  /** Its evaluation can be opened now (the date is at most REVIEW_OPENS_DAYS_AHEAD days away). */
  open: boolean;
}

/**
 * The one rule for which review of an ACTIVE agreement needs attention, used by the
 * evaluation, the follow-up page and the reminders alike: the latest date of the
 * rhythm up to REVIEW_OPENS_DAYS_AHEAD days from today, unless that review is decided
 * already; then the next date after it (not open yet) unless that was decided early.
 * An older review that was skipped is not dug up again once a newer one is open.
 * `decided` holds the dateKeys of review dates whose evaluation has a decision.
 */
export function reviewDue(
  startsOn: Date | null,
  intervalMonths: number | null,
  today: Date,
  decided: ReadonlySet<string>,
): ReviewDue | null {
  if (!startsOn || !intervalMonths || intervalMonths < 1) return null;
  const opensUntil = addDays(today, REVIEW_OPENS_DAYS_AHEAD);
  const latest = latestReviewDate(startsOn, intervalMonths, opensUntil);
  if (latest && !decided.has(dateKey(latest))) return { date: latest, overdue: latest < today, open: true };
  const next = nextReviewDate(startsOn, intervalMonths, addDays(opensUntil, 1));
  if (!next || decided.has(dateKey(next))) return null;
  return { date: next, overdue: false, open: false };
}

/**
 * The end of an agreement given notice on `today`: the end of the notice period, or
 * the agreed end date if that comes first. The workflow's notice and an evaluation's
 * decision to end both give notice this way.
 */
export function endByNotice(today: Date, noticeMonths: number | null, endsOn: Date | null): Date {
  const noticeEnd = addMonths(today, noticeMonths ?? 0);
  return endsOn && endsOn < noticeEnd ? endsOn : noticeEnd;
}
