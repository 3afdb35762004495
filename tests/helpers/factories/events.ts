// The municipality's events for the calendar (network meetings and the like).
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { EventKind } from '../../../src/generated/prisma/enums.js';

export interface EventOptions {
  title?: string;
  kind?: EventKind;
  startsAt?: Date;
  /** Default: two hours after the start; null for none. */
  endsAt?: Date | null;
  url?: string | null;
  place?: string;
  description?: string;
  localAreaId?: number | null;
  targetGroupIds?: number[];
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

export async function anEvent(prisma: PrismaClient, options: EventOptions = {}) {
  const startsAt = options.startsAt ?? new Date('2026-11-27T16:00:00Z');
  return prisma.event.create({
    data: {
      title: options.title ?? 'Arrangement til test',
      kind: options.kind ?? 'NETWORK_MEETING',
      place: options.place ?? 'Rådhuset',
      startsAt,
      endsAt: options.endsAt === undefined ? new Date(startsAt.getTime() + TWO_HOURS_MS) : options.endsAt,
      url: options.url ?? null,
      description: options.description ?? '',
      localAreaId: options.localAreaId ?? null,
      targetGroups: { connect: (options.targetGroupIds ?? []).map((id) => ({ id })) },
    },
  });
}
