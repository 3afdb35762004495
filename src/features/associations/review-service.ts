// Staff review of registered associations: approve (it becomes public) or reject with
// a reason the applicant sees. Only a pending association can be decided, and only
// at the version the reviewer looked at: if a colleague decided first, or the
// association changed its profile meanwhile, the reviewer gets a conflict and looks
// again (optimistic locking on the association's version). The decision, its audit
// row and the e-mails to the members are one transaction.
import { PROFILE_SELECT } from './association-fields.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { changedFields, writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import type { AssociationStatus } from '../../generated/prisma/enums.js';

const RECENT_DECISIONS = 20;

export type Decision = { kind: 'approve' } | { kind: 'reject'; reason: string };

export interface Decided {
  association: { id: number; name: string; slug: string };
  /** The active members, who are told of the decision. */
  memberEmails: string[];
}

export type DecisionOutcome = ({ ok: true } & Decided) | { ok: false; reason: 'not-found' | 'conflict' };

/**
 * After approval, staff may suspend (temporarily) or archive (for good, but
 * reversible) an association, and reinstate it. Both hide it and its openings and
 * activities from the public (the public rules require APPROVED); its members keep
 * their area. A suspended association may also be archived (a suspension that became
 * permanent) without being reinstated first.
 */
export type StatusChange =
  { kind: 'suspend'; reason: string } | { kind: 'archive'; reason: string } | { kind: 'reinstate'; note: string | null };

const STATUS_CHANGES = {
  suspend: { from: ['APPROVED'], to: 'SUSPENDED', action: 'association.suspended' },
  archive: { from: ['APPROVED', 'SUSPENDED'], to: 'ARCHIVED', action: 'association.archived' },
  reinstate: { from: ['SUSPENDED', 'ARCHIVED'], to: 'APPROVED', action: 'association.reinstated' },
} as const satisfies Record<StatusChange['kind'], { from: readonly AssociationStatus[]; to: AssociationStatus; action: string }>;

/** Whether `change` may be made to an association in `status` (the staff page shows only these forms). */
export function canChangeStatus(status: AssociationStatus, change: StatusChange['kind']): boolean {
  return (STATUS_CHANGES[change].from as readonly AssociationStatus[]).includes(status);
}

export type StatusChangeOutcome =
  | ({ ok: true } & Decided)
  | { ok: false; reason: 'not-found' | 'conflict' }
  /** The association is not in a status this change applies to (e.g. suspending a pending one). */
  | { ok: false; reason: 'not-allowed'; status: AssociationStatus };

