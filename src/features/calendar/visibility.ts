// When an activity is public: the association marked it published and the association
// itself is approved. One definition, used by the calendar page and both feeds.
import type { Prisma } from '../../generated/prisma/client.js';

export function publicActivityWhere(): Prisma.ActivityWhereInput {
  return { published: true, association: { status: 'APPROVED' } };
}
