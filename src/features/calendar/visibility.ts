// When an activity is public: the association marked it published and the association
// itself is approved. One definition, used by the calendar page and both feeds.
import type { Prisma } from '../../generated/prisma/client.js';

export function publicActivityWhere(): Prisma.ActivityWhereInput {
  return { published: true, association: { status: 'APPROVED' } };
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
