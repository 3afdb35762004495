// Association activities for the calendar: a published one-off evening by default,
// weekly with `weeklyUntil`.
import type { PrismaClient } from '../../../src/generated/prisma/client.js';

export interface ActivityOptions {
  title?: string;
  place?: string;
  startsAt?: Date;
  /** Default: two hours after the start; null for none. */
  endsAt?: Date | null;
  /** Makes the activity weekly, up to and including this day. */
  weeklyUntil?: Date;
  published?: boolean;
  localAreaId?: number | null;
  targetGroupIds?: number[];
  accessibilityNotes?: string;
  description?: string;
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

export async function anActivity(prisma: PrismaClient, associationId: number, options: ActivityOptions = {}) {
  const startsAt = options.startsAt ?? new Date('2026-11-24T18:00:00Z');
  return prisma.activity.create({
    data: {
      associationId,
      title: options.title ?? 'Aktivitet til test',
      description: options.description ?? '',
      place: options.place ?? 'Testhuset',
      accessibilityNotes: options.accessibilityNotes ?? '',
      recurrence: options.weeklyUntil ? 'WEEKLY' : 'ONCE',
      startsAt,
      endsAt: options.endsAt === undefined ? new Date(startsAt.getTime() + TWO_HOURS_MS) : options.endsAt,
      repeatUntil: options.weeklyUntil ?? null,
      published: options.published ?? true,
      localAreaId: options.localAreaId ?? null,
      targetGroups: { connect: (options.targetGroupIds ?? []).map((id) => ({ id })) },
    },
  });
}
