// People's data rights (GDPR art. 15, 17, 20):
// - "Mine data" for citizens without an account: an e-mailed, expiring link shows every
//   interest and alert for new openings given with the address, withdraws or stops them and
//   downloads them as JSON;
// - account holders download their own data and delete their account;
// - an admin erases a person on request (interests, alerts, a member account, links and
//   invitations for the address).
//
// E-mail addresses are compared lower-cased in SQL (`lower(email) = …`), not with
// Prisma's `mode: 'insensitive'`, which matches with ILIKE and so would read `_` and
// `%` in an address as wildcards and reach other people's rows.
//
// Audit rows of erasures and deletions hold counts only: never the address, a name or
// anything that leads back to the person.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { endSessionsOf } from '../auth/user-sessions.js';
import type { Role } from '../../generated/prisma/enums.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import { hashSecretToken, newSecretToken } from '../../security/secret-token.js';
import { normaliseEmail } from '../auth/auth-service.js';
import { verifyAgainstDummy, verifyPassword } from '../auth/password.js';
import { publicOpeningWhere } from '../openings/visibility.js';
import { deleteInterestAudited } from '../interests/interest-withdrawal.js';
import { dataAccessLinkExpiry, deleteExpiredDataAccessLinks } from './data-access-links.js';

/** What replaces an erased address in older audit rows. */
export const ERASED_MARK = '(slettet)';

/** How many of the account holder's own audit rows the download holds (newest first). */
export const ACCOUNT_EXPORT_AUDIT_ROWS = 1000;

type Tx = Prisma.TransactionClient;
type Db = PrismaClient | Tx;

export interface AssociationRef {
  id: number;
  name: string;
}

export type LinkOutcome<T> = ({ ok: true } & T) | { ok: false; reason: 'invalid' };

export type WithdrawOneOutcome = { ok: true } | { ok: false; reason: 'invalid' | 'not-found' };

/** Why one may not delete one's own account: staff and admins are deactivated by an admin instead. */
export type AccountBlocker = { reason: 'last-member'; associations: AssociationRef[] } | { reason: 'staff-account' };

export type DeleteAccountOutcome = { ok: true } | { ok: false; reason: 'wrong-password' | 'not-found' } | ({ ok: false } & AccountBlocker);

export interface ErasurePreview {
  interests: number;
  /** Alerts for new openings with the address. */
  alerts: number;
  account: { role: Role } | null;
}

export type ErasureRefusal = { reason: 'staff-account' } | { reason: 'last-member'; associations: AssociationRef[] };

export type ErasurePreviewOutcome = { ok: true; preview: ErasurePreview } | ({ ok: false; preview: ErasurePreview } & ErasureRefusal);

export type EraseOutcome = { ok: true; interests: number; alerts: number; account: boolean } | ({ ok: false } & ErasureRefusal);

/** The interests given with an address (lower-cased), ids only. */
function interestRowsFor(db: Db, email: string) {
  return db.$queryRaw<{ id: number; openingId: number }[]>`
    SELECT id, opening_id AS "openingId" FROM interests WHERE lower(email) = ${email} ORDER BY created_at DESC, id DESC`;
}

/**
 * Associations in which the user is the only member. Their rows are locked first (as
 * leaving an association does, membership-service.ts), so two last members cannot
 * both leave at once.
 */
async function associationsLeftEmpty(tx: Tx, userId: number): Promise<AssociationRef[]> {
  await tx.$queryRaw`SELECT id FROM associations WHERE id IN (SELECT association_id FROM association_members WHERE user_id = ${userId}) FOR UPDATE`;
  return tx.$queryRaw<AssociationRef[]>`
    SELECT a.id, a.name FROM associations a
    JOIN association_members m ON m.association_id = a.id AND m.user_id = ${userId}
    WHERE NOT EXISTS (SELECT 1 FROM association_members o WHERE o.association_id = a.id AND o.user_id <> ${userId})
    ORDER BY a.name`;
}

/**
 * Whether the user is staff or an admin (the row locked while we decide): they do not
 * delete their own account; an admin deactivates it, so the audit trail keeps its link.
 */
async function isStaffAccount(tx: Tx, userId: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ role: string }[]>`SELECT role::text AS role FROM users WHERE id = ${userId} FOR UPDATE`;
  return rows[0] !== undefined && rows[0].role !== 'ASSOCIATION_MEMBER';
}

/**
 * The address as a whole word in any text: not part of a longer address (`a@b.dk`
 * inside `xa@b.dk` or `a@b.dk.eu`); a full stop after it (end of a sentence) is fine.
 */
