// GDPR storage limitation for citizens' interests: an interest is deleted once it is
// older than the municipality's retention period (municipality_settings.
// interest_retention_months, 12 by default; read by readRetention, the settings' one reader). Run daily by the job worker; safe to run
// any number of times. Months are calendar months in UTC: "12 months before 31 March"
// is 31 March a year earlier, "1 month before 31 March" is 28/29 February.
import type { Prisma } from '../generated/prisma/client.js';
import type { Clock } from '../clock.js';
import { readRetention } from '../features/municipality/settings-service.js';
import { monthsBefore } from '../time/calendar-months.js';

/** Deletes interests older than the retention period; returns how many were deleted. */
export async function deleteExpiredInterests(
  db: Prisma.TransactionClient,
  clock: Clock,
  settings?: { interestRetentionMonths?: number },
): Promise<number> {
  const months = settings?.interestRetentionMonths ?? (await readRetention(db)).interestMonths;
  // A misconfigured 0 or negative period would delete everything at once.
  if (!Number.isInteger(months) || months < 1) throw new Error(`Invalid interest retention period: ${months} months`);
  const cutoff = monthsBefore(clock.now(), months);
  const { count } = await db.interest.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
