// An object's history for people: one page of its audit rows (an agreement's, a plan's),
// newest first, with the actor's name. Each history page then words the rows its own
// way; the paging and the reading of `details` are the same everywhere.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export const HISTORY_PAGE_SIZE = 25;

export type AuditDetails = Record<string, Prisma.JsonValue>;

/** A row's details as an object ({} when there are none). */
export const auditDetails = (details: Prisma.JsonValue): AuditDetails =>
  details && typeof details === 'object' && !Array.isArray(details) ? (details as AuditDetails) : {};

/** Page `page` (clamped to the pages there are) of the rows about `targetType` `targetId`. */
export async function auditHistoryPage(prisma: PrismaClient, target: { targetType: string; targetId: string | number }, page: number) {
  const where: Prisma.AuditLogWhereInput = { targetType: target.targetType, targetId: String(target.targetId) };
  const total = await prisma.auditLog.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await prisma.auditLog.findMany({
    where,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    skip: (current - 1) * HISTORY_PAGE_SIZE,
    take: HISTORY_PAGE_SIZE,
    select: { id: true, at: true, action: true, details: true, actor: { select: { name: true } } },
  });
  return {
    page: current,
    pageCount,
    total,
    rows: rows.map((row) => ({
      id: String(row.id),
      at: row.at,
      action: row.action,
      actorName: row.actor?.name ?? null,
      details: auditDetails(row.details),
      hasActor: row.actor !== null,
    })),
  };
}
