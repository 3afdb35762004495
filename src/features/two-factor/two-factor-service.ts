// Two-factor login (TOTP) and recovery codes: who must give a second factor, checking
// a code at login, enrolling, turning it off (members only), new recovery codes, and
// an admin's reset. The TOTP secret is stored sealed (src/security/secret-box.ts);
// recovery codes only as hashes. Every change is audited in its transaction; a failed
// code is a security event (recorded by the controller). ADR 0021.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { endSessionsOf } from '../auth/user-sessions.js';
import type { Role } from '../../generated/prisma/enums.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import type { SecretBox } from '../../security/secret-box.js';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.js';
import { newTotpSecret, verifyTotp } from './totp.js';

/** What a user must do after the password: nothing, give a code, or enrol first. */
export type SecondStep = 'none' | 'code' | 'enrol';

/** Staff and admins must use two factors; association members may. */
export function twoFactorRequired(role: Role): boolean {
  return role === 'STAFF' || role === 'ADMIN';
}

export interface TwoFactorStatus {
  enabled: boolean;
  required: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Enrolled, but the secret cannot be opened (the key changed): only recovery codes work; enrol again. */
  secretUnreadable: boolean;
}

export type CodeOutcome = { ok: true; method: 'totp' | 'recovery-code' } | { ok: false; reason: 'invalid' };
export type EnrolOutcome = { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'invalid-code' };
export type ChangeOutcome = { ok: true; recoveryCodes?: string[] } | { ok: false; reason: 'invalid-code' | 'not-allowed' };
export type ResetOutcome = { ok: true } | { ok: false; reason: 'not-found' | 'own-account' };

/** What changed, for the notice mailed to the account's owner (ASVS 2.5.5). */
export type TwoFactorChange = 'enrolled' | 'replaced' | 'disabled' | 'recoveryCodesRenewed' | 'reset';
/** Makes that notice; queued in the change's own transaction, so both happen or neither. */
export type TwoFactorNotice = (to: { email: string; name: string }, change: TwoFactorChange) => MailMessage;

