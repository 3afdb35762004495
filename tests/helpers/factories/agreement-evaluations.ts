// Evaluations of agreements at any point: an evaluation at a review date (open, or
// already decided), and a party's answer to it. Written straight to the database, so
// a test can start from any state; the flow itself is tested through the pages.
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { AgreementDecision } from '../../../src/generated/prisma/enums.js';
import { DEFAULT_CHECKLIST } from '../../../src/features/agreement-template/default-template.js';
import type { ChecklistAnswers, ChecklistRating } from '../../../src/features/agreements/evaluation-checklist.js';

const day = (value: Date | string) => (value instanceof Date ? value : new Date(`${value}T00:00:00.000Z`));

export async function anEvaluation(
  prisma: PrismaClient,
  agreementId: number,
  options: { reviewDate?: Date | string; decision?: AgreementDecision | null; openedAt?: Date } = {},
) {
  return prisma.agreementEvaluation.create({
    data: {
      agreementId,
      reviewDate: day(options.reviewDate ?? '2026-12-01'),
      openedAt: options.openedAt ?? new Date('2026-11-20T10:00:00.000Z'),
      decision: options.decision ?? null,
      decidedAt: options.decision ? new Date('2026-11-21T10:00:00.000Z') : null,
    },
  });
}

/** A checklist of the standard template with the same rating (or per key) for every item. */
export function aChecklist(rating: ChecklistRating | null | Record<string, ChecklistRating | null>): ChecklistAnswers {
  return Object.fromEntries(
    DEFAULT_CHECKLIST.map((item) => [
      item.key,
      { rating: rating !== null && typeof rating === 'object' ? (rating[item.key] ?? null) : rating, howItWent: '', toChange: '' },
    ]),
  );
}

export async function anEvaluationAnswer(
  prisma: PrismaClient,
  evaluationId: number,
  partyId: number,
  options: { checklist?: ChecklistAnswers; answeredById?: number | null; outcomes?: string } = {},
) {
  return prisma.agreementEvaluationAnswer.create({
    data: {
      evaluationId,
      partyId,
      checklist: JSON.parse(JSON.stringify(options.checklist ?? aChecklist(3))) as object,
      outcomes: options.outcomes ?? '',
      answeredById: options.answeredById ?? null,
      answeredAt: new Date('2026-11-21T09:00:00.000Z'),
    },
  });
}
