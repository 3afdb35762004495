// The municipality's portal-wide events (Frivillig Fredag, network meetings,
// courses), kept by staff. Updates name the `version` the editor loaded, as for
// activities; every change writes its audit row in its own transaction.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { changedFields, writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import type { EventInput } from './calendar-schemas.js';

/** An event's own fields, as the calendar shows them. */
export const EVENT_FIELDS = {
  id: true,
  kind: true,
  title: true,
  description: true,
  place: true,
  startsAt: true,
  endsAt: true,
  url: true,
  localAreaId: true,
  localArea: { select: { slug: true, nameDa: true, nameEn: true } },
  targetGroups: { select: { id: true, slug: true, nameDa: true, nameEn: true }, orderBy: { sortOrder: 'asc' } },
} as const satisfies Prisma.EventSelect;

const eventSelect = { ...EVENT_FIELDS, version: true } as const;

/** The fields an update's audit row compares. */
const AUDITED_FIELDS = [
  'kind',
  'title',
  'description',
  'place',
  'localAreaId',
  'targetGroupIds',
  'startsAt',
  'endsAt',
  'url',
] as const satisfies readonly (keyof EventInput)[];
/** Free text: the audit says that it changed, not what it says. */
const FREE_TEXT = ['description'] as const satisfies readonly (keyof EventInput)[];

export type EventChange = { ok: true; id: number } | { ok: false; reason: 'not-found' | 'conflict' };
export type EventRemoval = { ok: true; id: number } | { ok: false; reason: 'not-found' };

const sortedIds = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

export function createEventService(prisma: PrismaClient) {
  return {
    /** Upcoming events first (soonest at the top), then past ones (latest first). */
    async listForStaff(now: Date) {
      const [upcoming, past] = await Promise.all([
        prisma.event.findMany({ where: { startsAt: { gte: now } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], select: eventSelect }),
        prisma.event.findMany({
          where: { startsAt: { lt: now } },
          orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
          take: 50,
          select: eventSelect,
        }),
      ]);
      return { upcoming, past };
    },

    find(eventId: number) {
      return prisma.event.findUnique({ where: { id: eventId }, select: eventSelect });
    },

    /** The acting staff member is recorded as the event's creator. */
    async create(context: ChangeContext, input: EventInput): Promise<{ ok: true; id: number }> {
      const { targetGroupIds, ...fields } = input;
      return prisma.$transaction(async (tx) => {
        const row = await tx.event.create({
          data: { ...fields, createdById: context.actorUserId, targetGroups: { connect: targetGroupIds.map((id) => ({ id })) } },
          select: { id: true },
        });
        await writeAudit(tx, context, { action: 'event.created', targetType: 'event', targetId: row.id });
        return { ok: true, id: row.id } as const;
      });
    },

    /** Only if the event is still the version the editor loaded. */
    async update(context: ChangeContext, eventId: number, loadedVersion: number, input: EventInput): Promise<EventChange> {
      const { targetGroupIds, ...fields } = input;
      return prisma.$transaction(async (tx) => {
        const before = await tx.event.findUnique({ where: { id: eventId }, select: eventSelect });
        if (!before) return { ok: false, reason: 'not-found' } as const;
        const { count } = await tx.event.updateMany({
          where: { id: eventId, version: loadedVersion },
          data: { ...fields, version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'conflict' } as const;
        // updateMany cannot set a relation; the version check above already holds the row.
        await tx.event.update({ where: { id: eventId }, data: { targetGroups: { set: targetGroupIds.map((id) => ({ id })) } } });
        await writeAudit(tx, context, {
          action: 'event.updated',
          targetType: 'event',
          targetId: eventId,
          ...changedFields(
            { ...before, targetGroupIds: sortedIds(before.targetGroups.map((group) => group.id)) },
            { ...fields, targetGroupIds: sortedIds(targetGroupIds) },
            AUDITED_FIELDS,
            { redact: FREE_TEXT },
          ),
        });
        return { ok: true, id: eventId } as const;
      });
    },

    async remove(context: ChangeContext, eventId: number): Promise<EventRemoval> {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.event.deleteMany({ where: { id: eventId } });
        if (count === 0) return { ok: false, reason: 'not-found' } as const;
        await writeAudit(tx, context, { action: 'event.deleted', targetType: 'event', targetId: eventId });
        return { ok: true, id: eventId } as const;
      });
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;
export type StaffEvent = NonNullable<Awaited<ReturnType<EventService['find']>>>;
