// An agreement's computed dates: the next review (from the start date and the interval,
// never typed) and the end when notice is given.
import { describe, expect, it } from 'vitest';
import { endByNotice, nextReviewDate } from '../../../src/features/agreements/agreement-dates.js';
import { addMonths, monthsBefore } from '../../../src/time/calendar-months.js';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;

describe('nextReviewDate', () => {
  it('is the first review after the start when that is still ahead', () => {
    expect(iso(nextReviewDate(d('2026-01-15'), 6, d('2026-03-01')))).toBe('2026-07-15');
  });

  it('steps on by the interval until it is on or after today', () => {
    expect(iso(nextReviewDate(d('2024-01-15'), 6, d('2026-03-01')))).toBe('2026-07-15');
    expect(iso(nextReviewDate(d('2020-05-10'), 12, d('2026-11-27')))).toBe('2027-05-10');
  });

  it('counts today itself as the next review', () => {
    expect(iso(nextReviewDate(d('2025-11-27'), 12, d('2026-11-27')))).toBe('2026-11-27');
    expect(iso(nextReviewDate(d('2025-11-27'), 12, d('2026-11-28')))).toBe('2027-11-27');
  });

  it('is the first review for an agreement that starts in the future', () => {
    expect(iso(nextReviewDate(d('2027-03-01'), 3, d('2026-11-27')))).toBe('2027-06-01');
  });

  it('clamps to the end of a short month, counting every step from the start', () => {
    expect(iso(nextReviewDate(d('2026-01-31'), 1, d('2026-02-01')))).toBe('2026-02-28');
    expect(iso(nextReviewDate(d('2026-01-31'), 1, d('2026-03-01')))).toBe('2026-03-31');
    expect(iso(nextReviewDate(d('2023-02-28'), 12, d('2024-01-01')))).toBe('2024-02-28');
    expect(iso(nextReviewDate(d('2024-02-29'), 12, d('2024-06-01')))).toBe('2025-02-28');
    expect(iso(nextReviewDate(d('2024-02-29'), 48, d('2025-06-01')))).toBe('2028-02-29');
  });

  it('is not there without a start date or an interval', () => {
    expect(nextReviewDate(null, 12, d('2026-11-27'))).toBeNull();
    expect(nextReviewDate(d('2026-01-01'), null, d('2026-11-27'))).toBeNull();
  });
});

describe('addMonths', () => {
  it('moves forward and back by calendar months, clamping the day', () => {
    expect(addMonths(new Date('2026-01-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(addMonths(new Date('2026-11-30T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
  });
});

describe('endByNotice', () => {
  it('ends when the notice period runs out, or at the agreed end if that comes first', () => {
    expect(endByNotice(d('2026-11-30'), 3, d('2027-12-31'))).toEqual(d('2027-02-28'));
    expect(endByNotice(d('2026-11-30'), 3, d('2027-01-15'))).toEqual(d('2027-01-15'));
    expect(endByNotice(d('2026-11-30'), 3, null)).toEqual(d('2027-02-28'));
    expect(endByNotice(d('2026-11-30'), null, null)).toEqual(d('2026-11-30'));
  });
});
