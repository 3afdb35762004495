// The accountability trail (audit_log). Two kinds of rows, two calls:
//
// - A change to data (a row created, updated, deleted) is audited by `writeAudit(tx, …)`
//   inside the SAME transaction as the change: if the audit row cannot be written, the
//   change rolls back, so no change ever lands without its trail. Updates carry
//   `before` and `after` of the fields that changed (`changedFields`).
// - A security event that changes no data (a login, a failed login, a refused request,
//   a rate limit hit) is recorded by `SecurityEvents.record`, best effort: the event
//   has already happened, and failing the user's request because the trail is down
//   would help nobody. Failures are logged by kind.
//
// `details`, `before` and `after` hold ids, codes, statuses and dates — never
// passwords, tokens, e-mail addresses, names or free text a citizen typed.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { errorKind } from '../errors.js';

/** Who changed something, in which request, and when (the app clock's time). */
export interface ChangeContext {
  actorUserId: number | null;
  requestId: string | null;
  now: Date;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | number;
  details?: Prisma.InputJsonObject;
  /** For updates: the changed fields' old and new values (see changedFields). */
  before?: Prisma.InputJsonObject;
  after?: Prisma.InputJsonObject;
}

type AuditClient = Pick<Prisma.TransactionClient, 'auditLog'>;

/** Writes the audit row of a change, in the change's transaction. Throws (and so rolls back) on failure. */
export async function writeAudit(tx: AuditClient, context: ChangeContext, entry: AuditEntry): Promise<void> {
  const details: Prisma.InputJsonObject = {
    ...(entry.details ?? {}),
    ...(entry.before ? { before: entry.before } : {}),
    ...(entry.after ? { after: entry.after } : {}),
  };
  await tx.auditLog.create({
    data: {
      action: entry.action,
      actorUserId: context.actorUserId,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      requestId: context.requestId,
      at: context.now,
      ...(Object.keys(details).length > 0 ? { details } : {}),
    },
  });
}

type AuditValue = string | number | boolean | null;

function auditValue(value: unknown): AuditValue {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

/**
 * The fields (of `fields`) whose values differ between two versions of a row, as
 * `{ before, after }` for an audit entry. Name only fields that hold no personal
 * free text; for those, the audit records that they changed, not what they say.
 */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
  options: { redact?: readonly (keyof T & string)[] } = {},
): { before: Record<string, AuditValue>; after: Record<string, AuditValue> } {
  const out = { before: {} as Record<string, AuditValue>, after: {} as Record<string, AuditValue> };
  for (const field of fields) {
    if (!(field in after)) continue;
    const old = auditValue(before[field]);
    const now = auditValue(after[field]);
    if (old === now) continue;
    const redacted = options.redact?.includes(field);
    out.before[field] = redacted ? '(changed)' : old;
    out.after[field] = redacted ? '(changed)' : now;
  }
  return out;
}

export interface SecurityEvent {
  action: string;
  actorUserId?: number | null;
  targetType?: string;
  targetId?: string | number;
  requestId?: string;
  details?: Prisma.InputJsonObject;
}

/** Events that change no data: logins, refusals, rate limits, honeypot hits. */
export interface SecurityEvents {
  record(event: SecurityEvent): Promise<void>;
}

export function createSecurityEvents(prisma: PrismaClient, logger: Logger): SecurityEvents {
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
      } catch (error) {
        // The kind only: a database error's message can quote the values it choked on.
        logger.error({ errorKind: errorKind(error), action: event.action }, 'could not record security event');
      }
    },
  };
}

/** The context of a change made by an HTTP request: who (if logged in), which request, when. */
export function changeContext(req: { user?: { id: number } | undefined; id?: unknown }, now: Date): ChangeContext {
  return { actorUserId: req.user?.id ?? null, requestId: String(req.id), now };
}
