// Who may log in, and who the logged-in user is on each request.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { verifyAgainstDummy, verifyPassword } from './password.js';

export type LoginOutcome = { ok: true; user: AuthenticatedUser } | { ok: false };

export interface AuthService {
  verifyCredentials(email: string, password: string): Promise<LoginOutcome>;
  /** The user for a session, or null if they no longer exist, are deactivated,
   * changed their password after `sessionStartedAt` (which ends other sessions), or
   * must use two factors (staff, admins, members who enrolled) and the session has
   * not had the second one — whatever path made the session (belt and braces). */
  loadSessionUser(userId: number, sessionStartedAt: number | undefined, secondFactorGiven: boolean): Promise<AuthenticatedUser | null>;
  /** The user a pending login (password given, second factor to come) is for, if still active. */
  activeUser(userId: number): Promise<AuthenticatedUser | null>;
  recordLogin(userId: number, at: Date): Promise<void>;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createAuthService(prisma: PrismaClient): AuthService {
  const findUser = (where: { id: number } | { email: string }) =>
    prisma.user.findUnique({
      where,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        active: true,
        passwordHash: true,
        passwordChangedAt: true,
        totpEnabledAt: true,
        memberships: { select: { associationId: true } },
      },
    });
  type Row = NonNullable<Awaited<ReturnType<typeof findUser>>>;
  const toAuthenticated = (row: Row): AuthenticatedUser => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    associationIds: row.memberships.map((m) => m.associationId),
  });

  return {
    async verifyCredentials(email, password) {
      const row = await findUser({ email: normaliseEmail(email) });
      if (!row) {
        // Same cost as a real check, so response time does not reveal accounts.
        await verifyAgainstDummy(password);
        return { ok: false };
      }
      const valid = await verifyPassword(row.passwordHash, password);
      if (!valid || !row.active) return { ok: false };
      return { ok: true, user: toAuthenticated(row) };
    },

    async loadSessionUser(userId, sessionStartedAt, secondFactorGiven) {
      const row = await findUser({ id: userId });
      if (!row || !row.active) return null;
      if (sessionStartedAt !== undefined && row.passwordChangedAt.getTime() > sessionStartedAt) return null;
      const needsSecondFactor = row.role === 'STAFF' || row.role === 'ADMIN' || row.totpEnabledAt !== null;
      if (needsSecondFactor && !secondFactorGiven) return null;
      return toAuthenticated(row);
    },

    async activeUser(userId) {
      const row = await findUser({ id: userId });
      return row?.active ? toAuthenticated(row) : null;
    },

    async recordLogin(userId, at) {
      // A login ends an inactivity warning (src/jobs/retention.ts): the account is in use.
      await prisma.user.update({ where: { id: userId }, data: { lastLoginAt: at, inactivityWarnedAt: null } });
    },
  };
}
