// Staff review of registered associations: approve (it becomes public) or reject with
// a reason the applicant sees. Only a pending association can be decided, and only
// at the version the reviewer looked at: if a colleague decided first, or the
// association changed its profile meanwhile, the reviewer gets a conflict and looks
// again (optimistic locking, QUALITY R5).
import type { PrismaClient } from '../../generated/prisma/client.js';

const RECENT_DECISIONS = 20;

export type Decision = { kind: 'approve' } | { kind: 'reject'; reason: string };

export type DecisionOutcome =
  | { ok: true; association: { id: number; name: string; slug: string }; memberEmails: string[] }
  | { ok: false; reason: 'not-found' | 'conflict' };

export function createReviewService(prisma: PrismaClient) {
  return {
    async overview() {
      const [pending, decided] = await Promise.all([
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
      ]);
      return { pending, decided };
    },

    async detail(id: number) {
      return prisma.association.findUnique({
        where: { id },
        select: {
          id: true,
          slug: true,
          name: true,
          status: true,
          organisationType: true,
          description: true,
          contactName: true,
          email: true,
          phone: true,
          websiteUrl: true,
          cvr: true,
          rejectionReason: true,
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

    async decide(
      id: number,
      version: number,
      decision: Decision,
      meta: { actorUserId: number; requestId: string; now: Date },
    ): Promise<DecisionOutcome> {
      return prisma.$transaction(async (tx) => {
        const data =
          decision.kind === 'approve'
            ? { status: 'APPROVED' as const, approvedAt: meta.now, rejectionReason: null }
            : { status: 'REJECTED' as const, approvedAt: null, rejectionReason: decision.reason };
        const updated = await tx.association.updateMany({
          where: { id, version, status: 'PENDING' },
          data: { ...data, version: { increment: 1 } },
        });
        if (updated.count === 0) {
          const exists = await tx.association.count({ where: { id } });
          return { ok: false, reason: exists ? 'conflict' : 'not-found' } as const;
        }
        // The reason is in the row; the trail holds only who decided what, and when.
        await tx.auditLog.create({
          data: {
            action: decision.kind === 'approve' ? 'association.approved' : 'association.rejected',
            actorUserId: meta.actorUserId,
            targetType: 'association',
            targetId: String(id),
            requestId: meta.requestId,
            at: meta.now,
          },
        });
        const association = await tx.association.findUniqueOrThrow({
          where: { id },
          select: { id: true, name: true, slug: true, members: { select: { user: { select: { email: true, active: true } } } } },
        });
        return {
          ok: true,
          association: { id: association.id, name: association.name, slug: association.slug },
          memberEmails: association.members.filter((m) => m.user.active).map((m) => m.user.email),
        } as const;
      });
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
