// How long interests are kept: the municipality's setting (GDPR storage limitation),
// 12 months when the portal has no settings row yet. Read where it is needed (consent
// text, the retention job) rather than cached, so an admin's change applies at once.
import type { Prisma } from '../../generated/prisma/client.js';

export const DEFAULT_RETENTION_MONTHS = 12;

export async function interestRetentionMonths(db: Pick<Prisma.TransactionClient, 'municipalitySettings'>): Promise<number> {
  const row = await db.municipalitySettings.findUnique({ where: { id: 1 }, select: { interestRetentionMonths: true } });
  return row?.interestRetentionMonths ?? DEFAULT_RETENTION_MONTHS;
}
