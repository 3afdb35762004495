// Who belongs to an association: the member list, invitations by e-mail link, leaving
// (never the last member), and accepting an invitation. Every query names the
// association it works on, so one association can never touch another's rows by
// guessing ids (IDOR, ASVS 8.2.2). Every change writes its audit row, and queues the
// e-mail it causes, in its own transaction.
import { isUniqueViolation } from '../../db/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { type PrismaClient } from '../../generated/prisma/client.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { hashPassword } from '../auth/password.js';
import { INVITATION_VALID_DAYS } from './invitation-token.js';
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from '../../security/secret-token.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Invited {
  token: string;
  expiresAt: Date;
  association: { id: number; name: string };
}

export type InviteOutcome = ({ ok: true } & Invited) | { ok: false; reason: 'already-member' };

export type RevokeOutcome = { ok: true } | { ok: false; reason: 'not-found' };

export type LeaveOutcome = { ok: true } | { ok: false; reason: 'not-member' | 'last-member' };

export type InvitationLookup =
  { ok: true; invitation: { id: number; email: string; association: { id: number; name: string } } } | { ok: false; reason: 'invalid' };

export type AcceptOutcome = { ok: true; user: AuthenticatedUser } | { ok: false; reason: 'invalid' | 'email-taken' };

/** Membership changes are recorded on the association. */
function audit(
  tx: Prisma.TransactionClient,
  context: ChangeContext,
  action: string,
  associationId: number,
  details: Prisma.InputJsonObject,
) {
  return writeAudit(tx, context, { action, targetType: 'association', targetId: associationId, details });
}

