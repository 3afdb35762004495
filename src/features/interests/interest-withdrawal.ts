// Withdrawing an interest, the one way: the row is deleted for good (the citizen's
// right to erasure) and the deletion audited by ids only, in the caller's
// transaction. Used by the receipt e-mail's withdrawal link (InterestService.withdraw)
// and by "Mine data" (src/features/data-rights/), so both leave the same trail.
import type { Prisma } from '../../generated/prisma/client.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';

type WithdrawalClient = Pick<Prisma.TransactionClient, 'interest' | 'auditLog'>;

/** Deletes the interest if it is still there; answers whether it was. */
export async function deleteInterestAudited(
  tx: WithdrawalClient,
  row: { id: number; openingId: number },
  context: ChangeContext,
): Promise<boolean> {
  const { count } = await tx.interest.deleteMany({ where: { id: row.id } });
  if (count !== 1) return false;
  // Ids only: the interest row and the personal data in it are gone.
  await writeAudit(tx, context, {
    action: 'interest.withdrawn',
    targetType: 'interest',
    targetId: row.id,
    details: { openingId: row.openingId },
  });
  return true;
}
