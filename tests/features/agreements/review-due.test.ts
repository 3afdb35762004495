// The one rule for which review needs attention (reviewDue in next-review.ts): the
// latest review date up to 30 days ahead unless decided — then the next one, not open
// yet, unless that was decided early. The evaluation, the follow-up page and the
// reminders all ask it, so they never disagree about an agreement.
import { describe, expect, it } from 'vitest';
import { reviewDue } from '../../../src/features/agreements/agreement-dates.js';
import { addDays, dateKey } from '../../../src/time/calendar-months.js';

const d = (value: string) => new Date(`${value}T00:00:00.000Z`);
const due = (start: string | null, interval: number | null, today: string, decided: string[] = []) => {
  const result = reviewDue(start ? d(start) : null, interval, d(today), new Set(decided));
  return result && { date: dateKey(result.date), overdue: result.overdue, open: result.open };
};

describe('reviewDue', () => {
  it('is nothing without a start date or an interval', () => {
    expect(due(null, 12, '2026-11-22')).toBeNull();
    expect(due('2026-01-01', null, '2026-11-22')).toBeNull();
  });

  it('is the first review date, not open yet, while it is more than 30 days away', () => {
    expect(due('2026-01-21', 12, '2026-11-22')).toEqual({ date: '2027-01-21', overdue: false, open: false });
  });

  it('opens 30 days before the date', () => {
    expect(due('2026-01-21', 12, '2026-12-22')).toEqual({ date: '2027-01-21', overdue: false, open: true });
    expect(due('2026-01-21', 12, '2026-12-21')).toEqual({ date: '2027-01-21', overdue: false, open: false });
  });

  it('is the last passed review date while it has no decided evaluation, then the next one', () => {
    expect(due('2025-06-01', 12, '2026-11-22')).toEqual({ date: '2026-06-01', overdue: true, open: true });
    expect(due('2025-06-01', 12, '2026-11-22', ['2026-06-01'])).toEqual({ date: '2027-06-01', overdue: false, open: false });
  });

  it('moves on to the following review when the coming one was decided early', () => {
    expect(due('2026-01-10', 12, '2026-12-20', ['2027-01-10'])).toEqual({ date: '2028-01-10', overdue: false, open: false });
  });

  it('does not dig up a skipped review once a newer one is open', () => {
    expect(due('2026-01-31', 1, '2026-03-15')).toEqual({ date: '2026-03-31', overdue: false, open: true });
  });

  it('counts each review date from the start (31 January, monthly: 28 February, then 31 March)', () => {
    expect(due('2026-01-31', 1, '2026-02-10')).toEqual({ date: '2026-02-28', overdue: false, open: true });
    expect(due('2026-01-31', 1, '2026-02-10', ['2026-02-28'])).toEqual({ date: '2026-03-31', overdue: false, open: false });
  });

  it('adds calendar days across months and years', () => {
    expect(dateKey(addDays(d('2026-11-22'), 60))).toBe('2027-01-21');
  });
});