export function createTwoFactorService(deps: { prisma: PrismaClient; secretBox: SecretBox }) {
  const { prisma, secretBox } = deps;

  const findUser = (userId: number) =>
    prisma.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, name: true, role: true, active: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true },
    });
  type Row = NonNullable<Awaited<ReturnType<typeof findUser>>>;

  /** The stored secret, or null if the user has not enrolled (or it cannot be opened). */
  const secretOf = (row: Row) => (row.totpEnabledAt && row.totpSecret ? secretBox.open(row.totpSecret) : null);

  /**
   * Accepts a TOTP code once: the step is written only if it is later than the last
   * accepted one, so two requests racing with the same code cannot both pass.
   */
  async function acceptTotp(row: Row, code: string, now: Date): Promise<boolean> {
    const secret = secretOf(row);
    if (!secret) return false;
    const step = verifyTotp(secret, code, now, row.totpLastStep);
    if (step === null) return false;
    const { count } = await prisma.user.updateMany({
      where: { id: row.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1;
  }

  async function storeRecoveryCodes(tx: Prisma.TransactionClient, userId: number, now: Date): Promise<string[]> {
    const { codes, hashes } = newRecoveryCodes();
    await tx.userRecoveryCode.deleteMany({ where: { userId } });
    await tx.userRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })) });
    return codes;
  }

  return {
    /** A new secret to enrol, and the sealed form the session keeps until it is confirmed. */
    newCandidate(): { secret: string; sealed: string } {
      const secret = newTotpSecret();
      return { secret, sealed: secretBox.seal(secret) };
    },

    openCandidate(sealed: string): string | null {
      return secretBox.open(sealed);
    },

    async secondStep(userId: number): Promise<SecondStep> {
      const row = await findUser(userId);
      if (!row) return 'none';
      if (row.totpEnabledAt) return 'code';
      return twoFactorRequired(row.role) ? 'enrol' : 'none';
    },

    async status(userId: number): Promise<TwoFactorStatus | null> {
      const row = await findUser(userId);
      if (!row) return null;
      const recoveryCodesLeft = await prisma.userRecoveryCode.count({ where: { userId, usedAt: null } });
      return {
        enabled: row.totpEnabledAt !== null,
        required: twoFactorRequired(row.role),
        enabledAt: row.totpEnabledAt,
        recoveryCodesLeft,
        secretUnreadable: row.totpEnabledAt !== null && secretOf(row) === null,
      };
    },

    /** The second step at login: a TOTP code, or else an unused recovery code (used up here). */
    async verifyLoginCode(userId: number, input: string, context: ChangeContext): Promise<CodeOutcome> {
      const row = await findUser(userId);
      if (!row || !row.active || !row.totpEnabledAt) return { ok: false, reason: 'invalid' };
      if (await acceptTotp(row, input, context.now)) return { ok: true, method: 'totp' };
      const recovery = normaliseRecoveryCode(input);
      if (!recovery) return { ok: false, reason: 'invalid' };
      const used = await prisma.$transaction(async (tx) => {
        const { count } = await tx.userRecoveryCode.updateMany({
          where: { userId, codeHash: hashRecoveryCode(recovery), usedAt: null },
          data: { usedAt: context.now },
        });
        if (count !== 1) return false;
        const left = await tx.userRecoveryCode.count({ where: { userId, usedAt: null } });
        await writeAudit(
          tx,
          { ...context, actorUserId: userId },
          {
            action: 'user.recovery-code-used',
            targetType: 'user',
            targetId: userId,
            details: { left },
          },
        );
        return true;
      });
      return used ? { ok: true, method: 'recovery-code' } : { ok: false, reason: 'invalid' };
    },

    /**
     * Turns two-factor on (or replaces the authenticator) with the secret the user was
     * shown, once they prove their app has it; old recovery codes are replaced.
     */
    async enrol(userId: number, secret: string, code: string, context: ChangeContext, notice?: TwoFactorNotice): Promise<EnrolOutcome> {
      const step = verifyTotp(secret, code, context.now, null);
      if (step === null) return { ok: false, reason: 'invalid-code' };
      const row = await findUser(userId);
      if (!row || !row.active) return { ok: false, reason: 'invalid-code' };
      const recoveryCodes = await prisma.$transaction(async (tx) => {
        await tx.user.update({
          where: { id: userId },
          data: { totpSecret: secretBox.seal(secret), totpEnabledAt: context.now, totpLastStep: step },
        });
        const codes = await storeRecoveryCodes(tx, userId, context.now);
        await writeAudit(tx, context, {
          action: 'user.two-factor-enrolled',
          targetType: 'user',
          targetId: userId,
          details: { replaced: row.totpEnabledAt !== null },
        });
        if (notice) await queueMail(tx, [notice(row, row.totpEnabledAt !== null ? 'replaced' : 'enrolled')]);
        return codes;
      });
      return { ok: true, recoveryCodes };
    },

    /** A member turns two-factor off with a current code; staff and admins may not. */
    async disable(userId: number, code: string, context: ChangeContext, notice?: TwoFactorNotice): Promise<ChangeOutcome> {
      const row = await findUser(userId);
      if (!row || twoFactorRequired(row.role)) return { ok: false, reason: 'not-allowed' };
      if (!(await acceptTotp(row, code, context.now))) return { ok: false, reason: 'invalid-code' };
      await prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
        await tx.userRecoveryCode.deleteMany({ where: { userId } });
        await writeAudit(tx, context, { action: 'user.two-factor-disabled', targetType: 'user', targetId: userId });
        if (notice) await queueMail(tx, [notice(row, 'disabled')]);
      });
      return { ok: true };
    },

    /**
     * New recovery codes for a current code; the old ones stop working. `code` is null
     * only just after a login with a recovery code (the controller keeps that window).
     */
    async renewRecoveryCodes(
      userId: number,
      code: string | null,
      context: ChangeContext,
      notice?: TwoFactorNotice,
    ): Promise<ChangeOutcome> {
      const row = await findUser(userId);
      if (!row?.totpEnabledAt) return { ok: false, reason: 'not-allowed' };
      if (code !== null && !(await acceptTotp(row, code, context.now))) return { ok: false, reason: 'invalid-code' };
      const recoveryCodes = await prisma.$transaction(async (tx) => {
        const codes = await storeRecoveryCodes(tx, userId, context.now);
        await writeAudit(tx, context, {
          action: 'user.recovery-codes-renewed',
          targetType: 'user',
          targetId: userId,
          ...(code === null ? { details: { after: 'recovery-code-login' } } : {}),
        });
        if (notice) await queueMail(tx, [notice(row, 'recoveryCodesRenewed')]);
        return codes;
      });
      return { ok: true, recoveryCodes };
    },

    /** Proves a current code without changing anything but the replay guard (before re-enrolling). */
    async checkCurrentCode(userId: number, code: string, now: Date): Promise<boolean> {
      const row = await findUser(userId);
      return row ? acceptTotp(row, code, now) : false;
    },

    /**
     * An admin's reset (a lost phone): the secret and recovery codes go, and the user's
     * sessions end; staff enrol again at their next login. Not one's own account:
     * another admin checks who asks.
     */
    async reset(userId: number, context: ChangeContext, notice?: TwoFactorNotice): Promise<ResetOutcome> {
      if (context.actorUserId === userId) return { ok: false, reason: 'own-account' };
      const row = await findUser(userId);
      if (!row) return { ok: false, reason: 'not-found' };
      await prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
        await tx.userRecoveryCode.deleteMany({ where: { userId } });
        const sessions = await endSessionsOf(tx, userId);
        await writeAudit(tx, context, {
          action: 'user.two-factor-reset',
          targetType: 'user',
          targetId: userId,
          details: { wasEnabled: row.totpEnabledAt !== null, sessionsEnded: sessions },
        });
        if (notice) await queueMail(tx, [notice(row, 'reset')]);
      });
      return { ok: true };
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