export function createMembershipService(prisma: PrismaClient) {
  /** An invitation that can still be used: known, not used, not expired. */
  async function usableInvitation(token: string, now: Date) {
    if (!isWellFormedSecretToken(token)) return null;
    return prisma.associationInvitation.findFirst({
      where: { tokenHash: hashSecretToken(token), acceptedAt: null, expiresAt: { gt: now } },
      select: { id: true, email: true, association: { select: { id: true, name: true } } },
    });
  }

  /**
   * Marks the invitation used and adds the membership, in the caller's transaction.
   * The update's WHERE makes the token single-use even when two requests race.
   */
  async function consume(tx: Prisma.TransactionClient, invitationId: number, userId: number, now: Date): Promise<number | null> {
    const claimed = await tx.associationInvitation.updateMany({
      where: { id: invitationId, acceptedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) return null;
    const invitation = await tx.associationInvitation.findUniqueOrThrow({ where: { id: invitationId }, select: { associationId: true } });
    await tx.associationMember.upsert({
      where: { associationId_userId: { associationId: invitation.associationId, userId } },
      create: { associationId: invitation.associationId, userId },
      update: {},
    });
    return invitation.associationId;
  }

  return {
    async membersPage(associationId: number, now: Date) {
      const association = await prisma.association.findUnique({
        where: { id: associationId },
        select: {
          id: true,
          name: true,
          status: true,
          members: {
            orderBy: { createdAt: 'asc' },
            select: { createdAt: true, user: { select: { id: true, name: true, email: true } } },
          },
          invitations: {
            where: { acceptedAt: null, expiresAt: { gt: now } },
            orderBy: { createdAt: 'asc' },
            select: { id: true, email: true, expiresAt: true, createdAt: true },
          },
        },
      });
      return association;
    },

    /** Invites `email` (replacing an earlier live link to it); `mail` gives the invitation e-mail, queued in the transaction. */
    async invite(
      associationId: number,
      email: string,
      context: ChangeContext & { actorUserId: number },
      mail?: (invited: Invited) => MailMessage[],
    ): Promise<InviteOutcome> {
      return prisma.$transaction(async (tx) => {
        const association = await tx.association.findUniqueOrThrow({ where: { id: associationId }, select: { id: true, name: true } });
        const alreadyMember = await tx.associationMember.count({ where: { associationId, user: { email } } });
        if (alreadyMember > 0) return { ok: false, reason: 'already-member' } as const;
        // Inviting the same address again replaces the earlier link: one live link per person.
        await tx.associationInvitation.deleteMany({ where: { associationId, email, acceptedAt: null } });
        const { token, tokenHash } = newSecretToken();
        const expiresAt = new Date(context.now.getTime() + INVITATION_VALID_DAYS * DAY_MS);
        const invitation = await tx.associationInvitation.create({
          data: { associationId, email, tokenHash, invitedById: context.actorUserId, expiresAt, createdAt: context.now },
          select: { id: true },
        });
        await audit(tx, context, 'association.member.invited', associationId, { invitationId: invitation.id });
        const invited: Invited = { token, expiresAt, association };
        if (mail) await queueMail(tx, mail(invited));
        return { ok: true, ...invited } as const;
      });
    },

    /** Withdraws a pending invitation of this association (another association's id is not found). */
    async revoke(associationId: number, invitationId: number, context: ChangeContext): Promise<RevokeOutcome> {
      return prisma.$transaction(async (tx) => {
        const removed = await tx.associationInvitation.deleteMany({ where: { id: invitationId, associationId, acceptedAt: null } });
        if (removed.count === 0) return { ok: false, reason: 'not-found' } as const;
        await audit(tx, context, 'association.member.invitationRevoked', associationId, { invitationId });
        return { ok: true } as const;
      });
    },

    /** The user leaves the association; never its last member. */
    async leave(associationId: number, userId: number, context: ChangeContext): Promise<LeaveOutcome> {
      return prisma.$transaction(async (tx) => {
        // Lock the association row: two members leaving at the same moment must not
        // both see "one other member left" and leave it with none.
        await tx.$queryRaw`SELECT id FROM associations WHERE id = ${associationId} FOR UPDATE`;
        const members = await tx.associationMember.findMany({ where: { associationId }, select: { userId: true } });
        if (!members.some((m) => m.userId === userId)) return { ok: false, reason: 'not-member' } as const;
        if (members.length <= 1) return { ok: false, reason: 'last-member' } as const;
        await tx.associationMember.delete({ where: { associationId_userId: { associationId, userId } } });
        await audit(tx, context, 'association.member.left', associationId, { userId });
        return { ok: true } as const;
      });
    },

    lookupInvitation: async (token: string, now: Date): Promise<InvitationLookup> => {
      const invitation = await usableInvitation(token, now);
      return invitation ? { ok: true, invitation } : { ok: false, reason: 'invalid' };
    },

    async userExists(email: string): Promise<boolean> {
      return (await prisma.user.count({ where: { email } })) > 0;
    },

    /** The logged-in invitee (with the invited e-mail) joins. */
    async acceptAsUser(token: string, user: AuthenticatedUser, context: ChangeContext): Promise<AcceptOutcome> {
      const invitation = await usableInvitation(token, context.now);
      if (!invitation || invitation.email !== user.email) return { ok: false, reason: 'invalid' };
      return prisma.$transaction(async (tx) => {
        const associationId = await consume(tx, invitation.id, user.id, context.now);
        if (associationId === null) return { ok: false, reason: 'invalid' } as const;
        await audit(tx, { ...context, actorUserId: user.id }, 'association.member.joined', associationId, { invitationId: invitation.id });
        return { ok: true, user: { ...user, associationIds: [...new Set([...user.associationIds, associationId])] } } as const;
      });
    },

    /** A new person makes their account from the invitation and joins. */
    async acceptWithNewAccount(token: string, account: { name: string; password: string }, context: ChangeContext): Promise<AcceptOutcome> {
      const invitation = await usableInvitation(token, context.now);
      if (!invitation) return { ok: false, reason: 'invalid' };
      const passwordHash = await hashPassword(account.password);
      try {
        return await prisma.$transaction(async (tx) => {
          if ((await tx.user.count({ where: { email: invitation.email } })) > 0) return { ok: false, reason: 'email-taken' } as const;
          const created = await tx.user.create({
            data: { email: invitation.email, name: account.name, role: 'ASSOCIATION_MEMBER', passwordHash, passwordChangedAt: context.now },
          });
          const associationId = await consume(tx, invitation.id, created.id, context.now);
          // Thrown, not returned: the transaction must roll the new user back too.
          if (associationId === null) throw new InvitationUsedError();
          const asNewUser = { ...context, actorUserId: created.id };
          await writeAudit(tx, asNewUser, { action: 'user.registered', targetType: 'user', targetId: created.id });
          await audit(tx, asNewUser, 'association.member.joined', associationId, { invitationId: invitation.id });
          return {
            ok: true,
            user: { id: created.id, email: created.email, name: created.name, role: created.role, associationIds: [associationId] },
          } as const;
        });
      } catch (error) {
        if (error instanceof InvitationUsedError) return { ok: false, reason: 'invalid' };
        // Someone made a user with this e-mail at the same moment.
        if (isUniqueViolation(error)) return { ok: false, reason: 'email-taken' };
        throw error;
      }
    },
  };
}

class InvitationUsedError extends Error {}

export type MembershipService = ReturnType<typeof createMembershipService>;