function addressPattern(email: string): RegExp {
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9._%+-])${escaped}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`, 'gi');
}

/** Replaces the address wherever it occurs in a JSON value's strings. */
function scrub(value: Prisma.JsonValue, pattern: RegExp): Prisma.JsonValue {
  if (typeof value === 'string') return value.replace(pattern, ERASED_MARK);
  if (Array.isArray(value)) return value.map((item) => scrub(item, pattern));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item ?? null, pattern)]));
  return value;
}

/**
 * The alerts for new openings of an address (stored lower-cased: opening-alert-service.ts),
 * without their tokens: those are keys, not data about the person.
 */
function alertsFor(db: Db, email: string) {
  return db.openingAlert.findMany({
    where: { email },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      email: true,
      language: true,
      query: true,
      frequency: true,
      confirmedAt: true,
      sentUpTo: true,
      lastSentAt: true,
      createdAt: true,
    },
  });
}

export function createDataRightsService(prisma: PrismaClient) {
  /** The address a link opens, if the link exists and has not expired. */
  async function linkEmail(db: Db, token: string, now: Date): Promise<string | null> {
    const link = await db.dataAccessLink.findUnique({
      where: { tokenHash: hashSecretToken(token) },
      select: { email: true, expiresAt: true },
    });
    return link && link.expiresAt > now ? link.email : null;
  }

  /** A usable link's address and the ids of the interests given with it; null for a bad or expired link. */
  async function linkInterestIds(token: string, now: Date): Promise<{ email: string; ids: number[] } | null> {
    const email = await linkEmail(prisma, token, now);
    if (email === null) return null;
    return { email, ids: (await interestRowsFor(prisma, email)).map((row) => row.id) };
  }

  async function erasureCheck(
    db: Tx,
    email: string,
  ): Promise<ErasurePreviewOutcome & { userId: number | null; interestRows: { id: number }[] }> {
    const interestRows = await interestRowsFor(db, email);
    // Users' addresses are stored lower-cased (auth-service.ts).
    const user = await db.user.findUnique({ where: { email }, select: { id: true, role: true } });
    const alerts = await db.openingAlert.count({ where: { email } });
    const preview: ErasurePreview = { interests: interestRows.length, alerts, account: user ? { role: user.role } : null };
    const base = { preview, userId: user?.id ?? null, interestRows };
    if (user && user.role !== 'ASSOCIATION_MEMBER') return { ...base, ok: false, reason: 'staff-account' };
    if (user) {
      const associations = await associationsLeftEmpty(db, user.id);
      if (associations.length > 0) return { ...base, ok: false, reason: 'last-member', associations };
    }
    return { ...base, ok: true };
  }

  return {
    // ---- "Mine data": the e-mailed link ----

    /**
     * Looks the address up and, only if interests were given with it, stores a link
     * and queues its e-mail (`mail` builds it from the token) — in one transaction
     * either way, so known and unknown addresses take about the same time. Expired
     * links are cleared on the way. The caller answers the same in both cases.
     */
    async requestLink(email: string, now: Date, mail: (token: string) => MailMessage): Promise<void> {
      const address = normaliseEmail(email);
      await prisma.$transaction(async (tx) => {
        await deleteExpiredDataAccessLinks(tx, now);
        const [{ known } = { known: false }] = await tx.$queryRaw<{ known: boolean }[]>`
          SELECT EXISTS (SELECT 1 FROM interests WHERE lower(email) = ${address})
              OR EXISTS (SELECT 1 FROM opening_alerts WHERE email = ${address}) AS known`;
        if (!known) return; // Nobody to write to: strangers get no e-mail from us.
        const { token, tokenHash } = newSecretToken();
        await tx.dataAccessLink.create({
          data: { email: address, tokenHash, expiresAt: dataAccessLinkExpiry(now), createdAt: now },
        });
        await queueMail(tx, mail(token));
      });
    },

    /** The interests the link's address gave, with what the page shows of each. */
    async interestsByLink(token: string, now: Date) {
      const link = await linkInterestIds(token, now);
      if (link === null) return { ok: false, reason: 'invalid' } as const;
      const { email, ids } = link;
      const interests = await prisma.interest.findMany({
        where: { id: { in: ids } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: {
          id: true,
          createdAt: true,
          status: true,
          statusChangedAt: true,
          opening: { select: { id: true, title: true, association: { select: { name: true } } } },
        },
      });
      const openingIds = [...new Set(interests.map((interest) => interest.opening.id))];
      const visible = await prisma.opening.findMany({
        where: { id: { in: openingIds }, ...publicOpeningWhere(now) },
        select: { id: true },
      });
      const publicIds = new Set(visible.map((opening) => opening.id));
      return {
        ok: true,
        email,
        interests: interests.map((interest) => ({ ...interest, openingIsPublic: publicIds.has(interest.opening.id) })),
        alerts: await alertsFor(prisma, email),
      } as const;
    },

    /** Every stored field of the link's address's interests (not the withdrawal token's hash nor the form key: secrets, not data about the person). */
    async exportByLink(token: string, now: Date) {
      const link = await linkInterestIds(token, now);
      if (link === null) return { ok: false, reason: 'invalid' } as const;
      const { email, ids } = link;
      const interests = await prisma.interest.findMany({
        where: { id: { in: ids } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: {
          id: true,
          name: true,
          email: true,
          phone: true,
          message: true,
          consentedAt: true,
          consentVersion: true,
          status: true,
          statusChangedAt: true,
          createdAt: true,
          updatedAt: true,
          opening: { select: { id: true, title: true, association: { select: { id: true, name: true } } } },
        },
      });
      return { ok: true, data: { exportedAt: now, email, interests, openingAlerts: await alertsFor(prisma, email) } } as const;
    },

    /** Withdraws one of the link's address's interests (as the receipt's link does). */
    async withdrawByLink(token: string, interestId: number, context: ChangeContext): Promise<WithdrawOneOutcome> {
      return prisma.$transaction(async (tx): Promise<WithdrawOneOutcome> => {
        const email = await linkEmail(tx, token, context.now);
        if (email === null) return { ok: false, reason: 'invalid' };
        const row = (await interestRowsFor(tx, email)).find((candidate) => candidate.id === interestId);
        if (!row || !(await deleteInterestAudited(tx, row, context))) return { ok: false, reason: 'not-found' };
        return { ok: true };
      });
    },

    /** Withdraws every interest of the link's address; answers how many. */
    async withdrawAllByLink(token: string, context: ChangeContext): Promise<LinkOutcome<{ count: number }>> {
      return prisma.$transaction(async (tx): Promise<LinkOutcome<{ count: number }>> => {
        const email = await linkEmail(tx, token, context.now);
        if (email === null) return { ok: false, reason: 'invalid' };
        let count = 0;
        for (const row of await interestRowsFor(tx, email)) if (await deleteInterestAudited(tx, row, context)) count += 1;
        return { ok: true, count };
      });
    },

    /** Stops (deletes) one of the link's address's alerts for new openings. */
    async stopAlertByLink(token: string, alertId: number, context: ChangeContext): Promise<WithdrawOneOutcome> {
      return prisma.$transaction(async (tx): Promise<WithdrawOneOutcome> => {
        const email = await linkEmail(tx, token, context.now);
        if (email === null) return { ok: false, reason: 'invalid' };
        const { count } = await tx.openingAlert.deleteMany({ where: { id: alertId, email } });
        if (count === 0) return { ok: false, reason: 'not-found' };
        await writeAudit(tx, context, {
          action: 'openingAlert.unsubscribed',
          targetType: 'openingAlert',
          targetId: alertId,
          details: { via: 'mine-data' },
        });
        return { ok: true };
      });
    },

    // ---- Account holders ----

    /** The account's own data: no password hash, no TOTP secret or step, no recovery codes. */
    async accountExport(userId: number, now: Date) {
      const account = await prisma.user.findUnique({
        where: { id: userId },
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          active: true,
          lastLoginAt: true,
          passwordChangedAt: true,
          totpEnabledAt: true,
          inactivityWarnedAt: true,
          createdAt: true,
          updatedAt: true,
          memberships: {
            orderBy: { createdAt: 'asc' },
            select: { createdAt: true, association: { select: { id: true, name: true } } },
          },
        },
      });
      if (!account) return null;
      const activity = await prisma.auditLog.findMany({
        where: { actorUserId: userId },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: ACCOUNT_EXPORT_AUDIT_ROWS,
        select: { at: true, action: true, targetType: true, targetId: true },
      });
      const { memberships, ...fields } = account;
      return {
        exportedAt: now,
        account: fields,
        memberships: memberships.map((m) => ({
          associationId: m.association.id,
          association: m.association.name,
          memberSince: m.createdAt,
        })),
        // An account gives no interests: those are given without one, found through "Mine data".
        activity,
        // Alerts need no account either; those for the account's address are the person's too.
        openingAlerts: await alertsFor(prisma, account.email),
      };
    },

    /** Why the account may not be deleted now, or null. */
    async accountBlocker(userId: number): Promise<AccountBlocker | null> {
      return prisma.$transaction(async (tx) => {
        if (await isStaffAccount(tx, userId)) return { reason: 'staff-account' } as const;
        const associations = await associationsLeftEmpty(tx, userId);
        if (associations.length > 0) return { reason: 'last-member', associations } as const;
        return null;
      });
    },

    /**
     * Deletes the account of a user who gave the current password: the memberships and
     * recovery codes go with it (cascade), the audit rows stay without the link to the
     * person (actor set null), and every session of the user ends at once.
     */
    async deleteAccount(userId: number, password: string, context: ChangeContext): Promise<DeleteAccountOutcome> {
      const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true, role: true } });
      if (!user) {
        await verifyAgainstDummy(password);
        return { ok: false, reason: 'not-found' };
      }
      if (user.role !== 'ASSOCIATION_MEMBER') return { ok: false, reason: 'staff-account' };
      if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: 'wrong-password' };
      return prisma.$transaction(async (tx): Promise<DeleteAccountOutcome> => {
        if (await isStaffAccount(tx, userId)) return { ok: false, reason: 'staff-account' };
        const associations = await associationsLeftEmpty(tx, userId);
        if (associations.length > 0) return { ok: false, reason: 'last-member', associations };
        const memberships = await tx.associationMember.count({ where: { userId } });
        const sessions = await endSessionsOf(tx, userId);
        // Written before the delete, with no actor: the row must not point at the person.
        await writeAudit(
          tx,
          { ...context, actorUserId: null },
          {
            action: 'account.deleted',
            targetType: 'user',
            targetId: userId,
            details: { role: user.role, memberships, sessionsEnded: sessions },
          },
        );
        const { count } = await tx.user.deleteMany({ where: { id: userId } });
        if (count !== 1) throw new Error('account vanished during deletion');
        return { ok: true };
      });
    },

    // ---- Admin erasure ----

    /** What erasing the address would delete, or why it is refused. */
    async erasurePreview(email: string): Promise<ErasurePreviewOutcome> {
      const address = normaliseEmail(email);
      return prisma.$transaction(async (tx) => {
        const { userId: _userId, interestRows: _rows, ...outcome } = await erasureCheck(tx, address);
        return outcome;
      });
    },

    /**
     * Erases everything the portal holds about the address, in one transaction: its
     * interests, a member account (with its sessions), "Mine data" links, invitations
     * sent to it; the address is replaced in older audit rows' details; one audit row
     * `person.erased` records that it happened, with counts only.
     */
    async erase(email: string, context: ChangeContext): Promise<EraseOutcome> {
      const address = normaliseEmail(email);
      return prisma.$transaction(async (tx): Promise<EraseOutcome> => {
        const check = await erasureCheck(tx, address);
        if (!check.ok)
          return check.reason === 'staff-account'
            ? { ok: false, reason: 'staff-account' }
            : { ok: false, reason: 'last-member', associations: check.associations };
        const ids = check.interestRows.map((row) => row.id);
        const { count: interests } = await tx.interest.deleteMany({ where: { id: { in: ids } } });
        if (check.userId !== null) {
          await endSessionsOf(tx, check.userId);
          await tx.user.delete({ where: { id: check.userId } });
        }
        await tx.$executeRaw`DELETE FROM data_access_links WHERE lower(email) = ${address}`;
        const { count: alerts } = await tx.openingAlert.deleteMany({ where: { email: address } });
        await tx.$executeRaw`DELETE FROM association_invitations WHERE lower(email) = ${address}`;
        await tx.$executeRaw`DELETE FROM staff_invitations WHERE lower(email) = ${address}`;
        // strpos, not LIKE: an address may hold `_`, a LIKE wildcard.
        const traces = await tx.$queryRaw<{ id: bigint; details: Prisma.JsonValue }[]>`
          SELECT id, details FROM audit_log WHERE details IS NOT NULL AND strpos(lower(details::text), ${address}) > 0 FOR UPDATE`;
        const pattern = addressPattern(address);
        for (const row of traces) {
          const details = scrub(row.details, pattern);
          if (JSON.stringify(details) === JSON.stringify(row.details)) continue; // only a longer address matched
          await tx.auditLog.update({ where: { id: row.id }, data: { details: details as Prisma.InputJsonValue } });
        }
        await writeAudit(tx, context, {
          action: 'person.erased',
          targetType: 'person',
          targetId: '-',
          details: { interests, alerts, account: check.userId !== null },
        });
        return { ok: true, interests, alerts, account: check.userId !== null };
      });
    },
  };
}

export type DataRightsService = ReturnType<typeof createDataRightsService>;
