// When an opening is public: published, its association approved, and its deadline
// not passed. One definition, used by every public query.
import type { Prisma } from '../../generated/prisma/client.js';

/** Today's date at UTC midnight, comparable with @db.Date columns. */
export function startOfDayUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function publicOpeningWhere(now: Date): Prisma.OpeningWhereInput {
  return {
    status: 'PUBLISHED',
    association: { status: 'APPROVED' },
    OR: [{ deadline: null }, { deadline: { gte: startOfDayUtc(now) } }],
  };
}
