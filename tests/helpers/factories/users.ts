// Users, each with the run's test password unless the test picks another.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { Role } from '../../../src/generated/prisma/enums.js';
import { hashPassword } from '../../../src/features/auth/password.js';
import { sealForTests, TEST_TOTP_SECRET } from '../two-factor.js';

export { TEST_PASSWORD } from '../test-password.js';
export { TEST_TOTP_SECRET } from '../two-factor.js';

export interface UserOptions {
  role?: Role;
  email?: string;
  name?: string;
  active?: boolean;
  /** Another password than TEST_PASSWORD (hashed here, which is slow). */
  password?: string;
  /** Makes the user a member of this association. */
  associationId?: number;
  /** Enrolled in two-factor login with TEST_TOTP_SECRET: staff and admins by default, members not. */
  twoFactor?: boolean;
}

export async function aUser(prisma: PrismaClient, options: UserOptions = {}) {
  const passwordHash = options.password === undefined ? inject('testPasswordHash') : await hashPassword(options.password);
  const role = options.role ?? 'ASSOCIATION_MEMBER';
  const twoFactor = options.twoFactor ?? role !== 'ASSOCIATION_MEMBER';
  return prisma.user.create({
    data: {
      ...(twoFactor ? { totpSecret: sealForTests(TEST_TOTP_SECRET), totpEnabledAt: new Date('2000-01-01T00:00:00Z') } : {}),
      email: options.email ?? `user-${randomUUID()}@example.org`,
      name: options.name ?? 'Test Testesen',
      role,
      active: options.active ?? true,
      passwordHash,
      // Long before any test's clock: the database default (real now) would be later
      // than the FakeClock once real time passes it, ending every session at once.
      passwordChangedAt: new Date('2000-01-01T00:00:00Z'),
      ...(options.associationId ? { memberships: { create: { associationId: options.associationId } } } : {}),
    },
  });
}
