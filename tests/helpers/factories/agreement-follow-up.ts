// Evaluations of an agreement at a review date, decided or still open: what the
// follow-up page and the review reminders look at.
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { AgreementDecision } from '../../../src/generated/prisma/enums.js';

export async function anEvaluation(
  prisma: PrismaClient,
  agreementId: number,
  options: { reviewDate: string; decision?: AgreementDecision | null; at?: Date },
) {
  const at = options.at ?? new Date('2026-06-01T10:00:00.000Z');
  const decision = options.decision === undefined ? 'CONTINUE' : options.decision;
  return prisma.agreementEvaluation.create({
    data: {
      agreementId,
      reviewDate: new Date(`${options.reviewDate}T00:00:00.000Z`),
      openedAt: at,
      decision,
      decidedAt: decision ? at : null,
    },
  });
}
