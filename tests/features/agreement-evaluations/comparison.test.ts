// The rules of the evaluation that need no pages: where the parties' ratings differ,
// and which review an evaluation is for.
import { describe, expect, it } from 'vitest';
import { compareAnswers, ratingsDiffer } from '../../../src/features/agreement-evaluations/evaluation-comparison.js';
import { dueReview, type DueReviewInput } from '../../../src/features/agreement-evaluations/agreement-evaluation-service.js';
import { latestReviewDate } from '../../../src/features/agreements/agreement-dates.js';
import type { ChecklistRating } from '../../../src/features/agreements/evaluation-checklist.js';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;

describe('ratingsDiffer', () => {
  it('flags ratings two or more apart', () => {
    expect(ratingsDiffer([1, 3])).toBe(true);
    expect(ratingsDiffer([2, 4])).toBe(true);
    expect(ratingsDiffer([1, 4])).toBe(true);
  });

  it('flags "mostly/fully" against "not at all/partly", even one step apart', () => {
    expect(ratingsDiffer([2, 3])).toBe(true);
    expect(ratingsDiffer([3, 3, 2])).toBe(true);
  });

  it('does not flag agreement or neighbours on the same side', () => {
    expect(ratingsDiffer([1, 2])).toBe(false);
    expect(ratingsDiffer([3, 4])).toBe(false);
    expect(ratingsDiffer([4, 4, 4])).toBe(false);
  });

  it('leaves "don\'t know" and a single opinion out', () => {
    expect(ratingsDiffer([1, null])).toBe(false);
    expect(ratingsDiffer([null, null])).toBe(false);
    expect(ratingsDiffer([4])).toBe(false);
    expect(ratingsDiffer([])).toBe(false);
    expect(ratingsDiffer([1, null, 4])).toBe(true);
  });
});

describe('compareAnswers', () => {
  const items = [
    { key: 'trust', textDa: 'Tillid', textEn: 'Trust' },
    { key: 'goals', textDa: 'Mål', textEn: 'Goals' },
  ];
  const parties = [
    { partyId: 1, name: 'Kommunen' },
    { partyId: 2, name: 'Foreningen' },
    { partyId: 3, name: 'Aftenskolen' },
  ];
  const answer = (trust: ChecklistRating | null, goals: ChecklistRating | null) => ({
    trust: { rating: trust, howItWent: `tillid ${trust}`, toChange: '' },
    goals: { rating: goals, howItWent: '', toChange: 'mere møder' },
  });

  it("puts each party side by side per item, in the parties' order, and flags the items that differ", () => {
    const rows = compareAnswers(items, parties, [
      { partyId: 2, checklist: answer(1, 3) },
      { partyId: 1, checklist: answer(4, 3) },
    ]);
    expect(rows.map((r) => [r.key, r.differs])).toEqual([
      ['trust', true],
      ['goals', false],
    ]);
    expect(rows[0]!.cells.map((c) => [c.name, c.answered, c.rating, c.howItWent])).toEqual([
      ['Kommunen', true, 4, 'tillid 4'],
      ['Foreningen', true, 1, 'tillid 1'],
      ['Aftenskolen', false, null, ''],
    ]);
    expect(rows[1]!.cells[0]!.toChange).toBe('mere møder');
  });

  it('treats an item missing from an answer (the checklist changed) as "don\'t know"', () => {
    const rows = compareAnswers(items, parties, [
      { partyId: 1, checklist: { trust: { rating: 4, howItWent: '', toChange: '' } } },
      { partyId: 2, checklist: { trust: { rating: 1, howItWent: '', toChange: '' } } },
    ]);
    expect(rows[1]!.cells[0]).toMatchObject({ answered: true, rating: null });
    expect(rows[1]!.differs).toBe(false);
    expect(rows[0]!.differs).toBe(true);
  });
});

describe('latestReviewDate', () => {
  it('is the last review on or before the limit, counted from the start', () => {
    expect(iso(latestReviewDate(d('2025-12-01'), 12, d('2026-12-22')))).toBe('2026-12-01');
    expect(iso(latestReviewDate(d('2025-12-01'), 12, d('2026-12-01')))).toBe('2026-12-01');
    expect(iso(latestReviewDate(d('2025-12-01'), 12, d('2026-11-30')))).toBeNull();
    expect(iso(latestReviewDate(d('2020-01-31'), 1, d('2026-03-15')))).toBe('2026-02-28');
    expect(iso(latestReviewDate(d('2024-01-15'), 6, d('2026-03-01')))).toBe('2026-01-15');
  });

  it('is null without a start date or interval', () => {
    expect(latestReviewDate(null, 12, d('2026-12-01'))).toBeNull();
    expect(latestReviewDate(d('2025-01-01'), null, d('2026-12-01'))).toBeNull();
  });
});

describe('dueReview', () => {
  const active = (overrides: Partial<DueReviewInput> = {}): DueReviewInput => ({
    status: 'ACTIVE',
    startsOn: d('2025-12-01'),
    endsOn: d('2027-12-31'),
    reviewIntervalMonths: 12,
    evaluations: [],
    ...overrides,
  });

  it('is the review date of an active agreement from 30 days before it', () => {
    expect(iso(dueReview(active(), d('2026-11-01')))).toBe('2026-12-01');
    expect(iso(dueReview(active(), d('2026-10-31')))).toBeNull();
    // After the date it stays due until decided.
    expect(iso(dueReview(active(), d('2027-02-01')))).toBe('2026-12-01');
  });

  it('moves on once the review is decided; an open evaluation does not stop it', () => {
    const decided = active({ evaluations: [{ reviewDate: d('2026-12-01'), decision: 'CONTINUE' }] });
    expect(dueReview(decided, d('2026-12-05'))).toBeNull();
    expect(iso(dueReview(decided, d('2027-11-15')))).toBe('2027-12-01');
    const open = active({ evaluations: [{ reviewDate: d('2026-12-01'), decision: null }] });
    expect(iso(dueReview(open, d('2026-12-05')))).toBe('2026-12-01');
  });

  it('is the end date of an ended agreement, and nothing for other statuses', () => {
    expect(iso(dueReview(active({ status: 'ENDED', endsOn: d('2026-10-31') }), d('2026-11-22')))).toBe('2026-10-31');
    expect(
      dueReview(
        active({ status: 'ENDED', endsOn: d('2026-10-31'), evaluations: [{ reviewDate: d('2026-10-31'), decision: 'END' }] }),
        d('2026-11-22'),
      ),
    ).toBeNull();
    for (const status of ['DRAFT', 'SENT', 'ACCEPTED', 'EVALUATED'] as const) {
      expect(dueReview(active({ status }), d('2026-11-22'))).toBeNull();
    }
  });
});
