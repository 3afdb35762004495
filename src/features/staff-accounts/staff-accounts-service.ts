// The municipality's staff and admin accounts: invitations by e-mail link, accepting
// one, changing a role, deactivating and reactivating. Association members' accounts
// are not managed here (they belong to their associations): every lookup by id is
// limited to the staff roles, so a member's id is simply not found.
//
// Two rules need the database's help:
// - The last active admin can be neither deactivated nor made staff. The active admins'
//   rows are locked (SELECT … FOR UPDATE) before counting, so two admins demoting each
//   other at the same moment are serialised and the second sees only one admin left.
// - A deactivated user is out at once: the same transaction deletes their sessions
//   (auth-service.ts also refuses an inactive user on every request).
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { endSessionsOf } from '../auth/user-sessions.js';
import { isUniqueViolation } from '../../db/errors.js';
import { changedFields, writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { auditHistoryPage } from '../../audit/audit-history.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from '../../security/secret-token.js';
import { hashPassword } from '../auth/password.js';
import type { StaffRole } from './staff-accounts-schemas.js';

export const STAFF_INVITATION_VALID_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const STAFF_ROLE_LIST: StaffRole[] = ['STAFF', 'ADMIN'];

export interface StaffInvited {
  token: string;
  expiresAt: Date;
}

/** `replaced`: a pending invitation to the address was withdrawn (its link no longer works). */
export type StaffInviteOutcome = ({ ok: true; replaced: boolean } & StaffInvited) | { ok: false; reason: 'has-account' };
export type StaffRevokeOutcome = { ok: true } | { ok: false; reason: 'not-found' };
export type StaffInvitationLookup =
  { ok: true; invitation: { id: number; email: string; role: StaffRole } } | { ok: false; reason: 'invalid' };
export type StaffAcceptOutcome = { ok: true; userId: number } | { ok: false; reason: 'invalid' | 'email-taken' };
export type AccountChangeOutcome = { ok: true } | { ok: false; reason: 'not-found' | 'stale' | 'last-admin' | 'self' };

/** Thrown inside a transaction to roll it back; turned into an outcome outside. */
class InvitationUsedError extends Error {}

const asStaffRole = (role: string): StaffRole => (role === 'ADMIN' ? 'ADMIN' : 'STAFF');

/**
 * Locks the active admins' rows and answers how many there are. Every change that can
 * take away an admin calls this first in its transaction.
 */
async function lockActiveAdmins(tx: Prisma.TransactionClient): Promise<number[]> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM users WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.id);
}

