// The nightly retention run (GDPR storage limitation), one job for every kind of
// personal data the portal keeps for a period: interests, inactive association members'
// accounts, the audit log, and expired "Mine data" links. The periods are the
// municipality's settings (settings.retention()), read at the start of each run, so a
// changed period applies at the next run. Safe to run any number of times.
//
// Two phases:
// - old audit rows are deleted first, in batches of AUDIT_DELETE_BATCH rows, each batch
//   in its own short transaction, so a large first run (years of rows) never holds one
//   long lock on the table every request writes to;
// - everything else, and the run's own `retention.ran` audit row with the counts, in one
//   transaction: a run that fails leaves no half-done state and no row.
// Only ids and counts are logged or audited: the deleted data is gone, and so is any
// trace of whose it was.
import type { TFunction } from 'i18next';
import type { PrismaClient, Prisma } from '../generated/prisma/client.js';
import type { Language } from '../i18n/i18n.js';
import type { RetentionPeriods } from '../features/municipality/settings-service.js';
import { writeAudit } from '../audit/audit-log.js';
import { queueMail } from '../mail/outbox.js';
import { deleteExpiredDataAccessLinks } from '../features/data-rights/data-access-links.js';
import { addDays, monthsBefore } from '../time/calendar-months.js';
import { deleteExpiredInterests } from './interest-retention.js';
import { inactivityWarning } from './retention-mail.js';

/** Days between the warning e-mail and the deletion of an inactive member's account. */
export const INACTIVITY_WARNING_DAYS = 30;
/** Audit rows deleted per transaction. */
export const AUDIT_DELETE_BATCH = 10_000;

export const RETENTION_RAN_ACTION = 'retention.ran';

export interface RetentionCounts {
  interests: number;
  membersWarned: number;
  membersDeleted: number;
  auditRows: number;
  dataLinks: number;
}

export interface RetentionDependencies {
  settings: { retention(): Promise<RetentionPeriods>; profile(): Promise<{ name: string }> };
  t(lang: Language): TFunction;
  baseUrl: string;
  /** Only for tests: a smaller batch shows that batching deletes everything. */
  auditBatchSize?: number;
}

function checkPeriod(name: string, months: number): void {
  // A misconfigured 0 or negative period would delete everything at once.
  if (!Number.isInteger(months) || months < 1) throw new Error(`Invalid retention period for ${name}: ${months} months`);
}

/**
 * An association member is inactive when their last activity (last login, or the
 * account's creation if they never logged in) is before `cutoff`. Staff and admins are
 * never selected: their accounts are managed by admins, not by retention.
 */
const inactiveMember = (cutoff: Date): Prisma.UserWhereInput => ({
  role: 'ASSOCIATION_MEMBER',
  OR: [{ lastLoginAt: { lt: cutoff } }, { lastLoginAt: null, createdAt: { lt: cutoff } }],
});

async function deleteOldAuditRows(prisma: PrismaClient, cutoff: Date, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await prisma.$executeRaw`
      DELETE FROM audit_log WHERE id IN (
        SELECT id FROM audit_log WHERE at < ${cutoff} ORDER BY id LIMIT ${batchSize}
      )`;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

export async function runRetention(prisma: PrismaClient, now: Date, deps: RetentionDependencies): Promise<RetentionCounts> {
  const periods = await deps.settings.retention();
  checkPeriod('interests', periods.interestMonths);
  checkPeriod('member inactivity', periods.memberInactivityMonths);
  checkPeriod('audit log', periods.auditMonths);

  const auditRows = await deleteOldAuditRows(prisma, monthsBefore(now, periods.auditMonths), deps.auditBatchSize ?? AUDIT_DELETE_BATCH);
  const municipality = (await deps.settings.profile()).name;
  const inactiveSince = monthsBefore(now, periods.memberInactivityMonths);
  const warnedBefore = addDays(now, -INACTIVITY_WARNING_DAYS);
  const deletesOn = addDays(now, INACTIVITY_WARNING_DAYS);

  return prisma.$transaction(async (tx) => {
    const interests = await deleteExpiredInterests(tx, { now: () => now }, { interestRetentionMonths: periods.interestMonths });
    const dataLinks = await deleteExpiredDataAccessLinks(tx, now);

    // Deleted: warned at least INACTIVITY_WARNING_DAYS ago, not logged in since (a login
    // clears the warning; the date comparison guards it anyway), and still inactive by
    // the current setting (a period lengthened after the warning spares the account).
    const doomed = await tx.user.findMany({
      where: {
        AND: [
          inactiveMember(inactiveSince),
          { inactivityWarnedAt: { lte: warnedBefore } },
          { OR: [{ lastLoginAt: null }, { lastLoginAt: { lt: prisma.user.fields.inactivityWarnedAt } }] },
        ],
      },
      select: { id: true },
    });
    // Memberships, recovery codes go with the account (cascade); audit rows and the
    // records the member wrote keep their history without the person (set null).
    const { count: membersDeleted } =
      doomed.length > 0 ? await tx.user.deleteMany({ where: { id: { in: doomed.map((u) => u.id) } } }) : { count: 0 };

    const toWarn = await tx.user.findMany({
      where: { AND: [inactiveMember(inactiveSince), { inactivityWarnedAt: null }] },
      select: { id: true, email: true, name: true },
      orderBy: { id: 'asc' },
    });
    if (toWarn.length > 0) {
      await tx.user.updateMany({ where: { id: { in: toWarn.map((u) => u.id) } }, data: { inactivityWarnedAt: now } });
      await queueMail(
        tx,
        toWarn.map((user) =>
          inactivityWarning(deps.t, { to: user.email, name: user.name, municipality, deletesOn, loginUrl: `${deps.baseUrl}/log-ind` }),
        ),
      );
    }

    const counts: RetentionCounts = { interests, membersWarned: toWarn.length, membersDeleted, auditRows, dataLinks };
    await writeAudit(
      tx,
      { actorUserId: null, requestId: null, now },
      { action: RETENTION_RAN_ACTION, targetType: 'retention', targetId: '*', details: { ...counts } },
    );
    return counts;
  });
}
