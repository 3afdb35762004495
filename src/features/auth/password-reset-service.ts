// Setting a new password: by a reset link from e-mail (forgotten password) or on
// "Min side" with the current one. Either way the change ends the user's other
// sessions (ASVS 7.4.2–3) twice over: their rows in the session table are deleted at
// once, and loadSessionUser refuses any session that began before passwordChangedAt
// (which also catches a session a concurrent request writes back). The password
// update, the session deletion, the audit row and the "your password was changed"
// e-mail are one transaction.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { endSessionsOf } from './user-sessions.js';
import { writeAudit, type ChangeContext, type SecurityEvents } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import { normaliseEmail } from './auth-service.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';
import { createResetToken, resetTokenUserId, verifyResetToken } from './reset-token.js';

/** Whom a password e-mail goes to. */
export interface PasswordUser {
  id: number;
  email: string;
  name: string;
}

export type ResetLookup = { ok: true; user: PasswordUser } | { ok: false; reason: 'invalid' };

export type ResetOutcome = { ok: true; user: PasswordUser } | { ok: false; reason: 'invalid' };

export type ChangeOutcome = { ok: true; changedAt: Date } | { ok: false; reason: 'wrong-current' | 'same-as-current' | 'conflict' };

/** The e-mails a password change causes (the "your password was changed" notice), for the user it changed. */
export type PasswordChangeMail = (user: PasswordUser) => MailMessage[];

const USER_FIELDS = { id: true, email: true, name: true, active: true, passwordHash: true, passwordChangedAt: true } as const;

export function createPasswordService(deps: { prisma: PrismaClient; security: SecurityEvents; secret: string }) {
  const { prisma, security, secret } = deps;

  /** A user with a password that is active and the token still fits, or null. */
  async function userForToken(token: string, now: Date) {
    const userId = resetTokenUserId(token, now);
    if (userId === null) return null;
    const user = await prisma.user.findUnique({ where: { id: userId }, select: USER_FIELDS });
    if (!user || !user.active || !verifyResetToken(secret, token, user, now)) return null;
    return user;
  }

  /**
   * Replaces the hash only if it is still `user.passwordHash` (single use, even when
   * two requests race); with it, in one transaction: the other sessions end, the
   * audit row and the e-mails are written.
   */
  async function replacePassword(
    user: PasswordUser & { passwordHash: string },
    newPassword: string,
    keepSid: string | null,
    change: { action: string; context: ChangeContext; mail: PasswordChangeMail | undefined },
  ): Promise<boolean> {
    const passwordHash = await hashPassword(newPassword);
    const { now } = change.context;
    return prisma.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id: user.id, passwordHash: user.passwordHash },
        data: { passwordHash, passwordChangedAt: now },
      });
      if (count === 0) return false;
      const ended = await endSessionsOf(tx, user.id, keepSid);
      await writeAudit(
        tx,
        { ...change.context, actorUserId: user.id },
        { action: change.action, targetType: 'user', targetId: user.id, details: { otherSessionsEnded: ended } },
      );
      if (change.mail) await queueMail(tx, change.mail({ id: user.id, email: user.email, name: user.name }));
      return true;
    });
  }

  return {
    /**
     * Looks up the e-mail and, for an active user, queues the reset link (`mail`
     * makes it from the user and the token). The caller replies the same either way.
     */
    async requestReset(
      email: string,
      request: { requestId: string; now: Date },
      mail: (user: PasswordUser, token: string) => MailMessage[],
    ): Promise<void> {
      const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: USER_FIELDS });
      const outcome = !user ? 'unknown' : !user.active ? 'inactive' : 'sent';
      if (user && outcome === 'sent') {
        const token = createResetToken(secret, user, request.now);
        await queueMail(prisma, mail({ id: user.id, email: user.email, name: user.name }, token));
      }
      // No e-mail address in the trail: for an unknown address it is not a user's data
      // to keep, and for a known one the user id says who. Asking changes no data, so
      // this is a security event.
      await security.record({
        action: 'auth.passwordReset.requested',
        ...(user ? { targetType: 'user', targetId: user.id } : {}),
        requestId: request.requestId,
        details: { outcome },
      });
    },

    async lookupResetToken(token: string, now: Date): Promise<ResetLookup> {
      const user = await userForToken(token, now);
      return user ? { ok: true, user: { id: user.id, email: user.email, name: user.name } } : { ok: false, reason: 'invalid' };
    },

    /** Sets the new password if the token is still good, and ends every session of the user. */
    async resetPassword(token: string, newPassword: string, context: ChangeContext, mail?: PasswordChangeMail): Promise<ResetOutcome> {
      const user = await userForToken(token, context.now);
      if (!user) return { ok: false, reason: 'invalid' };
      const changed = await replacePassword(user, newPassword, null, { action: 'auth.passwordReset.completed', context, mail });
      return changed ? { ok: true, user: { id: user.id, email: user.email, name: user.name } } : { ok: false, reason: 'invalid' };
    },

    /** Changes the password of a logged-in user who knows the current one; ends their other sessions. */
    async changePassword(
      userId: number,
      passwords: { current: string; next: string },
      keepSid: string,
      context: ChangeContext,
      mail?: PasswordChangeMail,
    ): Promise<ChangeOutcome> {
      const user = await prisma.user.findUnique({ where: { id: userId }, select: USER_FIELDS });
      if (!user) {
        await verifyAgainstDummy(passwords.current);
        return { ok: false, reason: 'wrong-current' };
      }
      if (!(await verifyPassword(user.passwordHash, passwords.current))) {
        await security.record({
          action: 'auth.password.changeFailed',
          actorUserId: userId,
          targetType: 'user',
          targetId: userId,
          requestId: context.requestId ?? undefined,
        });
        return { ok: false, reason: 'wrong-current' };
      }
      if (passwords.next.normalize('NFC') === passwords.current.normalize('NFC')) return { ok: false, reason: 'same-as-current' };
      const changed = await replacePassword(user, passwords.next, keepSid, { action: 'auth.password.changed', context, mail });
      return changed ? { ok: true, changedAt: context.now } : { ok: false, reason: 'conflict' };
    },
  };
}

export type PasswordService = ReturnType<typeof createPasswordService>;
