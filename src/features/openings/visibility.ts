// When an opening is public: published, its association approved, and its deadline
// not passed. One definition, used by every public query.
import type { Prisma } from '../../generated/prisma/client.js';

export function publicOpeningWhere(now: Date): Prisma.OpeningWhereInput {
  return {
    status: 'PUBLISHED',
    association: { status: 'APPROVED' },
    OR: [{ deadline: null }, { deadline: { gte: municipalityTodayDate(now) } }],
  };
}

const MUNICIPALITY_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today's calendar date in the municipality (Europe/Copenhagen) as an ISO date
 * (YYYY-MM-DD): the day a deadline is compared with. Between midnight in Copenhagen
 * and midnight UTC, the UTC date is still yesterday's.
 */
export function municipalityToday(now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return MUNICIPALITY_DATE.format(now);
}

/**
 * Today's date in the municipality as a Date at UTC midnight: the form in which
 * Prisma reads and compares @db.Date columns (deadlines, repeat-until dates).
 */
export function municipalityTodayDate(now: Date): Date {
  return new Date(`${municipalityToday(now)}T00:00:00Z`);
}
