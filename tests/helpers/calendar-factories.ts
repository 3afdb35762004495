// Test data for the calendar: activities, events and the lookup rows they refer to.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { EventKind } from '../../src/generated/prisma/enums.js';

export async function aLocalArea(prisma: PrismaClient, slug = `omraade-${randomUUID().slice(0, 8)}`, name = slug) {
  return prisma.localArea.upsert({
    where: { slug },
    create: { slug, nameDa: name, nameEn: `${name} (en)` },
    update: {},
  });
}

export async function aTargetGroup(prisma: PrismaClient, slug = `gruppe-${randomUUID().slice(0, 8)}`, name = slug) {
  return prisma.targetGroup.upsert({
    where: { slug },
    create: { slug, nameDa: name, nameEn: `${name} (en)` },
    update: {},
  });
}

export async function anActivity(
  prisma: PrismaClient,
  associationId: number,
  overrides: {
    title?: string;
    place?: string;
    startsAt?: Date;
    endsAt?: Date | null;
    weeklyUntil?: Date;
    published?: boolean;
    localAreaId?: number | null;
    targetGroupIds?: number[];
    accessibilityNotes?: string;
    description?: string;
  } = {},
) {
  const startsAt = overrides.startsAt ?? new Date('2026-11-24T18:00:00Z');
  return prisma.activity.create({
    data: {
      associationId,
      title: overrides.title ?? 'Aktivitet til test',
      description: overrides.description ?? '',
      place: overrides.place ?? 'Testhuset',
      accessibilityNotes: overrides.accessibilityNotes ?? '',
      recurrence: overrides.weeklyUntil ? 'WEEKLY' : 'ONCE',
      startsAt,
      endsAt: overrides.endsAt === undefined ? new Date(startsAt.getTime() + 2 * 60 * 60 * 1000) : overrides.endsAt,
      repeatUntil: overrides.weeklyUntil ?? null,
      published: overrides.published ?? true,
      localAreaId: overrides.localAreaId ?? null,
      targetGroups: { connect: (overrides.targetGroupIds ?? []).map((id) => ({ id })) },
    },
  });
}

export async function anEvent(
  prisma: PrismaClient,
  overrides: { title?: string; kind?: EventKind; startsAt?: Date; endsAt?: Date | null; url?: string | null; place?: string } = {},
) {
  const startsAt = overrides.startsAt ?? new Date('2026-11-27T16:00:00Z');
  return prisma.event.create({
    data: {
      title: overrides.title ?? 'Arrangement til test',
      kind: overrides.kind ?? 'NETWORK_MEETING',
      place: overrides.place ?? 'Rådhuset',
      startsAt,
      endsAt: overrides.endsAt === undefined ? new Date(startsAt.getTime() + 2 * 60 * 60 * 1000) : overrides.endsAt,
      url: overrides.url ?? null,
    },
  });
}
