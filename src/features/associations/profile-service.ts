// Members keep their association's profile current. Only profile columns change; the
// status is the municipality's to set — except that saving a rejected profile sends
// it back for a new review (the rejection told them what to fix). Two members may
// edit at once: the update matches the version the form was opened at, and the
// second save gets a conflict instead of silently overwriting what the first saved.
import { PROFILE_SELECT } from './association-fields.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { changedFields, writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import type { ProfileForm } from './association-schemas.js';
import { profileData } from './registration-service.js';

export interface ProfileSaved {
  resubmitted: boolean;
  association: { id: number; name: string };
}

export type ProfileUpdateOutcome = ({ ok: true } & ProfileSaved) | { ok: false; reason: 'not-found' | 'conflict' };

/** Fields the trail shows old and new values of. */
const AUDITED_FIELDS = [
  'name',
  'organisationType',
  'description',
  'contactName',
  'email',
  'phone',
  'websiteUrl',
  'cvr',
  'localAreaId',
  'fieldsOfWork',
  'status',
] as const;
/** Free text and a person's contact details: the trail says they changed, not what they say. */
const REDACTED_FIELDS = ['description', 'contactName', 'email', 'phone'] as const;

const sortedIds = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

export function createProfileService(prisma: PrismaClient) {
  return {
    async forEdit(associationId: number) {
      return prisma.association.findUnique({
        where: { id: associationId },
        select: {
          ...PROFILE_SELECT,
          id: true,
          slug: true,
          status: true,
          rejectionReason: true,
          localAreaId: true,
          version: true,
          fieldsOfWork: { select: { id: true } },
        },
      });
    },

    /**
     * Saves the profile if it is still at `version`. `mail` gives the e-mails the
     * save causes (a resubmission tells the municipality); they are queued in the
     * same transaction.
     */
    async update(
      associationId: number,
      form: ProfileForm,
      version: number,
      context: ChangeContext,
      mail?: (saved: ProfileSaved) => MailMessage[],
    ): Promise<ProfileUpdateOutcome> {
      return prisma.$transaction(async (tx) => {
        const current = await tx.association.findUnique({
          where: { id: associationId },
          select: {
            ...PROFILE_SELECT,
            status: true,
            localAreaId: true,
            fieldsOfWork: { select: { id: true } },
          },
        });
        if (!current) return { ok: false, reason: 'not-found' } as const;
        const resubmitted = current.status === 'REJECTED';
        const data = profileData(form);
        const updated = await tx.association.updateMany({
          where: { id: associationId, version },
          data: {
            ...data,
            version: { increment: 1 },
            ...(resubmitted ? { status: 'PENDING' as const, rejectionReason: null } : {}),
          },
        });
        if (updated.count === 0) return { ok: false, reason: 'conflict' } as const;
        const association = await tx.association.update({
          where: { id: associationId },
          data: { fieldsOfWork: { set: form.fieldsOfWork.map((id) => ({ id })) } },
          select: { id: true, name: true },
        });
        const { before, after } = changedFields(
          { ...current, fieldsOfWork: sortedIds(current.fieldsOfWork.map((f) => f.id)) },
          { ...data, fieldsOfWork: sortedIds(form.fieldsOfWork), ...(resubmitted ? { status: 'PENDING' as const } : {}) },
          AUDITED_FIELDS,
          { redact: REDACTED_FIELDS },
        );
        await writeAudit(tx, context, {
          action: resubmitted ? 'association.profile.resubmitted' : 'association.profile.updated',
          targetType: 'association',
          targetId: associationId,
          details: { version: version + 1 },
          before,
          after,
        });
        const saved: ProfileSaved = { resubmitted, association };
        if (mail) await queueMail(tx, mail(saved));
        return { ok: true, ...saved } as const;
      });
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
