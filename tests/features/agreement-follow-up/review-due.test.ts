// Which review needs attention: the last passed review date without a decision
// (overdue), else the next one unless it was decided early.
import { describe, expect, it } from 'vitest';
import { addDays, dateKey, dueReview } from '../../../src/features/agreement-follow-up/review-due.js';

const d = (value: string) => new Date(`${value}T00:00:00.000Z`);
const due = (start: string | null, interval: number | null, today: string, decided: string[] = []) => {
  const result = dueReview(start ? d(start) : null, interval, d(today), new Set(decided));
  return result && { date: dateKey(result.date), overdue: result.overdue };
};

describe('dueReview', () => {
  it('is nothing without a start date or an interval', () => {
    expect(due(null, 12, '2026-11-22')).toBeNull();
    expect(due('2026-01-01', null, '2026-11-22')).toBeNull();
  });

  it('is the first review date while none has passed', () => {
    expect(due('2026-01-21', 12, '2026-11-22')).toEqual({ date: '2027-01-21', overdue: false });
  });

  it('is the last passed review date while it has no decided evaluation, then the next one', () => {
    expect(due('2025-06-01', 12, '2026-11-22')).toEqual({ date: '2026-06-01', overdue: true });
    expect(due('2025-06-01', 12, '2026-11-22', ['2026-06-01'])).toEqual({ date: '2027-06-01', overdue: false });
  });

  it('is nothing when the next review was decided early', () => {
    expect(due('2026-01-10', 12, '2026-11-22', ['2027-01-10'])).toBeNull();
  });

  it('counts each review date from the start (31 January, monthly: 28 February, then 31 March)', () => {
    expect(due('2026-01-31', 1, '2026-03-15')).toEqual({ date: '2026-02-28', overdue: true });
    expect(due('2026-01-31', 1, '2026-03-15', ['2026-02-28'])).toEqual({ date: '2026-03-31', overdue: false });
    // The review date itself is not overdue yet.
    expect(due('2026-01-31', 1, '2026-03-31', ['2026-02-28'])).toEqual({ date: '2026-03-31', overdue: false });
  });

  it('adds calendar days across months and years', () => {
    expect(dateKey(addDays(d('2026-11-22'), 60))).toBe('2027-01-21');
  });
});
