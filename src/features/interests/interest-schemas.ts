// The association's interests list: its filters and the status change. Messages are
// locale keys (src/i18n/locales/*/interests.json).
import { z } from 'zod';
import { InterestStatus } from '../../generated/prisma/enums.js';

export const INTEREST_STATUSES = Object.values(InterestStatus);

export const statusChangeSchema = z.object({
  status: z.enum(InterestStatus, { error: 'interests.manage.errors.statusInvalid' }),
});

/** The interests list's filters (query string); unknown values simply do not filter. */
export const interestFilterSchema = z.object({
  status: z.enum(InterestStatus).optional().catch(undefined),
  opgave: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
