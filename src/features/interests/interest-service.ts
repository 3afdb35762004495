// Citizens' interests in openings: creating one (once per form), withdrawing it, and
// the association's view and status changes. Personal data lives only in the
// `interests` table; the audit rows written here hold ids and statuses, never names,
// addresses or messages.
//
// Every change writes its audit row in its own transaction (a change never lands
// without its trail), and a new interest queues its e-mails there too (src/mail/
// outbox.ts): a stored interest always has its receipt and notification on the way,
// a rolled-back one never sends anything.
import { isUniqueViolation } from '../../db/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { type PrismaClient } from '../../generated/prisma/client.js';
import type { InterestStatus } from '../../generated/prisma/enums.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import { publicOpeningWhere } from '../openings/visibility.js';
import { associationRecipients } from './interest-mail.js';
import { readRetention, type RetentionPeriods } from '../municipality/settings-service.js';
import { hashSecretToken, newSecretToken } from '../../security/secret-token.js';
import { deleteInterestAudited } from './interest-withdrawal.js';

/**
 * Which consent text the citizen saw. Bump the version when the consent text in the
 * locale files changes meaning; the language is part of it, because the Danish and
 * English texts are separate texts the citizen may have read.
 */
export const CONSENT_TEXT_VERSION = 'interest-consent-v1';

export interface NewInterest {
  openingId: number;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  /** The form's one-time key: the same form posted twice makes one interest. */
  submissionKey: string;
  /** The language the citizen read the consent text in. */
  lang: string;
}

/** What the e-mails about a new interest need beyond what the citizen typed. */
export interface CreatedInterest {
  interestId: number;
  /** The withdrawal secret: goes into the receipt e-mail and is then forgotten. */
  token: string;
  /** Who at the association is told (see associationRecipients). */
  associationRecipients: string[];
  retentionMonths: number;
}

/**
 * An interest the same address already has in the opening (#10): its receipt is sent
 * again with what was stored then, and a new withdrawal secret (only the hash of the
 * old one is stored, so the old link is replaced).
 */
export interface EarlierInterest {
  interestId: number;
  token: string;
  createdAt: Date;
  citizen: { name: string; email: string; phone: string | null; message: string };
  retentionMonths: number;
}

export type CreateInterestOutcome =
  /** A new interest, audited, its e-mails queued. */
  | { ok: true; created: true; interestId: number }
  /** The address already had an interest here: nothing new stored, the receipt queued again. */
  | { ok: true; created: false; resent: true; interestId: number; openingId: number }
  /** The same form (submission key) was sent before: nothing new was stored or sent. */
  | { ok: true; created: false; interestId: number; openingId: number }
  /** The opening is not (or no longer) public. */
  | { ok: false; reason: 'not-found' };

export type WithdrawOutcome = { ok: true; interestId: number; openingId: number } | { ok: false; reason: 'not-found' };

export type StatusChangeOutcome =
  { ok: true; interestId: number; openingId: number; from: InterestStatus; to: InterestStatus } | { ok: false; reason: 'not-found' };

export interface InterestListFilter {
  status?: InterestStatus;
  openingId?: number;
  page?: number;
}

export const INTERESTS_PAGE_SIZE = 50;

export interface InterestServiceOptions {
  /**
   * The periods the form states; the settings service's cached reader in the app
   * (src/services.ts), so a view of an opening does not read them each time.
   */
  shownRetention?: () => Promise<RetentionPeriods>;
}

