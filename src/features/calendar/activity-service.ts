// An association's own activities. Every query names the association as well as the
// activity, so a member of association A who guesses B's activity ids finds nothing
// (IDOR, ASVS 8.2.2): the controller turns "not found" into 404.
//
// Two members may edit the same activity. The table has no version column, so its
// `updatedAt` (millisecond precision, set by Prisma on every write) serves as the
// version: an update names the one the editor loaded, and a newer one means someone
// saved in between — a conflict, not a silent overwrite.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { ActivityInput } from './calendar-schemas.js';

const activitySelect = {
  id: true,
  associationId: true,
  title: true,
  description: true,
  place: true,
  localAreaId: true,
  accessibilityNotes: true,
  recurrence: true,
  startsAt: true,
  endsAt: true,
  repeatUntil: true,
  published: true,
  updatedAt: true,
  localArea: { select: { nameDa: true, nameEn: true } },
  targetGroups: { select: { id: true, slug: true, nameDa: true, nameEn: true }, orderBy: { sortOrder: 'asc' } },
} as const;

export type AssociationActivity = Awaited<ReturnType<ActivityService['listForAssociation']>>[number];

export type ActivityOutcome = { ok: true; id: number } | { ok: false; reason: 'not-found' | 'conflict' };

export function createActivityService(prisma: PrismaClient) {
  return {
    listForAssociation(associationId: number) {
      return prisma.activity.findMany({
        where: { associationId },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        select: activitySelect,
      });
    },

    findForAssociation(associationId: number, activityId: number) {
      return prisma.activity.findFirst({ where: { id: activityId, associationId }, select: activitySelect });
    },

    async create(associationId: number, input: ActivityInput): Promise<ActivityOutcome> {
      const { targetGroupIds, ...fields } = input;
      const row = await prisma.activity.create({
        data: { ...fields, associationId, targetGroups: { connect: targetGroupIds.map((id) => ({ id })) } },
        select: { id: true },
      });
      return { ok: true, id: row.id };
    },

    async update(associationId: number, activityId: number, loadedVersion: Date, input: ActivityInput): Promise<ActivityOutcome> {
      const { targetGroupIds, ...fields } = input;
      // The row and its target groups change together, only if the activity is this
      // association's and still the version the member loaded.
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.activity.updateMany({
          where: { id: activityId, associationId, updatedAt: loadedVersion },
          data: fields,
        });
        if (count === 0) {
          const exists = await tx.activity.count({ where: { id: activityId, associationId } });
          return { ok: false, reason: exists ? 'conflict' : 'not-found' } as const;
        }
        await tx.activity.update({
          where: { id: activityId },
          data: { targetGroups: { set: targetGroupIds.map((id) => ({ id })) } },
        });
        return { ok: true, id: activityId } as const;
      });
    },

    async remove(associationId: number, activityId: number): Promise<ActivityOutcome> {
      const { count } = await prisma.activity.deleteMany({ where: { id: activityId, associationId } });
      return count === 1 ? { ok: true, id: activityId } : { ok: false, reason: 'not-found' };
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
