// Members keep their association's profile current. Only profile columns change; the
// status is the municipality's to set — except that saving a rejected profile sends
// it back for a new review (the rejection told them what to fix). Two members may
// edit at once: the update matches the version the form was opened at, and the
// second save gets a conflict instead of silently overwriting (QUALITY R5).
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { ProfileForm } from './association-schemas.js';
import { profileData } from './registration-service.js';

export type ProfileUpdateOutcome =
  | { ok: true; resubmitted: boolean; association: { id: number; name: string } }
  | { ok: false; reason: 'not-found' | 'conflict'; currentVersion?: number };

export function createProfileService(prisma: PrismaClient) {
  return {
    async forEdit(associationId: number) {
      return prisma.association.findUnique({
        where: { id: associationId },
        select: {
          id: true,
          slug: true,
          name: true,
          status: true,
          rejectionReason: true,
          organisationType: true,
          description: true,
          contactName: true,
          email: true,
          phone: true,
          websiteUrl: true,
          cvr: true,
          localAreaId: true,
          version: true,
          fieldsOfWork: { select: { id: true } },
        },
      });
    },

    async update(
      associationId: number,
      form: ProfileForm,
      meta: { actorUserId: number; requestId: string; now: Date },
    ): Promise<ProfileUpdateOutcome> {
      return prisma.$transaction(async (tx) => {
        const current = await tx.association.findUnique({ where: { id: associationId }, select: { status: true, version: true } });
        if (!current) return { ok: false, reason: 'not-found' } as const;
        const resubmitted = current.status === 'REJECTED';
        const updated = await tx.association.updateMany({
          where: { id: associationId, version: form.version },
          data: {
            ...profileData(form),
            version: { increment: 1 },
            ...(resubmitted ? { status: 'PENDING' as const, rejectionReason: null } : {}),
          },
        });
        if (updated.count === 0) return { ok: false, reason: 'conflict', currentVersion: current.version } as const;
        const association = await tx.association.update({
          where: { id: associationId },
          data: { fieldsOfWork: { set: form.fieldsOfWork.map((id) => ({ id })) } },
          select: { id: true, name: true },
        });
        await tx.auditLog.create({
          data: {
            action: resubmitted ? 'association.profile.resubmitted' : 'association.profile.updated',
            actorUserId: meta.actorUserId,
            targetType: 'association',
            targetId: String(associationId),
            requestId: meta.requestId,
            at: meta.now,
            details: { version: form.version + 1 },
          },
        });
        return { ok: true, resubmitted, association } as const;
      });
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