export function createInterestService(prisma: PrismaClient, options: InterestServiceOptions = {}) {
  const shownRetention = options.shownRetention ?? (() => readRetention(prisma));
  const findBySubmissionKey = (submissionKey: string) =>
    prisma.interest.findUnique({ where: { submissionKey }, select: { id: true, openingId: true } });

  return {
    /** How long interests are kept (the consent text says so). */
    async retentionMonths(): Promise<number> {
      return (await shownRetention()).interestMonths;
    },

    /**
     * Stores the interest unless this form was already sent (double click, resend
     * after a slow answer): the submission key is UNIQUE, so two posts of one form
     * make one row even when they race. With the row: its audit row (ids only) and
     * the e-mails `mail` builds, all in one transaction.
     *
     * When the same address (case and spaces aside) already has an interest in the
     * opening, no second row is made and the association is not told twice: the
     * withdrawal secret is renewed and `resend` builds the receipt again, to that
     * address only. The caller answers exactly as for a new interest, so whoever typed
     * the address learns nothing about its owner.
     */
    async create(
      input: NewInterest,
      context: ChangeContext,
      mail?: (created: CreatedInterest) => MailMessage | MailMessage[],
      resend?: (earlier: EarlierInterest) => MailMessage,
    ): Promise<CreateInterestOutcome> {
      const earlier = await findBySubmissionKey(input.submissionKey);
      if (earlier) return { ok: true, created: false, interestId: earlier.id, openingId: earlier.openingId };
      const { token, tokenHash: hash } = newSecretToken();
      try {
        return await prisma.$transaction(async (tx): Promise<CreateInterestOutcome> => {
          const opening = await tx.opening.findFirst({
            where: { id: input.openingId, ...publicOpeningWhere(context.now) },
            select: { id: true, associationId: true, contactEmail: true, association: { select: { email: true } } },
          });
          if (!opening) return { ok: false, reason: 'not-found' };
          const same = await tx.interest.findFirst({
            where: { openingId: opening.id, email: { equals: input.email.trim(), mode: 'insensitive' } },
            orderBy: { createdAt: 'asc' },
            select: { id: true, createdAt: true, name: true, email: true, phone: true, message: true },
          });
          if (same) {
            await tx.interest.update({ where: { id: same.id }, data: { withdrawalTokenHash: hash } });
            await writeAudit(tx, context, {
              action: 'interest.receipt.resent',
              targetType: 'interest',
              targetId: same.id,
              details: { openingId: opening.id, associationId: opening.associationId },
            });
            if (resend) {
              const retentionMonths = (await readRetention(tx)).interestMonths;
              const { id, createdAt, ...citizen } = same;
              await queueMail(tx, resend({ interestId: id, token, createdAt, citizen, retentionMonths }));
            }
            return { ok: true, created: false, resent: true, interestId: same.id, openingId: opening.id };
          }
          const row = await tx.interest.create({
            data: {
              openingId: opening.id,
              name: input.name,
              email: input.email,
              phone: input.phone,
              message: input.message,
              consentedAt: context.now,
              consentVersion: `${CONSENT_TEXT_VERSION}-${input.lang}`,
              withdrawalTokenHash: hash,
              submissionKey: input.submissionKey,
              createdAt: context.now,
            },
            select: { id: true },
          });
          await writeAudit(tx, context, {
            action: 'interest.created',
            targetType: 'interest',
            targetId: row.id,
            details: { openingId: opening.id, associationId: opening.associationId },
          });
          if (mail) {
            const members = await tx.associationMember.findMany({
              where: { associationId: opening.associationId, user: { active: true } },
              select: { user: { select: { email: true } } },
            });
            const recipients = associationRecipients(
              opening.association.email ?? opening.contactEmail,
              members.map((member) => member.user.email),
            );
            const retentionMonths = (await readRetention(tx)).interestMonths;
            await queueMail(tx, mail({ interestId: row.id, token, associationRecipients: recipients, retentionMonths }));
          }
          return { ok: true, created: true, interestId: row.id };
        });
      } catch (error) {
        // Another post of the same form won the race (and rolled this one back).
        if (!isUniqueViolation(error)) throw error;
        const winner = await findBySubmissionKey(input.submissionKey);
        if (!winner) throw error;
        return { ok: true, created: false, interestId: winner.id, openingId: winner.openingId };
      }
    },

    /** What the withdrawal page may show about an interest: only the opening. */
    async findByToken(token: string) {
      return prisma.interest.findUnique({
        where: { withdrawalTokenHash: hashSecretToken(token) },
        select: {
          id: true,
          createdAt: true,
          opening: { select: { id: true, title: true, association: { select: { name: true } } } },
        },
      });
    },

    /** Hard delete (the citizen's right to erasure), audited by ids only. */
    async withdraw(token: string, context: ChangeContext): Promise<WithdrawOutcome> {
      const hash = hashSecretToken(token);
      return prisma.$transaction(async (tx): Promise<WithdrawOutcome> => {
        const row = await tx.interest.findUnique({ where: { withdrawalTokenHash: hash }, select: { id: true, openingId: true } });
        if (!row) return { ok: false, reason: 'not-found' };
        if (!(await deleteInterestAudited(tx, row, context))) return { ok: false, reason: 'not-found' };
        return { ok: true, interestId: row.id, openingId: row.openingId };
      });
    },

    /** Every interest in the association's openings, newest first, for its own download (CSV). */
    async exportForAssociation(associationId: number) {
      return prisma.interest.findMany({
        where: { opening: { associationId } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: {
          name: true,
          email: true,
          phone: true,
          message: true,
          status: true,
          createdAt: true,
          opening: { select: { title: true } },
        },
      });
    },

    /** The association's interests, newest first; every query scoped by the association. */
    async listForAssociation(associationId: number, filter: InterestListFilter) {
      const where: Prisma.InterestWhereInput = {
        opening: { associationId },
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.openingId ? { openingId: filter.openingId } : {}),
      };
      const page = filter.page ?? 1;
      const [total, interests, openings] = await Promise.all([
        prisma.interest.count({ where }),
        prisma.interest.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          skip: (page - 1) * INTERESTS_PAGE_SIZE,
          take: INTERESTS_PAGE_SIZE,
          select: {
            id: true,
            name: true,
            email: true,
            phone: true,
            message: true,
            status: true,
            statusChangedAt: true,
            createdAt: true,
            opening: { select: { id: true, title: true } },
          },
        }),
        // For the filter: this association's openings that have interests.
        prisma.opening.findMany({
          where: { associationId, interests: { some: {} } },
          orderBy: { title: 'asc' },
          select: { id: true, title: true },
        }),
      ]);
      return { total, interests, openings, page, pageCount: Math.max(1, Math.ceil(total / INTERESTS_PAGE_SIZE)) };
    },

    /**
     * Sets the status of an interest in one of the association's openings. The
     * association is part of the WHERE: another association's interest id matches no
     * row, so nothing changes and the caller answers 404. The audit row carries the
     * status before (`from`) and after (`to`).
     */
    async changeStatus(
      associationId: number,
      interestId: number,
      status: InterestStatus,
      context: ChangeContext,
    ): Promise<StatusChangeOutcome> {
      return prisma.$transaction(async (tx): Promise<StatusChangeOutcome> => {
        const row = await tx.interest.findFirst({
          where: { id: interestId, opening: { associationId } },
          select: { id: true, status: true, openingId: true },
        });
        if (!row) return { ok: false, reason: 'not-found' };
        await tx.interest.update({ where: { id: row.id }, data: { status, statusChangedAt: context.now } });
        await writeAudit(tx, context, {
          action: 'interest.status.changed',
          targetType: 'interest',
          targetId: row.id,
          details: { associationId, openingId: row.openingId, from: row.status, to: status },
        });
        return { ok: true, interestId: row.id, openingId: row.openingId, from: row.status, to: status };
      });
    },
  };
}

export type InterestService = ReturnType<typeof createInterestService>;
