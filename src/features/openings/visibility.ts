// When an opening is public: published, its association approved, and its deadline
// not passed (the deadline day itself still counts, in the municipality's time zone).
// One rule, in two forms built from the same constants: `publicOpeningWhere` for
// Prisma queries and `publicOpeningSql` for the search's raw SQL. A test
// (tests/features/openings/visibility.test.ts) proves both select the same rows.
import { Prisma } from '../../generated/prisma/client.js';
import type { AssociationStatus, OpeningStatus } from '../../generated/prisma/enums.js';
import { dateSql } from '../../db/sql-values.js';

/** The only status in which an opening is shown to the public. */
export const PUBLIC_OPENING_STATUS = 'PUBLISHED' as const satisfies OpeningStatus;
/** The only status of an association whose openings are shown to the public. */
export const PUBLIC_ASSOCIATION_STATUS = 'APPROVED' as const satisfies AssociationStatus;

export function publicOpeningWhere(now: Date): Prisma.OpeningWhereInput {
  return {
    status: PUBLIC_OPENING_STATUS,
    association: { status: PUBLIC_ASSOCIATION_STATUS },
    OR: [{ deadline: null }, { deadline: { gte: municipalityTodayDate(now) } }],
  };
}

/**
 * Which openings of the deadline rule to select: all public ones ('open': no deadline,
 * or one not yet passed), or one half of them ('upcoming': a deadline today or later;
 * 'none': no deadline). The halves let the search read each one in deadline-index
 * order (see search-service.ts, the 'frist' sort).
 */
export type DeadlinePart = 'open' | 'upcoming' | 'none';

/**
 * The same rule as `publicOpeningWhere`, as a SQL condition on `openings o JOIN
 * associations a ON a.id = o.association_id`.
 */
export function publicOpeningSql(now: Date, deadline: DeadlinePart = 'open'): Prisma.Sql {
  // The statuses are the constants above (not input), written as literals so the
  // planner sees the value and can use the index on (status, published_at).
  const openingStatus = Prisma.raw(`'${PUBLIC_OPENING_STATUS}'`);
  const associationStatus = Prisma.raw(`'${PUBLIC_ASSOCIATION_STATUS}'`);
  const today = dateSql(municipalityToday(now));
  const deadlineCondition =
    deadline === 'upcoming'
      ? Prisma.sql`o.deadline >= ${today}`
      : deadline === 'none'
        ? Prisma.sql`o.deadline IS NULL`
        : Prisma.sql`(o.deadline IS NULL OR o.deadline >= ${today})`;
  return Prisma.sql`(o.status = ${openingStatus} AND a.status = ${associationStatus} AND ${deadlineCondition})`;
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
