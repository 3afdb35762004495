// Citizens' interests in openings: creating one (once per form), withdrawing it, and
// the association's view and status changes. Personal data lives only in the
// `interests` table; callers audit ids, never names or messages.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { InterestStatus } from '../../generated/prisma/enums.js';
import type { InterestForm } from './interest-schemas.js';
import { hashWithdrawalToken, newWithdrawalToken } from './withdrawal-token.js';

/**
 * Which consent text the citizen saw. Bump the version when the consent text in the
 * locale files changes meaning; the language is part of it, because the Danish and
 * English texts are separate texts the citizen may have read.
 */
export const CONSENT_TEXT_VERSION = 'interest-consent-v1';

export type CreateInterestOutcome =
  /** A new interest; `token` is the withdrawal secret, to be e-mailed and then forgotten. */
  | { ok: true; created: true; interestId: number; token: string }
  /** The same form (submission key) was sent before: nothing new was stored. */
  | { ok: true; created: false; interestId: number; openingId: number };

export interface NewInterest extends InterestForm {
  openingId: number;
  submissionKey: string;
  lang: string;
  now: Date;
}

export interface InterestListFilter {
  status?: InterestStatus;
  openingId?: number;
  page?: number;
}

export const INTERESTS_PAGE_SIZE = 50;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export function createInterestService(prisma: PrismaClient) {
  const findBySubmissionKey = (submissionKey: string) =>
    prisma.interest.findUnique({ where: { submissionKey }, select: { id: true, openingId: true } });

  return {
    /**
     * Stores the interest unless this form was already sent (double click, resend
     * after a slow answer): the submission key is UNIQUE, so two posts of one form
     * make one row even when they race (QUALITY R6).
     */
    async create(input: NewInterest): Promise<CreateInterestOutcome> {
      const earlier = await findBySubmissionKey(input.submissionKey);
      if (earlier) return { ok: true, created: false, interestId: earlier.id, openingId: earlier.openingId };
      const { token, hash } = newWithdrawalToken();
      try {
        const row = await prisma.interest.create({
          data: {
            openingId: input.openingId,
            name: input.name,
            email: input.email,
            phone: input.phone,
            message: input.message,
            consentedAt: input.now,
            consentVersion: `${CONSENT_TEXT_VERSION}-${input.lang}`,
            withdrawalTokenHash: hash,
            submissionKey: input.submissionKey,
            createdAt: input.now,
          },
          select: { id: true },
        });
        return { ok: true, created: true, interestId: row.id, token };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const winner = await findBySubmissionKey(input.submissionKey);
        if (!winner) throw error;
        return { ok: true, created: false, interestId: winner.id, openingId: winner.openingId };
      }
    },

    /** What the withdrawal page may show about an interest: only the opening. */
    async findByToken(token: string) {
      return prisma.interest.findUnique({
        where: { withdrawalTokenHash: hashWithdrawalToken(token) },
        select: {
          id: true,
          createdAt: true,
          opening: { select: { id: true, title: true, association: { select: { name: true } } } },
        },
      });
    },

    /** Hard delete (the citizen's right to erasure). Null when there was nothing to delete. */
    async withdraw(token: string): Promise<{ interestId: number; openingId: number } | null> {
      const hash = hashWithdrawalToken(token);
      return prisma.$transaction(async (tx) => {
        const row = await tx.interest.findUnique({ where: { withdrawalTokenHash: hash }, select: { id: true, openingId: true } });
        if (!row) return null;
        const { count } = await tx.interest.deleteMany({ where: { id: row.id } });
        return count === 1 ? { interestId: row.id, openingId: row.openingId } : null;
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
     * row, so nothing changes and the caller answers 404.
     */
    async changeStatus(associationId: number, interestId: number, status: InterestStatus, now: Date) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.interest.findFirst({
          where: { id: interestId, opening: { associationId } },
          select: { id: true, status: true, openingId: true },
        });
        if (!row) return null;
        await tx.interest.update({ where: { id: row.id }, data: { status, statusChangedAt: now } });
        return { interestId: row.id, openingId: row.openingId, from: row.status, to: status };
      });
    },
  };
}

export type InterestService = ReturnType<typeof createInterestService>;
