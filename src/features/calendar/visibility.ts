// When an activity is public: the association marked it published and the association
// itself is approved. One rule, in two forms: for Prisma queries (the feeds) and for the
// calendar page's raw statement (calendar-service.ts; a test compares what both select).
import { Prisma } from '../../generated/prisma/client.js';
// An association's openings and activities are public under the same status of it.
import { PUBLIC_ASSOCIATION_STATUS } from '../openings/visibility.js';

export function publicActivityWhere(): Prisma.ActivityWhereInput {
  return { published: true, association: { status: PUBLIC_ASSOCIATION_STATUS } };
}

/** The same rule as a SQL condition on `activities act JOIN associations a ON a.id = act.association_id`. */
export function publicActivitySql(): Prisma.Sql {
  // A constant of this file, written as a literal so the planner sees the value.
  return Prisma.raw(`(act.published AND a.status = '${PUBLIC_ASSOCIATION_STATUS}')`);
}

/** What the public sees of an activity, wherever it is listed (calendar, association profile). */
export const PUBLIC_ACTIVITY_SELECT = {
  id: true,
  title: true,
  description: true,
  place: true,
  accessibilityNotes: true,
  recurrence: true,
  startsAt: true,
  endsAt: true,
  repeatUntil: true,
  localArea: { select: { nameDa: true, nameEn: true } },
} as const satisfies Prisma.ActivitySelect;