export function createStaffAccountService(prisma: PrismaClient) {
  const usableInvitation = async (token: string, now: Date) => {
    if (!isWellFormedSecretToken(token)) return null;
    return prisma.staffInvitation.findFirst({
      where: { tokenHash: hashSecretToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true, email: true, role: true },
    });
  };

  const staffUser = (userId: number) =>
    prisma.user.findFirst({
      where: { id: userId, role: { in: STAFF_ROLE_LIST } },
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        active: true,
        lastLoginAt: true,
        totpEnabledAt: true,
        version: true,
        createdAt: true,
      },
    });

  return {
    /** The list page: staff and admins, the pending invitations, and how many association members have accounts. */
    async overview(now: Date) {
      const [users, invitations, memberCount] = await Promise.all([
        prisma.user.findMany({
          where: { role: { in: STAFF_ROLE_LIST } },
          orderBy: [{ active: 'desc' }, { name: 'asc' }, { id: 'asc' }],
          select: { id: true, name: true, email: true, role: true, active: true, lastLoginAt: true, totpEnabledAt: true },
        }),
        prisma.staffInvitation.findMany({
          where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
          orderBy: { createdAt: 'asc' },
          select: { id: true, email: true, role: true, expiresAt: true },
        }),
        prisma.user.count({ where: { role: 'ASSOCIATION_MEMBER' } }),
      ]);
      return { users, invitations, memberCount };
    },

    /**
     * Invites `email` with `role`. An address that already has an account is refused;
     * an earlier live invitation to the same address is revoked, so only the newest link works.
     */
    async invite(
      input: { email: string; role: StaffRole },
      context: ChangeContext & { actorUserId: number },
      mail: (invited: StaffInvited) => MailMessage[],
    ): Promise<StaffInviteOutcome> {
      return prisma.$transaction(async (tx) => {
        if ((await tx.user.count({ where: { email: input.email } })) > 0) return { ok: false, reason: 'has-account' } as const;
        const replaced = await tx.staffInvitation.findMany({
          where: { email: input.email, acceptedAt: null, revokedAt: null },
          select: { id: true, expiresAt: true },
        });
        for (const old of replaced) {
          await tx.staffInvitation.update({ where: { id: old.id }, data: { revokedAt: context.now } });
          await writeAudit(tx, context, {
            action: 'staff.invitation-revoked',
            targetType: 'staff-invitation',
            targetId: old.id,
            details: { replaced: true },
          });
        }
        const { token, tokenHash } = newSecretToken();
        const expiresAt = new Date(context.now.getTime() + STAFF_INVITATION_VALID_DAYS * DAY_MS);
        const invitation = await tx.staffInvitation.create({
          data: { email: input.email, role: input.role, tokenHash, invitedById: context.actorUserId, expiresAt, createdAt: context.now },
          select: { id: true },
        });
        await writeAudit(tx, context, {
          action: 'staff.invited',
          targetType: 'staff-invitation',
          targetId: invitation.id,
          details: { role: input.role },
        });
        const invited = { token, expiresAt };
        await queueMail(tx, mail(invited));
        const stillValid = replaced.some((old) => old.expiresAt > context.now);
        return { ok: true, replaced: stillValid, ...invited } as const;
      });
    },

    /** Withdraws a pending invitation: its link stops working. */
    async revokeInvitation(invitationId: number, context: ChangeContext): Promise<StaffRevokeOutcome> {
      return prisma.$transaction(async (tx) => {
        const revoked = await tx.staffInvitation.updateMany({
          where: { id: invitationId, acceptedAt: null, revokedAt: null },
          data: { revokedAt: context.now },
        });
        if (revoked.count === 0) return { ok: false, reason: 'not-found' } as const;
        await writeAudit(tx, context, { action: 'staff.invitation-revoked', targetType: 'staff-invitation', targetId: invitationId });
        return { ok: true } as const;
      });
    },

    async lookupInvitation(token: string, now: Date): Promise<StaffInvitationLookup> {
      const invitation = await usableInvitation(token, now);
      return invitation
        ? { ok: true, invitation: { ...invitation, role: asStaffRole(invitation.role) } }
        : { ok: false, reason: 'invalid' };
    },

    /** The invited person makes their account with the invited role. They are not logged in: login (with two-factor enrolment) follows. */
    async acceptInvitation(
      token: string,
      account: { name: string; password: string },
      context: ChangeContext,
    ): Promise<StaffAcceptOutcome> {
      const invitation = await usableInvitation(token, context.now);
      if (!invitation) return { ok: false, reason: 'invalid' };
      const passwordHash = await hashPassword(account.password);
      try {
        return await prisma.$transaction(async (tx) => {
          if ((await tx.user.count({ where: { email: invitation.email } })) > 0) return { ok: false, reason: 'email-taken' } as const;
          // The WHERE makes the link single-use even when two requests race.
          const claimed = await tx.staffInvitation.updateMany({
            where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: context.now } },
            data: { acceptedAt: context.now },
          });
          if (claimed.count !== 1) throw new InvitationUsedError();
          const created = await tx.user.create({
            data: {
              email: invitation.email,
              name: account.name,
              role: invitation.role,
              passwordHash,
              passwordChangedAt: context.now,
              createdAt: context.now,
            },
            select: { id: true },
          });
          await writeAudit(
            tx,
            { ...context, actorUserId: created.id },
            {
              action: 'staff.invitation-accepted',
              targetType: 'user',
              targetId: created.id,
              details: { invitationId: invitation.id, role: invitation.role },
            },
          );
          return { ok: true, userId: created.id } as const;
        });
      } catch (error) {
        if (error instanceof InvitationUsedError) return { ok: false, reason: 'invalid' };
        // Someone made a user with this e-mail at the same moment.
        if (isUniqueViolation(error)) return { ok: false, reason: 'email-taken' };
        throw error;
      }
    },

    /** A staff or admin account with its recent history (rows about this account); null for anyone else. */
    async account(userId: number) {
      const user = await staffUser(userId);
      if (!user) return null;
      const history = await auditHistoryPage(prisma, { targetType: 'user', targetId: userId }, 1);
      return { user: { ...user, role: asStaffRole(user.role) }, history };
    },

    /** Staff ↔ admin. The last active admin stays admin. */
    async changeRole(userId: number, role: StaffRole, version: number, context: ChangeContext): Promise<AccountChangeOutcome> {
      return prisma.$transaction(async (tx) => {
        const admins = await lockActiveAdmins(tx);
        const before = await tx.user.findFirst({
          where: { id: userId, role: { in: STAFF_ROLE_LIST } },
          select: { role: true, active: true },
        });
        if (!before) return { ok: false, reason: 'not-found' } as const;
        if (before.role === role) {
          // Nothing to change; a stale form still answers stale.
          const current = await tx.user.count({ where: { id: userId, version } });
          return current === 1 ? ({ ok: true } as const) : ({ ok: false, reason: 'stale' } as const);
        }
        if (role === 'STAFF' && admins.includes(userId) && admins.length <= 1) return { ok: false, reason: 'last-admin' } as const;
        const updated = await tx.user.updateMany({ where: { id: userId, version }, data: { role, version: { increment: 1 } } });
        if (updated.count === 0) return { ok: false, reason: 'stale' } as const;
        await writeAudit(tx, context, {
          action: 'user.role-changed',
          targetType: 'user',
          targetId: userId,
          ...changedFields({ role: before.role }, { role }, ['role']),
        });
        return { ok: true } as const;
      });
    },

    /** Deactivates the account and ends its sessions. Never the actor's own, never the last active admin. */
    async deactivate(userId: number, version: number, context: ChangeContext): Promise<AccountChangeOutcome> {
      if (userId === context.actorUserId) return { ok: false, reason: 'self' };
      return prisma.$transaction(async (tx) => {
        const admins = await lockActiveAdmins(tx);
        const before = await tx.user.findFirst({ where: { id: userId, role: { in: STAFF_ROLE_LIST } }, select: { active: true } });
        if (!before) return { ok: false, reason: 'not-found' } as const;
        if (admins.includes(userId) && admins.length <= 1) return { ok: false, reason: 'last-admin' } as const;
        const updated = await tx.user.updateMany({ where: { id: userId, version }, data: { active: false, version: { increment: 1 } } });
        if (updated.count === 0) return { ok: false, reason: 'stale' } as const;
        const sessions = await endSessionsOf(tx, userId);
        await writeAudit(tx, context, {
          action: 'user.deactivated',
          targetType: 'user',
          targetId: userId,
          details: { sessionsEnded: sessions },
          ...changedFields({ active: before.active }, { active: false }, ['active']),
        });
        return { ok: true } as const;
      });
    },

    async reactivate(userId: number, version: number, context: ChangeContext): Promise<AccountChangeOutcome> {
      return prisma.$transaction(async (tx) => {
        const before = await tx.user.findFirst({ where: { id: userId, role: { in: STAFF_ROLE_LIST } }, select: { active: true } });
        if (!before) return { ok: false, reason: 'not-found' } as const;
        const updated = await tx.user.updateMany({ where: { id: userId, version }, data: { active: true, version: { increment: 1 } } });
        if (updated.count === 0) return { ok: false, reason: 'stale' } as const;
        await writeAudit(tx, context, {
          action: 'user.reactivated',
          targetType: 'user',
          targetId: userId,
          ...changedFields({ active: before.active }, { active: true }, ['active']),
        });
        return { ok: true } as const;
      });
    },
  };
}

export type StaffAccountService = ReturnType<typeof createStaffAccountService>;
