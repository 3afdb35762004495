// Registering an association with its first member: one transaction makes the user
// (unless they are already logged in), the association (pending approval, with a
// unique slug), the membership, the audit rows and the e-mails (receipt, notice to
// the municipality), so a failure leaves nothing half made and nothing sent.
import { isUniqueViolation } from '../../db/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { type PrismaClient } from '../../generated/prisma/client.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { hashPassword } from '../auth/password.js';
import type { RegistrationForm } from './association-schemas.js';
import { firstFreeSlug, slugify } from './slug.js';

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

export interface Registered {
  association: { id: number; slug: string; name: string };
  user: AuthenticatedUser;
}

export type RegistrationOutcome = ({ ok: true } & Registered) | { ok: false; reason: 'email-taken' };

/** The profile columns a form sets; never status, slug or version (mass assignment). */
export function profileData(form: Omit<RegistrationForm, 'consent'>) {
  return {
    name: form.name,
    organisationType: form.organisationType,
    description: form.description,
    contactName: form.contactName,
    email: form.email ?? null,
    phone: form.phone ?? null,
    websiteUrl: form.websiteUrl ?? null,
    cvr: form.cvr ?? null,
    localAreaId: form.localAreaId ?? null,
  };
}

/** A free slug for a name: the slugified name, or with -2, -3, ... after it. */
export async function freeSlugFor(db: Prisma.TransactionClient | PrismaClient, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await db.association.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
  return firstFreeSlug(base, new Set(taken.map((row) => row.slug)));
}

export function createRegistrationService(prisma: PrismaClient) {
  return {
    /**
     * `account` for a new user, or `existingUser` when a logged-in user registers
     * another association. Retries when two registrations race for the same slug or
     * e-mail (the unique constraints decide; the retry then sees the winner). The
     * actor in the trail is the applicant (for a new account, the user just made).
     * `mail` gives the e-mails the registration causes; they are queued in the
     * registration's transaction.
     */
    async register(
      form: RegistrationForm,
      who: { account: NewAccount } | { existingUser: AuthenticatedUser },
      context: ChangeContext,
      mail?: (registered: Registered) => MailMessage[],
    ): Promise<RegistrationOutcome> {
      const passwordHash = 'account' in who ? await hashPassword(who.account.password) : undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          return await prisma.$transaction(async (tx) => {
            let user: AuthenticatedUser;
            if ('account' in who) {
              if ((await tx.user.count({ where: { email: who.account.email } })) > 0) return { ok: false, reason: 'email-taken' } as const;
              const created = await tx.user.create({
                data: {
                  email: who.account.email,
                  name: who.account.name,
                  role: 'ASSOCIATION_MEMBER',
                  passwordHash: passwordHash!,
                  passwordChangedAt: context.now,
                },
              });
              user = { id: created.id, email: created.email, name: created.name, role: created.role, associationIds: [] };
              await writeAudit(
                tx,
                { ...context, actorUserId: created.id },
                { action: 'user.registered', targetType: 'user', targetId: created.id },
              );
            } else {
              user = who.existingUser;
            }
            const association = await tx.association.create({
              data: {
                ...profileData(form),
                slug: await freeSlugFor(tx, form.name),
                status: 'PENDING',
                fieldsOfWork: { connect: form.fieldsOfWork.map((id) => ({ id })) },
                members: { create: { userId: user.id } },
              },
              select: { id: true, slug: true, name: true },
            });
            await writeAudit(
              tx,
              { ...context, actorUserId: user.id },
              {
                action: 'association.registered',
                targetType: 'association',
                targetId: association.id,
                // What the applicant agreed to, and when (the consent to publish).
                details: { consentToPublish: true },
              },
            );
            const registered: Registered = { association, user: { ...user, associationIds: [...user.associationIds, association.id] } };
            if (mail) await queueMail(tx, mail(registered));
            return { ok: true, ...registered } as const;
          });
        } catch (error) {
          if (isUniqueViolation(error) && attempt < 3) continue;
          throw error;
        }
      }
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
