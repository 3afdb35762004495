// An association's own activities. Every query names the association as well as the
// activity, so a member of association A who guesses or edits B's activity ids in a
// path finds nothing: the controller turns "not found" into 404.
//
// Two members may edit the same activity: an update names the `version` the editor
// loaded and bumps it, so a newer one means someone saved in between — a conflict,
// not a silent overwrite (src/validation/version.ts). Every change writes its audit
// row in its own transaction.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { changedFields, writeAudit, type ChangeContext } from '../../audit/audit-log.js';
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
  version: true,
  localArea: { select: { nameDa: true, nameEn: true } },
  targetGroups: { select: { id: true, slug: true, nameDa: true, nameEn: true }, orderBy: { sortOrder: 'asc' } },
} as const;

/** The fields an update's audit row compares. */
const AUDITED_FIELDS = [
  'title',
  'description',
  'place',
  'localAreaId',
  'targetGroupIds',
  'accessibilityNotes',
  'recurrence',
  'startsAt',
  'endsAt',
  'repeatUntil',
  'published',
] as const satisfies readonly (keyof ActivityInput)[];
/** Free text the members wrote: the audit says that it changed, not what it says. */
const FREE_TEXT = ['description', 'accessibilityNotes'] as const satisfies readonly (keyof ActivityInput)[];

export type AssociationActivity = Awaited<ReturnType<ActivityService['listForAssociation']>>[number];

export type ActivityChange = { ok: true; id: number } | { ok: false; reason: 'not-found' | 'conflict' };
export type ActivityRemoval = { ok: true; id: number } | { ok: false; reason: 'not-found' };

const sortedIds = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

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

    async create(context: ChangeContext, associationId: number, input: ActivityInput): Promise<{ ok: true; id: number }> {
      const { targetGroupIds, ...fields } = input;
      return prisma.$transaction(async (tx) => {
        const row = await tx.activity.create({
          data: { ...fields, associationId, targetGroups: { connect: targetGroupIds.map((id) => ({ id })) } },
          select: { id: true },
        });
        await writeAudit(tx, context, { action: 'activity.created', targetType: 'activity', targetId: row.id, details: { associationId } });
        return { ok: true, id: row.id } as const;
      });
    },

    /** Only if the activity is this association's and still the version the member loaded. */
    async update(
      context: ChangeContext,
      associationId: number,
      activityId: number,
      loadedVersion: number,
      input: ActivityInput,
    ): Promise<ActivityChange> {
      const { targetGroupIds, ...fields } = input;
      return prisma.$transaction(async (tx) => {
        const before = await tx.activity.findFirst({
          where: { id: activityId, associationId },
          select: { ...activitySelect, targetGroups: { select: { id: true } } },
        });
        if (!before) return { ok: false, reason: 'not-found' } as const;
        const { count } = await tx.activity.updateMany({
          where: { id: activityId, associationId, version: loadedVersion },
          data: { ...fields, version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'conflict' } as const;
        await tx.activity.update({
          where: { id: activityId },
          data: { targetGroups: { set: targetGroupIds.map((id) => ({ id })) } },
        });
        const changes = changedFields(
          { ...before, targetGroupIds: sortedIds(before.targetGroups.map((group) => group.id)) },
          { ...fields, targetGroupIds: sortedIds(targetGroupIds) },
          AUDITED_FIELDS,
          { redact: FREE_TEXT },
        );
        await writeAudit(tx, context, {
          action: 'activity.updated',
          targetType: 'activity',
          targetId: activityId,
          details: { associationId },
          ...changes,
        });
        return { ok: true, id: activityId } as const;
      });
    },

    async remove(context: ChangeContext, associationId: number, activityId: number): Promise<ActivityRemoval> {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.activity.deleteMany({ where: { id: activityId, associationId } });
        if (count === 0) return { ok: false, reason: 'not-found' } as const;
        await writeAudit(tx, context, {
          action: 'activity.deleted',
          targetType: 'activity',
          targetId: activityId,
          details: { associationId },
        });
        return { ok: true, id: activityId } as const;
      });
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
