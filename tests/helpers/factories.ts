// Test data with sensible defaults; each test says only what matters to it.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import { inject } from 'vitest';
import { hashPassword } from '../../src/features/auth/password.js';

export { TEST_PASSWORD } from './test-password.js';

export async function aUser(
  prisma: PrismaClient,
  overrides: { role?: Role; email?: string; name?: string; active?: boolean; password?: string; associationId?: number } = {},
) {
  const passwordHash = overrides.password === undefined ? inject('testPasswordHash') : await hashPassword(overrides.password);
  return prisma.user.create({
    data: {
      email: overrides.email ?? `user-${randomUUID()}@example.org`,
      name: overrides.name ?? 'Test Testesen',
      role: overrides.role ?? 'ASSOCIATION_MEMBER',
      active: overrides.active ?? true,
      passwordHash,
      // Long before any test's clock: the database default (real now) would be later
      // than the FakeClock once real time passes it, ending every session at once.
      passwordChangedAt: new Date('2000-01-01T00:00:00Z'),
      ...(overrides.associationId ? { memberships: { create: { associationId: overrides.associationId } } } : {}),
    },
  });
}

export async function anAssociation(
  prisma: PrismaClient,
  overrides: { name?: string; status?: 'PENDING' | 'APPROVED' | 'REJECTED' | 'ARCHIVED' } = {},
) {
  const name = overrides.name ?? `Forening ${randomUUID().slice(0, 8)}`;
  return prisma.association.create({
    data: {
      name,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      organisationType: 'ASSOCIATION',
      status: overrides.status ?? 'APPROVED',
      description: 'En forening til test.',
    },
  });
}

export async function anOpening(
  prisma: PrismaClient,
  associationId: number,
  overrides: { title?: string; status?: 'DRAFT' | 'PUBLISHED' | 'CLOSED'; deadline?: Date | null; publishedAt?: Date } = {},
) {
  return prisma.opening.create({
    data: {
      associationId,
      title: overrides.title ?? 'Frivillig til test',
      summary: 'Kort om opgaven.',
      description: 'Længere beskrivelse.',
      form: 'ONGOING',
      timeCommitment: '2 timer om ugen',
      place: 'Testhuset',
      contactName: 'Kontakt Person',
      contactEmail: 'kontakt@example.org',
      status: overrides.status ?? 'PUBLISHED',
      publishedAt: overrides.publishedAt ?? new Date('2026-11-01T10:00:00Z'),
      deadline: overrides.deadline === undefined ? null : overrides.deadline,
    },
  });
}