export function createReviewService(prisma: PrismaClient) {
  return {
    async overview() {
      const [pending, decided, inactive] = await Promise.all([
        prisma.association.findMany({
          where: { status: 'PENDING' },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true, name: true, organisationType: true, createdAt: true },
        }),
        prisma.association.findMany({
          where: { status: { in: ['APPROVED', 'REJECTED'] } },
          orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
          take: RECENT_DECISIONS,
          select: { id: true, name: true, status: true, updatedAt: true, approvedAt: true },
        }),
        // All of them, however long ago: staff come here to reinstate one.
        prisma.association.findMany({
          where: { status: { in: ['SUSPENDED', 'ARCHIVED'] } },
          orderBy: [{ statusChangedAt: 'desc' }, { id: 'desc' }],
          select: { id: true, name: true, status: true, statusChangedAt: true, updatedAt: true },
        }),
      ]);
      return { pending, decided, inactive };
    },

    async detail(id: number) {
      return prisma.association.findUnique({
        where: { id },
        select: {
          ...PROFILE_SELECT,
          id: true,
          slug: true,
          status: true,
          rejectionReason: true,
          statusReason: true,
          statusChangedAt: true,
          approvedAt: true,
          createdAt: true,
          updatedAt: true,
          version: true,
          localArea: { select: { nameDa: true, nameEn: true } },
          fieldsOfWork: { select: { nameDa: true, nameEn: true }, orderBy: { sortOrder: 'asc' } },
          members: { orderBy: { createdAt: 'asc' }, select: { createdAt: true, user: { select: { name: true, email: true } } } },
        },
      });
    },

    /** Decides a pending association seen at `version`; `mail` gives the e-mails to its members, queued in the transaction. */
    async decide(
      id: number,
      version: number,
      decision: Decision,
      context: ChangeContext,
      mail?: (decided: Decided) => MailMessage[],
    ): Promise<DecisionOutcome> {
      return prisma.$transaction(async (tx) => {
        const current = await tx.association.findUnique({
          where: { id },
          select: { status: true, approvedAt: true, rejectionReason: true },
        });
        if (!current) return { ok: false, reason: 'not-found' } as const;
        const data =
          decision.kind === 'approve'
            ? { status: 'APPROVED' as const, approvedAt: context.now, rejectionReason: null }
            : { status: 'REJECTED' as const, approvedAt: null, rejectionReason: decision.reason };
        const updated = await tx.association.updateMany({
          where: { id, version, status: 'PENDING' },
          data: { ...data, version: { increment: 1 } },
        });
        if (updated.count === 0) return { ok: false, reason: 'conflict' } as const;
        // The reason is in the row (and in the e-mail); the trail says only that it changed.
        await writeAudit(tx, context, {
          action: decision.kind === 'approve' ? 'association.approved' : 'association.rejected',
          targetType: 'association',
          targetId: id,
          ...changedFields(current, data, ['status', 'approvedAt', 'rejectionReason'], { redact: ['rejectionReason'] }),
        });
        const decided = await decidedOf(tx, id);
        if (mail) await queueMail(tx, mail(decided));
        return { ok: true, ...decided } as const;
      });
    },

    /**
     * Suspends, archives or reinstates the association seen at `version`. A stale
     * version is a conflict (someone changed it meanwhile); a status the change does
     * not apply to is 'not-allowed'. The change, its audit row (with staff's reason:
     * their text, not personal data) and the e-mails to the members are one transaction.
     */
    async changeStatus(
      id: number,
      version: number,
      change: StatusChange,
      context: ChangeContext,
      mail?: (decided: Decided) => MailMessage[],
    ): Promise<StatusChangeOutcome> {
      const rule = STATUS_CHANGES[change.kind];
      return prisma.$transaction(async (tx) => {
        const current = await tx.association.findUnique({ where: { id }, select: { status: true, version: true, statusReason: true } });
        if (!current) return { ok: false, reason: 'not-found' } as const;
        if (current.version !== version) return { ok: false, reason: 'conflict' } as const;
        if (!canChangeStatus(current.status, change.kind)) return { ok: false, reason: 'not-allowed', status: current.status } as const;
        const data = {
          status: rule.to,
          // The reason is shown to the members while it lasts; reinstating clears it.
          statusReason: change.kind === 'reinstate' ? null : change.reason,
          statusChangedAt: context.now,
        };
        // Matching on version and status again: of two changes of the same version, one wins.
        const updated = await tx.association.updateMany({
          where: { id, version, status: { in: [...rule.from] } },
          data: { ...data, version: { increment: 1 } },
        });
        if (updated.count === 0) return { ok: false, reason: 'conflict' } as const;
        await writeAudit(tx, context, {
          action: rule.action,
          targetType: 'association',
          targetId: id,
          details: change.kind === 'reinstate' ? (change.note ? { note: change.note } : {}) : { reason: change.reason },
          ...changedFields({ status: current.status }, { status: data.status }, ['status']),
        });
        const decided = await decidedOf(tx, id);
        if (mail) await queueMail(tx, mail(decided));
        return { ok: true, ...decided } as const;
      });
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;

/** The association a decision or status change is about, and whom to e-mail: its active members. */
async function decidedOf(tx: Prisma.TransactionClient, id: number): Promise<Decided> {
  const association = await tx.association.findUniqueOrThrow({
    where: { id },
    select: { id: true, name: true, slug: true, members: { select: { user: { select: { email: true, active: true } } } } },
  });
  return {
    association: { id: association.id, name: association.name, slug: association.slug },
    memberEmails: association.members.filter((m) => m.user.active).map((m) => m.user.email),
  };
}
