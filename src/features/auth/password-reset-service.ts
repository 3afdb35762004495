// Setting a new password: by a reset link from e-mail (forgotten password) or on
// "Min side" with the current one. Either way the change ends the user's other
// sessions (ASVS 7.4.2–3) twice over: their rows in the session table are deleted at
// once, and loadSessionUser refuses any session that began before passwordChangedAt
// (which also catches a session a concurrent request writes back). The password
// update, the session deletion and the audit row are one transaction.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { SecurityEvents } from '../../audit/audit-log.js';
import { normaliseEmail } from './auth-service.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';
import { createResetToken, resetTokenUserId, verifyResetToken } from './reset-token.js';

export type ResetRequestOutcome =
  | { kind: 'unknown' }
  | { kind: 'inactive'; userId: number }
  | { kind: 'send'; user: { id: number; email: string; name: string }; token: string };

export type ResetLookup = { ok: true; user: { id: number; email: string; name: string } } | { ok: false };

export type ResetOutcome = { ok: true; user: { id: number; email: string; name: string } } | { ok: false };

export type ChangeOutcome = { ok: true; changedAt: Date } | { ok: false; reason: 'wrong-current' | 'same-as-current' | 'conflict' };

interface Meta {
  requestId: string;
  now: Date;
}

const USER_FIELDS = { id: true, email: true, name: true, active: true, passwordHash: true, passwordChangedAt: true } as const;

/**
 * Deletes the user's sessions from the express-session store, except `keepSid`.
 * passport keeps the user id at sess.passport.user (a JSON number, compared as text).
 */
function endSessions(tx: Prisma.TransactionClient, userId: number, keepSid: string | null) {
  // A session id is never empty, so '' keeps none.
  return tx.$executeRaw`DELETE FROM "session" WHERE sess->'passport'->>'user' = ${String(userId)} AND sid <> ${keepSid ?? ''}`;
}

export function createPasswordService(deps: { prisma: PrismaClient; audit: SecurityEvents; secret: string }) {
  const { prisma, audit, secret } = deps;

  /** A user with a password that is active and the token still fits, or null. */
  async function userForToken(token: string, now: Date) {
    const userId = resetTokenUserId(token, now);
    if (userId === null) return null;
    const user = await prisma.user.findUnique({ where: { id: userId }, select: USER_FIELDS });
    if (!user || !user.active || !verifyResetToken(secret, token, user, now)) return null;
    return user;
  }

  /** Replaces the hash only if it is still `oldHash` (single use, even when two requests race). */
  async function replacePassword(
    user: { id: number; passwordHash: string },
    newPassword: string,
    keepSid: string | null,
    change: { action: string; meta: Meta },
  ): Promise<boolean> {
    const passwordHash = await hashPassword(newPassword);
    const { now, requestId } = change.meta;
    return prisma.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id: user.id, passwordHash: user.passwordHash },
        data: { passwordHash, passwordChangedAt: now },
      });
      if (count === 0) return false;
      const ended = await endSessions(tx, user.id, keepSid);
      await tx.auditLog.create({
        data: {
          action: change.action,
          actorUserId: user.id,
          targetType: 'user',
          targetId: String(user.id),
          requestId,
          at: now,
          details: { otherSessionsEnded: ended },
        },
      });
      return true;
    });
  }

  return {
    /** Looks up the e-mail and, for an active user, makes a reset token. The caller replies the same either way. */
    async requestReset(email: string, meta: Meta): Promise<ResetRequestOutcome> {
      const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: USER_FIELDS });
      const outcome: ResetRequestOutcome = !user
        ? { kind: 'unknown' }
        : !user.active
          ? { kind: 'inactive', userId: user.id }
          : { kind: 'send', user: { id: user.id, email: user.email, name: user.name }, token: createResetToken(secret, user, meta.now) };
      // No e-mail address in the trail: for an unknown address it is not a user's data
      // to keep, and for a known one the user id says who.
      await audit.record({
        action: 'auth.passwordReset.requested',
        ...(user ? { targetType: 'user', targetId: user.id } : {}),
        requestId: meta.requestId,
        details: { outcome: outcome.kind === 'send' ? 'sent' : outcome.kind },
      });
      return outcome;
    },

    async lookupResetToken(token: string, now: Date): Promise<ResetLookup> {
      const user = await userForToken(token, now);
      return user ? { ok: true, user: { id: user.id, email: user.email, name: user.name } } : { ok: false };
    },

    /** Sets the new password if the token is still good, and ends every session of the user. */
    async resetPassword(token: string, newPassword: string, meta: Meta): Promise<ResetOutcome> {
      const user = await userForToken(token, meta.now);
      if (!user) return { ok: false };
      const changed = await replacePassword(user, newPassword, null, { action: 'auth.passwordReset.completed', meta });
      return changed ? { ok: true, user: { id: user.id, email: user.email, name: user.name } } : { ok: false };
    },

    /** Changes the password of a logged-in user who knows the current one; ends their other sessions. */
    async changePassword(
      userId: number,
      passwords: { current: string; next: string },
      keepSid: string,
      meta: Meta,
    ): Promise<ChangeOutcome> {
      const user = await prisma.user.findUnique({ where: { id: userId }, select: USER_FIELDS });
      if (!user) {
        await verifyAgainstDummy(passwords.current);
        return { ok: false, reason: 'wrong-current' };
      }
      if (!(await verifyPassword(user.passwordHash, passwords.current))) {
        await audit.record({
          action: 'auth.password.changeFailed',
          actorUserId: userId,
          targetType: 'user',
          targetId: userId,
          requestId: meta.requestId,
        });
        return { ok: false, reason: 'wrong-current' };
      }
      if (passwords.next.normalize('NFC') === passwords.current.normalize('NFC')) return { ok: false, reason: 'same-as-current' };
      const changed = await replacePassword(user, passwords.next, keepSid, { action: 'auth.password.changed', meta });
      return changed ? { ok: true, changedAt: meta.now } : { ok: false, reason: 'conflict' };
    },
  };
}

export type PasswordService = ReturnType<typeof createPasswordService>;
