// Reading the audit log for admins: one page of rows under a filter (person, kind of
// record, action, period), the choices the filter offers (what appears in the log),
// one row in full, and the rows for the CSV download. Read only: the log is written by
// writeAudit/SecurityEvents (src/audit/audit-log.ts) and thinned only by retention.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { auditDetails, type AuditDetails } from '../../audit/audit-history.js';

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV download holds; a larger selection is cut off, with a note. */
export const AUDIT_CSV_CAP = 50_000;

/** Who did it: a user's id, or 'system' for rows without a user (the jobs, or a deleted account). */
export type ActorFilter = number | 'system';

export interface AuditFilter {
  actor: ActorFilter | null;
  targetType: string | null;
  action: string | null;
  /** From this instant (inclusive) … */
  from: Date | null;
  /** … until this instant (exclusive). */
  until: Date | null;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorUserId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: AuditDetails;
}

const SELECT = {
  id: true,
  at: true,
  actorUserId: true,
  action: true,
  targetType: true,
  targetId: true,
  requestId: true,
  details: true,
  actor: { select: { name: true, email: true } },
} as const satisfies Prisma.AuditLogSelect;

type Selected = Prisma.AuditLogGetPayload<{ select: typeof SELECT }>;

const toRow = (row: Selected): AuditRow => ({
  id: String(row.id),
  at: row.at,
  actorUserId: row.actorUserId,
  actorName: row.actor?.name ?? null,
  actorEmail: row.actor?.email ?? null,
  action: row.action,
  targetType: row.targetType,
  targetId: row.targetId,
  requestId: row.requestId,
  details: auditDetails(row.details),
});

function whereOf(filter: AuditFilter): Prisma.AuditLogWhereInput {
  return {
    ...(filter.actor === 'system' ? { actorUserId: null } : filter.actor !== null ? { actorUserId: filter.actor } : {}),
    ...(filter.targetType !== null ? { targetType: filter.targetType } : {}),
    ...(filter.action !== null ? { action: filter.action } : {}),
    ...(filter.from || filter.until
      ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.until ? { lt: filter.until } : {}) } }
      : {}),
  };
}

const NEWEST_FIRST = [{ at: 'desc' }, { id: 'desc' }] as const satisfies Prisma.AuditLogOrderByWithRelationInput[];

export function createAuditLogService(prisma: PrismaClient) {
  return {
    /** What the filter offers: the users who appear as actors, and the kinds of record and actions in the log. */
    async filterChoices() {
      // GROUP BY in the database (Prisma's `distinct` may read every row to dedupe them).
      const [actorRows, typeRows, actionRows] = await Promise.all([
        prisma.auditLog.groupBy({ by: ['actorUserId'], where: { actorUserId: { not: null } } }),
        prisma.auditLog.groupBy({ by: ['targetType'], where: { targetType: { not: null } } }),
        prisma.auditLog.groupBy({ by: ['action'], orderBy: { action: 'asc' } }),
      ]);
      const ids = actorRows.flatMap((row) => (row.actorUserId === null ? [] : [row.actorUserId]));
      const actors = await prisma.user.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, email: true },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      });
      return {
        actors,
        targetTypes: typeRows.flatMap((row) => (row.targetType === null ? [] : [row.targetType])).sort(),
        actions: actionRows.map((row) => row.action),
      };
    },

    /** Page `page` (clamped to the pages there are) of the rows under `filter`, newest first. */
    async page(filter: AuditFilter, page: number) {
      const where = whereOf(filter);
      const total = await prisma.auditLog.count({ where });
      const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
      const current = Math.min(Math.max(1, page), pageCount);
      const rows = await prisma.auditLog.findMany({
        where,
        orderBy: NEWEST_FIRST,
        skip: (current - 1) * AUDIT_PAGE_SIZE,
        take: AUDIT_PAGE_SIZE,
        select: SELECT,
      });
      return { page: current, pageCount, total, rows: rows.map(toRow) };
    },

    /**
     * Which of these users have a page of their own under /administration/brugere
     * (staff and admins); a member's id there is a 404, so the log links only these.
     */
    async staffAccountIds(ids: readonly number[]): Promise<Set<number>> {
      if (ids.length === 0) return new Set();
      const users = await prisma.user.findMany({
        where: { id: { in: [...new Set(ids)] }, role: { in: ['STAFF', 'ADMIN'] } },
        select: { id: true },
      });
      return new Set(users.map((user) => user.id));
    },

    /** One row, or null. */
    async entry(id: bigint): Promise<AuditRow | null> {
      const row = await prisma.auditLog.findUnique({ where: { id }, select: SELECT });
      return row ? toRow(row) : null;
    },

    /** The rows under `filter` for the download, newest first, at most `cap`; `capped` when there were more. */
    async forDownload(filter: AuditFilter, cap = AUDIT_CSV_CAP): Promise<{ rows: AuditRow[]; capped: boolean }> {
      const rows = await prisma.auditLog.findMany({ where: whereOf(filter), orderBy: NEWEST_FIRST, take: cap + 1, select: SELECT });
      return { rows: rows.slice(0, cap).map(toRow), capped: rows.length > cap };
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;
