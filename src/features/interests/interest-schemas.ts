// The "Jeg vil gerne hjælpe" form and the association's status change. Messages are
// locale keys (src/i18n/locales/*/interests.json). Default (strip) objects: fields we
// do not know, e.g. status or openingId, are dropped, never stored.
import { z } from 'zod';
import { InterestStatus } from '../../generated/prisma/enums.js';

export const NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const PHONE_MAX = 40;
/** Long enough to say who you are and why; short enough to stay a message. */
export const MESSAGE_MAX = 2000;

/** Digits with the usual separators and an optional leading +, e.g. "+45 12 34 56 78". */
const PHONE_PATTERN = /^\+?[0-9][0-9 ()./-]{5,}$/;

/** The key for a missing field only; other problems (too long) keep their own message. */
const whenMissing = (key: string) => (issue: { input?: unknown }) => (issue.input === undefined ? key : undefined);

/** The name of the honeypot field: a word bots like to fill in. */
export const HONEYPOT_FIELD = 'website';

/** The one-time key the form carries (see interest-service.ts): 128 bits, base64url. */
const SUBMISSION_KEY_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

export function isSubmissionKey(value: unknown): value is string {
  return typeof value === 'string' && SUBMISSION_KEY_PATTERN.test(value);
}

export const interestSchema = z.object({
  name: z
    .string({ error: whenMissing('interests.form.errors.nameRequired') })
    .trim()
    .min(1, { error: 'interests.form.errors.nameRequired' })
    .max(NAME_MAX),
  email: z
    .string({ error: whenMissing('interests.form.errors.emailRequired') })
    .trim()
    .min(1, { error: 'interests.form.errors.emailRequired' })
    .max(EMAIL_MAX)
    .pipe(z.email({ error: 'interests.form.errors.emailInvalid' })),
  phone: z
    .string()
    .trim()
    .max(PHONE_MAX)
    .refine((value) => value === '' || PHONE_PATTERN.test(value), { error: 'interests.form.errors.phoneInvalid' })
    .transform((value) => (value === '' ? null : value))
    .optional()
    .transform((value) => value ?? null),
  message: z
    .string()
    .trim()
    .max(MESSAGE_MAX)
    .optional()
    .transform((value) => value ?? ''),
  consent: z.literal('ja', { error: 'interests.form.errors.consentRequired' }),
});

export type InterestForm = z.output<typeof interestSchema>;

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
