// The municipality's portal-wide events (Frivillig Fredag, network meetings,
// courses), kept by staff.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { EventInput } from './calendar-schemas.js';

const eventSelect = {
  id: true,
  kind: true,
  title: true,
  description: true,
  place: true,
  startsAt: true,
  endsAt: true,
  url: true,
  updatedAt: true,
} as const;

export type EventOutcome = { ok: true; id: number } | { ok: false; reason: 'not-found' | 'conflict' };

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

    async create(input: EventInput, createdById: number): Promise<{ ok: true; id: number }> {
      const row = await prisma.event.create({ data: { ...input, createdById }, select: { id: true } });
      return { ok: true, id: row.id };
    },

    /** Only if the event is still the version the editor loaded (`updatedAt`, as for activities). */
    async update(eventId: number, loadedVersion: Date, input: EventInput): Promise<EventOutcome> {
      const { count } = await prisma.event.updateMany({ where: { id: eventId, updatedAt: loadedVersion }, data: input });
      if (count === 1) return { ok: true, id: eventId };
      const exists = await prisma.event.count({ where: { id: eventId } });
      return { ok: false, reason: exists ? 'conflict' : 'not-found' };
    },

    async remove(eventId: number): Promise<EventOutcome> {
      const { count } = await prisma.event.deleteMany({ where: { id: eventId } });
      return count === 1 ? { ok: true, id: eventId } : { ok: false, reason: 'not-found' };
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;
export type StaffEvent = NonNullable<Awaited<ReturnType<EventService['find']>>>;
