// Accountability trail (ASVS 16.x): logins, logouts, denied access and, later, every
// change staff make. Writing the trail must never break the user's request, so
// failures are logged and swallowed. `details` holds ids and codes, never passwords,
// tokens or free text a citizen typed.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';

export interface AuditEvent {
  action: string;
  actorUserId?: number | null;
  targetType?: string;
  targetId?: string | number;
  requestId?: string;
  details?: Prisma.InputJsonObject;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
}

export function createAuditLog(prisma: PrismaClient, logger: Logger): AuditLog {
  return {
    async record(event) {
      try {
        await prisma.auditLog.create({
          data: {
            action: event.action,
            actorUserId: event.actorUserId ?? null,
            targetType: event.targetType ?? null,
            targetId: event.targetId === undefined ? null : String(event.targetId),
            requestId: event.requestId ?? null,
            ...(event.details ? { details: event.details } : {}),
          },
        });
      } catch (err) {
        logger.error({ err, action: event.action }, 'could not write audit event');
      }
    },
  };
}
